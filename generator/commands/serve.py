"""The serve command: a live preview of one edition on 127.0.0.1; a save shows in the open page."""

from __future__ import annotations

import itertools
import os
import signal
import socket
import threading
from pathlib import Path
from types import FrameType

from ..errors import UsageError
from ..render.mkdocs_live import LiveSite
from ..serve.preview import Preview
from ..serve.session import Session, draw_here
from ..serve.watch import Watcher
from ..write import IN_USE, PREVIEW_PREFIX, clear_stale_previews, discard, in_use, scratch
from ..write import signal as send_signal

HOST = "127.0.0.1"


def _port(port: int) -> int:
    """The port to serve on: a free one for 0; a usage error when it is taken or impossible."""
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port} is not a port (0 to 65535; 0 picks a free one)")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As the server itself binds: a port whose last connections are closing is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError as exc:
            raise UsageError(f"cannot serve on {HOST}:{port} ({exc.strerror}); choose another --port") from None
        return int(probe.getsockname()[1])


# Both set here, as build sets them: a shell script that starts serve in the background hands it SIGINT ignored,
# and Python keeps an ignored SIGINT ignored, so Ctrl-C (or kill -INT) would not stop it.
_STOPPING = (signal.SIGINT, signal.SIGTERM)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    # The first signal stops the preview; later ones (a second Ctrl-C) are ignored until it has cleaned up, or
    # they would cut the clean-up short and leave the staging folder, or the server's thread, behind.
    for other in _STOPPING:
        signal.signal(other, signal.SIG_IGN)
    raise KeyboardInterrupt


class _Signals:
    """Tells MkDocs' server to rebuild: a new file in the signal folder, which it watches. A preview folder
    removed while serving (rm -rf .build) is made again, locked and watched anew: the preview goes on."""

    def __init__(self, staged: Path, site: LiveSite, holding: int) -> None:
        self.staged, self.site, self.holding = staged, site, holding
        self.trigger = site.signal_dir / "rebuild"
        self.counter = itertools.count()
        self._lock = threading.Lock()  # the watcher's thread and the first round's both signal
        send_signal(self.trigger, "0")  # makes the folder MkDocs' server will watch

    def send(self) -> None:
        """Signal a rebuild (OutputError when the signal cannot be written)."""
        with self._lock:
            if not (self.staged / IN_USE).is_file():
                # The lock went with the folder: a build would take the folder for a killed preview's.
                holding = in_use(self.staged)
                os.close(self.holding)
                self.holding = holding
            if not self.site.signal_dir.is_dir():
                send_signal(self.trigger, str(next(self.counter)))  # makes the folder, to be watched anew
                self.site.watch_again()
            send_signal(self.trigger, str(next(self.counter)))

    def close(self) -> None:
        """Give up the preview folder's lock."""
        os.close(self.holding)


def run(*, root: Path, edition: int | None = None, port: int = 8000) -> int:
    """Serve a live preview until Ctrl-C (or SIGTERM); leaves no process or staging folder behind."""
    chosen = _port(port)
    previous = {signum: signal.signal(signum, _interrupt) for signum in _STOPPING}
    clear_stale_previews(root)  # the folders of killed previews (kill -9); a build removes them too
    staged = scratch(root, PREVIEW_PREFIX)
    try:
        holding = in_use(staged)
    except BaseException:
        discard(staged)
        raise
    watcher: Watcher | None = None
    site: LiveSite | None = None
    signals: _Signals | None = None
    try:
        site = LiveSite(staged / "mkdocs.yml", staged / "site", staged / "signal", HOST, chosen)
        signals = _Signals(staged, site, holding)
        watcher = watching = Watcher(root, signals.send)
        session = Session(root, edition)
        preview = Preview(session, staged, site, changes=watcher.drain)
        site.on_rebuild = preview.rebuild
        preview.rebuild()  # the first charts are drawn in worker processes, before any other thread runs
        if edition is not None and session.years and edition not in session.years:
            have = ", ".join(map(str, session.years))
            raise UsageError(f"there is no {edition} edition to preview (editions: {have})")
        session.draw = draw_here
        # The next round (once MkDocs watches for signals) re-reads every file, so nothing saved during the first
        # build is lost; forgetting the theme covers a theme file saved meanwhile.
        session.memo.forget_theme()
        watcher.start()
        which, url = (f"the {edition} edition" if edition else "the newest edition"), site.url

        def started() -> None:
            print(f"Serving a live preview of {which} at {url} (Ctrl-C stops it)", flush=True)
            # One more round now that MkDocs watches for signals: a save during the first build is not lost.
            watching.signal()

        site.serve(started=started)
    except KeyboardInterrupt:
        pass
    finally:
        if watcher is not None:
            watcher.stop()
        if site is not None:
            site.shutdown()
        if signals is not None:
            signals.close()
        else:
            os.close(holding)
        discard(staged)
        for signum, action in previous.items():
            signal.signal(signum, action)
    print("Stopped the preview.")
    return 0
