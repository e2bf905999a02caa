"""What a chart shows and says: its spec, the drawn result, the alt text and the data as CSV and table rows."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ..figures import number, plain

ALT_LIMIT = 600


@dataclass(frozen=True)
class Series:
    """One set of values, one per category: a segment of stacked bars, or the bars of a bar chart."""

    name: str
    values: tuple[float, ...]
    texts: tuple[str, ...] | None = None
    # Palette and hatch slot; defaults to the series' position. Lets a status keep its look across charts.
    style: int | None = None


@dataclass(frozen=True)
class ChartSpec:
    """What to draw: horizontal bars, one per category, top to bottom in the given order."""

    slug: str
    title: str
    kind: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    value_name: str
    category_name: str = "Category"
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


def texts(series: Series) -> tuple[str, ...]:
    """How each value of a series reads: its own texts, or the plain numbers."""
    return series.texts if series.texts is not None else tuple(number(v) for v in series.values)


def totals(spec: ChartSpec) -> list[float]:
    """Each category's sum over all series."""
    return [sum(s.values[i] for s in spec.series) for i in range(len(spec.categories))]


def chart(spec: ChartSpec, svg: str, alt: str, header: tuple[str, ...]) -> Chart:
    """A drawn chart with its data: CSV with plain numbers, table rows with the texts readers see."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    shown = [texts(s) for s in spec.series]
    rows = []
    for i, category in enumerate(spec.categories):
        writer.writerow([category, *(plain(s.values[i]) for s in spec.series)])
        rows.append((category, *(t[i] for t in shown)))
    return Chart(spec, svg, alt, out.getvalue(), header, tuple(rows))


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _names(names: list[str]) -> str:
    names = [_clip(n, 80) for n in names]
    if len(names) > 3:
        return f"{', '.join(names[:2])} and {len(names) - 2} others"
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]


def _extremes(spec: ChartSpec, totals: list[float], shown: list[str]) -> str:
    """' Largest: A with 5; smallest: B with 0.' when the categories differ."""
    if len(set(totals)) < 2:
        return ""
    parts = []
    for word, value in (("Largest", max(totals)), ("smallest", min(totals))):
        picks = [i for i, t in enumerate(totals) if t == value]
        parts.append(f"{word}: {_names([spec.categories[i] for i in picks])} with {shown[picks[0]]}")
    return f" {'; '.join(parts)}."


def alt(spec: ChartSpec, kind: str, totals: list[float]) -> str:
    """The text alternative, from the data: every value when it fits, else a summary that points to the table."""
    title = spec.title.strip().rstrip(".")
    unit = "" if spec.value_name.lower() in title.lower() else f" ({spec.value_name})"
    lead = f"{kind}: {title}{unit}."
    if not any(totals):
        return _clip(f"{lead} No data.", ALT_LIMIT)
    stacked = spec.kind == "stacked-bars"
    shown = [number(t) for t in totals] if stacked else list(texts(spec.series[0]))
    parts = []
    for i, category in enumerate(spec.categories):
        segments = [f"{texts(s)[i]} {s.name}" for s in spec.series if s.values[i]] if stacked else []
        detail = f" ({', '.join(segments)})" if segments else ""
        parts.append(f"{category}: {shown[i]}{detail}")
    extremes = _extremes(spec, totals, shown)
    full = f"{lead} {'; '.join(parts)}.{extremes}"
    if len(full) <= ALT_LIMIT:
        return full
    summary = f"{lead} {len(spec.categories)} categories"
    if stacked:
        by_series = ", ".join(f"{s.name} {number(sum(s.values))}" for s in spec.series)
        summary += f", {number(sum(totals))} in all ({by_series})"
    return _clip(f"{summary}.{extremes} The table has every value.", ALT_LIMIT)


def grouped_alt(spec: ChartSpec, kind: str) -> str:
    """The text alternative of bars side by side: each category's value in every series, or a summary."""
    title = spec.title.strip().rstrip(".")
    lead = f"{kind}: {title} ({spec.value_name}), by {', '.join(s.name for s in spec.series)}."
    if not any(v for s in spec.series for v in s.values):
        return _clip(f"{lead} No data.", ALT_LIMIT)
    parts = [
        f"{category}: {', '.join(f'{s.name} {texts(s)[i]}' for s in spec.series)}"
        for i, category in enumerate(spec.categories)
    ]
    full = f"{lead} {'; '.join(parts)}."
    if len(full) <= ALT_LIMIT:
        return full
    by_series = ", ".join(f"{s.name} {number(sum(s.values))}" for s in spec.series)
    return _clip(
        f"{lead} {len(spec.categories)} categories; in all: {by_series}. The table has every value.", ALT_LIMIT
    )
