"""Charts: specs from the model, drawn as accessible SVG with alt text and their data as CSV."""

from __future__ import annotations

from .data import Chart

Files = dict[str, str | bytes]


def drawing_files(charts: list[Chart]) -> Files:
    """Each chart's SVG (wide, and narrow for phones), by docs path."""
    files: Files = {}
    for chart in charts:
        files[f"charts/{chart.spec.slug}.svg"] = chart.svg
        if chart.narrow_svg:
            files[f"charts/{chart.spec.slug}-narrow.svg"] = chart.narrow_svg
    return files


def chart_files(charts: list[Chart]) -> Files:
    """Each chart's CSV, and its SVGs if it has been drawn, by docs path.

    The build passes charts not drawn yet (chart.svg empty): they are drawn while MkDocs renders, and their SVGs
    placed into the rendered site afterwards (nothing MkDocs does reads them)."""
    files = drawing_files([chart for chart in charts if chart.svg])
    files.update({f"charts/{chart.spec.slug}.csv": chart.csv for chart in charts})
    return files
