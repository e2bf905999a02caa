"""The open data page and the files it describes: initiatives.json/.csv, metrics.csv, datapackage.json."""

from __future__ import annotations

from collections.abc import Iterator

from .. import exports
from .base import Context, Doc, File


def pages(ctx: Context) -> Iterator[Doc | File]:
    """data/index.md and the data files beside it."""
    edition = ctx.edition
    yield Doc("data/index.md", "data.md.j2", f"initiatives/{edition.year}/", {"counts": exports.counts(edition)})
    for name, text in exports.edition_data(ctx.project, edition).items():
        yield File(f"data/{name}", text)
