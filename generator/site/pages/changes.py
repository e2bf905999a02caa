"""What changed: against the previous edition at changes/, and against every earlier one at changes/<year>/."""

from __future__ import annotations

from collections.abc import Iterator

from ...content.model import Edition
from ...editions.diff import compare
from ...editions.report import counts
from ..changes import rows
from ..paths import doc_path
from .base import Context, Doc


def previous(ctx: Context) -> Edition | None:
    """The edition just before this one, if any."""
    earlier = [e for e in ctx.project.editions if e.year < ctx.edition.year]
    return earlier[-1] if earlier else None


def _doc(ctx: Context, old: Edition, path: str) -> Doc:
    c = compare(old, ctx.edition)
    return Doc(
        path,
        "changes.md.j2",
        ctx.edition.pos.path,
        {
            "c": c,
            "counts": counts(c),
            "changed": [rows(d, ctx.project, ctx.theme.labels) for d in c.changed],
            "chart": ctx.charts.changes[old.year],
            "is_index": path == "changes/index.md",
            "others": [e for e in ctx.project.editions if e.year < ctx.edition.year and e.year != old.year],
            "goal_titles": {g.number: f"{g.number}. {g.title}" for g in ctx.project.goals},
        },
    )


def pages(ctx: Context) -> Iterator[Doc]:
    """changes/index.md against the previous edition; changes/<year>/index.md against each earlier one."""
    last = previous(ctx)
    if last is None:
        return
    yield _doc(ctx, last, "changes/index.md")
    for old in ctx.project.editions:
        if old.year < ctx.edition.year:
            yield _doc(ctx, old, doc_path(f"changes/{old.year}.md"))
