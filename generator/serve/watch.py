"""Watches the content folders with watchfiles (the OS's file events) in a thread and collects what changed."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path

import watchfiles

from ..errors import OutputError

# The folders a content tree is made of; theme/ only when the tree has its own theme.
WATCHED = ("content", "initiatives", "theme")
# Changes closer together than this (ms) arrive as one batch: an editor's save is often several writes.
STEP = 20


class _Either:
    """Set once any of its events is (watchfiles asks its stop_event is_set())."""

    def __init__(self, *events: threading.Event) -> None:
        self.events = events

    def is_set(self) -> bool:
        return any(event.is_set() for event in self.events)


# Seconds before watching again after the watching failed.
RETRY = 0.5


class Watcher:
    """Calls notify after each batch of changes; drain() hands over the changed paths. The content folders are
    watched through and through; the root only for a content folder made or removed while serving, after which
    the folders are watched anew (a theme/ begun during the preview is read from its first save)."""

    def __init__(self, root: Path, notify: Callable[[], None], say: Callable[[str], None] = print) -> None:
        self.root = root
        self.paths = self._present()
        self.notify = notify
        self.say = say
        self._stop = threading.Event()
        self._moved = threading.Event()  # a content folder was made or removed: watch the folders anew
        self._lock = threading.Lock()
        self._pending: set[Path] = set()
        self._said = ""  # the last failure of the watching said
        self._threads = [
            threading.Thread(target=self._run, name="levelup-watch", daemon=True),
            threading.Thread(target=self._top, name="levelup-watch-root", daemon=True),
        ]

    def _present(self) -> list[Path]:
        return [self.root / name for name in WATCHED if (self.root / name).is_dir()]

    def start(self) -> None:
        """Start watching (in daemon threads)."""
        for thread in self._threads:
            thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._moved.clear()
            self.paths = self._present()
            until = _Either(self._stop, self._moved)
            if not self.paths:
                while not until.is_set():
                    self._stop.wait(0.05)
                continue
            try:
                for changes in watchfiles.watch(*self.paths, step=STEP, stop_event=until, raise_interrupt=False):
                    self._changed(Path(path) for _, path in changes)
            except Exception as exc:  # watchfiles fails on a name that is not UTF-8: say so, watch on, read all
                self._failed(exc)
                self._changed(self.paths)

    def _failed(self, exc: Exception) -> None:
        """The watching failed (a file name, say): said once per kind of failure, then tried again shortly."""
        if (said := repr(exc)) != self._said:
            self._said = said
            with suppress(OSError):
                self.say(
                    f"the preview's watch of your files failed and starts again ({said}); rename any file "
                    "whose name is not UTF-8 text"
                )
        self._stop.wait(RETRY)

    def _top(self) -> None:
        def named(change: watchfiles.Change, path: str) -> bool:
            return Path(path).name in WATCHED

        batches = watchfiles.watch(
            self.root, watch_filter=named, recursive=False, step=STEP, stop_event=self._stop, raise_interrupt=False
        )
        for changes in batches:
            if self._present() != self.paths:
                self._moved.set()
            self._changed(Path(path) for _, path in changes)

    def signal(self) -> None:
        """Ask for a round now, as a change would (a failure to is said, as the watcher's own are)."""
        self._changed(())

    def _changed(self, paths: Iterable[Path]) -> None:
        with self._lock:
            self._pending.update(paths)
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
        """Stop watching and wait for the threads (watchfiles checks the stop event every few milliseconds)."""
        self._stop.set()
        for thread in self._threads:
            if thread.is_alive():
                thread.join(timeout=5)
