"""One edition's docs tree from the model: every page type in one registry, each rendered with the theme."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import ModuleType
from typing import Any

import jinja2

from ...content.model import Edition, Project
from ...content.problems import Problem
from ...content.theme import Theme
from ...errors import ThemeError
from ...runaway import Runaway, watched
from ..charts import chart_files
from ..charts.data import Chart
from ..charts.specs import EditionCharts
from ..minify import minified_css
from ..paths import to_root
from ..templating import environment, template_problem
from . import (
    absent,
    changes,
    corrections,
    data,
    explore,
    goal,
    goals_index,
    home,
    initiative,
    narrative,
    places,
    printable,
    statement,
)
from .base import Context, Doc, File, Files

# A new page type is a module with pages(ctx) -> Iterator[Doc | File], listed here.
PAGE_TYPES: tuple[ModuleType, ...] = (
    home,
    goals_index,
    goal,
    initiative,
    explore,
    places,
    data,
    narrative,
    statement,
    changes,
    corrections,
    absent,
    printable,
)


def docs(ctx: Context) -> Iterator[Doc | File]:
    """Every page (not rendered yet) and file of one edition's docs tree, page type by page type."""
    for page_type in PAGE_TYPES:
        yield from page_type.pages(ctx)


def render(env: jinja2.Environment, common: Mapping[str, Any], doc: Doc) -> str:
    """One page's Markdown: its template with the common variables, its own, and where it lies (doc_path, and
    to_root, its way to the edition's root)."""
    return env.get_template(doc.template).render(**common, doc_path=doc.path, to_root=to_root(doc.path), **doc.context)


def edition_docs(
    project: Project,
    edition: Edition,
    theme: Theme,
    charts: EditionCharts[Chart],
    env: jinja2.Environment | None = None,
) -> Files:
    """Every file of one edition's docs tree, by path relative to the docs folder; ThemeError if a template fails.

    env: the theme's environment from an earlier call, whose compiled templates are reused (serve)."""
    env = env or environment(theme)
    ctx = Context(project, edition, theme, charts)
    common = ctx.common()
    files: Files = {}
    failures: dict[tuple[str, int, str], Problem] = {}
    with watched() as watch:
        for doc in docs(ctx):
            if isinstance(doc, File):
                files[doc.path] = doc.content
                continue
            try:
                with watch.page():
                    files[doc.path] = render(env, common, doc)
            except Exception as exc:  # a theme is code: any failure in it is reported at its file and line
                problem = template_problem(exc, theme, doc.template, doc.path)
                failures.setdefault((problem.path, problem.line, problem.message), problem)
                if isinstance(exc, Runaway):
                    break  # every page of that template would run as long
    if failures:
        raise ThemeError(failures.values())
    files.update(chart_files(charts.all()))
    files.update({f"assets/{n}": minified_css(c) if n.endswith(".css") else c for n, c in theme.assets.items()})
    return files


def doc_sources(project: Project, edition: Edition, theme: Theme, charts: EditionCharts[Chart]) -> dict[str, str]:
    """For error messages: which content file each generated page comes from."""
    ctx = Context(project, edition, theme, charts)
    return {doc.path: doc.source for doc in docs(ctx) if isinstance(doc, Doc)}


__all__ = ["PAGE_TYPES", "Context", "Doc", "File", "Files", "doc_sources", "docs", "edition_docs", "render"]
