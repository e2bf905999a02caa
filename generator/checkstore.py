"""The check store (<root>/.cache/levelup/checks.json): which files passed their own checks, so an unchanged tree
validates again without rendering its Markdown or checking its schemas.

A file's own checks (the Markdown limits, its schema, the HTML allowlist) depend only on its text, its path and
kind, and this generator with its tools; a key holds a sha256 of all of them, so a changed byte anywhere gives a
new key and the checks run. Only files that passed are kept: a problem is found afresh every time. Cross-file
rules and locks always run. The store is sealed like the build's caches (seal.py): a planted store is ignored.

Beside the keys, documents.pickle keeps what reading each passed file gave (its Document: data, positions, body),
so an unchanged file is not parsed again either. It is a pickle because a Document must come back exactly as
parsed (JSON would lose its types); it is unpickled only once its seal, which no one without this checkout's
private key can make, is found right."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import json
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from .errors import OutputError
from .seal import FOLDER, Seal

NAME = "checks.json"
DOCUMENTS = "documents.pickle"
# Everything outside this package that can change what a file's own checks find: (distribution, module).
TOOLS = (
    ("markdown", "markdown"),
    ("pymdown_extensions", "pymdownx"),
    ("jsonschema", "jsonschema"),
    ("referencing", "referencing"),
    ("jsonschema_specifications", "jsonschema_specifications"),
    ("pyyaml", "yaml"),
)


@functools.cache
def _listing(folder: str) -> tuple[str, ...]:
    try:
        return tuple(sorted(os.listdir(folder)))
    except OSError:
        return ()


def _tool(distribution: str, module: str) -> str:
    """What identifies an installed tool: its dist-info folder's name (name and version), found beside the
    module without importing it or importlib.metadata (validate starts faster); else where its module is."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return f"{distribution} absent"
    origin = Path(spec.origin)
    folder = origin.parent.parent if origin.name == "__init__.py" else origin.parent
    infos = [n for n in _listing(str(folder)) if n.lower().startswith(distribution + "-") and n.endswith(".dist-info")]
    if infos:
        return " ".join(infos)
    info = origin.stat()
    return f"{origin} {info.st_size} {info.st_mtime_ns}"


@functools.cache
def version() -> str:
    """A sha256 of this generator (every file of the package: code and schemas), Python and the checking tools."""
    digest = hashlib.sha256(f"checks 1\npython {sys.version}\n".encode())
    for distribution, module in TOOLS:
        digest.update(f"{_tool(distribution, module)}\n".encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(f"{path.relative_to(package).as_posix()}\n".encode() + path.read_bytes())
    return digest.hexdigest()


# Reading and validating each ask for a file's key; bounded, as serve checks changed texts for as long as it runs.
@functools.lru_cache(maxsize=1 << 14)
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
        self._documents: dict[str, Any] | None = None
        self.kept: dict[str, Any] = {}

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
        """Whether the file with this key passed its own checks before, or earlier in this process (it is then
        kept for the next check)."""
        if key in self.used or key in self.known():
            self.used.add(key)
            return True
        return False

    def _stored_documents(self) -> dict[str, Any]:
        if self._documents is None:
            self._documents = {}
            try:
                payload = self.seal.open(DOCUMENTS, (self.folder / DOCUMENTS).read_bytes())
                # Unpickled only when sealed by this checkout: the seal is checked first, on the bytes as read.
                documents = pickle.loads(payload) if payload is not None else {}
            except (OSError, ValueError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
                documents = {}
            if isinstance(documents, dict):
                self._documents = documents
        return self._documents

    def document(self, key: str) -> Any:
        """What reading the file with this key gave when it passed before, or None."""
        document = self._stored_documents().get(key) if key in self.known() else None
        if document is not None:
            self.used.add(key)
            self.kept[key] = document
        return document

    def record(self, key: str, document: Any = None) -> None:
        """The file with this key passed its own checks now (and reading it gave document)."""
        self.used.add(key)
        if document is not None:
            self.kept[key] = document

    def save(self) -> None:
        """Keep what this check saw pass (only that: the store stays the size of one tree); best effort."""
        if self.used != self.known():
            self._write(NAME, json.dumps(sorted(self.used)).encode())
        if self.kept.keys() != self._stored_documents().keys():
            self._write(DOCUMENTS, pickle.dumps(dict(sorted(self.kept.items())), protocol=pickle.HIGHEST_PROTOCOL))

    def _write(self, name: str, payload: bytes) -> None:
        sealed = self.seal.seal(name, payload)
        if sealed is not None:
            from . import write  # only when there is something to keep

            with contextlib.suppress(OSError, OutputError):  # a store that cannot be written only costs time
                write.store_file(self.folder / name, sealed)
