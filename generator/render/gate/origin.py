"""Where in a content tree's own theme a tag the publish gate refused was written: the override or page template
whose text holds the tag exactly as it was published, so the message names the line an editor fixes rather than
only the built page it reached. A tag made partly by a template expression, one only a Jinja comment holds, or one
written in two places of which none goes on as the page does decisively further, is not placed: the message keeps
the page. Lines are counted as Jinja and editors count them (a BOM dropped, CR and CRLF as LF); the work is bounded
(lookups, characters searched, page characters read), and past a bound a problem keeps its page."""

from __future__ import annotations

import itertools
import re
from array import array
from collections.abc import Mapping
from pathlib import Path

from ...content.problems import Problem
from ...content.theme import Theme

# A tag is looked for up to its first few '>' (a quoted value may hold one); beyond that the page is named as before.
_ENDS = 8
# How far the text after a tag is compared to tell the places that hold it apart, and how many places are compared.
_AGREE = 2000
_PLACES = 50
# How many characters further than the tag (and than any other place) the one place taken must agree with the page.
_DECISIVE = 20
# The most characters of theme text searched, and of built pages read, in one build: a large or repetitive theme
# costs a bounded time, and past either budget problems keep their pages.
_SEARCHED = 64 * 1024 * 1024
_READ = 16 * 1024 * 1024
_SPACES = re.compile(r"\s+")
_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_NOT_NEWLINE = re.compile(r"[^\n]")


def _normalised(text: str) -> str:
    """A theme file as Jinja and editors count its lines (no BOM, CR and CRLF as LF), its Jinja comments blanked
    out (spaces, newlines kept): a tag a comment holds was not published from there."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return _COMMENT.sub(lambda m: _NOT_NEWLINE.sub(" ", m.group()), text)


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
    texts |= {theme.template_path(name): text for name, text in theme.templates.items()}
    return {path: _normalised(text) for path, text in texts.items()}


class Origins:
    """Finds where refused tags were written: at most LOOKUPS of them, each distinct tag once, within the budgets
    above; one built page is held at a time."""

    LOOKUPS = 200

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = dict(sorted(texts.items()))
        self.page: tuple[Path, str, array[int]] | None = None
        self.lookups, self.searched, self.read = 0, 0, 0
        self.found: dict[str, tuple[str, int, int] | None] = {}
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
            pages = f"{files} built files" if files > 1 else "1 built file"
            hint = f"remove it from the theme; written here, it is in {pages}, the first {page}"
            problems.append(Problem(*written, what, hint=hint))
        return problems

    def _text(self, built: Path) -> tuple[str, array[int]] | None:
        """The built file's text and where each of its lines starts (the last file asked for is kept)."""
        if self.page is None or self.page[0] != built:
            self.page = None
            try:
                size = built.stat().st_size
                if self.read + size > _READ:
                    return None
                self.read += size
                text = built.read_text(encoding="utf-8", errors="replace")
            except OSError:
                return None
            # Each line's start: its length and newline added up (in C: a page may have millions of lines).
            starts = array("q", itertools.accumulate(map((1).__add__, map(len, text.split("\n"))), initial=0))
            self.page = built, text, starts
        return self.page[1], self.page[2]

    def written_at(self, built: Path, line: int, col: int) -> tuple[str, int, int] | None:
        """The theme file, line and column whose text holds the tag starting at line:col of the built page; None
        when no theme text holds it alone, the file is not a page or cannot be read, or a budget is spent."""
        if not self.texts or self.lookups >= self.LOOKUPS or not built.name.endswith(".html"):
            return None  # only pages: a drawing or an asset is named with the theme file it is a copy of
        self.lookups += 1
        if (page := self._text(built)) is None or not 1 <= line < len(page[1]):
            return None
        text, start = page[0], page[1][line - 1] + col - 1
        if text[start : start + 1] != "<":
            return None
        # The same tag, followed by the same text, is placed once (a tag with 200 handlers is 200 findings).
        window = text[start : start + _AGREE]
        if window not in self.found:
            self.found[window] = self._place(text, start)
        return self.found[window]

    def _place(self, text: str, start: int) -> tuple[str, int, int] | None:
        end = text.find(">", start)
        for _ in range(_ENDS):
            if end < 0:
                return None
            tag = text[start : end + 1]
            if places := self._places(tag):
                # A bare tag (<script>) says little: the text after it, up to the next tag, must be there too.
                following = len(text) if (after := text.find("<", end)) < 0 else after
                least = len(tag) if " " in tag else following - start
                return self._best(places, text[start : start + _AGREE], least)
            end = text.find(">", end + 1)
        return None

    def _places(self, tag: str) -> list[tuple[str, int]]:
        """Where the theme's texts hold tag (at most _PLACES of them, within the search budget)."""
        places: list[tuple[str, int]] = []
        for path, source in self.texts.items():
            if self.searched > _SEARCHED:
                break
            self.searched += len(source)
            at = source.find(tag)
            while at >= 0 and len(places) < _PLACES:
                places.append((path, at))
                at = source.find(tag, at + 1)
        return places

    def _best(self, places: list[tuple[str, int]], built: str, least: int) -> tuple[str, int, int] | None:
        """Of the places that hold a tag, the one whose text goes on as the built page does for longest (spaces
        aside: the build compacts pages; at least least characters); None if none does, or two agree as far (a
        tag written twice: naming either could send the editor to the wrong one)."""
        page = _SPACES.sub(" ", built)
        agree = sorted(
            ((_agreeing(_SPACES.sub(" ", self.texts[path][at : at + _AGREE]), page), path, at) for path, at in places),
            reverse=True,
        )
        if agree[0][0] < min(len(_SPACES.sub(" ", built[:least])), len(page)):
            return None
        # Of two places or more, one is taken only when its text goes on as the page does decisively further than
        # the tag itself and than the others (an unused copy can agree with the page by chance for a few characters).
        tag = len(_SPACES.sub(" ", built[: built.find(">") + 1]))
        if len(agree) > 1 and (agree[0][0] == agree[1][0] or agree[0][0] - max(tag, agree[1][0]) < _DECISIVE):
            return None
        _, path, at = agree[0]
        source = self.texts[path]
        return path, source.count("\n", 0, at) + 1, at - (source.rfind("\n", 0, at) + 1) + 1


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
