"""Narrative pages: the edition's own (content/<year>/*.md) and the site-wide ones (content/pages/*.md)."""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Doc


def pages(ctx: Context) -> Iterator[Doc]:
    """<slug>.md for every narrative page shown in this edition."""
    for page in (*ctx.edition.pages, *ctx.project.pages):
        yield Doc(f"{page.slug}.md", "page.md.j2", page.pos.path, {"page": page})
