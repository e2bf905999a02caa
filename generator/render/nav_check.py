"""Pages missing from the navigation: the check MkDocs makes while it renders, made by `validate` and the build
before any renderer runs, so a renderer that does not make it (Zensical) publishes no page readers cannot reach."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pathspec

from ..content.model import Project
from ..content.problems import Problem
from ..site.figures import Labels
from ..site.paths import content_pages
from .mkdocs_config import NOT_IN_NAV, nav


def listed(items: Iterable[Any]) -> set[str]:
    """Every page a navigation (MkDocs' nav: paths, {title: path} and {title: [items]}) links to."""
    out: set[str] = set()
    for item in items:
        if isinstance(item, str):
            out.add(item)
        elif isinstance(item, dict):
            for value in item.values():
                out |= listed([value] if isinstance(value, str) else value)
    return out


def unlisted(pages: Iterable[str], items: Iterable[Any], patterns: Iterable[str] = NOT_IN_NAV) -> list[str]:
    """The pages neither in the navigation nor matched by a not-in-nav pattern (gitignore rules, as MkDocs)."""
    spec = pathspec.GitIgnoreSpec.from_lines(list(patterns))
    inside = listed(items)
    return [page for page in pages if page not in inside and not spec.match_file(page)]


def nav_problems(project: Project, labels: Labels | None = None) -> list[Problem]:
    """An error for each content page of an edition that its site would publish with no way to reach it.

    The labels only name the navigation's entries, not where they lead: without them, validate need not read the
    theme a second time."""
    labels = labels or defaultdict(lambda: defaultdict(str))
    problems = []
    for edition in project.editions:
        pages = content_pages(project, edition)
        for page in unlisted(pages, nav(project, edition, labels)):
            pos = pages[page]
            problems.append(
                Problem(
                    pos.path,
                    pos.line,
                    pos.col,
                    f"the {edition.year} site would publish {page} with no link to it from the navigation",
                    hint="the generator makes the navigation (render/mkdocs_config.py): report this to its maintainers",
                )
            )
    return problems
