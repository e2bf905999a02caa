"""The compare command: what changed between any two editions, as text, Markdown or JSON."""

from __future__ import annotations

import json
from pathlib import Path

from ..content.check import read_project
from ..content.model import Edition, Project
from ..editions.diff import Comparison, compare
from ..editions.report import as_json, as_markdown, as_text
from ..errors import UsageError


def edition_of(project: Project, year: int) -> Edition:
    """The edition of this year, or a usage error that lists the editions there are."""
    edition = project.edition(year)
    if edition is None:
        have = ", ".join(str(e.year) for e in project.editions)
        raise UsageError(f"there is no {year} edition (editions: {have})")
    return edition


def comparison(root: Path, old: int, new: int) -> Comparison:
    """Validate the content, then compare the two editions."""
    if old == new:
        raise UsageError(f"compare needs two different editions, got {old} twice")
    project, _ = read_project(root)
    return compare(edition_of(project, old), edition_of(project, new))


def run(*, root: Path, old: int, new: int, fmt: str = "text") -> int:
    """Print what changed from edition old to edition new."""
    result = comparison(root, old, new)
    if fmt == "json":
        print(json.dumps(as_json(result), indent=2, ensure_ascii=False))
    elif fmt == "markdown":
        print(as_markdown(result))
    else:
        print(as_text(result))
    return 0
