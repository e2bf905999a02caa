"""What a chart shows and says: its spec, the drawn result, the alt text and the data as CSV and table rows."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ...content.theme import fill
from ..csvcell import neutral
from ..figures import Labels, number, plain

ALT_LIMIT = 600
NARROW = 360.0  # points: a chart for phones, shown about 360 px wide, so text keeps its set size


@dataclass(frozen=True)
class Series:
    """One set of values, one per category: a segment of stacked bars, or the bars of a bar chart."""

    name: str
    values: tuple[float, ...]
    texts: tuple[str, ...] | None = None
    # Palette and hatch slot; defaults to the series' position. Lets a status keep its look across charts.
    style: int | None = None
    # How each value reads in the chart's data table, when that differs from texts: every digit ('£218,000,000')
    # where the bars and alt text say it in words ('£218 million').
    exact: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ChartWords:
    """The theme's wording for one kind of chart: its text alternative's sentence frames and its empty state."""

    kind: str
    lead: str
    lead_unit: str
    no_data: str
    value: str
    value_parts: str
    part: str
    largest: str
    smallest: str
    names: str
    names_more: str
    summary: str
    summary_stacked: str
    summary_grouped: str
    lead_grouped: str
    series_total: str
    see_table: str
    empty: str


def chart_words(labels: Labels, kind: str) -> ChartWords:
    """The wording for a chart of this kind ('bars', 'stacked-bars'), from labels.yml's chart_alt and chart."""
    alt = labels["chart_alt"]
    frames = {name: alt[name] for name in ChartWords.__dataclass_fields__ if name not in ("kind", "empty")}
    return ChartWords(kind=alt[kind], empty=labels["chart"]["no_data"], **frames)


@dataclass(frozen=True)
class ChartSpec:
    """What to draw: horizontal bars, one per category, top to bottom in the given order."""

    slug: str
    title: str
    kind: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    value_name: str
    category_name: str
    words: ChartWords
    width: float = 640.0  # points; the SVG viewBox is this wide


@dataclass(frozen=True)
class Chart:
    """A drawn chart with its text alternative and its data as CSV and as table rows."""

    spec: ChartSpec
    svg: str
    alt: str
    csv: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # The same chart laid out for phones, where the wide one would shrink its text below a readable size.
    narrow_svg: str = ""

    @property
    def narrow(self) -> bool:
        """Whether the chart also comes laid out for phones (it does when wider than they are)."""
        return self.spec.width > NARROW


def texts(series: Series) -> tuple[str, ...]:
    """How each value of a series reads: its own texts, or the plain numbers."""
    return series.texts if series.texts is not None else tuple(number(v) for v in series.values)


def exact_texts(series: Series) -> tuple[str, ...]:
    """How each value of a series reads in the data table: its exact texts, else as in the chart."""
    return series.exact if series.exact is not None else texts(series)


def totals(spec: ChartSpec) -> list[float]:
    """Each category's sum over all series."""
    return [sum(s.values[i] for s in spec.series) for i in range(len(spec.categories))]


def chart(spec: ChartSpec, svg: str, alt: str, header: tuple[str, ...]) -> Chart:
    """A drawn chart with its data: CSV with plain numbers, table rows with the texts readers see."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([neutral(h) for h in header])
    shown = [exact_texts(s) for s in spec.series]
    rows = []
    for i, category in enumerate(spec.categories):
        writer.writerow([neutral(category), *(plain(s.values[i]) for s in spec.series)])
        rows.append((category, *(t[i] for t in shown)))
    return Chart(spec, svg, alt, out.getvalue(), header, tuple(rows))


def describe(spec: ChartSpec) -> Chart:
    """A chart's text alternative and data, which need no drawing (its svg is empty): its pages are made from
    these while the chart is drawn."""
    if spec.kind == "grouped-bars":
        text = grouped_alt(spec)
    elif spec.kind == "stacked-bars":
        text = alt(spec, totals(spec))
    else:
        text = alt(spec, [v for s in spec.series[:1] for v in s.values])
    names = (spec.value_name,) if spec.kind == "bars" else tuple(s.name for s in spec.series)
    return chart(spec, "", text, (spec.category_name, *names))


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _names(names: list[str], words: ChartWords) -> str:
    names = [_clip(n, 80) for n in names]
    if len(names) > 3:
        return fill(words.names_more, names=", ".join(names[:2]), count=len(names) - 2)
    return fill(words.names, names=", ".join(names[:-1]), last=names[-1]) if len(names) > 1 else names[0]


def _extremes(spec: ChartSpec, totals: list[float], shown: list[str]) -> str:
    """' Largest: A with 5; smallest: B with 0.' when the categories differ."""
    if len(set(totals)) < 2:
        return ""
    parts = []
    for frame, value in ((spec.words.largest, max(totals)), (spec.words.smallest, min(totals))):
        picks = [i for i, t in enumerate(totals) if t == value]
        parts.append(fill(frame, names=_names([spec.categories[i] for i in picks], spec.words), value=shown[picks[0]]))
    return f" {'; '.join(parts)}."


def alt(spec: ChartSpec, totals: list[float]) -> str:
    """The text alternative, from the data: every value when it fits, else a summary that points to the table."""
    words = spec.words
    title = spec.title.strip().rstrip(".")
    if spec.value_name.lower() in title.lower():
        lead = fill(words.lead, kind=words.kind, title=title)
    else:
        lead = fill(words.lead_unit, kind=words.kind, title=title, unit=spec.value_name)
    if not any(totals):
        return _clip(f"{lead} {words.no_data}", ALT_LIMIT)
    stacked = spec.kind == "stacked-bars"
    shown = [number(t) for t in totals] if stacked else list(texts(spec.series[0]))
    parts = []
    for i, category in enumerate(spec.categories):
        segments = (
            [fill(words.part, value=texts(s)[i], series=s.name) for s in spec.series if s.values[i]] if stacked else []
        )
        if segments:
            parts.append(fill(words.value_parts, category=category, value=shown[i], parts=", ".join(segments)))
        else:
            parts.append(fill(words.value, category=category, value=shown[i]))
    extremes = _extremes(spec, totals, shown)
    full = f"{lead} {'; '.join(parts)}.{extremes}"
    if len(full) <= ALT_LIMIT:
        return full
    summary = fill(words.summary, count=len(spec.categories))
    if stacked:
        by_series = ", ".join(fill(words.series_total, series=s.name, value=number(sum(s.values))) for s in spec.series)
        summary = fill(words.summary_stacked, count=len(spec.categories), total=number(sum(totals)), series=by_series)
    return _clip(f"{lead} {summary}.{extremes} {words.see_table}", ALT_LIMIT)


def grouped_alt(spec: ChartSpec) -> str:
    """The text alternative of bars side by side: each category's value in every series, or a summary."""
    words = spec.words
    title = spec.title.strip().rstrip(".")
    series = ", ".join(s.name for s in spec.series)
    lead = fill(words.lead_grouped, kind=words.kind, title=title, unit=spec.value_name, series=series)
    if not any(v for s in spec.series for v in s.values):
        return _clip(f"{lead} {words.no_data}", ALT_LIMIT)
    parts = [
        fill(
            words.value,
            category=category,
            value=", ".join(fill(words.series_total, series=s.name, value=texts(s)[i]) for s in spec.series),
        )
        for i, category in enumerate(spec.categories)
    ]
    full = f"{lead} {'; '.join(parts)}."
    if len(full) <= ALT_LIMIT:
        return full
    by_series = ", ".join(fill(words.series_total, series=s.name, value=number(sum(s.values))) for s in spec.series)
    summary = fill(words.summary_grouped, count=len(spec.categories), series=by_series)
    return _clip(f"{lead} {summary}. {words.see_table}", ALT_LIMIT)
