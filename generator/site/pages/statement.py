"""The accessibility statement, in the form the UK accessibility regulations ask for, on every edition's site."""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Doc


def pages(ctx: Context) -> Iterator[Doc]:
    """accessibility.md: its words are theme/templates/accessibility.md.j2; contacts and dates come from site.yml."""
    yield Doc("accessibility.md", "accessibility.md.j2", "content/site.yml", {"a11y": ctx.project.site.accessibility})
