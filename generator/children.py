"""Child processes that never outlive the build: chart workers and renderer processes, however the build ends."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """On Linux, have the kernel kill this process when its parent dies (a kill -9 of the build included)."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)


def worker_setup() -> None:
    """Start a forked worker: Ctrl-C is the build's to handle, SIGTERM ends it quietly, and it dies with the build."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # forked while the build held SIGTERM (interrupts.held): take it again
        signal.pthread_sigmask(signal.SIG_SETMASK, ())
    parent = multiprocessing.parent_process()
    if parent is not None and parent.pid is not None:
        die_with_parent(parent.pid)


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """End a pool at once: shutdown() alone would let every queued task run on after an interrupt."""
    workers = list((pool._processes or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join()


# `python -c BOOT <build pid> <module> args...` runs a module as `python -m` would, dying with the build. A fresh
# interpreter imports nothing of ours; if the build died before prctl took effect, its parent is no longer the build.
BOOT = """\
import ctypes, os, runpy, signal, sys
parent = int(sys.argv.pop(1))
if sys.platform == "linux":
    ctypes.CDLL(None).prctl(1, signal.SIGKILL)
    if os.getppid() != parent:
        sys.exit(1)
if hasattr(signal, "pthread_sigmask"):  # started with SIGINT and SIGTERM held (interrupts.held): take them again
    signal.pthread_sigmask(signal.SIG_SETMASK, ())
sys.argv[0] = sys.argv.pop(1)
runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
"""
