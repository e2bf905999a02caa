"""Elements of a rendered page as a lazy regular expression finds them (`<name ...>...</name>`, left to right, not
overlapping), in time linear in the page.

The expression itself scans to the end of the page for every opening tag that is never closed: a theme that wrote
20,000 unclosed `<pre>` made finishing one page take seconds, and a million would take hours. Once an element of a
name has no closing tag after some point, no later one of that name has; so each name fails at most once."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Element:
    """Where one element lies: page[start:end] whole, its start tag's attributes page[attributes:inner] (up to
    the '>' when the start tag must end), its text page[inner:inner_end]."""

    start: int
    attributes: int
    inner: int
    inner_end: int
    end: int


def elements(
    page: str, opening: re.Pattern[str], closing: Callable[[str], re.Pattern[str]], tag_ends: bool = False
) -> Iterator[Element]:
    """Each element whose start tag opening finds (group 1 names it) and whose end tag closing(name) finds after it.

    tag_ends: the start tag must end with '>' (as `<name\\b[^>]*>` requires); its text starts after the first '>'."""
    never: set[str] = set()  # names with no closing tag after the last place one was looked for
    at = 0
    while (start := opening.search(page, at)) is not None:
        at = start.end()
        name = start.group(1).lower()
        if name in never:
            continue
        inner = start.end()
        if tag_ends:
            bracket = page.find(">", inner)
            if bracket < 0:
                return  # no '>' after here: no later start tag ends either
            inner = bracket + 1
        end = closing(name).search(page, inner)
        if end is None:
            never.add(name)
            continue
        yield Element(start.start(), start.end(), inner, end.start(), end.end())
        at = end.end()
