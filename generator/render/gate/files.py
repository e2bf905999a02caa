"""The files of a built folder as the publish gate reads them: which it parses, which it compares whole, which it
remembers from an earlier build (Verdicts), and which kinds it refuses."""

from __future__ import annotations

import functools
import gzip
import hashlib
import io
import os
import posixpath
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .. import known_scripts
from .allowlist import CHECKED, GZIP_LIMIT, INERT, Finding, _shown, shipped_scripts, squeezed
from .css import css_findings
from .markup import _control, _Markup, _prolog, _unbounded
from .search import INDEX, VERSIONS, search_findings, versions_findings

# ---------------------------------------------------------------------------------------------------------- files


@dataclass
class Verdicts:
    """Pages the gate passed in an earlier build (by key), and those it passes now. A page's key is a digest of
    its bytes, its place, and every file of its edition's folder that it could load as a script or stylesheet (all
    but pages and drawings): the same key, the same verdict, without parsing the page again."""

    known: frozenset[str] = frozenset()
    passed: set[str] = field(default_factory=set)


# Parsed, and remembered: pages and drawings (most of the gate's time). Every other file of a folder is in their
# key; stylesheets are remembered by their bytes alone (Material's is 70 KB in every edition).
_REMEMBERED = frozenset({"html", "htm", "svg"})


class _Folder:
    """A folder of the built site being checked: where it is, the URL path it is served at (/2022/, or the site's
    own path for the top files), and what its script files are."""

    def __init__(
        self,
        path: Path,
        prefix: str,
        verdicts: Verdicts | None = None,
        files: list[tuple[str, bool]] | None = None,
        scripts: frozenset[str] = frozenset(),
    ) -> None:
        self.path = path
        self.prefix = prefix
        self.verdicts = verdicts
        self.files = files  # (relative path, is a link), when the whole folder is read
        # The sha256 of every script file a page may load: Material's and the bundled theme's, and the caller's own
        # (the preview's overlay).
        self.scripts = shipped_scripts() | scripts
        self._sha256: dict[str, str | None] = {}

    def sha256(self, rel: str) -> str | None:
        """The sha256 of the plain file at rel, read once (None: a link, not a file, or unreadable)."""
        if rel not in self._sha256:
            file = self.path / rel
            try:
                self._sha256[rel] = _sha256(file) if file.is_file() and not file.is_symlink() else None
            except OSError:
                self._sha256[rel] = None
        return self._sha256[rel]

    @functools.cached_property
    def context(self) -> str:
        """A digest of the folder's place and of every file in it that a page could load (not pages, drawings)."""
        digest = hashlib.sha256(self.prefix.encode())
        # What a page is checked against besides its folder: the scripts Material and the bundled theme ship and write.
        digest.update("\0".join(sorted(self.scripts | known_scripts.INLINE)).encode())
        for rel, link in self.files if self.files is not None else _walk(self.path):
            if rel.rpartition(".")[2].lower() not in _REMEMBERED:
                digest.update(f"\0{rel}\0{'link' if link else self.sha256(rel)}".encode())
        return digest.hexdigest()

    def remembered(self, rel: str, suffix: str) -> list[Finding]:
        """The findings in a page, drawing or stylesheet: none if an earlier build passed it with this key; else
        checked. A stylesheet's findings depend on its bytes alone (css_findings), a page's also on its place and
        the files it could load (context)."""
        assert self.verdicts is not None
        raw = (self.path / rel).read_bytes()
        where = "css" if suffix == "css" else f"{self.context}\0{rel}"
        key = hashlib.sha256(f"{where}\0".encode() + raw).hexdigest()
        # Passed in an earlier build, or already in this one (Material's stylesheet is in every edition).
        seen = key in self.verdicts.known or key in self.verdicts.passed
        found = [] if seen else self.checked(rel, suffix, raw)
        if not found:
            self.verdicts.passed.add(key)
        return found

    def target(self, page_dir: str, url: str) -> str | None:
        """The file of this folder a same-site URL on a page in page_dir names, or None when it names none."""
        path = unquote(urlsplit(squeezed(url)).path)
        if path.startswith("/"):
            if not path.startswith(self.prefix):
                return None
            path = path[len(self.prefix) :]
        else:
            path = posixpath.join(page_dir, path)
        path = posixpath.normpath(path)
        return None if path == ".." or path.startswith(("../", "/")) else path

    def shipped(self, rel: str) -> bool:
        """Whether the file at rel is byte-identical to a script Material or the bundled theme ships (or the
        caller's own)."""
        # A script file's name ends in .js: a page's verdict is kept while the files beside it keep their bytes,
        # pages and pictures aside (which a browser does not run as script).
        return rel.lower().endswith(".js") and self.sha256(rel) in self.scripts

    def findings(self, rel: str, data: bytes | None = None) -> list[Finding]:
        """Every finding in the file at rel (its bytes as given, or read)."""
        suffix = rel.rpartition(".")[2].lower() if "." in posixpath.basename(rel) else ""
        # JSON, but Material's search shows the index's entries as HTML, and its version selector the titles.
        shown = search_findings if rel == INDEX else versions_findings if posixpath.basename(rel) == VERSIONS else None
        if shown is not None:
            return shown(rel, (self.path / rel).read_bytes() if data is None else data)
        if suffix in INERT:
            return []
        if suffix not in CHECKED and suffix != "gz":
            return [Finding(rel, 1, 1, f"a file of a kind the publish gate does not allow ('{_shown(suffix)}')")]
        if suffix == "js":
            if self.shipped(rel) if data is None else hashlib.sha256(data).hexdigest() in self.scripts:
                return []
            return [Finding(rel, 1, 1, "a script file that Material and the bundled theme do not ship")]
        if data is None and self.verdicts is not None and (suffix in _REMEMBERED or suffix == "css"):
            return self.remembered(rel, suffix)
        return self.checked(rel, suffix, (self.path / rel).read_bytes() if data is None else data)

    def checked(self, rel: str, suffix: str, raw: bytes) -> list[Finding]:
        """Every finding in a file's bytes (not a script file: those are compared whole)."""
        if suffix == "gz":
            return self.compressed(rel, raw)
        try:
            # A browser reads a file that starts with a UTF-16 byte-order mark as UTF-16, whatever else it says:
            # only UTF-8 is read here as a browser reads it.
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            return [Finding(rel, 1, 1, f"not UTF-8 (byte {error.start + 1}): a browser may read it otherwise")]
        if suffix == "css":
            return [Finding(rel, line, col, what) for line, col, what in css_findings(text)]
        return self.markup(rel, text, xml=suffix in ("svg", "xml"))

    def compressed(self, rel: str, raw: bytes) -> list[Finding]:
        inner = rel[: -len(".gz")]
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(raw)) as stream:
                data = stream.read(GZIP_LIMIT + 1)
        except (OSError, EOFError):
            return [Finding(rel, 1, 1, "a .gz file that does not decompress")]
        if len(data) > GZIP_LIMIT:
            return [Finding(rel, 1, 1, "a .gz file larger than the publish gate reads")]
        return [Finding(rel, f.line, f.col, f"(decompressed) {f.what}") for f in self.findings(inner, data)]

    def markup(self, rel: str, text: str, xml: bool) -> list[Finding]:
        if (refused := _control(text) or _unbounded(text)) is not None:
            at, what = refused
            line = text.count("\n", 0, at) + 1
            return [Finding(rel, line, at - (text.rfind("\n", 0, at) + 1) + 1, what)]
        page = _Markup(self, rel, text, xml)
        page.feed(text)
        page.close()
        if not xml and (start := _prolog(text)) is not None:
            page.found.insert(0, Finding(rel, 1, 1, start))
        return page.found


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _walk(folder: Path) -> Iterator[tuple[str, bool]]:
    """Every file under folder, in order, as (relative path, whether it is a link); folders of any depth."""
    pending = [""]
    while pending:
        under = pending.pop()
        with os.scandir(folder / under if under else folder) as entries:
            found = sorted(entries, key=lambda e: e.name)
        for entry in found:
            rel = f"{under}/{entry.name}" if under else entry.name
            if entry.is_dir(follow_symlinks=False):
                pending.append(rel)
            else:
                yield rel, entry.is_symlink()


def folder_findings(
    *,
    folder: Path,
    prefix: str,
    names: Iterable[str] | None = None,
    verdicts: Verdicts | None = None,
    scripts: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Every finding in the files of a built folder served at the URL path prefix: all of them, or only names.
    With verdicts, pages passed before under the same key are not parsed again (and those passed now are noted).
    scripts: the sha256 of script files the caller adds to those Material and the bundled theme ship."""
    files = list(_walk(folder)) if names is None else [(n, (folder / n).is_symlink()) for n in sorted(names)]
    checked = _Folder(folder, prefix, verdicts, files if names is None else None, scripts)
    found: list[Finding] = []
    for rel, link in files:
        if link:
            found.append(Finding(rel, 1, 1, "a symbolic link (a published file must be a file)"))
        else:
            found.extend(checked.findings(rel))
    return found


def text_findings(*, name: str, text: str, folder: Path | None = None, prefix: str = "/") -> list[Finding]:
    """Every finding in one file's text, as if it were the file name of folder (for script files it loads)."""
    return _Folder(folder or Path(os.devnull), prefix).findings(name, text.encode("utf-8"))
