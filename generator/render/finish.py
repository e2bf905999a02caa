"""An edition once rendered, made lighter before it is cached and published: every page without the theme's
indentation (compact.py), and Material's stylesheets cut to what the pages can use (stylesheets.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .compact import compact
from .scripts import scripts_in
from .stylesheets import Cuts, Pages, pruned_stylesheets


def finished_files(site: Path, cuts: Cuts | None = None, scripts: set[str] | None = None) -> Iterator[tuple[str, str]]:
    """The files of the edition rendered into site that change, one at a time: (relative path, new text), for the
    writer to write as they come. Each page is read once: its words are noted for the stylesheets and it is
    compacted, so an edition of any size is never in memory whole; the stylesheets come last, once every page is
    noted. Stylesheet cuts made before are taken from cuts (the build's cache). Given scripts, the inline scripts
    of every page as finished are added to it, so the Content-Security-Policy needs no second reading."""
    site = site.resolve()
    pages = Pages(site)
    for path in sorted(site.rglob("*.html")):
        text, decoded = _read(path)
        pages.add(path, text)
        finished = compact(text) if decoded else text
        if scripts is not None:
            scripts.update(scripts_in(finished))
        if finished != text:
            yield path.relative_to(site).as_posix(), finished
    yield from pruned_stylesheets(pages, cuts).items()


def _read(path: Path) -> tuple[str, bool]:
    """A page's text, and whether it decoded (not what MkDocs writes otherwise: left as it is, though its words
    still count)."""
    try:
        return path.read_text(encoding="utf-8"), True
    except UnicodeDecodeError:
        return path.read_text(encoding="utf-8", errors="replace"), False
