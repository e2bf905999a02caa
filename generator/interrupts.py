"""SIGINT and SIGTERM end a command cleanly: the first one unwinds it (children stopped, staging removed), once."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

# The shell's convention: 128 + the signal's number.
EXIT: dict[int, int] = {signal.SIGINT: 130, signal.SIGTERM: 143}


class Stopped(BaseException):
    """A signal asked the command to stop; a BaseException so that no `except Exception` swallows it."""

    def __init__(self, signum: int) -> None:
        self.name = signal.Signals(signum).name
        self.exit_code = EXIT.get(signum, 1)
        super().__init__(f"stopped by {self.name}")


# Set inside held(); signals the handler took meanwhile wait in _deferred for the block's end.
_holding = False
_deferred: list[int] = []


def _stop(signum: int) -> None:
    for other in EXIT:
        signal.signal(other, signal.SIG_IGN)
    _deferred.clear()
    raise Stopped(signum)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """In this block the first SIGINT or SIGTERM raises Stopped; later ones are ignored while the build cleans up."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; a caller there owns the signals
        return
    owner = os.getpid()
    previous = {s: signal.getsignal(s) for s in EXIT}

    def handler(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != owner:
            # A forked worker that has not yet set its own handlers: end it as the default handler would.
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        if _holding:
            # Another thread (e.g. serve's watcher, started before the block) took the signal the block holds.
            _deferred.append(signum)
            return
        _stop(signum)

    for signum in EXIT:
        signal.signal(signum, handler)
    try:
        yield
    finally:
        for signum, action in previous.items():
            signal.signal(signum, action)


@contextmanager
def held() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block ends: a child started in it is recorded before Stopped can unwind.

    Threads started in the block (a render's output reader) keep the signals blocked; only the main thread
    handles them in Python anyway."""
    global _holding
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    # The mask holds the signal for this thread and the threads it starts; a thread started earlier does not
    # block it, so the handler also defers what arrives while _holding.
    outer, _holding = _holding, True
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, set(EXIT))
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        _holding = outer
        if not outer and _deferred:
            _stop(_deferred.pop(0))
