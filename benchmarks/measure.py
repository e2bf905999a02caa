"""Runs a build or a command in a fresh process and measures it: wall, CPU of it and every child, peak memory.

CPU is user + system time of the process and of every descendant it waited for (chart workers, MkDocs), read as
the change in this process's RUSAGE_CHILDREN. Memory is sampled every 20 ms from /proc: the sum over every live
process of the session (the build, its chart workers and MkDocs processes) of RSS, and of PSS, which shares the
pages forked workers have in common out among them instead of counting them once per process. The peak of each
sum is reported; a process that lives less than 20 ms can be missed."""

from __future__ import annotations

import json
import math
import os
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Run in the child: import the build (its imports count), build, and print the stage timings as one JSON line.
# A checkout whose Timings has no CPU figures (main before this branch) times its stages with time.perf_counter:
# it is handed a clock of CPU seconds (the process's and its waited-for children's) instead, so its stage
# figures are CPU seconds too.
_BUILD = """
import dataclasses, json, resource, sys, time, types
from pathlib import Path
import generator.commands.build as b
def cpu():
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime
if not hasattr(b.Timings, "stage"):
    b.time = types.SimpleNamespace(perf_counter=cpu)
timings = b.build(Path(sys.argv[1]), Path(sys.argv[2]))
print("TIMINGS " + json.dumps(dataclasses.asdict(timings)))
"""


@dataclass
class Run:
    """One measured process: seconds of wall and CPU, peak bytes across its processes, and its build timings."""

    wall: float
    cpu: float
    peak_rss: int
    peak_pss: int
    returncode: int
    output: str
    timings: dict[str, object] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        pages = self.timings.get("pages", {})
        return sum(pages.values()) if isinstance(pages, dict) else 0

    def stage_cpu(self, stage: str) -> float:
        """A stage's CPU seconds (the branch records them), else its wall seconds (main records only those)."""
        cpu = self.timings.get("cpu")
        if isinstance(cpu, dict) and stage in cpu:
            return float(cpu[stage])
        return float(self.timings.get(stage, 0.0))  # type: ignore[arg-type]


def _session(sid: int) -> list[int]:
    pids = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != b"Z" and int(fields[3]) == sid:
            pids.append(int(entry.name))
    return pids


def _memory(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith(b"Pss:"):
                    pss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, pss


class _Sampler(threading.Thread):
    def __init__(self, sid: int) -> None:
        super().__init__(daemon=True)
        self.sid, self.peak_rss, self.peak_pss = sid, 0, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            samples = [_memory(pid) for pid in _session(self.sid)]
            self.peak_rss = max(self.peak_rss, sum(r for r, _ in samples))
            self.peak_pss = max(self.peak_pss, sum(p for _, p in samples))
            self.done.wait(0.02)


def run(args: list[str], code: Path = REPO, env: dict[str, str] | None = None) -> Run:
    """Run `python args...` with the generator imported from `code`; measure it and its children."""
    environment = dict(os.environ, PYTHONPATH=str(code), NO_MKDOCS_2_WARNING="1", **(env or {}))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=environment,
        cwd=code,  # `python -c` imports from the current folder first
        start_new_session=True,
    )
    sampler = _Sampler(process.pid)
    sampler.start()
    output, _ = process.communicate()
    wall = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    timings: dict[str, object] = {}
    for line in output.splitlines():
        if line.startswith("TIMINGS "):
            timings = json.loads(line.removeprefix("TIMINGS "))
    return Run(wall, cpu, sampler.peak_rss, sampler.peak_pss, process.returncode, output, timings)


def build(root: Path, out: Path, code: Path = REPO) -> Run:
    """A full build of root into out, in a fresh interpreter (its imports and start-up count)."""
    result = run(["-c", _BUILD, str(root), str(out)], code)
    if result.returncode:
        raise RuntimeError(f"the build of {root} failed:\n{result.output[-3000:]}")
    return result


def validate(root: Path, code: Path = REPO) -> Run:
    """`levelup validate --root root`, as a user runs it."""
    return run(
        ["-c", "import sys; from generator.cli import main; sys.exit(main())", "validate", "--root", str(root)], code
    )


def exponent(sizes: list[float], costs: list[float]) -> float:
    """The slope of log(cost) against log(size), least squares: 1 is linear, 2 quadratic."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(c, 1e-6)) for c in costs]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def megabytes(n: int) -> str:
    return f"{n / 2**20:.0f} MB"
