"""One page per initiative, at the same path in every edition it is in."""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Doc


def pages(ctx: Context) -> Iterator[Doc]:
    """initiatives/<id>.md for every initiative of the edition."""
    project, edition = ctx.project, ctx.edition
    for item in edition.initiatives:
        others = [
            {"year": e.year, "has": e.initiative(item.id) is not None, "status": (e.initiative(item.id) or item).status}
            for e in project.editions
            if e.year != edition.year
        ]
        yield Doc(
            f"initiatives/{item.id}.md",
            "initiative.md.j2",
            item.pos.path,
            {
                "i": item,
                "goal": project.goal(item.goal),
                "also": [project.goal(n) for n in item.also_supports],
                "other_editions": others,
            },
        )
