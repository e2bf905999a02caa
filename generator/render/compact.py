"""The theme's indentation taken out of a rendered page: outside the page's <article> (the content), every run of
whitespace that holds a line break becomes one line break, which a browser lays out the same (both are one
collapsible space) wherever white-space is normal or nowrap, as in all of Material's page furniture.

Left exactly as they are: the article, and every element whose text may keep its spaces (pre, textarea, code, kbd:
Material lays code out with pre-wrap) or is not laid out at all (script, style)."""

from __future__ import annotations

import re
from functools import lru_cache

from .elements import TagEnds, elements

# What `<(article|pre|...)\b.*?</\1\s*>` would find, in linear time (elements.py). Only ASCII letters name an
# element (as the HTML parser reads tag names): `<ſcript>` is no script, and its name has no end tag to look for.
_KEPT = ("article", "pre", "textarea", "code", "kbd", "script", "style")
_KEEP = re.compile(rf"<((?ai:{'|'.join(_KEPT)}))\b")
_END = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in _KEPT}
# A run of HTML whitespace holding a line break.
_RUN = r"[ \t\r\f]*+\n[ \t\r\n\f]*+"
# What a page's text goes on with up to the next run: plain text, whole tags (their attribute values are left
# alone) and runs without a line break. Tried at a '<' that starts no tag, the tag scans to the end of the text (or
# into a quote never closed): one pass for each such '<' would be the text's length squared, so the first one
# hands the rest of the text to TagEnds (elements.py). The groups are possessive: no way of splitting a text is
# tried twice.
_UP_TO_RUN = re.compile(
    rf"""((?:[^< \t\r\n\f]++|<(?>[^>"']+|"[^"]*"|'[^']*')*+>|[ \t\r\f]++(?!\n))*+)(?:({_RUN})|(<))?"""
)
# A '<', or a run matched only from its first character: tried from every character of a long run with no line
# break, it would cost the run's length squared.
_OPEN_OR_RUN = re.compile(rf"(<)|(?<![ \t\r\n\f]){_RUN}")
_RUN_ALONE = re.compile(rf"(?<![ \t\r\n\f]){_RUN}")


def _collapse(text: str) -> str:
    return _collapse_recurring(text) if len(text) <= _RECURRING else _collapse_text(text)


def _collapse_text(text: str) -> str:
    """text with each run as one line break, outside tags."""
    out: list[str] = []
    for found in _UP_TO_RUN.finditer(text):
        out.append(found.group(1))
        if found.lastindex == 2:
            out.append("\n")
        elif found.lastindex == 3:
            _collapse_after_open(text, found.start(3), out)
            break
    return "".join(out)


def _collapse_after_open(text: str, start: int, out: list[str]) -> None:
    """Onto out, text[start:] collapsed as _collapse_text would, in linear time; text[start] is a '<' that starts
    no tag."""
    ends = TagEnds(text, start)
    done = at = start
    while (found := _OPEN_OR_RUN.search(text, at)) is not None:
        if found.lastindex == 1:
            if (end := ends.end(found.end())) >= 0:
                at = end
                continue
            # No tag begun here ends, nor one begun at any '<' up to the next quote or '>' (each scan goes on as this
            # one did): those are text, and only the runs among them are collapsed. A page of '<' is one step.
            at = ends.next_part(found.end())
            for run in _RUN_ALONE.finditer(text, found.end(), at):
                out.append(text[done : run.start()])
                out.append("\n")
                done = run.end()
            continue
        out.append(text[done : found.start()])
        out.append("\n")
        done = at = found.end()
    out.append(text[done:])


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
