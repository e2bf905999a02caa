"""One page per initiative, at the same path in every edition it is in, with its history across editions."""

from __future__ import annotations

from collections.abc import Iterator

from ...editions.diff import initiative_diff
from ..changes import rows
from ..history import earlier, entries, figure_history, notices
from ..paths import doc_path
from .base import Context, Doc
from .changes import previous
from .places import place_page


def pages(ctx: Context) -> Iterator[Doc]:
    """initiatives/<id>/index.md for every initiative of the edition."""
    project, edition = ctx.project, ctx.edition
    corrected = notices(edition)
    last = previous(ctx)
    for item in edition.initiatives:
        before = earlier(project, edition, item.id)
        since = (
            rows(initiative_diff(before.initiative, item), project, ctx.theme.labels)
            if before and before.initiative
            else None
        )
        yield Doc(
            doc_path(f"initiatives/{item.id}.md"),
            "initiative.md.j2",
            item.pos.path,
            {
                "i": item,
                "goal": project.goal(item.goal),
                "also": [project.goal(n) for n in item.also_supports],
                # Each place links to its district's page (the places page for the whole area or a region).
                "place_links": [(name, place_page(project, name)) for name in item.places],
                "history": entries(project, item.id),
                "figures": [f for f in figure_history(project, item.id) if f.given],
                "history_charts": list(ctx.charts.history.get(item.id, ())),
                "previous": last,
                "before": before,
                "since": since,
                "notices": corrected.get(f"initiatives/{item.id}.md", []),
            },
        )
