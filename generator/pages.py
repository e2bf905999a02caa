"""Generates one edition's MkDocs docs tree (Markdown, charts, data) from the model, with Jinja2 templates."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import jinja2

from . import exports
from .chartdata import Chart
from .chartspecs import EditionCharts, status_counts, statuses_present
from .figures import funding_text, metric_text
from .load import Theme
from .model import Edition, Initiative, Project

Files = dict[str, str | bytes]


def environment(theme: Theme) -> jinja2.Environment:
    """A strict Jinja2 environment over the theme's templates, with the filters pages use."""
    env = jinja2.Environment(
        loader=jinja2.DictLoader(theme.templates),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown; HTML parts escape explicitly with |e
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    labels = theme.labels
    env.filters.update(
        cell=cell,
        alt=lambda text: re.sub(r"[\[\]\n]", " ", str(text)),
        yamlstr=lambda text: '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"',
        metric=lambda m: metric_text(m, labels),
        funding=lambda f: funding_text(f, labels),
        shift_headings=shift_headings,
    )
    return env


def cell(text: Any) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def shift_headings(body: str) -> str:
    """Demote headings one level when a body uses '# ': the page already has its own title."""
    if not re.search(r"^# ", body, flags=re.MULTILINE):
        return body
    return re.sub(r"^(#{1,5}) ", r"#\1 ", body, flags=re.MULTILINE)


def areas(project: Project, initiative: Initiative) -> list[str]:
    """The districts (or whole-area and outside labels) an initiative's places count towards."""
    out: list[str] = []
    for name in initiative.places:
        area = project.place(name).area
        if area not in out:
            out.append(area)
    return out


def _chart_files(charts: list[Chart]) -> Files:
    files: Files = {}
    for chart in charts:
        files[f"charts/{chart.spec.slug}.svg"] = chart.svg
        if chart.narrow_svg:
            files[f"charts/{chart.spec.slug}-narrow.svg"] = chart.narrow_svg
        files[f"charts/{chart.spec.slug}.csv"] = chart.csv
    return files


def edition_docs(project: Project, edition: Edition, theme: Theme, charts: EditionCharts[Chart]) -> Files:
    """Every file of one edition's docs tree, by path relative to the docs folder."""
    env = environment(theme)
    labels = theme.labels
    goals = list(project.goals)
    counts = status_counts(edition, [g.number for g in goals])
    present = statuses_present(counts)
    files: Files = {}
    pages = [*edition.pages, *project.pages]
    common: Mapping[str, Any] = {"project": project, "edition": edition, "labels": labels, "goals": goals}

    def page(path: str, template: str, **context: Any) -> None:
        files[path] = env.get_template(template).render(**common, **context)

    page(
        "index.md",
        "edition_home.md.j2",
        counts=counts,
        statuses=present,
        initiatives=edition.initiatives,
        status_chart=charts.status,
        district_chart=charts.districts,
        edition_pages=pages,
    )
    page("goals/index.md", "goals_index.md.j2", framework=project.framework, counts=counts)
    for goal in goals:
        mine = [i for i in edition.initiatives if i.goal == goal.number]
        page(
            f"goals/{goal.folder}.md",
            "goal.md.j2",
            goal=goal,
            goal_page=edition.goal_page(goal.number),
            initiatives=mine,
            status_chart=charts.goal_status.get(goal.number),
            metric_charts=list(charts.goal_metrics[goal.number]),
            supporting=[i for i in edition.initiatives if goal.number in i.also_supports],
        )
    for item in edition.initiatives:
        others = [
            {"year": e.year, "has": e.initiative(item.id) is not None, "status": (e.initiative(item.id) or item).status}
            for e in project.editions
            if e.year != edition.year
        ]
        page(
            f"initiatives/{item.id}.md",
            "initiative.md.j2",
            i=item,
            goal=project.goal(item.goal),
            also=[project.goal(n) for n in item.also_supports],
            other_editions=others,
        )
    page(
        "explore.md",
        "explore.md.j2",
        initiatives=edition.initiatives,
        areas={i.id: areas(project, i) for i in edition.initiatives},
        goal_titles={g.number: g.title for g in goals},
    )
    data = exports.edition_data(project, edition)
    page("data/index.md", "data.md.j2", counts=exports.counts(edition))
    files.update({f"data/{name}": text for name, text in data.items()})
    for p in pages:
        page(f"{p.slug}.md", "page.md.j2", page=p)
    files.update(_chart_files(charts.all()))
    files.update({f"assets/{name}": data for name, data in theme.assets.items()})
    return files


def doc_sources(project: Project, edition: Edition) -> dict[str, str]:
    """For error messages: which content file each generated page comes from."""
    out = {"index.md": edition.pos.path}
    for goal in project.goals:
        page = edition.goal_page(goal.number)
        out[f"goals/{goal.folder}.md"] = page.pos.path if page else goal.pos.path
    out.update({f"initiatives/{i.id}.md": i.pos.path for i in edition.initiatives})
    out.update({f"{p.slug}.md": p.pos.path for p in (*edition.pages, *project.pages)})
    return out
