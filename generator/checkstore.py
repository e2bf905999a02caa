"""The check store (<root>/.cache/levelup/checks.json): which files passed their own checks, so an unchanged tree
validates again without rendering its Markdown or checking its schemas.

A file's own checks (the Markdown limits, its schema, the HTML allowlist) depend only on its text, its path and
kind, and this generator with its tools; a key holds a sha256 of all of them, so a changed byte anywhere gives a
new key and the checks run. Only files that passed are kept: a problem is found afresh every time. Cross-file
rules and locks always run. The store is sealed like the build's caches (seal.py): a planted store is ignored."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import sys
from importlib import metadata
from pathlib import Path

from . import write
from .errors import OutputError
from .seal import Seal

FOLDER = ".cache/levelup"
NAME = "checks.json"
# Everything outside this package whose version can change what a file's own checks find.
TOOLS = ("markdown", "pymdown-extensions", "jsonschema", "referencing", "jsonschema-specifications", "pyyaml")


@functools.cache
def version() -> str:
    """A sha256 of this generator (every file of the package: code and schemas), Python and the checking tools."""
    digest = hashlib.sha256(f"checks 1\npython {sys.version}\n".encode())
    for name in TOOLS:
        try:
            digest.update(f"{name} {metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} absent\n".encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(f"{path.relative_to(package).as_posix()}\n".encode() + path.read_bytes())
    return digest.hexdigest()


def file_key(rel: str, kind: str, edition: int | None, folder: str, text_digest: str) -> str:
    """The key of one file's own checks: its path, how it was read, its text's sha256 and the version."""
    return hashlib.sha256(json.dumps([version(), rel, kind, edition, folder, text_digest]).encode()).hexdigest()


class CheckStore:
    """The keys of files that passed their own checks, as the last check left them, and those this check saw pass."""

    def __init__(self, root: Path) -> None:
        self.folder = root / FOLDER
        self.seal = Seal(self.folder)
        self._known: set[str] | None = None
        self.used: set[str] = set()

    def known(self) -> set[str]:
        """The stored keys; none when the store is missing, damaged or not sealed by this checkout."""
        if self._known is None:
            self._known = set()
            try:
                payload = self.seal.open(NAME, (self.folder / NAME).read_bytes())
                keys = json.loads(payload) if payload is not None else []
            except (OSError, ValueError):
                keys = []
            if isinstance(keys, list):
                self._known = {k for k in keys if isinstance(k, str)}
        return self._known

    def passed(self, key: str) -> bool:
        """Whether the file with this key passed its own checks before (it is then kept for the next check)."""
        if key in self.known():
            self.used.add(key)
            return True
        return False

    def record(self, key: str) -> None:
        """The file with this key passed its own checks now."""
        self.used.add(key)

    def save(self) -> None:
        """Keep what this check saw pass (only that: the store stays the size of one tree); best effort."""
        if self.used == self.known():
            return
        sealed = self.seal.seal(NAME, json.dumps(sorted(self.used)).encode())
        if sealed is not None:
            with contextlib.suppress(OSError, OutputError):  # a store that cannot be written only costs time
                write.store_file(self.folder / NAME, sealed)
