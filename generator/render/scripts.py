"""The inline scripts of the rendered pages, which the Content-Security-Policy must name by hash.

Only scripts outside each page's <article> count: those come from the theme. The article is content, which the
sanitiser keeps free of script; should one get through, the policy does not allow it, so the browser blocks it."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from pathlib import Path

from .elements import elements

# The HTML tokeniser ends a script's text at the first '</script' (any case) followed by '>', '/' or whitespace.
# As `<script\b([^>]*)>(.*?)</script[\s/>]` and `<article\b.*?</article\s*>` would find them, in linear time.
_SCRIPT = re.compile(r"<(script)\b", re.IGNORECASE)
_SCRIPT_END = re.compile(r"</script[\s/>]", re.IGNORECASE)
_ARTICLE = re.compile(r"<(article)\b", re.IGNORECASE)
_ARTICLE_END = re.compile(r"</article\s*>", re.IGNORECASE)
_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
# Script types a browser runs; anything else (application/json) is a data block that CSP does not govern.
_RUN = {"", "text/javascript", "application/javascript", "module"}


def scripts_in(html: str) -> list[str]:
    """The text of every inline script a browser would run, outside the page's article."""
    pieces, start = [], 0
    for article in elements(html, _ARTICLE, lambda name: _ARTICLE_END):
        pieces.append(html[start : article.start])
        start = article.end
    outside = "".join([*pieces, html[start:]])
    found = []
    for script in elements(outside, _SCRIPT, lambda name: _SCRIPT_END, tag_ends=True):
        attributes, text = outside[script.attributes : script.inner - 1], outside[script.inner : script.inner_end]
        kind = _TYPE.search(attributes)
        if not _SRC.search(attributes) and (kind.group(1).lower() if kind else "") in _RUN:
            found.append(text)
    return found


def inline_scripts(site: Path, finished: Collection[Path] = ()) -> set[str]:
    """Every distinct inline script of every page under site (they differ by page depth, so there are a few),
    except under the folders finished: their scripts were gathered as their pages were finished (finish.py)."""
    found: set[str] = set()
    for page in _pages(site, set(finished)):
        found.update(scripts_in(page.read_text(encoding="utf-8", errors="replace")))
    return found


def _pages(site: Path, finished: set[Path]) -> Iterator[Path]:
    """What site.rglob("*.html") finds, less what lies under the folders finished (not walked at all)."""
    try:
        entries = sorted(site.iterdir())
    except OSError:  # as for rglob, a site gone meanwhile holds no page (the completeness check names it)
        return
    for entry in entries:
        if entry.name.endswith(".html"):
            yield entry
        if entry not in finished and entry.is_dir() and not entry.is_symlink():
            yield from entry.rglob("*.html")
