"""The public corrections log of a published edition: every correction with its date, note, pages and values."""

from __future__ import annotations

from collections.abc import Iterator

from ..history import page_of, pages_of
from ..paths import doc_path
from .base import Context, Doc


def pages(ctx: Context) -> Iterator[Doc]:
    """corrections/index.md, for an edition published (locked) with publish."""
    edition = ctx.edition
    if edition.published_on is None:
        return
    source = edition.corrections[-1].pos.path if edition.corrections else edition.pos.path
    exists = pages_of(ctx.project, edition)
    log = [
        (c, [(f, doc_path(page) if (page := page_of(f.path)) in exists else None) for f in c.files])
        for c in reversed(edition.corrections)
    ]
    yield Doc(doc_path("corrections.md"), "corrections.md.j2", source, {"log": log})
