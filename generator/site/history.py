"""An initiative across editions, and a published edition's corrections by page: what history and notices show."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote

from ..content.enums import Kind, Unit
from ..content.fingerprint import is_picture
from ..content.model import CorrectedFile, Correction, Edition, Initiative, Metric, Project
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
    """Each picture of content/pages/images/ (by its path there) with the pages of the edition whose text shows
    it (a Markdown picture or link, or raw HTML, to images/NAME, as site/links.py reads them): the site and edition
    pages first, whose pictures these are, then the goals' and the initiatives' pages."""
    folders = {g.number: g.folder for g in project.goals}
    texts = [
        *((f"{p.slug}.md", p.body, p.link_offsets) for p in (*project.pages, *edition.pages)),
        *((f"goals/{folders[g.goal]}.md", g.body, g.link_offsets) for g in edition.goal_pages),
        *((f"initiatives/{i.id}.md", i.body, i.link_offsets) for i in edition.initiatives),
    ]
    shown: dict[str, list[str]] = {}
    for page, body, offsets in texts:
        for _, address, markdown in links(body, offsets):
            found = target(address, page, markdown)
            name = unquote(found.path).removeprefix("images/") if found else ""
            if found and found.path.startswith("images/") and "/" not in name:
                shown.setdefault(f"content/pages/images/{name}", [])
                if page not in shown[f"content/pages/images/{name}"]:
                    shown[f"content/pages/images/{name}"].append(page)
    return shown


def pages_changed(corrected: CorrectedFile, pictures: Mapping[str, list[str]]) -> list[str]:
    """Every page a corrected file changed: its own (page_of); for goals.yml each corrected goal's page; for a
    picture each page that shows it (pictures: pictures_shown)."""
    pages = [page] if (page := page_of(corrected.path)) else []
    if corrected.path == "content/goals.yml":
        found = (_GOAL_FIELD.match(f.field) for f in corrected.fields)
        pages += [f"goals/{int(m.group(1)):02d}-{m.group(2)}.md" for m in found if m]
    pages += pictures.get(corrected.path, [])
    return list(dict.fromkeys(pages))


@dataclass(frozen=True)
class Notice:
    """A correction as one page shows it: the correction and each file of it that the page shows (its own file, a
    goal of goals.yml, a picture), in the correction's order."""

    correction: Correction
    files: tuple[CorrectedFile, ...]


def corrected_pictures(project: Project, edition: Edition) -> dict[str, list[str]]:
    """pictures_shown, worked out only for an edition with a corrected picture (the pages' links are read)."""
    corrected = any(is_picture(f.path) for c in edition.corrections for f in c.files)
    return pictures_shown(project, edition) if corrected else {}


def notices(project: Project, edition: Edition) -> dict[str, list[Notice]]:
    """Each page's corrections, oldest first, by flat page name (files with no page are only in the log)."""
    out: dict[str, list[Notice]] = {}
    pictures = corrected_pictures(project, edition)
    for correction in edition.corrections:
        shown: dict[str, list[CorrectedFile]] = {}
        for corrected in correction.files:
            for page in pages_changed(corrected, pictures):
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
