"""The new command: scaffold an initiative in a draft edition, or start a new edition from the newest one."""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..content.check import check, load_checked
from ..content.enums import DocumentKind
from ..content.fingerprint import edition_files
from ..content.html_check import field_findings
from ..content.model import Project
from ..content.problems import ERROR, count_errors
from ..content.read import SCHEMA_DIR, YEAR
from ..content.rules import SUMMARY_LIMIT
from ..editions.scaffold import edition_files as new_edition_files
from ..editions.scaffold import initiative_text, slug
from ..errors import ContentError, OutputError, UsageError
from ..write import create_file, create_trees, remove_file

ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _project(root: Path) -> Project:
    checked = check(root)
    if checked.project is None:
        raise ContentError(checked.problems)
    return checked.project


def _schema_ref(file: Path) -> str:
    """The initiative schema relative to the new file, for the editor's YAML extension."""
    schema = SCHEMA_DIR / "initiative.schema.json"
    try:
        return Path(os.path.relpath(schema, file.parent)).as_posix()
    except ValueError:  # another drive on Windows
        return schema.as_uri()


def _title(text: str) -> str:
    title = " ".join(text.split())
    if not title:
        raise UsageError("--title must not be empty")
    if len(title) > SUMMARY_LIMIT:
        raise UsageError(f"the title is {len(title)} characters; keep it under {SUMMARY_LIMIT}")
    if field_findings(title):
        raise UsageError("the title must be plain text (no HTML that could run script)")
    return title


def add_initiative(root: Path, year: int, goal_number: int, title_text: str, ident: str | None) -> int:
    """Write a new initiative file into a draft edition and print its path."""
    title = _title(title_text)
    project = _project(root)
    edition = project.edition(year)
    if edition is None:
        raise UsageError(f"there is no {year} edition (editions: {', '.join(str(e.year) for e in project.editions)})")
    if edition.published or edition.published_on:
        raise UsageError(
            f"the {year} edition is published and cannot gain initiatives; "
            f"add it to a draft edition (levelup new edition YEAR starts one)"
        )
    if goal_number not in {g.number for g in project.goals}:
        raise UsageError(f"there is no goal {goal_number} (goals: 1 to {len(project.goals)})")
    here = {i.id for i in edition.initiatives}
    if ident is not None:
        if not ID.match(ident):
            raise UsageError(f"--id '{ident}' is not a lowercase slug (letters, digits and single hyphens)")
        if ident in here:
            raise UsageError(f"the {year} edition already has an initiative '{ident}'")
    else:
        # A new id is unused in every edition: an id shared across editions means 'the same initiative'.
        ident = slug(title, {i.id for e in project.editions for i in e.initiatives})
    goal = project.goal(goal_number)
    path = root / "initiatives" / str(year) / goal.folder / f"{ident}.md"
    text = initiative_text(
        ident=ident, title=title, goal=goal_number, year=year, source=edition.source, schema=_schema_ref(path)
    )
    try:
        create_file(path, text)
    except FileExistsError:
        raise UsageError(f"{path.relative_to(root).as_posix()} already exists") from None
    except OSError as exc:
        raise OutputError(f"cannot write {path.relative_to(root).as_posix()}: {exc.strerror or exc}") from exc
    rel = path.relative_to(root).as_posix()
    problems = [p for p in check(root).problems if p.path == rel and p.severity == ERROR]
    if problems:  # the scaffold must validate; if it cannot, leave nothing behind
        remove_file(path)
        raise ContentError(problems)
    print(rel)
    return 0


def start_edition(root: Path, year: int) -> int:
    """Start edition year as a draft copy of the newest edition."""
    if not YEAR.fullmatch(str(year)) or year < 1900:
        raise UsageError(f"{year} is not a year (four digits, 1900 or later)")
    targets = {root / "content" / str(year): "content", root / "initiatives" / str(year): "initiatives"}
    for folder in targets:
        if folder.exists():
            raise UsageError(f"{folder.relative_to(root).as_posix()}/ already exists; refusing to overwrite it")
    project = _project(root)
    newest = project.editions[-1]
    if year <= newest.year:
        raise UsageError(f"a new edition must be later than the newest one ({newest.year})")
    sources, _, _ = load_checked(root)
    doc = next(d for d in sources.of_kind(DocumentKind.EDITION) if d.edition == newest.year)
    files = new_edition_files(
        edition_files(root, newest.year),
        old=newest.year,
        new=year,
        year_at=doc.spans.at(("year",)),
        status_at=doc.spans.at(("status",)),
        title_at=doc.spans.at(("title",)),
    )
    trees = {
        folder: {rel.split("/", 2)[2]: raw for rel, raw in files.items() if rel.split("/", 1)[0] == kind}
        for folder, kind in targets.items()
    }
    try:
        create_trees({folder: tree for folder, tree in trees.items() if tree or folder.name == "content"})
    except FileExistsError as exc:
        raise UsageError(f"{exc} already exists; refusing to overwrite it") from None
    except OSError as exc:
        raise OutputError(f"cannot write the {year} edition: {exc.strerror or exc}; nothing was written") from exc
    checked = check(root)
    count = len(newest.initiatives)
    print(f"Started the {year} edition from {newest.year}: content/{year}/ and initiatives/{year}/, ", end="")
    print(f"{count} initiatives carried forward (last_reported and status unchanged).")
    print(f"Next: update content/{year}/edition.yml (title, source, summary, figures), then each initiative.")
    if count_errors(checked.problems):
        raise ContentError(checked.problems)
    return 0


def run(
    *,
    root: Path,
    what: str,
    year: int | None = None,
    edition_year: int | None = None,
    goal: int | None = None,
    title: str | None = None,
    ident: str | None = None,
) -> int:
    """new initiative --edition Y --goal N --title T [--id ID], or new edition Y."""
    if what == "edition":
        if year is None or edition_year is not None or goal is not None or title is not None or ident is not None:
            raise UsageError("usage: new edition YEAR")
        return start_edition(root, year)
    if year is not None or edition_year is None or goal is None or title is None:
        raise UsageError("usage: new initiative --edition YEAR --goal N --title TITLE [--id ID]")
    return add_initiative(root, edition_year, goal, title, ident)
