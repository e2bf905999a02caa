"""The explore page: every initiative of the edition in one table that explore.js filters and sorts."""

from __future__ import annotations

from collections.abc import Iterator

from ...content.enums import Status
from ...content.model import Initiative, Project
from ..paths import doc_path
from .base import Context, Doc


def areas(project: Project, initiative: Initiative) -> list[str]:
    """The districts (or whole-area and outside labels) an initiative's places count towards."""
    out: list[str] = []
    for name in initiative.places:
        area = project.place(name).area
        if area not in out:
            out.append(area)
    return out


def pages(ctx: Context) -> Iterator[Doc]:
    """explore/index.md."""
    project, edition = ctx.project, ctx.edition
    named = {i.id: areas(project, i) for i in edition.initiatives}
    # The place filter offers the areas some initiative counts towards, in the order of places.yml.
    used = {a for names in named.values() for a in names}
    area_options = [p.name for p in project.places if p.name in used]
    index = {name: n for n, name in enumerate(area_options)}
    goals = {i.goal for i in edition.initiatives}
    statuses = {i.status for i in edition.initiatives}
    yield Doc(
        doc_path("explore.md"),
        "explore.md.j2",
        f"initiatives/{edition.year}/",
        {
            "initiatives": edition.initiatives,
            # Each row names its areas by their place in area_options: numbers survive any renderer's attributes.
            "areas": {ident: [index[a] for a in names] for ident, names in named.items()},
            "goal_titles": {g.number: g.title for g in project.goals},
            "goal_options": [g for g in project.goals if g.number in goals],
            "status_options": [s for s in Status if s in statuses],
            "area_options": area_options,
        },
    )
