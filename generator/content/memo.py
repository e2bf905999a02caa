"""What the last check of a tree found per file, reused while a file's bytes stay the same (serve checks on every save).

A file's documents and read problems depend only on its path, kind and bytes, and a document's schema and
script problems only on the document: those are remembered. Cross-file rules, locks and the model are worked
out afresh each time, so a remembered result can never make a check differ from a cold one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .problems import Problem
from .read import Document, _decode, _Reader, escaping_link
from .regular import read_regular
from .theme import Theme, read_theme

# A document's own problems: schema problems, and script the HTML allowlist refuses.
Own = tuple[list[Problem], list[Problem]]
# Bigger files are read as usual, never remembered: the key costs a read of the whole file.
REMEMBER_LIMIT = 1_000_000


@dataclass(frozen=True)
class _Read:
    """What reading one file added to the sources."""

    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]
    files: int


@dataclass
class Memo:
    """Results of the previous check, by file bytes and by document; entries unused in a check are dropped."""

    reads: dict[tuple[Any, ...], _Read] = field(default_factory=dict)
    checks: dict[int, tuple[Document, Own]] = field(default_factory=dict)
    theme: tuple[Theme, list[Problem]] | None = None
    _next_reads: dict[tuple[Any, ...], _Read] = field(default_factory=dict)
    _next_checks: dict[int, tuple[Document, Own]] = field(default_factory=dict)

    def reader(self, root: Path) -> _Reader:
        """A content reader that replays remembered files."""
        return _RememberingReader(root, self)

    def checked(self, doc: Document, work: Callable[[], Own]) -> Own:
        """The document's own problems (schema, script), worked out once per document object."""
        entry = self.checks.get(id(doc))
        # The entry holds the document, so its id cannot be reused by another object while remembered.
        if entry is None or entry[0] is not doc:
            entry = (doc, work())
        self._next_checks[id(doc)] = entry
        return entry[1]

    def read_theme(self, root: Path) -> tuple[Theme, list[Problem]]:
        """The theme and its problems, read once until forget_theme()."""
        if self.theme is None:
            self.theme = read_theme(root)
        return self.theme

    def forget_theme(self) -> None:
        """A theme file changed: read the theme again at the next check."""
        self.theme = None

    def rotate(self) -> None:
        """End of a check: keep only what this check used, so memory stays the size of one tree."""
        self.reads, self._next_reads = self._next_reads, {}
        self.checks, self._next_checks = self._next_checks, {}


def _current_text(root: Path, path: Path) -> str | None:
    """The file's text as the reader would decode it, or None when it is a link out, missing, unreadable, big
    or not UTF-8 (such files are read as usual, never remembered)."""
    if escaping_link(root, path) is not None:
        return None
    try:
        if not path.is_file() or path.stat().st_size > REMEMBER_LIMIT:
            return None
        text, problems = _decode(read_regular(path), "")
    except OSError:
        return None
    return None if problems else text


class _RememberingReader(_Reader):
    """The content reader, but a file whose text was read before gives the same Documents and problems.

    Results are filed under the text the reader actually parsed, so a save between the look-up and the read
    cannot file one text's results under another."""

    def __init__(self, root: Path, memo: Memo) -> None:
        super().__init__(root)
        self.memo = memo
        self.parsed_text: str | None = None

    def text(self, path: Path) -> str | None:
        self.parsed_text = super().text(path)
        return self.parsed_text

    def _remember(self, key: tuple[Any, ...], path: Path, read: Callable[[], None]) -> None:
        text = _current_text(self.sources.root, path)
        known = None if text is None else self.memo.reads.get((*key, text))
        if known is not None:
            self.sources.documents.extend(known.documents)
            self.sources.problems.extend(known.problems)
            self.sources.files += known.files
            self.memo._next_reads[(*key, text)] = known
            return
        docs, problems, files = len(self.sources.documents), len(self.sources.problems), self.sources.files
        self.parsed_text = None
        read()
        if self.parsed_text is not None:
            found = _Read(
                tuple(self.sources.documents[docs:]),
                tuple(self.sources.problems[problems:]),
                self.sources.files - files,
            )
            self.memo._next_reads[(*key, self.parsed_text)] = found

    def yaml_file(self, path: Path, kind: Any, edition: int | None = None) -> None:
        key = ("yaml", self.rel(path), kind, edition)
        self._remember(key, path, lambda: super(_RememberingReader, self).yaml_file(path, kind, edition))

    def markdown_file(self, path: Path, kind: Any, edition: int | None = None, folder: str = "") -> None:
        key = ("markdown", self.rel(path), kind, edition, folder)
        read = lambda: super(_RememberingReader, self).markdown_file(path, kind, edition, folder)  # noqa: E731
        self._remember(key, path, read)
