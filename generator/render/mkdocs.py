"""MkDocs + Material as the renderer: `mkdocs build --strict` per edition, its log turned into messages."""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .. import runaway
from ..children import BOOT
from . import Rendered

# MkDocs' log lines, e.g. "WARNING -  Doc file 'x.md' contains a link ...". Not --quiet: it hides what --strict counts.
_LOG = re.compile(r"^(WARNING|ERROR)\s+-\s+(.*)$")
# A template error ends MkDocs with a traceback: its innermost template frame and last line say where and what.
_FRAME = re.compile(r'^\s*File "(.+\.html)", line (\d+), in ')
_PAGE_FAILED = "Error building page "
_RAISED = re.compile(r"^([\w.]+)(?:: (.+))?$")
# A write that failed for want of room, e.g. "OSError: [Errno 28] No space left on device: '/x'" or "... 'a' -> 'b'".
_OSERROR = re.compile(r"\[Errno (\d+)\] ([^:]+?)(?:: '([^']*)'(?: -> '([^']*)')?)?$")
_NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS}


def _drain(stream: IO[str], into: list[str]) -> None:
    # One reader per process from the start: editions render in parallel, and a full pipe would stall its renderer.
    with stream:
        into.extend(stream)


def _unwritable(lines: list[str]) -> str:
    for line in reversed(lines):
        if (m := _OSERROR.search(line.strip())) and int(m.group(1)) in _NO_ROOM:
            return f"{m.group(4) or m.group(3) or '(unknown file)'}: {m.group(2)}"
    return ""


@dataclass
class MkDocsJob:
    """One `mkdocs build` under way, its output read as it comes."""

    process: subprocess.Popen[str]
    reader: threading.Thread
    output: list[str]

    def finish(self) -> Rendered:
        """Wait for the render and collect its warnings and errors."""
        self.process.wait()
        self.reader.join()
        lines = "".join(self.output).splitlines()
        messages = tuple(m.group(2).strip() for line in lines if (m := _LOG.match(line.strip())))
        failed = tuple(m for m in messages if m.startswith(_PAGE_FAILED))
        if self.process.returncode and failed and (traced := _traceback("".join(self.output))):
            # "Error building page 'x.md': ..." names the page, not the template line the traceback names (and
            # says nothing when the exception had no words, as a MemoryError has none).
            messages = tuple(m for m in messages if m not in failed) + traced
        if self.process.returncode and not messages:
            messages = (
                _traceback("".join(self.output))
                or tuple(line for line in lines if line.strip())[-5:]
                or (f"mkdocs stopped with exit code {self.process.returncode} and printed nothing",)
            )
        return Rendered(self.process.returncode == 0, messages, _unwritable(lines) if self.process.returncode else "")

    def stop(self) -> None:
        """End the render if it is still running (the build failed or was interrupted); harmless once finished."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.reader.join(timeout=5)


def watch(process: subprocess.Popen[str]) -> MkDocsJob:
    """A job for a started render, its output read from now on."""
    output: list[str] = []
    reader = threading.Thread(target=_drain, args=(process.stdout, output), daemon=True)
    reader.start()
    return MkDocsJob(process, reader, output)


def _traceback(output: str) -> tuple[str, ...]:
    """'template <file>, line <n>: <error>' for a traceback that passed through a template, else nothing."""
    lines = output.splitlines()
    frames = [m for line in lines if (m := _FRAME.match(line))]
    raised = _RAISED.match(lines[-1].strip()) if lines else None
    if not frames or not raised:
        return ()
    detail = raised.group(2) or raised.group(1)
    if raised.group(1) == "MemoryError":  # the bound render/mkdocs_sandbox.py sets on each page's memory
        detail = runaway.too_much_memory()
    return (f"template {frames[-1].group(1)}, line {frames[-1].group(2)}: {detail}",)


class MkDocs:
    """Renders a staged docs tree and mkdocs.yml with MkDocs and Material."""

    # What its output depends on besides the docs tree and config (the tools' versions are in cache.fingerprint):
    # a renderer with a fingerprint may have its output cached.
    fingerprint = "mkdocs build --strict, SOURCE_DATE_EPOCH, PYTHONHASHSEED=0"

    def start(self, config_file: Path, epoch: int) -> MkDocsJob:
        """Start `mkdocs build --strict` for one config; editions render in parallel."""
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=str(epoch), PYTHONHASHSEED="0")
        command = [sys.executable, "-c", BOOT, str(os.getpid()), "mkdocs"]
        command += ["build", "--strict", "--config-file", str(config_file)]
        return watch(subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env))
