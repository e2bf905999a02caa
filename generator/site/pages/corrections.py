"""The public corrections log of a published edition: every correction with its date, note, pages and values."""

from __future__ import annotations

from collections.abc import Iterator

from ...content.model import CorrectedFile, Correction, Edition, Project
from ..history import pages_changed, pages_of
from ..paths import doc_path
from .base import Context, Doc


def log(project: Project, edition: Edition) -> list[tuple[Correction, list[tuple[CorrectedFile, str | None]]]]:
    """Each correction, newest first, with each of its files and the docs page its heading leads to: the first page
    it changed (its own, or for a picture the first that showed it); None for a file with no page."""
    exists = pages_of(project, edition)

    def page(corrected: CorrectedFile) -> str | None:
        changed = pages_changed(corrected)
        return doc_path(changed[0]) if changed and changed[0] in exists else None

    return [(c, [(f, page(f)) for f in c.files]) for c in reversed(edition.corrections)]


def pages(ctx: Context) -> Iterator[Doc]:
    """corrections/index.md, for an edition published (locked) with publish."""
    edition = ctx.edition
    if edition.published_on is None:
        return
    source = edition.corrections[-1].pos.path if edition.corrections else edition.pos.path
    yield Doc(doc_path("corrections.md"), "corrections.md.j2", source, {"log": log(ctx.project, edition)})
