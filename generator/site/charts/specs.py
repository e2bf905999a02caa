"""Chart specs from the model: what each chart on the site shows, independent of how it is drawn."""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ...children import stop_workers, worker_setup
from ...content.enums import Status
from ...content.model import Edition, Goal, Initiative, Metric, Project
from ...content.theme import fill
from ..figures import Labels, metric_text, metric_words
from ..history import figure_history
from .data import NARROW, Chart, ChartSpec, Series, chart_words

# The order statuses are listed and stacked in; a status keeps its colour and hatch in every chart.
STATUS_ORDER = (
    Status.ACTIVE,
    Status.PILOT,
    Status.IN_DEVELOPMENT,
    Status.PLANNED,
    Status.COMPLETED,
    Status.ENDED,
    Status.NOT_STATED,
)


def _mine(edition: Edition, goal: int) -> list[Initiative]:
    return [i for i in edition.initiatives if i.goal == goal]


def status_counts(edition: Edition, goals: list[int]) -> dict[int, dict[str, int]]:
    """Initiatives per main goal per status (every status, zeros included), plus a total."""
    counts: dict[int, dict[str, int]] = {}
    for number in goals:
        tally = Counter(i.status for i in _mine(edition, number))
        counts[number] = {s: tally[s] for s in STATUS_ORDER} | {"total": sum(tally.values())}
    return counts


def statuses_present(counts: dict[int, dict[str, int]]) -> list[str]:
    """The statuses that at least one of the counted goals has, in STATUS_ORDER."""
    return [s for s in STATUS_ORDER if any(c[s] for c in counts.values())]


def status_by_goal(project: Project, edition: Edition, labels: Labels) -> ChartSpec:
    """Stacked bars: initiatives per main goal, one segment per status that the edition has."""
    counts = status_counts(edition, [g.number for g in project.goals])
    series = tuple(
        Series(
            name=labels["status"][status],
            values=tuple(float(counts[g.number][status]) for g in project.goals),
            style=STATUS_ORDER.index(status),
        )
        for status in statuses_present(counts)
    )
    words = labels["chart"]
    return ChartSpec(
        slug="status-by-goal",
        title=words["status_by_goal"],
        kind="stacked-bars",
        categories=tuple(f"{g.number}. {g.title}" for g in project.goals),
        series=series,
        value_name=words["initiatives"],
        category_name=words["goal"],
        words=chart_words(labels, "stacked-bars"),
    )


def goal_status(edition: Edition, goal: Goal, labels: Labels) -> ChartSpec:
    """Bars: a goal's initiatives (by main goal) per status, for the statuses they have."""
    counts = status_counts(edition, [goal.number])
    tally, present = counts[goal.number], statuses_present(counts)
    words = labels["chart"]
    return ChartSpec(
        slug=f"goal-{goal.number:02d}-status",
        title=fill(words["goal_status"], goal=goal.number),
        kind="bars",
        categories=tuple(labels["status"][s] for s in present),
        series=(Series(words["initiatives"], tuple(float(tally[s]) for s in present)),),
        value_name=words["initiatives"],
        category_name=words["status"],
        words=chart_words(labels, "bars"),
    )


def value_name(unit: str, labels: Labels) -> str:
    """What a unit's values are called on an axis or column: 'People', 'Percent', 'GBP'."""
    name = labels["unit_name"][unit]
    return name[:1].upper() + name[1:]


def _category(metric: Metric, repeated: bool, labels: Labels) -> str:
    notes = [labels["kind"].get(metric.kind, metric.kind)] if metric.kind != "actual" else []
    if repeated and metric.period:
        notes.append(metric.period)
    return f"{metric.label} ({', '.join(notes)})" if notes else metric.label


def goal_metrics(edition: Edition, goal: Goal, labels: Labels) -> list[ChartSpec]:
    """Bars of a goal's context figures, one chart per unit that has at least two of them."""
    page = edition.goal_page(goal.number)
    if page is None:
        return []
    by_unit: dict[str, list[Metric]] = {}
    # A bar shows one number; a range (150 to 200) stays in the figures table, which shows both ends.
    for metric in (m for m in page.metrics if m.value_max is None):
        by_unit.setdefault(metric.unit, []).append(metric)
    specs: list[ChartSpec] = []
    slugs: set[str] = set()
    for unit, metrics in by_unit.items():
        if len(metrics) < 2:
            continue
        label_counts = Counter(m.label for m in metrics)
        base = f"goal-{goal.number:02d}-metrics-{re.sub(r'[^a-z0-9]+', '-', unit.lower()).strip('-') or 'unit'}"
        slug, n = base, 2
        while slug in slugs:
            slug, n = f"{base}-{n}", n + 1
        slugs.add(slug)
        name = value_name(unit, labels)
        specs.append(
            ChartSpec(
                slug=slug,
                title=fill(labels["chart"]["goal_metrics"], goal=goal.number, unit=labels["unit_name"][unit]),
                kind="bars",
                categories=tuple(_category(m, label_counts[m.label] > 1, labels) for m in metrics),
                series=(
                    Series(
                        name,
                        tuple(float(m.value) for m in metrics),
                        tuple(metric_words(m, labels) for m in metrics),
                        exact=tuple(metric_text(m, labels) for m in metrics),
                    ),
                ),
                value_name=name,
                category_name=labels["chart"]["figure"],
                words=chart_words(labels, "bars"),
            )
        )
    return specs


def initiatives_by_district(project: Project, edition: Edition, labels: Labels) -> ChartSpec:
    """Bars: initiatives per district (once each, however many places they name), whole area, regions, outside."""
    outside = labels["place_kind"]["outside"]
    categories = [p.name for p in project.places if p.kind == "district"]
    categories += [p.name for p in project.places if p.kind == "countywide"]
    tally: Counter[str] = Counter()
    for initiative in edition.initiatives:
        places = [project.place(name) for name in initiative.places]
        tally.update({outside if p.kind == "outside" else p.area for p in places})
    # A region spans districts, so it has its own bar; only those some initiative names.
    categories += [p.name for p in project.places if p.kind == "region" and tally[p.name]]
    if tally[outside]:
        categories.append(outside)
    words = labels["chart"]
    return ChartSpec(
        slug="initiatives-by-district",
        title=words["districts"],
        kind="bars",
        categories=tuple(categories),
        series=(Series(words["initiatives"], tuple(float(tally[c]) for c in categories)),),
        value_name=words["initiatives"],
        category_name=words["area"],
        words=chart_words(labels, "bars"),
    )


def changes_by_goal(project: Project, old: Edition, new: Edition, labels: Labels) -> ChartSpec:
    """Bars side by side: initiatives per main goal in an earlier edition and in this one."""
    words = labels["chart"]
    goals = [g.number for g in project.goals]
    counts = [status_counts(e, goals) for e in (old, new)]
    return ChartSpec(
        slug=f"changes-{old.year}-by-goal",
        title=fill(words["changes_by_goal"], old=old.year, new=new.year),
        kind="grouped-bars",
        categories=tuple(f"{g.number}. {g.title}" for g in project.goals),
        series=tuple(
            Series(fill(words["edition_series"], year=e.year), tuple(float(c[n]["total"]) for n in goals), style=slot)
            for e, c, slot in zip((old, new), counts, (4, 0), strict=True)
        ),
        value_name=words["initiatives"],
        category_name=words["goal"],
        words=chart_words(labels, "grouped-bars"),
    )


def history_charts(project: Project, initiative: Initiative, labels: Labels) -> tuple[ChartSpec, ...]:
    """Small bars of each figure of an initiative that has had two or more values, one bar per edition."""
    out: list[ChartSpec] = []
    for figure in figure_history(project, initiative.id):
        if figure.distinct < 2:
            continue
        name = value_name(figure.unit, labels)
        words = labels["chart"]
        kind = "" if figure.kind == "actual" else f" ({labels['kind'][figure.kind].lower()})"
        out.append(
            ChartSpec(
                slug=f"history-{initiative.id}-{len(out) + 1}",
                title=fill(words["history"], label=figure.label, kind=kind),
                kind="bars",
                categories=tuple(fill(words["edition_series"], year=year) for year, _ in figure.given),
                series=(
                    Series(
                        name,
                        tuple(float(m.value) for _, m in figure.given),
                        tuple(metric_words(m, labels) for _, m in figure.given),
                        exact=tuple(metric_text(m, labels) for _, m in figure.given),
                    ),
                ),
                value_name=name,
                category_name=words["edition"],
                words=chart_words(labels, "bars"),
                width=NARROW,
            )
        )
    return tuple(out)


def render(spec: ChartSpec) -> Chart:
    """Draw one spec (see draw.render); matplotlib is imported only by a build that has a chart to draw."""
    from .draw import render as draw

    return draw(spec)


T = TypeVar("T")
U = TypeVar("U")


@dataclass(frozen=True)
class EditionCharts(Generic[T]):
    """Every chart of one edition (as specs, or drawn): the home page's two and each goal's status and metrics."""

    status: T
    districts: T
    goal_status: Mapping[int, T]
    goal_metrics: Mapping[int, tuple[T, ...]]
    # Against each earlier edition, by its year; and each initiative's figures over the editions, by id.
    changes: Mapping[int, T] = field(default_factory=dict)
    history: Mapping[str, tuple[T, ...]] = field(default_factory=dict)

    def all(self) -> list[T]:
        """Every chart, in page order."""
        out = [self.status, self.districts]
        for number, metrics in self.goal_metrics.items():
            out += ([self.goal_status[number]] if number in self.goal_status else []) + list(metrics)
        out += list(self.changes.values())
        for charts in self.history.values():
            out += list(charts)
        return out

    def map(self, draw: Callable[[T], U]) -> EditionCharts[U]:
        """The same charts, each passed through draw."""
        return EditionCharts(
            draw(self.status),
            draw(self.districts),
            {n: draw(c) for n, c in self.goal_status.items()},
            {n: tuple(draw(c) for c in cs) for n, cs in self.goal_metrics.items()},
            {y: draw(c) for y, c in self.changes.items()},
            {i: tuple(draw(c) for c in cs) for i, cs in self.history.items()},
        )


def edition_specs(project: Project, edition: Edition, labels: Labels) -> EditionCharts[ChartSpec]:
    """What every chart of an edition shows; a goal with no initiatives gets no status chart."""
    return EditionCharts(
        status=status_by_goal(project, edition, labels),
        districts=initiatives_by_district(project, edition, labels),
        goal_status={g.number: goal_status(edition, g, labels) for g in project.goals if _mine(edition, g.number)},
        goal_metrics={g.number: tuple(goal_metrics(edition, g, labels)) for g in project.goals},
        changes={
            e.year: changes_by_goal(project, e, edition, labels) for e in project.editions if e.year < edition.year
        },
        history={i.id: charts for i in edition.initiatives if (charts := history_charts(project, i, labels))},
    )


def edition_charts(project: Project, edition: Edition, labels: Labels) -> EditionCharts[Chart]:
    """Every chart of an edition, drawn one after another."""
    return edition_specs(project, edition, labels).map(render)


def _draw_each(specs: list[ChartSpec]) -> list[Chart]:
    """One worker's share, drawn in turn (its settings made once, its text measurements reused)."""
    from .draw import settings

    with settings():
        return [render(spec) for spec in specs]


class Drawing:
    """Charts being drawn in forked worker processes while the caller goes on; result() waits for them.

    Workers are forked; where fork is unavailable (Windows, macOS defaults) or there is one CPU, the charts are
    drawn in this process, by result()."""

    def __init__(self, specs: Iterable[ChartSpec], workers: int | None = None) -> None:
        self.specs = list(dict.fromkeys(specs))
        self.pool: ProcessPoolExecutor | None = None
        self.shares: list[Future[list[Chart]]] = []
        workers = min(workers or os.cpu_count() or 1, len(self.specs))
        if os.cpu_count() == 1 or "fork" not in multiprocessing.get_all_start_methods() or sys.platform == "darwin":
            return
        if not self.specs:
            return
        if workers > 1:
            # Imported once, before forking, so that every worker starts with matplotlib loaded. One worker
            # imports it itself: the half second of CPU is then spent beside the caller instead of before it.
            from . import draw  # noqa: F401

        context = multiprocessing.get_context("fork")
        self.pool = ProcessPoolExecutor(workers, mp_context=context, initializer=worker_setup)
        # The worker's garbage collector leaves the heap it was forked with alone: collecting it would copy every
        # page of the build's model into the worker (about a tenth of a second of the charts' CPU, bundled). The
        # build's own objects are collected again once the worker is forked.
        gc.freeze()
        try:
            self.shares = [self.pool.submit(_draw_each, self.specs[k::workers]) for k in range(workers)]
        except BaseException:
            self.stop()
            raise
        finally:
            gc.unfreeze()

    def ready(self) -> bool:
        """Whether result() would return at once: every share drawn (or failed), or nothing to draw."""
        if self.pool is None:
            return not self.specs
        return all(share.done() for share in self.shares)

    def result(self) -> dict[ChartSpec, Chart]:
        """Every chart, by its spec, once drawn; the workers have ended when it returns (or raises)."""
        if self.pool is None:
            return {spec: render(spec) for spec in self.specs}
        try:
            drawn = [chart for share in self.shares for chart in share.result()]
        except BaseException:
            self.stop()  # interrupted or failed: no worker may outlive the build
            raise
        self.pool.shutdown()
        by_spec = {chart.spec: chart for chart in drawn}
        return {spec: by_spec[spec] for spec in self.specs}

    def stop(self) -> None:
        """End the workers at once, drawn or not; harmless after result()."""
        if self.pool is not None:
            stop_workers(self.pool)


def draw_all(specs: Iterable[ChartSpec]) -> dict[ChartSpec, Chart]:
    """Draw each distinct spec once (editions carry most goals forward unchanged), on every CPU, and wait."""
    return Drawing(specs).result()
