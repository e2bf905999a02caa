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


def scaled_tree(dest: Path, factor: int, source: Path = REPO) -> Path:
    """A copy of the bundled content with every edition's initiatives repeated `factor` times (1x, 10x, 100x).

    Copy k of an initiative has the id `<id>-x<k>` and ' (copy k)' after its title, in every edition, so the
    copies have histories and the cross-edition pages scale with them. Editions become drafts without lock or
    corrections: a published edition's lock would (rightly) refuse the added files."""
    dest.mkdir(parents=True)
    shutil.copytree(source / "content", dest / "content")
    shutil.copytree(source / "initiatives", dest / "initiatives")
    for edition in (dest / "content").glob("[0-9][0-9][0-9][0-9]"):
        for name in ("lock.yml", "corrections.yml"):
            (edition / name).unlink(missing_ok=True)
        spec = edition / "edition.yml"
        spec.write_text(spec.read_text(encoding="utf-8").replace("status: published", "status: draft"))
    for path in sorted((dest / "initiatives").glob("*/*/*.md")):
        if path.name == "index.md":
            continue
        text = path.read_text(encoding="utf-8")
        ident = path.stem
        for k in range(2, factor + 1):
            copy = text.replace(f"\nid: {ident}\n", f"\nid: {ident}-x{k}\n", 1)
            copy = _retitle(copy, k)
            (path.parent / f"{ident}-x{k}.md").write_text(copy, encoding="utf-8")
    return dest


def _retitle(text: str, k: int) -> str:
    """The front matter's title line with ' (copy k)' added (inside the quotes of a quoted title)."""
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if line.startswith("title: "):
            value = line[len("title: ") :]
            if value[:1] in "\"'" and value[-1:] == value[:1]:
                lines[n] = f"title: {value[:-1]} (copy {k}){value[-1]}"
            else:
                lines[n] = f"title: {value} (copy {k})"
            break
    return "\n".join(lines)
