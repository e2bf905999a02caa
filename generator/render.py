"""The swappable rendering step: MkDocs + Material turn a docs tree and mkdocs.yml into HTML."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# MkDocs' log lines, e.g. "WARNING -  Doc file 'x.md' contains a link ...". Not --quiet: it hides what --strict counts.
_LOG = re.compile(r"^(WARNING|ERROR)\s+-\s+(.*)$")


@dataclass(frozen=True)
class Rendered:
    """The outcome of rendering one edition."""

    ok: bool
    messages: tuple[str, ...]


def start(config_file: Path, epoch: int) -> subprocess.Popen[str]:
    """Start `mkdocs build --strict` for one config; editions render in parallel."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=str(epoch), PYTHONHASHSEED="0")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)


def finish(process: subprocess.Popen[str]) -> Rendered:
    """Wait for a render and collect its warnings and errors."""
    output, _ = process.communicate()
    messages = tuple(m.group(2).strip() for line in output.splitlines() if (m := _LOG.match(line.strip())))
    if process.returncode and not messages:
        messages = tuple(line for line in output.splitlines() if line.strip())[-5:]
    return Rendered(process.returncode == 0, messages)
