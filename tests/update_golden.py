"""Rewrite the fixture's golden generated Markdown: run python tests/update_golden.py, then review the diff."""

from __future__ import annotations

import functools
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from generator.content.check import read_project
from generator.content.theme import load_theme
from generator.site.charts.specs import edition_charts
from generator.site.pages import edition_docs

FIXTURE = Path(__file__).parent / "fixtures" / "valid"
GOLDEN = Path(__file__).parent / "golden"


def generated() -> dict[str, str]:
    """Every generated Markdown page of the fixture, by '<year>/<path>' (a copy: several test modules read it)."""
    return dict(_generated())


@functools.cache
def _generated() -> dict[str, str]:
    # The fixture is never changed by a test, so one test session generates it once (charts are drawn here).
    project, _ = read_project(FIXTURE)
    theme = load_theme(FIXTURE)
    out: dict[str, str] = {}
    for edition in project.editions:
        for name, content in edition_docs(
            project, edition, theme, edition_charts(project, edition, theme.labels)
        ).items():
            if name.endswith(".md") and isinstance(content, str):
                out[f"{edition.year}/{name}"] = content
    return out


if __name__ == "__main__":
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for name, content in generated().items():
        path = GOLDEN / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8", newline="\n")
    print(f"wrote {len(list(GOLDEN.rglob('*.md')))} golden files to {GOLDEN}")
