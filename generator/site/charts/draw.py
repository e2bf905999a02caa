"""Accessible, byte-stable SVG bar charts with alt text, CSV and table data, drawn with matplotlib's object API."""

from __future__ import annotations

import dataclasses
import functools
import html
import io
import math
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import matplotlib
from matplotlib.backends.backend_svg import FigureCanvasSVG, RendererSVG
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.textpath import text_to_path
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import Affine2D

from ..figures import number
from . import data as chartdata
from .data import NARROW, Chart, ChartSpec
from .palette import DARK_AXIS, DARK_GRID, DARK_TEXT, PALETTE, ink, style

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType


BAR_COLOUR = PALETTE[0]
TEXT = "#1a1a1a"
GRID = "#d0d0d0"
AXIS = "#595959"
# The chart has no background of its own, so it sits on the page's. On a dark page (the embedding element's
# color-scheme, which Material's switch sets) the colours drawn on the background change to these; text on a bar
# keeps its ink, chosen against the bar's fill. Matched by the exact style matplotlib writes for each colour.
DARK = {
    f"fill: {TEXT}": f"fill: {DARK_TEXT}",
    f"fill: {AXIS}": f"fill: {DARK_AXIS}",
    f"stroke: {AXIS}": f"stroke: {DARK_AXIS}",
    f"stroke: {GRID}": f"stroke: {DARK_GRID}",
}
# Ships with matplotlib, so layout measures the same everywhere; the SVG adds a generic fallback.
FONTS = ["DejaVu Sans"]

MARGIN = 12.0
TITLE_SIZE = 12.0
FONT_SIZE = 12.0
SMALL_SIZE = 11.0
LABEL_WIDTH = 200.0
AXIS_HEIGHT = 44.0
BAR_HEIGHT = 0.64

RC: dict[RcKeyType, Any] = {
    "svg.hashsalt": "levelup-charts",
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": FONTS,
    "font.size": FONT_SIZE,
    # Titles and labels come from content: a '$' in them is money, not mathtext.
    "text.parse_math": False,
    "text.color": TEXT,
    "axes.labelcolor": TEXT,
    "axes.edgecolor": AXIS,
    "xtick.color": AXIS,
    "xtick.labelcolor": TEXT,
    "ytick.labelcolor": TEXT,
    "hatch.linewidth": 0.8,
    "figure.facecolor": "none",
    "axes.facecolor": "none",
    "savefig.facecolor": "none",
    "savefig.edgecolor": "none",
}


_in_settings = False


@contextmanager
def settings() -> Iterator[None]:
    """matplotlib's defaults and ours, whatever a local matplotlibrc says; inside it, charts drawn one after
    another skip setting them again (each time cost a tenth of a chart's time)."""
    global _in_settings
    if _in_settings:
        yield
        return
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(RC)
        _in_settings = True
        try:
            yield
        finally:
            _in_settings = False


def _font(size: float, bold: bool = False) -> FontProperties:
    return FontProperties(family=FONTS, size=size, weight="bold" if bold else "normal")


# Wrapping measures the same label many times over (each trial line, wide and narrow layouts).
@functools.lru_cache(maxsize=8192)
def _width(text: str, size: float, bold: bool = False) -> float:
    width, _, _ = text_to_path.get_text_width_height_descent(text, _font(size, bold), ismath=False)
    return float(width)


# Text up to this long is measured whole; longer text by its prefixes, so wrapping stays linear in its length.
_WHOLE = 64


def _wider(text: str, size: float, limit: float, bold: bool) -> bool:
    """Whether text is wider than limit: prefixes of doubling length are measured, and measuring stops at
    the first too wide, since a prefix is never wider than the whole text."""
    if len(text) <= _WHOLE:
        return _width(text, size, bold) > limit
    end = _WHOLE
    while end < len(text):
        if _width(text[:end], size, bold) > limit:
            return True
        end *= 2
    return _width(text, size, bold) > limit


def _cut(line: str, size: float, limit: float, bold: bool) -> int:
    """The longest prefix of line (at least 1 character) that fits within limit with a hyphen after it.

    Gallops to a prefix too wide, then bisects, so a cut costs a few measurements of about a line's length
    instead of one measurement of every prefix of the (perhaps 4,000-character) word."""

    def fits(k: int) -> bool:
        return _width(line[:k] + "-", size, bold) <= limit

    low, high = 0, 1  # fits(low) is known (0 stands for "none fits"); high is the next to try
    while high < len(line) and fits(high):
        low, high = high, min(2 * high, len(line))
    high = min(high, len(line))  # the first prefix known not to fit, or len(line), which is never a cut
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if fits(middle) else (low, middle)
    return max(low, 1)


def _wrap(text: str, size: float, limit: float, bold: bool = False) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if line and _wider(trial, size, limit, bold):
            lines.append(line)
            line = word
        else:
            line = trial
        while len(line) > 1 and _wider(line, size, limit, bold):
            cut = _cut(line, size, limit, bold)
            lines.append(line[:cut] + "-")
            line = line[cut:]
    if line:
        lines.append(line)
    return lines or [""]


def _slots(spec: ChartSpec) -> list[int]:
    slots = [i if s.style is None else s.style for i, s in enumerate(spec.series)]
    if len(set(slots)) != len(slots) or any(not 0 <= slot < len(PALETTE) for slot in slots):
        raise ValueError(f"chart {spec.slug}: series need distinct styles from 0 to {len(PALETTE) - 1}")
    return slots


def _check(spec: ChartSpec, kind: str) -> None:
    if spec.kind != kind:
        raise ValueError(f"chart {spec.slug} is {spec.kind!r}, not {kind!r}")
    if kind == "bars" and len(spec.series) != 1:
        raise ValueError(f"chart {spec.slug}: a bar chart has exactly one series")
    for s in spec.series:
        given = [t for t in (s.texts, s.exact) if t is not None]
        if len(s.values) != len(spec.categories) or any(len(t) != len(spec.categories) for t in given):
            raise ValueError(f"chart {spec.slug}: series {s.name!r} needs one value per category")
        if any(not math.isfinite(v) or v < 0 for v in s.values):
            raise ValueError(f"chart {spec.slug}: series {s.name!r} has a negative or non-finite value")
    _slots(spec)


@dataclass(frozen=True)
class _Layout:
    height: float
    title: str
    title_top: float
    legend_top: float
    legend_columns: int
    labels: list[str]
    axes: tuple[float, float, float, float]
    axes_width: float
    width: float


def _layout(spec: ChartSpec, legend: bool, min_slot: float = 28.0) -> _Layout:
    width = spec.width
    inner = width - 2 * MARGIN
    title = _wrap(spec.title, TITLE_SIZE, inner, bold=True)
    title_height = len(title) * TITLE_SIZE * 1.3
    columns, legend_height = 1, 0.0
    if legend and spec.series:
        entry = max(_width(s.name, FONT_SIZE) for s in spec.series) + 46
        columns = max(1, min(len(spec.series), int(inner // entry)))
        legend_height = math.ceil(len(spec.series) / columns) * FONT_SIZE * 1.9 + 6
    wrapped = [_wrap(c, FONT_SIZE, min(LABEL_WIDTH, width * 0.36)) for c in spec.categories]
    label_width = max((_width(line, FONT_SIZE) for lines in wrapped for line in lines), default=0.0)
    lines = max((len(w) for w in wrapped), default=1)
    slot = max(min_slot, lines * FONT_SIZE * 1.25 + 12)
    plot_height = max(1, len(spec.categories)) * slot
    top = MARGIN + title_height + 10
    height = math.ceil(top + legend_height + plot_height + AXIS_HEIGHT + MARGIN)
    left = MARGIN + label_width + 10
    axes_width = width - MARGIN - left
    axes = (left / width, (AXIS_HEIGHT + MARGIN) / height, axes_width / width, plot_height / height)
    labels = ["\n".join(w) for w in wrapped]
    return _Layout(height, "\n".join(title), MARGIN, top, columns, labels, axes, axes_width, width)


def _limit(ends: Sequence[float], texts: Sequence[str], axes_width: float, bold: bool) -> float:
    """The x-axis end that leaves room for each bar's end text."""
    limit = max(ends, default=0.0)
    for end, text in zip(ends, texts, strict=True):
        room = axes_width - _width(text, FONT_SIZE, bold) - 10
        limit = max(limit, end * axes_width / max(room, axes_width / 4))
    return limit or 1.0


def _row_major(items: list[Patch], columns: int) -> list[Patch]:
    """Reorder so a legend, which matplotlib fills column by column, reads left to right like the stack."""
    rows = math.ceil(len(items) / columns)
    return [items[r * columns + c] for c in range(columns) for r in range(rows) if r * columns + c < len(items)]


class _Plot:
    """A figure whose plot area is drawn straight onto it, in points: no matplotlib Axes, whose tick objects,
    spines and layout were 70% of every chart's CPU time, for the few lines and texts a bar chart needs."""

    def __init__(self, spec: ChartSpec, layout: _Layout) -> None:
        size = (layout.width / 72, layout.height / 72)
        self.fig = Figure(figsize=size, dpi=72, facecolor="none", edgecolor="none")
        FigureCanvasSVG(self.fig)
        # Points from the figure's bottom left corner.
        self.points = Affine2D().scale(1 / 72) + self.fig.dpi_scale_trans
        left, bottom, width, height = layout.axes
        self.x0, self.y0 = left * layout.width, bottom * layout.height
        self.width, self.height = width * layout.width, height * layout.height
        self.slot = self.height / max(len(spec.categories), 1)
        self.limit = 1.0
        self.fig.text(
            MARGIN / layout.width,
            1 - layout.title_top / layout.height,
            layout.title,
            ha="left",
            va="top",
            fontsize=TITLE_SIZE,
            fontweight="bold",
            linespacing=1.2,
        )
        for row, label in enumerate(layout.labels):
            self.text(self.x0 - 8, self.y(row), label, ha="right", va="center", fontsize=FONT_SIZE)

    def x(self, value: float) -> float:
        """Points from the left of a value on the x axis."""
        return self.x0 + value / self.limit * self.width

    def y(self, row: float) -> float:
        """Points from the bottom of a row's middle (rows count from the top, 0 the first)."""
        return self.y0 + self.height - (row + 0.5) * self.slot

    def text(self, x: float, y: float, text: str, **style: Any) -> None:
        """Text at a place in points."""
        self.fig.text(x, y, text, transform=self.points, **style)

    def line(self, xs: tuple[float, float], ys: tuple[float, float], colour: str, zorder: float) -> None:
        """A thin line between two places in points; zorder 0.5 is behind the bars, 2.5 in front of them."""
        self.fig.add_artist(
            Line2D(xs, ys, transform=self.points, color=colour, linewidth=0.8, solid_capstyle="butt", zorder=zorder)
        )

    def bar(self, row: float, start: float, length: float, height: float, **style: Any) -> None:
        """A bar along the x axis from start, length long, height rows high, centred on row."""
        x, half = self.x(start), height * self.slot / 2
        box = Rectangle((x, self.y(row) - half), self.x(start + length) - x, 2 * half, transform=self.points, **style)
        self.fig.add_artist(box)

    def end_text(self, value: float, row: float, text: str, **style: Any) -> None:
        """Text just past the end of a bar."""
        self.text(self.x(value) + 5, self.y(row), text, ha="left", va="center", **style)

    def axis(self, spec: ChartSpec, empty: bool) -> None:
        """The x axis: its line, ticks, grid and numbers, and its name below; "No data" when there is none."""
        limit, bottom, top = self.limit, self.y0, self.y0 + self.height
        self.line((self.x0, self.x0 + self.width), (bottom, bottom), AXIS, 2.5)
        self.text(self.x0 + self.width / 2, bottom - 24, spec.value_name, ha="center", va="top", fontsize=FONT_SIZE)
        if empty:
            middle = (self.x0 + self.width / 2, (bottom + top) / 2)
            self.text(*middle, spec.words.empty, ha="center", va="center", fontsize=TITLE_SIZE)
            return
        whole = all(float(v).is_integer() for s in spec.series for v in s.values)
        # As many ticks as fit without their labels touching, for millions as for single digits.
        bins = max(2, min(6, int(self.width // (_width(number(limit), SMALL_SIZE) + 24))))
        for value in MaxNLocator(nbins=bins, integer=whole).tick_values(0, limit):
            if 0 <= value <= limit * (1 + 1e-9):
                x = self.x(value)
                self.line((x, x), (bottom, top), GRID, 0.5)
                self.line((x, x), (bottom, bottom - 3.5), AXIS, 2.5)
                self.text(x, bottom - 7, number(value), ha="center", va="top", fontsize=SMALL_SIZE)


# Text extents by text and font: matplotlib measures every text of a chart again for each chart drawn.
@functools.lru_cache(maxsize=8192)
def _extent(text: str, prop: FontProperties, ismath: Any) -> tuple[float, float, float]:
    width, height, descent = text_to_path.get_text_width_height_descent(text, prop, ismath)
    return float(width), float(height), float(descent)


class _Renderer(RendererSVG):
    """matplotlib's SVG renderer, measuring each text once per process instead of once per chart (a third of
    a chart's time went to measuring the same titles, labels and numbers again)."""

    def get_text_width_height_descent(self, s: str, prop: FontProperties, ismath: Any) -> tuple[float, float, float]:
        return _extent(s, prop.copy(), ismath)  # a copy: a FontProperties' hash follows its (mutable) state


def _svg(fig: Figure, spec: ChartSpec, alt: str) -> str:
    # What savefig does for an SVG at 72 dpi (the figure's own), with the renderer above.
    out = io.StringIO()
    width, height = fig.get_size_inches() * 72
    renderer = _Renderer(width, height, out, image_dpi=72, metadata={"Date": None})  # type: ignore[no-untyped-call]
    fig.draw(renderer)
    renderer.finalize()  # type: ignore[no-untyped-call]
    label = html.escape(alt, quote=True)
    heading = f"<title>{html.escape(spec.title, quote=False)}</title><desc>{html.escape(alt, quote=False)}</desc>"
    rules = "".join(f'[style*="{light}"]{{{dark} !important}}' for light, dark in DARK.items())
    heading += f"\n <style>@media (prefers-color-scheme: dark){{{rules}}}</style>"
    return re.sub(
        r"<svg\b([^>]*)>",
        lambda m: f'<svg{m.group(1)} role="img" aria-label="{label}">\n {heading}',
        out.getvalue(),
        count=1,
    )


def stacked_bars(spec: ChartSpec) -> Chart:
    """Horizontal stacked bars: a hatched, colour-blind-safe segment per series, with counts and a legend."""
    _check(spec, "stacked-bars")
    totals = chartdata.totals(spec)
    empty = not any(totals)
    described = chartdata.describe(spec)
    with settings():
        layout = _layout(spec, legend=True)
        plot = _Plot(spec, layout)
        ends = [number(t) for t in totals]
        plot.limit = _limit(totals, ends, layout.axes_width, bold=True)
        starts = [0.0] * len(spec.categories)
        handles = []
        for series, slot in zip(spec.series, _slots(spec), strict=True):
            fill, hatch = style(slot)
            edge = ink(fill)
            texts = chartdata.texts(series)
            # Zero-width segments would still draw their outline as a stray tick.
            for row in (row for row, value in enumerate(series.values) if value > 0):
                value = series.values[row]
                plot.bar(row, starts[row], value, BAR_HEIGHT, facecolor=fill, edgecolor=edge, hatch=hatch)
                # The box in the segment's own colour keeps hatching from running through the digits.
                plot.text(
                    plot.x(starts[row] + value / 2),
                    plot.y(row),
                    texts[row],
                    ha="center",
                    va="center",
                    fontsize=SMALL_SIZE,
                    color=edge,
                    bbox={"boxstyle": "square,pad=0.2", "facecolor": fill, "edgecolor": "none"},
                )
            starts = [a + b for a, b in zip(starts, series.values, strict=True)]
            handles.append(Patch(facecolor=fill, edgecolor=edge, hatch=hatch, label=series.name))
        if not empty:
            for row, (total, text) in enumerate(zip(totals, ends, strict=True)):
                plot.end_text(total, row, text, fontweight="bold")
        plot.axis(spec, empty)
        _legend(plot.fig, handles, layout)
        svg = _svg(plot.fig, spec, described.alt)
    return dataclasses.replace(described, svg=svg)


def _legend(fig: Figure, handles: list[Patch], layout: _Layout) -> None:
    if handles:
        fig.legend(
            handles=_row_major(handles, layout.legend_columns),
            loc="upper left",
            bbox_to_anchor=(MARGIN / layout.width, 1 - layout.legend_top / layout.height),
            ncols=layout.legend_columns,
            frameon=False,
            fontsize=FONT_SIZE,
            handlelength=2.4,
            handleheight=1.5,
            borderpad=0,
            borderaxespad=0,
            columnspacing=1.6,
        )


def grouped_bars(spec: ChartSpec) -> Chart:
    """Horizontal bars side by side in each category, one hatched, colour-blind-safe bar per series,
    each with its value at its end and a legend: two editions' counts, say."""
    _check(spec, "grouped-bars")
    count = len(spec.series)
    empty = not any(v for s in spec.series for v in s.values)
    described = chartdata.describe(spec)
    with settings():
        # Each bar needs room for its own value text.
        layout = _layout(spec, legend=True, min_slot=count * (SMALL_SIZE * 1.3 + 4) + 12)
        plot = _Plot(spec, layout)
        every = [(s, t) for s in spec.series for t in chartdata.texts(s)]
        ends = [v for s in spec.series for v in s.values]
        plot.limit = _limit(ends, [t for _, t in every], layout.axes_width, bold=False)
        height = BAR_HEIGHT / max(count, 1)
        handles = []
        for k, (series, slot) in enumerate(zip(spec.series, _slots(spec), strict=True)):
            fill, hatch = style(slot)
            edge = ink(fill)
            texts = chartdata.texts(series)
            for row, (value, text) in enumerate(zip(series.values, texts, strict=True)):
                y = row - BAR_HEIGHT / 2 + height * (k + 0.5)
                plot.bar(y, 0.0, value, height, facecolor=fill, edgecolor=edge, hatch=hatch)
                plot.end_text(value, y, text, fontsize=SMALL_SIZE)
            handles.append(Patch(facecolor=fill, edgecolor=edge, hatch=hatch, label=series.name))
        plot.axis(spec, empty)
        _legend(plot.fig, handles, layout)
        svg = _svg(plot.fig, spec, described.alt)
    return dataclasses.replace(described, svg=svg)


def bars(spec: ChartSpec) -> Chart:
    """Horizontal bars of one series, each with its value written at its end."""
    _check(spec, "bars")
    (series,) = spec.series
    texts = chartdata.texts(series)
    empty = not any(series.values)
    described = chartdata.describe(spec)
    with settings():
        layout = _layout(spec, legend=False)
        plot = _Plot(spec, layout)
        plot.limit = _limit(series.values, texts, layout.axes_width, bold=False)
        for row, (value, text) in enumerate(zip(series.values, texts, strict=True)):
            plot.bar(row, 0.0, value, BAR_HEIGHT, facecolor=BAR_COLOUR)
            plot.end_text(value, row, text)
        plot.axis(spec, empty)
        svg = _svg(plot.fig, spec, described.alt)
    return dataclasses.replace(described, svg=svg)


def render(spec: ChartSpec) -> Chart:
    """Draw a spec with the renderer its kind names, at its own width and again narrow for phones."""
    renderers: dict[str, Callable[[ChartSpec], Chart]] = {
        "stacked-bars": stacked_bars,
        "bars": bars,
        "grouped-bars": grouped_bars,
    }
    if spec.kind not in renderers:
        raise ValueError(f"chart {spec.slug}: unknown kind {spec.kind!r}")
    with settings():
        chart = renderers[spec.kind](spec)
        if spec.width <= NARROW:
            return chart
        narrow = renderers[spec.kind](dataclasses.replace(spec, width=NARROW))
    return dataclasses.replace(chart, narrow_svg=narrow.svg)
