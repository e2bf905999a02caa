"""Charts: specs from the model, drawn as accessible SVG with alt text and their data as CSV."""

from __future__ import annotations

from .data import Chart

Files = dict[str, str | bytes]


def chart_files(charts: list[Chart]) -> Files:
    """Each chart's SVG (wide, and narrow for phones) and its CSV, by docs path."""
    files: Files = {}
    for chart in charts:
        files[f"charts/{chart.spec.slug}.svg"] = chart.svg
        if chart.narrow_svg:
            files[f"charts/{chart.spec.slug}-narrow.svg"] = chart.narrow_svg
        files[f"charts/{chart.spec.slug}.csv"] = chart.csv
    return files
