"""An initiative across editions, and a published edition's corrections by page: what history and notices show."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from ..content.enums import Kind, Unit
from ..content.markup import attributes, to_html
from ..content.model import CorrectedFile, Correction, Edition, Initiative, Metric, Project
from .links import _Text, page_texts
from .paths import links, target


@dataclass(frozen=True)
class Entry:
    """One edition and the initiative as it has it (None: not in that edition)."""

    edition: Edition
    initiative: Initiative | None


def entries(project: Project, ident: str) -> list[Entry]:
    """Every edition, oldest first, with the initiative of this id or None."""
    return [Entry(e, e.initiative(ident)) for e in project.editions]


def earlier(project: Project, edition: Edition, ident: str) -> Entry | None:
    """The most recent edition before this one that has the initiative."""
    found = [x for x in entries(project, ident) if x.edition.year < edition.year and x.initiative]
    return found[-1] if found else None


@dataclass(frozen=True)
class FigureHistory:
    """One figure of an initiative (label, unit and kind) in each edition that has the initiative."""

    label: str
    unit: Unit
    kind: Kind
    values: tuple[tuple[int, Metric | None], ...]

    @property
    def given(self) -> list[tuple[int, Metric]]:
        """The editions that give the figure, with it."""
        return [(year, m) for year, m in self.values if m is not None]

    @property
    def distinct(self) -> int:
        """How many different values the figure has had: a chart needs two."""
        return len({(m.value, m.qualifier) for _, m in self.given})


def figure_history(project: Project, ident: str) -> list[FigureHistory]:
    """Every figure the initiative has had, in first-seen order; a label, unit and kind given twice in one
    edition (two periods, say) are told apart by their order."""
    present = [(x.edition.year, x.initiative) for x in entries(project, ident) if x.initiative]
    keys: list[tuple[str, str, str, int]] = []
    by_year: dict[int, dict[tuple[str, str, str, int], Metric]] = {}
    for year, item in present:
        seen: Counter[tuple[str, str, str]] = Counter()
        by_year[year] = {}
        for m in item.metrics:
            base = (m.label, m.unit.value, m.kind.value)
            key = (*base, seen[base])
            seen[base] += 1
            by_year[year][key] = m
            if key not in keys:
                keys.append(key)
    return [
        FigureHistory(k[0], Unit(k[1]), Kind(k[2]), tuple((year, by_year[year].get(k)) for year, _ in present))
        for k in keys
    ]


def page_of(path: str) -> str | None:
    """The page a content file of an edition becomes, by its flat name (goals/01-x.md; paths.doc_path gives its docs
    file); None for a file with no page of its own."""
    parts = path.split("/")
    if len(parts) == 4 and parts[0] == "initiatives" and parts[3].endswith(".md"):
        return f"goals/{parts[2]}.md" if parts[3] == "index.md" else f"initiatives/{parts[3]}"
    if len(parts) == 3 and parts[0] == "content":
        if parts[2] == "edition.yml":
            return "index.md"
        if parts[2].endswith(".md"):
            return parts[2]
    # The site-wide files a lock covers (content/fingerprint.SITE_WIDE): the index of what they list; for the
    # site's settings (its name, footer, licence, statement: on every page) and a tree's own theme (which words and
    # lays out every page), the edition's home. A site page (content/pages/<name>.md) is named above.
    if path.startswith("theme/"):
        return "index.md"
    return {
        "content/goals.yml": "goals/index.md",
        "content/places.yml": "places/index.md",
        "content/site.yml": "index.md",
    }.get(path)


# A corrected goal's field, as editions/lock.py names it: 'goals: 1 (early-years): definition'.
_GOAL_FIELD = re.compile(r"goals: ([0-9]+) \(([^)]*)\)")


def pictures_shown(project: Project, edition: Edition) -> dict[str, list[str]]:
    """Each picture of content/pages/images/ (by its path) with the files of the edition whose text shows it, as a
    correction records them (shown_by): a Markdown picture or link, or raw HTML, to images/NAME, written as the
    links check reads it (site/links.py: %-decoded), or through an edition's folder (../2021/images/NAME, or from
    the site's root). The site and edition pages first, whose pictures these are, then goals' and initiatives'."""
    texts = sorted(page_texts(project, edition), key=_pictures_first)
    years = {str(e.year) for e in project.editions} | {"latest"}  # latest/: the newest published edition's folder
    root = unquote(urlsplit(project.site.site_url).path)
    shown: dict[str, dict[str, None]] = {}
    for text in texts:
        # Relative addresses as the links check finds them; one from the site's root (/2022/images/x.png) only in
        # the rendered text, which shows no address in code as a picture.
        found = [(a, markdown) for _, a, markdown in links(text.body, text.links)]
        if "/images/" in text.body:
            found += [(a, False) for a in attributes(to_html(text.body)[0]).addresses if _rooted(a)]
        for address, markdown in found:
            if (name := _picture(address, text.written_for, markdown, years, root)) is not None:
                shown.setdefault(f"content/pages/images/{name}", {})[text.path] = None
    return {picture: list(files) for picture, files in shown.items()}


def _pictures_first(text: _Text) -> int:
    """The site pages first, then the edition's, then goals' and initiatives' (page_texts keeps each in order)."""
    if text.path.startswith("content/pages/"):
        return 0
    return 1 if "/" not in text.written_for else 2 if text.written_for.startswith("goals/") else 3


# A picture's address within an edition, or through an edition's folder (every edition has every picture).
_PICTURE = re.compile(r"(?:(?:\.\./)?([0-9]{4}|latest)/)?images/([^/]+)")


def _rooted(address: str) -> bool:
    return address.startswith("/") and not address.startswith("//")


def _picture(address: str, page: str, markdown: bool, years: set[str], root: str) -> str | None:
    """The name of the picture of content/pages/images/ an address of a page's text leads to, if any: %-decoded,
    as a web server reads it."""
    if _rooted(address):
        path = unquote(urlsplit(address).path)
        found = _PICTURE.fullmatch(path[len(root) :]) if path.startswith(root) else None
        return found.group(2) if found and found.group(1) in years else None
    if (located := target(address, page, markdown)) is None:
        return None
    found = _PICTURE.fullmatch(unquote(located.path))
    return found.group(2) if found and (found.group(1) is None or found.group(1) in years) else None


def pages_changed(corrected: CorrectedFile) -> list[str]:
    """Every page a corrected file changed: its own (page_of); for goals.yml each corrected goal's page; for a
    picture the page of each file that showed it when the correction was recorded (shown_by), so a later edit
    of those texts leaves the notices as published."""
    pages = [page] if (page := page_of(corrected.path)) else []
    if corrected.path == "content/goals.yml":
        found = (_GOAL_FIELD.match(f.field) for f in corrected.fields)
        pages += [f"goals/{int(m.group(1)):02d}-{m.group(2)}.md" for m in found if m]
    pages += [page for path in corrected.shown_by if (page := page_of(path))]
    return list(dict.fromkeys(pages))


@dataclass(frozen=True)
class Notice:
    """A correction as one page shows it: the correction and each file of it that the page shows (its own file, a
    goal of goals.yml, a picture), in the correction's order."""

    correction: Correction
    files: tuple[CorrectedFile, ...]

    @property
    def file(self) -> CorrectedFile:
        """The first of them: what a theme written before notices were grouped shows."""
        return self.files[0]


def notices(edition: Edition) -> dict[str, list[Notice]]:
    """Each page's corrections, oldest first, by flat page name (files with no page are only in the log)."""
    out: dict[str, list[Notice]] = {}
    for correction in edition.corrections:
        shown: dict[str, list[CorrectedFile]] = {}
        for corrected in correction.files:
            for page in pages_changed(corrected):
                shown.setdefault(page, []).append(corrected)
        for page, files in shown.items():
            out.setdefault(page, []).append(Notice(correction, tuple(files)))
    return out


def pages_of(project: Project, edition: Edition) -> set[str]:
    """The docs pages an edition's content files become (see page_of), for links that must not break."""
    pages = {"index.md", *(f"initiatives/{i.id}.md" for i in edition.initiatives)}
    pages |= {f"goals/{g.folder}.md" for g in project.goals}
    pages |= {f"{p.slug}.md" for p in (*edition.pages, *project.pages)}  # the edition's and the site's
    return pages | {"goals/index.md", *(["places/index.md"] if project.places else [])}
