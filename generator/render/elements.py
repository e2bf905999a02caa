"""Elements of a rendered page as a lazy regular expression finds them (`<name ...>...</name>`, left to right, not
overlapping), and where its start tags end (TagEnds), in time linear in the page.

The expression itself scans to the end of the page for every opening tag that is never closed: a theme that wrote
20,000 unclosed `<pre>` made finishing one page take seconds, and a million would take hours. Once an element of a
name has no closing tag after some point, no later one of that name has; so each name fails at most once."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property


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


# What can end a start tag's text, or open or close a quoted value in it.
_TAG_PARTS = re.compile(r"""[>"']""")


class TagEnds:
    """Where a start tag's text `(?>[^>"']+|"[^"]*"|'[^']*')*>` begun at a place in text would end, for places
    asked left to right, each in constant time (amortised).

    The expression itself scans to the end of the text (or into a quote never closed) for every '<' that starts
    no tag: N of them cost N times the text. From one place the scan is deterministic (a run of plain text, a
    quoted value, a '>'), and each '>' or quote leads to one next: so where a scan from each of them ends is
    worked out once, right to left, and a scan from anywhere goes on as from the next of them."""

    def __init__(self, text: str, start: int = 0) -> None:
        self._places = [part.start() for part in _TAG_PARTS.finditer(text, start)]
        self._length = len(text)
        self._ends = _ends(text, self._places)
        self._next = 0  # the first of the places at or after the one asked last

    def end(self, at: int) -> int:
        """Where a tag's text begun at at ends (just after its '>'), or -1 if it never does."""
        return self._ends[self._index(at)]

    def next_part(self, at: int) -> int:
        """Where the first '>' or quote at or after at is (the length of the text if none): a scan begun anywhere
        from at up to there goes on as from there."""
        index = self._index(at)
        return self._places[index] if index < len(self._places) else self._length

    def last_ending_before(self, at: int) -> tuple[int, int]:
        """The last quote (or '>') before at from which a tag's text ends, and where it ends; (-1, -1) if none."""
        index = self._ending_before[self._index(at)]
        return (self._places[index], self._ends[index]) if index >= 0 else (-1, -1)

    @cached_property
    def _ending_before(self) -> list[int]:
        """For each place (and past the last), the last place before it from which a tag's text ends, or -1."""
        before, last = [], -1
        for index, end in enumerate(self._ends):
            before.append(last)
            if end >= 0:
                last = index
        return before

    def _index(self, at: int) -> int:
        # Places are asked left to right: the cursor only moves on, so all the asking costs one pass.
        places, index = self._places, self._next
        while index < len(places) and places[index] < at:
            index += 1
        self._next = index
        return index


def _ends(text: str, places: list[int]) -> list[int]:
    """For each place (of a '>' or quote), where a tag's text scanned from there ends; -1 past the last place."""
    ends = [-1] * (len(places) + 1)
    closing = {'"': len(places), "'": len(places)}  # the next quote of each kind, to the right
    for index in range(len(places) - 1, -1, -1):
        at = places[index]
        if (mark := text[at]) == ">":
            ends[index] = at + 1
        else:
            # The quoted value runs to the next quote of its kind; the scan goes on from just after that one.
            ends[index] = ends[closing[mark] + 1] if closing[mark] < len(places) else -1
            closing[mark] = index
    return ends
