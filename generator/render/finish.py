"""An edition once rendered, made lighter before it is cached and published: every page without the theme's
indentation (compact.py), and Material's stylesheets cut to what the pages can use (stylesheets.py)."""

from __future__ import annotations

from pathlib import Path

from .compact import compact
from .stylesheets import Cuts, pruned_stylesheets


def finished_files(site: Path, cuts: Cuts | None = None) -> dict[str, str]:
    """The files of the edition rendered into site that change: relative path -> new text (for the writer);
    stylesheet cuts made before are taken from cuts (the build's cache), if given."""
    site = site.resolve()
    pages, undecodable = {}, set()
    for path in sorted(site.rglob("*.html")):
        try:
            pages[path] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # not what MkDocs writes: left as it is, though its words still count
            pages[path] = path.read_text(encoding="utf-8", errors="replace")
            undecodable.add(path)
    out = pruned_stylesheets(site, pages, cuts)
    for path, text in pages.items():
        if path not in undecodable and (compacted := compact(text)) != text:
            out[path.relative_to(site).as_posix()] = compacted
    return out
