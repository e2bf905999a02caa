"""Writes a synthetic content tree of N initiatives (from the bundled goals, places and site settings)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
STATUSES = ["active", "planned", "pilot", "in-development", "completed", "not-stated"]


def make_tree(dest: Path, initiatives: int, editions: tuple[int, ...] = (2022,)) -> Path:
    """Create dest with content/ and initiatives/ holding `initiatives` files per edition."""
    content = dest / "content"
    content.mkdir(parents=True)
    for name in ("site.yml", "goals.yml", "places.yml"):
        shutil.copy(REPO / "content" / name, content / name)
    goals = yaml.safe_load((content / "goals.yml").read_text())["goals"]
    places = [p["name"] for p in yaml.safe_load((content / "places.yml").read_text())["places"]]
    for year in editions:
        (content / str(year)).mkdir()
        (content / str(year) / "edition.yml").write_text(
            f"year: {year}\ntitle: Synthetic {year}\nstatus: draft\nsource: Generated\nsummary: A synthetic edition.\n"
        )
        for goal in goals:
            folder = dest / "initiatives" / str(year) / f"{goal['number']:02d}-{goal['slug']}"
            folder.mkdir(parents=True)
            (folder / "index.md").write_text(
                f"---\ngoal: {goal['number']}\n---\nNarrative for goal {goal['number']}.\n"
            )
        for n in range(initiatives):
            goal = goals[n % len(goals)]
            folder = dest / "initiatives" / str(year) / f"{goal['number']:02d}-{goal['slug']}"
            (folder / f"initiative-{n:04d}.md").write_text(
                "---\n"
                f"id: initiative-{n:04d}\ntitle: Initiative {n}\ngoal: {goal['number']}\n"
                f"status: {STATUSES[n % len(STATUSES)]}\nsummary: Synthetic initiative number {n}.\n"
                f"places: [{places[n % len(places)]}]\n"
                "metrics:\n"
                f"  - {{label: Participants, value: {n * 10}, unit: people, qualifier: over, kind: actual}}\n"
                f"source: Synthetic source, section {n}\nlast_reported: {year}\n"
                "---\n"
                f"Body of initiative {n}, in **Markdown**.\n"
            )
    return dest
