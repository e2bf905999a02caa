"""A render is recorded before a signal can unwind the build (interrupts.held), and still stops when asked."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from generator.children import BOOT
from generator.interrupts import Stopped, held, stop_on_signals


def test_a_signal_waits_for_the_block_and_a_child_started_in_it_still_takes_signals() -> None:
    order = []
    with stop_on_signals(), pytest.raises(Stopped):
        with held():
            os.kill(os.getpid(), signal.SIGTERM)
            sleep = "import time; time.sleep(60)"
            child = subprocess.Popen([sys.executable, "-c", BOOT, str(os.getpid()), "timeit", "-n", "1", sleep])
            order.append("started")
        order.append("not reached: Stopped is raised as the block ends")
    assert order == ["started"]
    child.terminate()
    assert child.wait(timeout=60) == -signal.SIGTERM


def test_a_signal_another_thread_takes_still_waits_for_the_block() -> None:
    # A thread started before the block (serve's watcher) does not block the signal; its handler still runs
    # in the main thread, and must not unwind the block either.
    done = threading.Event()
    other = threading.Thread(target=done.wait)
    other.start()
    order = []
    try:
        with stop_on_signals(), pytest.raises(Stopped):
            with held():
                assert other.ident is not None
                signal.pthread_kill(other.ident, signal.SIGTERM)
                time.sleep(0.05)  # the main thread runs Python signal handlers when it is back in the interpreter
                order.append("block ended")
            order.append("not reached: Stopped is raised as the block ends")
    finally:
        done.set()
        other.join()
    assert order == ["block ended"]
