"""Bounded work for the code a content tree brings, its theme's templates: a page whose rendering runs too long
or asks for too much memory is stopped where it is, and reported at the template's line.

Jinja's sandbox bounds what a template may reach, not how long it loops: two nested `range(100000)` loops are
ten billion steps, and writing inside them took 4 GB in ten seconds. A timer checks the page in progress a few
times a second, so rendering itself pays nothing per step."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

# A page of 100 times the bundled content renders in well under a second; no page may take a minute.
SECONDS = 60.0
# ...or grow the build's address space by more than this (the whole build of 100 times the bundled content
# peaks under 1 GB): an allocation beyond it fails with MemoryError, whichever operation asks for it, a loop of
# small strings or one filter call asking for gigabytes at once.
GROWTH = 1 << 30
# How often the page in progress is looked at.
TICK = 0.25

_STATM = Path("/proc/self/statm")


def too_much_memory() -> str:
    """What a page that hit the memory bound is told (a MemoryError has no words of its own)."""
    return f"rendering one page took more than {GROWTH >> 20:,} MB of memory (a loop without end?)"


class Runaway(Exception):
    """A template that would not finish within the bounds; reported like any template failure."""


def _address_space() -> int | None:
    """This process's address space in bytes, where the system says (Linux); None elsewhere."""
    try:
        pages = int(_STATM.read_text(encoding="ascii").split()[0])
    except (OSError, ValueError, IndexError):
        return None
    import resource  # not on Windows, which has no /proc either

    return pages * resource.getpagesize()


@contextmanager
def _bounded_memory() -> Iterator[None]:
    """RLIMIT_AS lowered to the present size and GROWTH for the block, then put back."""
    size = _address_space()
    if size is None:
        yield
        return
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = size + GROWTH
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft != resource.RLIM_INFINITY and soft <= limit:
        yield  # a tighter limit is already set: keep it
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


class Watch:
    """The page in progress, if any: each page() block has its own time budget."""

    def __init__(self) -> None:
        self.started: float | None = None

    @contextmanager
    def page(self) -> Iterator[None]:
        """One page's rendering: only inside this block can Runaway be raised."""
        self.started = time.monotonic()
        try:
            yield
        finally:
            self.started = None

    def check(self) -> None:
        """Raise Runaway when the page in progress is past either bound."""
        if self.started is None:
            return
        if time.monotonic() - self.started > SECONDS:
            raise Runaway(f"rendering one page took more than {SECONDS:g} s (a loop without a sensible end?)")


@contextmanager
def watched() -> Iterator[Watch]:
    """Watch the pages rendered in this block, and bound its memory. Only the main thread can take a timer's
    signal: elsewhere (and where there is no interval timer) the block's time is not watched."""
    watch = Watch()
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        with _bounded_memory():
            yield watch
        return

    def tick(signum: int, frame: FrameType | None) -> None:
        watch.check()  # raised here, it unwinds from the template's own line

    previous = signal.signal(signal.SIGALRM, tick)
    signal.setitimer(signal.ITIMER_REAL, TICK, TICK)
    try:
        with _bounded_memory():
            yield watch
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0, 0)
        signal.signal(signal.SIGALRM, previous)
