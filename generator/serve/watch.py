"""Watches the content folders with watchfiles (the OS's file events) in a thread and collects what changed."""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

import watchfiles

from ..errors import OutputError

# The folders a content tree is made of; theme/ only when the tree has its own theme.
WATCHED = ("content", "initiatives", "theme")
# Changes closer together than this (ms) arrive as one batch: an editor's save is often several writes.
STEP = 20


class Watcher:
    """Calls notify after each batch of changes; drain() hands over the changed paths."""

    def __init__(self, root: Path, notify: Callable[[], None], say: Callable[[str], None] = print) -> None:
        self.paths = [root / name for name in WATCHED if (root / name).is_dir()]
        self.notify = notify
        self.say = say
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._pending: set[Path] = set()
        self._thread = threading.Thread(target=self._run, name="levelup-watch", daemon=True)

    def start(self) -> None:
        """Start watching (in a daemon thread)."""
        if self.paths:
            self._thread.start()

    def _run(self) -> None:
        batches = watchfiles.watch(*self.paths, step=STEP, stop_event=self._stop, raise_interrupt=False)
        for changes in batches:
            with self._lock:
                self._pending.update(Path(path) for _, path in changes)
            try:
                self.notify()
            except (OSError, OutputError) as exc:
                # A full disk must not end the watching: the changes stay pending, and the next save tries again.
                with suppress(OSError):  # a terminal that has gone away
                    self.say(f"cannot start a preview update: {exc}")

    def drain(self) -> set[Path]:
        """The paths changed since the last drain."""
        with self._lock:
            pending, self._pending = self._pending, set()
        return pending

    def stop(self) -> None:
        """Stop watching and wait for the thread (watchfiles checks the stop event every few milliseconds)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
