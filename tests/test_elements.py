"""Finishing finds the same elements as the lazy regular expressions it replaced, on any text, in linear time."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render import compact, scripts, stylesheets

# The expressions finishing used before render/elements.py: the reference.
KEEP = re.compile(r"<(article|pre|textarea|code|kbd|script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script[\s/>]", re.IGNORECASE | re.DOTALL)
ARTICLE = re.compile(r"<article\b.*?</article\s*>", re.IGNORECASE | re.DOTALL)
INLINE = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)

PIECES = [
    *("<pre>", "</pre>", "<PRE class=x>", "</pre >", "<code>", "</code>", "<kbd>", "</KBD>", "<preview>"),
    *("<script>", "<script type=module>", '<script src="a.js">', "</script>", "</script/", "</script ", "<scripts>"),
    *("<article>", "</article>", "<style>", "</style>", "<textarea>", "</textarea>", "<p>", "</p>"),
    *(">", "<", "x", "y", " ", "\n", "\n  \n", "'", '"', "</", "<script", "<pre", "<article"),
]
pages = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def old_compact(page: str) -> str:
    out, start = [], 0
    for kept in KEEP.finditer(page):
        out.append(compact._collapse(page[start : kept.start()]))
        out.append(kept.group(0))
        start = kept.end()
    out.append(compact._collapse(page[start:]))
    return "".join(out)


def old_scripts_in(html: str) -> list[str]:
    outside = ARTICLE.sub("", html)
    found = []
    for match in SCRIPT.finditer(outside):
        attributes, text = match.groups()
        kind = scripts._TYPE.search(attributes)
        if not scripts._SRC.search(attributes) and (kind.group(1).lower() if kind else "") in scripts._RUN:
            found.append(text)
    return found


@settings(max_examples=1500, deadline=None)
@given(pages)
def test_the_same_elements_as_the_expressions(page: str) -> None:
    assert compact.compact(page) == old_compact(page)
    assert scripts.scripts_in(page) == old_scripts_in(page)
    found = stylesheets._Found()
    found.add(page)
    assert found.inline == set(INLINE.findall(page))


def test_unclosed_elements_are_passed_over_once() -> None:
    """20,000 unclosed <pre> cost the expression 4.9 s (each one scanned to the end of the page); now the closing
    tag of each name is looked for at most once after it was not found."""
    looked: list[str] = []

    class Counting:
        def __init__(self, pattern: re.Pattern[str]) -> None:
            self.pattern = pattern

        def search(self, page: str, at: int) -> re.Match[str] | None:
            looked.append(self.pattern.pattern)
            return self.pattern.search(page, at)

    from generator.render.elements import elements

    page = "<pre>" * 20_000 + "<code>x</code>"
    closing = {name: Counting(re.compile(rf"</{name}\s*>")) for name in ("pre", "code")}
    found = list(elements(page, compact._KEEP, lambda name: closing[name]))  # type: ignore[arg-type, return-value]
    assert [page[e.start : e.end] for e in found] == ["<code>x</code>"]
    assert len(looked) == 2
