"""The explore page: every initiative of the edition in one filterable table."""

from __future__ import annotations

from collections.abc import Iterator

from ...content.model import Initiative, Project
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
    """explore.md."""
    project, edition = ctx.project, ctx.edition
    yield Doc(
        "explore.md",
        "explore.md.j2",
        f"initiatives/{edition.year}/",
        {
            "initiatives": edition.initiatives,
            "areas": {i.id: areas(project, i) for i in edition.initiatives},
            "goal_titles": {g.number: g.title for g in project.goals},
        },
    )
