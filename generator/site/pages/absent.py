"""A page at initiatives/<id>/ for each initiative of another edition that this one does not have, so switching
editions lands on 'not in the <year> edition' instead of the edition home."""

from __future__ import annotations

from collections.abc import Iterator

from ..history import entries
from ..paths import doc_path
from .base import Context, Doc
from .changes import previous


def pages(ctx: Context) -> Iterator[Doc]:
    """initiatives/<id>/index.md for every id other editions have and this one lacks."""
    edition, project = ctx.edition, ctx.project
    here = {i.id for i in edition.initiatives}
    elsewhere = {i.id: i for e in project.editions for i in e.initiatives if i.id not in here}
    has_changes = previous(ctx) is not None
    for ident in sorted(elsewhere):
        found = [x for x in entries(project, ident) if x.initiative]
        latest = found[-1]
        assert latest.initiative is not None
        yield Doc(
            doc_path(f"initiatives/{ident}.md"),
            "not_in_edition.md.j2",
            latest.initiative.pos.path,
            {"ident": ident, "found": found, "latest": latest, "has_changes": has_changes},
        )
