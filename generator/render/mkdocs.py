"""MkDocs + Material as the renderer: `mkdocs build --strict` per edition, its log turned into messages."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from . import Rendered

# MkDocs' log lines, e.g. "WARNING -  Doc file 'x.md' contains a link ...". Not --quiet: it hides what --strict counts.
_LOG = re.compile(r"^(WARNING|ERROR)\s+-\s+(.*)$")
# A template error ends MkDocs with a traceback: its innermost template frame and last line say where and what.
_FRAME = re.compile(r'^\s*File "(.+\.html)", line (\d+), in ')
_RAISED = re.compile(r"^([\w.]+): (.+)$")


@dataclass
class MkDocsJob:
    """One `mkdocs build` under way."""

    process: subprocess.Popen[str]

    def finish(self) -> Rendered:
        """Wait for the render and collect its warnings and errors."""
        output, _ = self.process.communicate()
        messages = tuple(m.group(2).strip() for line in output.splitlines() if (m := _LOG.match(line.strip())))
        if self.process.returncode and not messages:
            messages = _traceback(output) or tuple(line for line in output.splitlines() if line.strip())[-5:]
        return Rendered(self.process.returncode == 0, messages)


def _traceback(output: str) -> tuple[str, ...]:
    """'template <file>, line <n>: <error>' for a traceback that passed through a template, else nothing."""
    lines = output.splitlines()
    frames = [m for line in lines if (m := _FRAME.match(line))]
    raised = _RAISED.match(lines[-1].strip()) if lines else None
    if not frames or not raised:
        return ()
    return (f"template {frames[-1].group(1)}, line {frames[-1].group(2)}: {raised.group(2)}",)


class MkDocs:
    """Renders a staged docs tree and mkdocs.yml with MkDocs and Material."""

    def start(self, config_file: Path, epoch: int) -> MkDocsJob:
        """Start `mkdocs build --strict` for one config; editions render in parallel."""
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=str(epoch), PYTHONHASHSEED="0")
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file)]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        return MkDocsJob(process)
