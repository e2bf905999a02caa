"""The edition home: summary, key figures, the goals at a glance and where the initiatives are."""

from __future__ import annotations

from collections.abc import Iterator

from ...editions.diff import compare
from ...editions.report import counts as change_counts
from ..charts.specs import status_counts, statuses_present
from ..history import notices
from .base import Context, Doc
from .changes import previous


def pages(ctx: Context) -> Iterator[Doc]:
    """index.md of the edition."""
    edition = ctx.edition
    counts = status_counts(edition, [g.number for g in ctx.project.goals])
    last = previous(ctx)
    yield Doc(
        "index.md",
        "edition_home.md.j2",
        edition.pos.path,
        {
            "counts": counts,
            "statuses": statuses_present(counts),
            "initiatives": edition.initiatives,
            "status_chart": ctx.charts.status,
            "district_chart": ctx.charts.districts,
            "edition_pages": [*edition.pages, *ctx.project.pages],
            "previous": last,
            "changes": change_counts(compare(last, edition)) if last else None,
            "notices": notices(edition).get("index.md", []),
        },
    )
