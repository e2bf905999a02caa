"""MkDocs' own live-reload server over a staged docs tree: rebuilds run in this process (warm imports, and
--dirty so only pages whose Markdown changed are rendered again); open pages reload when a rebuild is done."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.theme import Theme as MkDocsTheme

from ..errors import UsageError
from ..site.headers import preview_headers

# MkDocs says this before every partial rebuild; the preview does them on purpose.
_DIRTY_NOTICE = "A 'dirty' build is being performed"
# How often MkDocs' server looks at the signal folder for a 'rebuild now' (seconds): one small folder.
POLL = 0.025
# MkDocs waits this long for more changes before it rebuilds (0.1 s by default); the watcher has already
# grouped an editor's writes into one signal.
SETTLE = 0.01


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings and errors of one build as messages: those logged by the building thread (the
    server's threads log too, while a build runs)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().strip()
        if record.thread == self.thread and not message.startswith(_DIRTY_NOTICE):
            self.messages.append(message)


@contextmanager
def _collected() -> Iterator[list[str]]:
    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    # MkDocs' messages reach the user as problems, not as log lines; its INFO chatter is not wanted.
    saved = logger.level, logger.propagate
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


class _Compiled(jinja2.BytecodeCache):
    """Material's templates compiled once per session; Jinja checks each source's checksum before reuse."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


PREVIEW_HEADERS = preview_headers()


class _LocalServer(LiveReloadServer):
    """MkDocs' server answering only to its own address: a page elsewhere whose name an attacker re-points at
    127.0.0.1 (DNS rebinding) would otherwise read the preview, drafts included, as its own origin."""

    def __init__(self, host: str, port: int, **kwargs: Any) -> None:
        super().__init__(host=host, port=port, **kwargs)
        names = (host, "localhost")
        # A browser leaves out port 80 from the Host header.
        self.hosts = {f"{name}:{port}" for name in names} | (set(names) if port == 80 else set())
        self.address = f"{host}:{port}"

    def server_bind(self) -> None:
        # The port was free when serve started; something may have taken it during the first build.
        try:
            super().server_bind()
        except OSError as exc:
            raise UsageError(f"cannot serve on {self.address} ({exc.strerror}); choose another --port") from None

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        """MkDocs puts its reload script before the last '</body>' of the file, wherever that stands (in a script's
        text, an attribute), where its '</script>' could end that element early and turn the rest into markup: it
        goes at the very end instead. The publish gate has refused any page that ends in an open tag or comment."""
        injected: bytes = super()._inject_js_into_html(b"", epoch)  # type: ignore[no-untyped-call]
        return content + injected

    def _serve_request(self, environ: dict[str, Any], start_response: Any) -> Any:
        if environ.get("HTTP_HOST", "").lower() not in self.hosts:
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
            return [f"This preview answers only at http://{self.address}/".encode()]
        if "\0" in environ.get("PATH_INFO", ""):
            return None  # no file has such a name: not found, not a traceback in the terminal
        return super()._serve_request(environ, start_response)

    def serve_request(self, environ: dict[str, Any], start_response: Any) -> Any:
        """Every answer (pages, files, errors) with the headers the published site is served with (PREVIEW_HEADERS):
        nothing from another host, no framing, no sniffing of types."""

        def respond(status: str, headers: list[tuple[str, str]], *rest: Any) -> Any:
            return start_response(status, [*headers, *PREVIEW_HEADERS], *rest)

        return super().serve_request(environ, respond)


class LiveSite:
    """Serves site_dir on host:port and rebuilds it from config_file whenever signal_dir changes."""

    def __init__(self, config_file: Path, site_dir: Path, signal_dir: Path, host: str, port: int) -> None:
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life notice, on every build
        self.config_file, self.signal_dir = config_file, signal_dir
        self.url = f"http://{host}:{port}/"
        self.server = _LocalServer(host, port, builder=self._rebuild, root=str(site_dir), polling_interval=POLL)
        self.server.build_delay = SETTLE
        self.server.error_handler = lambda code: self._error_page(site_dir, code)
        self.on_rebuild: Callable[[], None] = lambda: None
        # MkDocs' server logs every request that is not a 200 (a 404, a browser's 304) as a warning: a line in the
        # terminal for each. Its errors still show.
        logging.getLogger("mkdocs.livereload").setLevel(logging.ERROR)
        self._compiled = _Compiled()
        self._theme_files: list[str] | None = None

    def _rebuild(self) -> None:
        self.on_rebuild()

    @staticmethod
    def _error_page(site_dir: Path, code: int) -> bytes | None:
        page = site_dir / "404.html"
        return page.read_bytes() if code == 404 and page.is_file() else None

    def build(self, dirty: bool) -> list[str]:
        """Render the staged tree; dirty renders only pages whose Markdown is newer than their HTML.
        Returns MkDocs' warnings and errors (an empty list: all well)."""
        with _collected() as messages:
            try:
                config = load_config(config_file=str(self.config_file))
                config.site_url = self.url
                if not dirty:
                    self._theme_files = None
                self._reuse(config.theme)
                build(config, serve_url=self.url, dirty=dirty)
            except Exception as exc:  # MkDocs' Abort, BuildError, ConfigurationError, or a theme's own failure
                messages.append(str(exc) or type(exc).__name__)
        return messages

    def _reuse(self, theme: MkDocsTheme) -> None:
        """Each build makes a new Jinja environment, compiles Material's templates and lists its ~15,000 files
        again: most of a one-page rebuild. This config's theme gets environments that keep both for the session
        (a full build, as after a change to the overrides, lists the files afresh)."""
        make = theme.get_env

        def environment() -> jinja2.Environment:
            env = make()
            env.bytecode_cache = self._compiled
            listing = env.list_templates

            def list_templates(extensions: Any = None, filter_func: Any = None) -> list[str]:
                if self._theme_files is None:
                    self._theme_files = listing(extensions, filter_func)
                return self._theme_files

            env.list_templates = list_templates  # type: ignore[method-assign]
            return env

        theme.get_env = environment  # type: ignore[method-assign]

    def serve(self, started: Callable[[], None]) -> None:
        """Serve until interrupted (KeyboardInterrupt reaches the caller); rebuild when signalled. started()
        runs once MkDocs watches the signal folder: a signal sent before then would go unseen."""
        # Watching anything also makes MkDocs put its reload script into every page it serves.
        self.server.watch(str(self.signal_dir))
        threading.Thread(target=self._when_watching, args=(started,), daemon=True).start()
        self.server.serve()  # type: ignore[no-untyped-call]

    def watch_again(self) -> None:
        """Watch the signal folder anew, once it has been made again after it was removed: MkDocs' watch of a
        folder that is removed ends for good, and no later signal would be seen."""
        path = os.path.abspath(self.signal_dir)
        with suppress(KeyError):  # not watched yet
            self.server.unwatch(path)
        self.server.watch(path)

    def _when_watching(self, started: Callable[[], None]) -> None:
        # watchdog takes the polling observer's first snapshot before the observer's thread is alive.
        deadline = time.monotonic() + 30
        while not self.server.observer.is_alive() and time.monotonic() < deadline:
            time.sleep(POLL / 5)
        started()

    def shutdown(self) -> None:
        """Stop serving and watching, and wait for the server's threads."""
        self.server.shutdown()
        for thread in (self.server.serve_thread, self.server.observer):
            if thread.is_alive():
                thread.join(timeout=5)
