"""The whole edition on one page, for print and "save as PDF": key figures, then every goal with its initiatives."""

from __future__ import annotations

from collections.abc import Iterator

from ..charts.specs import status_counts, statuses_present
from .base import Context, Doc


def pages(ctx: Context) -> Iterator[Doc]:
    """print/index.md, whose bodies of goals and initiatives are relocated from their own pages (paths.py)."""
    project, edition = ctx.project, ctx.edition
    counts = status_counts(edition, [g.number for g in project.goals])
    goals = [
        {
            "goal": goal,
            "page": edition.goal_page(goal.number),
            "initiatives": [i for i in edition.initiatives if i.goal == goal.number],
        }
        for goal in project.goals
    ]
    yield Doc(
        "print/index.md",
        "print.md.j2",
        edition.pos.path,
        {
            "counts": counts,
            "statuses": statuses_present(counts),
            "initiatives": edition.initiatives,
            "by_goal": goals,
            "goal_titles": {g.number: g.title for g in project.goals},
        },
    )
