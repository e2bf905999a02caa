"""A goal summary per goal: definition, narrative, context figures, charts and initiatives."""

from __future__ import annotations

from collections.abc import Iterator

from ..history import notices
from ..paths import doc_path
from .base import Context, Doc


def pages(ctx: Context) -> Iterator[Doc]:
    """goals/<NN>-<slug>/index.md for every goal of the framework."""
    edition = ctx.edition
    corrected = notices(edition)
    for goal in ctx.project.goals:
        goal_page = edition.goal_page(goal.number)
        initiatives = [i for i in edition.initiatives if i.goal == goal.number]
        yield Doc(
            doc_path(f"goals/{goal.folder}.md"),
            "goal.md.j2",
            goal_page.pos.path if goal_page else goal.pos.path,
            {
                "goal": goal,
                "goal_page": goal_page,
                "initiatives": initiatives,
                # Derived, never written by hand, so a carried-forward note cannot go stale.
                "reported": any(i.last_reported == edition.year for i in initiatives),
                "status_chart": ctx.charts.goal_status.get(goal.number),
                "metric_charts": list(ctx.charts.goal_metrics[goal.number]),
                "supporting": [i for i in edition.initiatives if goal.number in i.also_supports],
                "notices": corrected.get(f"goals/{goal.folder}.md", []),
            },
        )
