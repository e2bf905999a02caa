"""An edition once rendered, made lighter before it is cached and published: every page without the theme's
indentation (compact.py), and Material's stylesheets cut to what the pages can use (stylesheets.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .compact import compact
from .stylesheets import Cuts, pruned_stylesheets


def finished_files(site: Path, cuts: Cuts | None = None) -> Iterator[tuple[str, str]]:
    """The files of the edition rendered into site that change, one at a time: (relative path, new text), for the
    writer to write as they come. Pages are read twice (for the stylesheets, then to compact each), so an edition
    of any size is never in memory whole; stylesheet cuts made before are taken from cuts (the build's cache)."""
    site = site.resolve()
    paths = sorted(site.rglob("*.html"))
    yield from pruned_stylesheets(site, ((path, _read(path)[0]) for path in paths), cuts).items()
    for path in paths:
        text, decoded = _read(path)
        if decoded and (compacted := compact(text)) != text:
            yield path.relative_to(site).as_posix(), compacted


def _read(path: Path) -> tuple[str, bool]:
    """A page's text, and whether it decoded (not what MkDocs writes otherwise: left as it is, though its words
    still count)."""
    try:
        return path.read_text(encoding="utf-8"), True
    except UnicodeDecodeError:
        return path.read_text(encoding="utf-8", errors="replace"), False
