"""What is happening in each area: a places page with a tile map of the districts, and a page per district."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ...content.enums import PlaceKind, Status
from ...content.model import Edition, Goal, Initiative, Place, Project
from ..history import notices
from ..paths import doc_path
from ..tilemap import layout
from .base import Context, Doc


@dataclass(frozen=True)
class Listed:
    """An initiative on a places page, with the places it names there (a district's towns and sites)."""

    initiative: Initiative
    named: tuple[str, ...]


def district_of(project: Project, name: str) -> Place | None:
    """The district a place lies in (itself for a district); None for the whole area, a region or outside."""
    place = project.place(name)
    if place.kind == PlaceKind.DISTRICT:
        return place
    return project.place(place.district) if place.district else None


def place_page(project: Project, name: str) -> str | None:
    """The places page a place links to, relative to the docs root: its district's, the places index, or none."""
    district = district_of(project, name)
    if district is not None:
        return doc_path(f"places/{district.slug}.md")
    return "places/index.md" if project.place(name).kind in (PlaceKind.COUNTYWIDE, PlaceKind.REGION) else None


def _listed(edition: Edition, names: Callable[[Initiative], tuple[str, ...]]) -> list[Listed]:
    """The edition's initiatives for which names() picks any place, each with those places."""
    return [Listed(item, named) for item in edition.initiatives if (named := names(item))]


def in_area(project: Project, edition: Edition, area: str) -> list[Listed]:
    """The initiatives naming a place that counts towards area: a district (with its towns and sites) or a region."""
    return _listed(edition, lambda i: tuple(n for n in i.places if project.place(n).area == area))


def of_kind(project: Project, edition: Edition, kind: PlaceKind) -> list[Listed]:
    """The initiatives naming a place of this kind (the whole area, for example)."""
    return _listed(edition, lambda i: tuple(n for n in i.places if project.place(n).kind == kind))


def counts(project: Project, listed: list[Listed]) -> dict[str, list[tuple[Goal | Status, int]]]:
    """How many of these initiatives have each main goal and each status (only those with any), in order."""
    goals = Counter(x.initiative.goal for x in listed)
    statuses = Counter(x.initiative.status for x in listed)
    return {
        "goal": [(project.goal(g), goals[g]) for g in sorted(goals)],
        "status": [(s, statuses[s]) for s in Status if statuses[s]],
    }


def pages(ctx: Context) -> Iterator[Doc]:
    """places/index.md and places/<district>/index.md for every district."""
    project, edition = ctx.project, ctx.edition
    source = "content/places.yml"
    districts = [p for p in project.places if p.kind == PlaceKind.DISTRICT]
    listed = {d.name: in_area(project, edition, d.name) for d in districts}
    countywide = of_kind(project, edition, PlaceKind.COUNTYWIDE)
    grid = [(d.name, d.slug, len(listed[d.name]), d.grid) for d in districts if d.grid]
    regions = [(r, in_area(project, edition, r.name)) for r in project.places if r.kind == PlaceKind.REGION]
    yield Doc(
        "places/index.md",
        "places.md.j2",
        source,
        {
            "districts": [(d, len(listed[d.name])) for d in districts],
            "towns": {d.name: [p.name for p in project.places if p.district == d.name] for d in districts},
            "goal_titles": {g.number: g.title for g in project.goals},
            "tilemap": layout(grid) if grid and len(grid) == len(districts) else None,
            "countywide": countywide,
            "regions": [(r, items) for r, items in regions if items],
            "notices": notices(edition).get("places/index.md", []),
        },
    )
    for district in districts:
        here = listed[district.name]
        ids = {x.initiative.id for x in here}
        yield Doc(
            doc_path(f"places/{district.slug}.md"),
            "district.md.j2",
            source,
            {
                "district": district,
                "towns": [p for p in project.places if p.district == district.name],
                "initiatives": here,
                "counts": counts(project, here),
                # An initiative that names the district and the whole area is listed once, under the district.
                "countywide": [x for x in countywide if x.initiative.id not in ids],
                "goal_titles": {g.number: g.title for g in project.goals},
            },
        )
