"""`levelup serve` in a subprocess, for the tests and the latency benchmark: start, read, fetch, stop."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def children(pid: int) -> list[int]:
    """Every live descendant process of pid (Linux /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        kids = [child for child, ppid in parents.items() if ppid == parent]
        found += kids
        frontier += kids
    return found


_IGNORING_SIGINT = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_IGN); os.execv(sys.argv[1], sys.argv[1:])"
)


class Serve:
    """serve on a free port; its output lines are kept, with the time each arrived, as it runs."""

    def __init__(self, root: Path, *args: str, timeout: float = 300, sigint_ignored: bool = False) -> None:
        """sigint_ignored starts serve as a shell script's background job is started: with SIGINT ignored."""
        env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1")
        command = [sys.executable, str(REPO / "build.py"), "serve", "--root", str(root), "--port", "0", *args]
        if sigint_ignored:  # an ignored signal stays ignored across exec
            command = [sys.executable, "-c", _IGNORING_SIGINT, *command]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.lines: list[tuple[float, str]] = []
        self.url = ""
        self._ready = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        self._ready.wait(timeout)

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:  # drained all along, so serve never blocks on a full pipe
            self.lines.append((time.perf_counter(), line.rstrip("\n")))
            found = re.search(r"live preview .* at (http://\S+)", line)
            if found:
                self.url = found.group(1)
                self._ready.set()
        self._ready.set()

    @property
    def output(self) -> str:
        """Everything serve printed so far."""
        return "\n".join(line for _, line in self.lines)

    def updated_after(self, clock: float) -> float | None:
        """When serve last said it had updated (or found errors), after clock."""
        return next((t for t, line in self.lines if t > clock and re.match(r"(Updated in|\d+ errors?:)", line)), None)

    def get(self, path: str) -> tuple[int, str]:
        """Status and text of a page of the preview."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")

    def wait_for(self, test: Callable[[], bool], timeout: float = 60) -> bool:
        """Poll test until it holds or the time is up."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if test():
                return True
            time.sleep(0.05)
        return test()

    def stop(self, how: int = signal.SIGINT, timeout: float = 30) -> int:
        """Send a signal (Ctrl-C by default) and wait for serve to end; returns its exit code."""
        if self.process.poll() is None:
            self.process.send_signal(how)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise
