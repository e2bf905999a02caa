"""The compare command: what changed between any two editions, as text, Markdown or JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..content.check import read_project
from ..content.model import Edition, Project
from ..editions.diff import Comparison, compare
from ..editions.report import as_json, as_markdown, as_text
from ..errors import UsageError

# Words that stand for an edition, so CI can compare without naming years: the newest of that status.
NAMED = ("published", "draft")


def edition_ref(text: str) -> int | str:
    """An argparse type: a year, or 'published' / 'draft' (the newest edition of that status)."""
    if text in NAMED:
        return text
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a year, 'published' or 'draft'") from None


def edition_of(project: Project, year: int | str) -> Edition:
    """The edition of this year (or the newest of a status), or a usage error that lists the editions there are."""
    if isinstance(year, str):
        of_status = [e for e in project.editions if e.status == year]
        if not of_status:
            raise UsageError(f"there is no {year} edition (editions: {_statuses(project)})")
        return of_status[-1]
    edition = project.edition(year)
    if edition is None:
        raise UsageError(f"there is no {year} edition (editions: {_statuses(project)})")
    return edition


def _statuses(project: Project) -> str:
    return ", ".join(f"{e.year} {e.status}" for e in project.editions)


def comparison(root: Path, old: int | str, new: int | str) -> Comparison:
    """Validate the content, then compare the two editions."""
    if old == new:
        raise UsageError(f"compare needs two different editions, got {old} twice")
    project, _ = read_project(root)
    first, second = edition_of(project, old), edition_of(project, new)
    if first.year == second.year:
        raise UsageError(f"compare needs two different editions, got {first.year} twice")
    return compare(first, second)


def run(*, root: Path, old: int | str, new: int | str, fmt: str = "text") -> int:
    """Print what changed from edition old to edition new."""
    result = comparison(root, old, new)
    if fmt == "json":
        print(json.dumps(as_json(result), indent=2, ensure_ascii=False))
    elif fmt == "markdown":
        print(as_markdown(result))
    else:
        print(as_text(result))
    return 0
