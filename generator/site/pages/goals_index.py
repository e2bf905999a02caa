"""The goals index: every goal of the framework with its definition and initiative count."""

from __future__ import annotations

from collections.abc import Iterator

from ..charts.specs import status_counts
from ..history import notices
from .base import Context, Doc


def pages(ctx: Context) -> Iterator[Doc]:
    """goals/index.md."""
    counts = status_counts(ctx.edition, [g.number for g in ctx.project.goals])
    source = ctx.project.goals[0].pos.path if ctx.project.goals else "content/goals.yml"
    corrected = notices(ctx.edition).get("goals/index.md", [])
    context = {"framework": ctx.project.framework, "counts": counts, "notices": corrected}
    yield Doc("goals/index.md", "goals_index.md.j2", source, context)
