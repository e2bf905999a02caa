"""Where in a content tree's own theme a tag the publish gate refused was written: the override or page template
whose text holds the tag exactly as it was published, so the message names the line an editor fixes rather than
only the built page it reached (a tag made partly by a template expression is not found, and keeps the page)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from pathlib import Path

from ...content.problems import Problem
from ...content.theme import Theme

# A tag is looked for up to its first few '>' (a quoted value may hold one); beyond that the page is named as before.
_ENDS = 8
# How far the text after a tag is compared to tell places that hold the same tag apart, and how many are compared.
_AGREE = 2000
_PLACES = 50


def theme_texts(theme: Theme) -> dict[str, str]:
    """The text of every override and page template of a content tree's own theme, by the path messages show; the
    bundled theme's are left out (the gate passes them by construction, so a match there would mislead)."""
    if theme.folder != "theme":
        return {}
    texts = {
        f"{theme.folder}/overrides/{name}": data.decode("utf-8", "replace")
        for name, data in theme.overrides.items()
        if name.endswith(".html")
    }
    return texts | {theme.template_path(name): text for name, text in theme.templates.items()}


class Origins:
    """Finds where refused tags were written, reading each built file once and looking up at most LOOKUPS tags (a
    page can hold thousands of distinct refusals; past the cap they keep the page's position)."""

    LOOKUPS = 200

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = dict(sorted(texts.items()))
        self.built: dict[Path, tuple[str, list[int]] | None] = {}
        self.lookups = 0
        # (where written, what) -> the first built page and line it reached, and how many files it reached.
        self.reach: dict[tuple[tuple[str, int, int], str], tuple[str, int]] = {}

    def reached(self, written: tuple[str, int, int], what: str, first: str, files: int) -> None:
        """Record that a refused tag written in the theme reached files built files, the first at first."""
        page, count = self.reach.get((written, what), (first, 0))
        self.reach[written, what] = page, count + files

    def problems(self) -> list[Problem]:
        """One problem per refused tag written in the theme, at its line there, however many pages it reached."""
        problems = []
        for (written, what), (page, files) in self.reach.items():
            others = f" and {files - 1} other file{'s' if files > 2 else ''}" if files > 1 else ""
            problems.append(Problem(*written, f"{what}; it reaches {page}{others}"))
        return problems

    def _read(self, built: Path) -> tuple[str, list[int]] | None:
        if built not in self.built:
            try:
                text = built.read_text(encoding="utf-8", errors="replace")
            except OSError:
                self.built[built] = None
            else:
                starts = [0, *itertools.accumulate(len(line) + 1 for line in text.split("\n"))]
                self.built[built] = text, starts
        return self.built[built]

    def written_at(self, built: Path, line: int, col: int) -> tuple[str, int, int] | None:
        """The theme file, line and column whose text holds the tag starting at line:col of the built file; None
        when no theme text holds it, or the built file cannot be read."""
        if not self.texts or self.lookups >= self.LOOKUPS or not built.name.endswith(".html"):
            return None  # only pages: a drawing or an asset is named with the theme file it is a copy of
        self.lookups += 1
        if (read := self._read(built)) is None or not 1 <= line < len(read[1]):
            return None
        text, start = read[0], read[1][line - 1] + col - 1
        if text[start : start + 1] != "<":
            return None
        end = text.find(">", start)
        for _ in range(_ENDS):
            if end < 0:
                return None
            tag = text[start : end + 1]
            places = [(path, at) for path, source in self.texts.items() for at in _occurrences(source, tag)]
            # A bare tag (<script>) says little: the text after it, up to the next tag, must be written there too.
            following = len(text) if (after := text.find("<", end)) < 0 else after
            least = len(tag) if " " in tag else following - start
            if places:
                return self._best(places, text[start : start + _AGREE], least)
            end = text.find(">", end + 1)
        return None

    def _best(self, places: list[tuple[str, int]], built: str, least: int) -> tuple[str, int, int] | None:
        """Of the places that hold a tag, the one whose text goes on as the built page does for longest (at least
        least characters); None if none does, or two agree as far (an inline <script> written twice: naming either
        could send the editor to the wrong one)."""
        agree = sorted(
            ((_agreeing(self.texts[path][at : at + _AGREE], built), path, at) for path, at in places),
            reverse=True,
        )
        if agree[0][0] < min(least, _AGREE) or (len(agree) > 1 and agree[0][0] == agree[1][0]):
            return None
        _, path, at = agree[0]
        source = self.texts[path]
        return path, source.count("\n", 0, at) + 1, at - (source.rfind("\n", 0, at) + 1) + 1


def _occurrences(text: str, part: str) -> list[int]:
    """Where part starts in text (at most _PLACES of them)."""
    found: list[int] = []
    at = text.find(part)
    while at >= 0 and len(found) < _PLACES:
        found.append(at)
        at = text.find(part, at + 1)
    return found


def _agreeing(one: str, other: str) -> int:
    """How many characters the two texts agree on from their start (a binary search of slices, compared in C)."""
    low, high = 0, min(len(one), len(other))
    while low < high:
        middle = (low + high + 1) // 2
        if one[:middle] == other[:middle]:
            low = middle
        else:
            high = middle - 1
    return low
