"""Narrative pages: the edition's own (content/<year>/*.md) and the site-wide ones (content/pages/*.md)."""

from __future__ import annotations

from collections.abc import Iterator

from ..history import notices
from .base import Context, Doc, File


def pages(ctx: Context) -> Iterator[Doc | File]:
    """<slug>.md for every narrative page shown in this edition, and images/ with the pictures they show."""
    corrected = notices(ctx.edition)
    for page in (*ctx.edition.pages, *ctx.project.pages):
        notes = corrected.get(f"{page.slug}.md", [])  # a site page's too: the lock covers it (fingerprint.py)
        yield Doc(f"{page.slug}.md", "page.md.j2", page.pos.path, {"page": page, "notices": notes})
    for name, data in ctx.project.images:
        yield File(f"images/{name}", data)
