"""The theme's indentation taken out of a rendered page: outside the page's <article> (the content), every run of
whitespace that holds a line break becomes one line break, which a browser lays out the same (both are one
collapsible space) wherever white-space is normal or nowrap, as in all of Material's page furniture.

Left exactly as they are: the article, and every element whose text may keep its spaces (pre, textarea, code, kbd:
Material lays code out with pre-wrap) or is not laid out at all (script, style)."""

from __future__ import annotations

import re
from functools import lru_cache

from .elements import elements

# What `<(article|pre|...)\b.*?</\1\s*>` would find, in linear time (elements.py).
_KEPT = ("article", "pre", "textarea", "code", "kbd", "script", "style")
_KEEP = re.compile(rf"<({'|'.join(_KEPT)})\b", re.IGNORECASE)
_END = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in _KEPT}
# A whole tag (its attribute values are left alone), or a run of HTML whitespace holding a line break. The group
# is atomic: a tag left open (no '>') costs one pass, not one per way of splitting its text.
_TAG_OR_RUN = re.compile(r"""(<(?>[^>"']+|"[^"]*"|'[^']*')*>)|[ \t\r\n\f]*\n[ \t\r\n\f]*""")


def _collapse(text: str) -> str:
    return _collapse_recurring(text) if len(text) <= _RECURRING else _collapse_text(text)


def _collapse_text(text: str) -> str:
    return _TAG_OR_RUN.sub(lambda m: m.group(1) or "\n", text)


# Much of a page outside its kept elements recurs on the edition's other pages (the head's and footer's runs between
# their scripts and styles, under 8 KB each): about 40% of the text the bundled site compacts. A few recent ones are
# remembered; longer texts (a page's own table of contents) do not recur, and would hold memory for nothing.
_RECURRING = 32_768
_collapse_recurring = lru_cache(maxsize=64)(_collapse_text)


def compact(page: str) -> str:
    """page with each whitespace run holding a line break, outside tags and the kept elements, as one line break."""
    out = []
    start = 0
    for kept in elements(page, _KEEP, _END.__getitem__):
        out.append(_collapse(page[start : kept.start]))
        out.append(page[kept.start : kept.end])
        start = kept.end
    out.append(_collapse(page[start:]))
    return "".join(out)
