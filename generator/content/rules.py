"""The second validation layer: rules that span files (goals, places, editions, ids)."""

from __future__ import annotations

import datetime
import difflib
import math
import re
from collections.abc import Iterator
from typing import Any

from .enums import DocumentKind, PlaceKind, Severity
from .html_check import check_document
from .model import place_slug
from .problems import WARNING, Problem
from .read import Document
from .sanitise import show

# Names are matched whole (fullmatch: `$` would let a trailing line feed through) and in ASCII digits ([0-9]:
# `\d` takes any script's digits, and int() reads "０２" as 2).
FOLDER = re.compile(r"([0-9]{2})-([a-z0-9]+(?:-[a-z0-9]+)*)")
# A page name becomes a URL, so it is a slug like an id; the limit (also in the id and goal slug schemas)
# keeps file and folder names far below the 255 bytes file systems allow.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_LIMIT = 100
# URLs the generator uses (charts/) or the design reserves (places/, print/, corrections/).
RESERVED_PAGES = {
    *("index", "goals", "initiatives", "explore", "data", "changes", "assets", "search", "404"),
    *("charts", "places", "print", "corrections"),
    "images",  # pictures of the site pages (content/pages/images/)
    "accessibility",  # the accessibility statement, generated from site.yml and theme/templates/accessibility.md.j2
}
SUMMARY_LIMIT = 300
# Each district is a page in every edition and a bar in its places chart (drawn twice): each one costs the
# build about 35 ms of CPU, so 40 (London has 33 boroughs; no English county more than 14 districts) keep
# the build of the largest accepted places.yml within benchmarks/worst_case.py's 5 s.
DISTRICT_LIMIT = 40
# Place kinds that lie inside a district and must name it.
MAPPED = (PlaceKind.TOWN, PlaceKind.SITE)


class Context:
    """What the cross-file rules need to know of the whole tree."""

    def __init__(self, docs: list[Document]) -> None:
        # A goals or places file with errors of its own is not used to judge other files.
        goals = next((d for d in docs if d.kind == DocumentKind.GOALS and not list(check_goals(d))), None)
        places = next((d for d in docs if d.kind == DocumentKind.PLACES and not list(check_places(d))), None)
        self.goals: dict[int, str] = {g["number"]: g["slug"] for g in goals.data["goals"]} if goals else {}
        self.places: dict[str, dict[str, Any]] = {p["name"]: p for p in places.data["places"]} if places else {}
        self.editions = sorted(d.edition for d in docs if d.kind == DocumentKind.EDITION and d.edition is not None)

    def folder_goal(self, folder: str) -> int | None:
        """The goal number a folder such as 02-successful-school-years stands for, if it is right."""
        match = FOLDER.fullmatch(folder)
        if not match:
            return None
        number = int(match.group(1))
        return number if self.goals.get(number) == match.group(2) else None

    def folder_for(self, number: int) -> str:
        return f"{number:02d}-{self.goals[number]}" if number in self.goals else f"{number:02d}-..."


def _at(
    doc: Document, path: tuple[Any, ...], message: str, hint: str = "", severity: Severity = Severity.ERROR
) -> Problem:
    line, col = doc.spans.at(path)
    return Problem(doc.path, line, col, message, severity, hint)


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.7)
    return f"did you mean '{close[0]}'?" if close else ""


def check_goals(doc: Document) -> Iterator[Problem]:
    """Goals are numbered 1, 2, 3 ... in order, with unique slugs."""
    seen: set[str] = set()
    for i, goal in enumerate(doc.data["goals"]):
        if goal["number"] != i + 1:
            yield _at(doc, ("goals", i, "number"), f"goal number {goal['number']} is out of order; expected {i + 1}")
        if goal["slug"] in seen:
            yield _at(doc, ("goals", i, "slug"), f"slug '{goal['slug']}' is used by another goal")
        seen.add(goal["slug"])


def check_places(doc: Document) -> Iterator[Problem]:
    """Names are unique; towns and sites name the district they lie in."""
    seen: set[str] = set()
    districts = [p["name"] for p in doc.data["places"] if p["kind"] == PlaceKind.DISTRICT]
    if len(districts) > DISTRICT_LIMIT:
        message = f"{len(districts)} places are districts; the limit is {DISTRICT_LIMIT}"
        yield _at(doc, ("places",), message, "list smaller areas as towns or sites in their district")
    for i, place in enumerate(doc.data["places"]):
        if place["name"] in seen:
            yield _at(doc, ("places", i, "name"), f"place '{place['name']}' is listed twice")
        seen.add(place["name"])
        district = place.get("district")
        if place["kind"] in MAPPED and district is None:
            yield _at(doc, ("places", i), f"{place['kind']} '{place['name']}' needs the district it lies in")
        elif place["kind"] in MAPPED and district not in districts:
            hint = _suggest(str(district), districts) or "district must name a place of kind district"
            yield _at(doc, ("places", i, "district"), f"'{district}' is not a district in this file", hint)
        elif place["kind"] not in MAPPED and district is not None:
            hint = "only a town or site names its district; say where a region lies in its note"
            yield _at(doc, ("places", i, "district"), f"a place of kind {place['kind']} has no district", hint)
    yield from _check_district_pages(doc)


def _check_district_pages(doc: Document) -> Iterator[Problem]:
    """Each district gets a page at places/<slug>/ and, if any has one, its own tile on the map."""
    places = list(enumerate(doc.data["places"]))
    gridded = any("grid" in p for _, p in places if p["kind"] == PlaceKind.DISTRICT)
    urls: dict[str, str] = {}
    cells: dict[tuple[int, int], str] = {}
    for i, place in places:
        name, grid = place["name"], place.get("grid")
        if place["kind"] != PlaceKind.DISTRICT:
            if grid is not None:
                hint = "only districts have a tile on the map"
                yield _at(doc, ("places", i, "grid"), f"a place of kind {place['kind']} has no grid position", hint)
            continue
        slug, shown = place_slug(name), show(name)
        if not slug:
            message = f"district name '{shown}' has no letter or digit to make its web address (places/<name>/) from"
        elif slug == "index":
            message = f"district name '{shown}' would take the web address of the places page itself"
        elif len(slug.encode()) > SLUG_LIMIT:
            message = (
                f"district name is too long for a web address ({len(slug.encode())} bytes); the limit is {SLUG_LIMIT}"
            )
        elif slug in urls:
            message = f"district '{shown}' would have the same web address (places/{slug}/) as '{show(urls[slug])}'"
        else:
            message = ""
        if message:
            yield _at(doc, ("places", i, "name"), message, "rename the district")
        urls.setdefault(slug, name)
        if grid is None and gridded:
            hint = "add grid: {row: R, col: C}, or remove grid from every district"
            message = f"district '{shown}' has no grid position, but others do; the map needs every district"
            yield _at(doc, ("places", i), message, hint)
        elif grid is not None:
            cell = (grid["row"], grid["col"])
            if cell in cells:
                message = f"district '{shown}' has the tile at row {cell[0]}, col {cell[1]}, as '{cells[cell]}' does"
                yield _at(doc, ("places", i, "grid"), message, "give each district its own tile")
            cells.setdefault(cell, name)


def check_edition(doc: Document) -> Iterator[Problem]:
    """The year in edition.yml matches its folder."""
    if doc.data["year"] != doc.edition:
        yield _at(doc, ("year",), f"year {doc.data['year']} does not match the folder content/{doc.edition}/")
    yield from _check_metrics(doc)


def check_site(doc: Document) -> Iterator[Problem]:
    """The accessibility statement's dates are real days, and it was not reviewed before it was prepared."""
    dates = doc.data.get("accessibility", {})
    days: dict[str, datetime.date] = {}
    for key in ("prepared", "reviewed"):
        if key in dates:
            try:
                days[key] = datetime.date.fromisoformat(dates[key])
            except ValueError:
                message = f"accessibility.{key}: {dates[key]} is not a day of the calendar"
                yield _at(doc, ("accessibility", key), message)
    if "prepared" in days and "reviewed" in days and days["reviewed"] < days["prepared"]:
        message = f"accessibility.reviewed: {dates['reviewed']} is before the day it was prepared ({dates['prepared']})"
        yield _at(doc, ("accessibility", "reviewed"), message, hint="a review comes on or after that day")


def _page_name(doc: Document) -> str:
    return doc.path.rsplit("/", 1)[-1].removesuffix(".md")


def check_page(doc: Document) -> Iterator[Problem]:
    """Page names are short lowercase slugs (they become URLs) and must not take a URL the generator uses."""
    name = _page_name(doc)
    if not SLUG.fullmatch(name):
        shown = re.sub(r"[\x00-\x1f\x7f]", "?", name)
        message = f"page name '{shown}' is not a lowercase slug; use lowercase letters, digits and single hyphens"
        yield Problem(doc.path, 1, 1, message, hint="rename the file")
    elif len(name) > SLUG_LIMIT:
        message = f"page name is too long ({len(name)} characters); the limit is {SLUG_LIMIT}"
        yield Problem(doc.path, 1, 1, message, hint="rename the file")
    elif name in RESERVED_PAGES:
        yield Problem(doc.path, 1, 1, f"page name '{name}' is reserved for generated pages", hint="rename the file")


def check_page_names(pages: list[Document]) -> Iterator[Problem]:
    """An edition's page may not share its name with a site-wide page: both would be the same URL."""
    shared = {_page_name(d): d for d in pages if d.edition is None}
    for doc in pages:
        other = shared.get(_page_name(doc)) if doc.edition is not None else None
        if other is not None:
            message = f"page name '{_page_name(doc)}' is also used by {other.path}, which every edition shows"
            yield Problem(doc.path, 1, 1, message, hint="rename one of them")


def check_goal_page(doc: Document, ctx: Context) -> Iterator[Problem]:
    """A goal page sits in its goal's folder and names that goal."""
    folder_goal = ctx.folder_goal(doc.folder)
    if folder_goal is None:
        yield _folder_problem(doc, ctx)
    elif doc.data["goal"] != folder_goal:
        hint = f"set goal: {folder_goal}"
        yield _at(doc, ("goal",), f"goal {doc.data['goal']} does not match its folder {doc.folder}/", hint)
    yield from _check_metrics(doc)


def _folder_problem(doc: Document, ctx: Context) -> Problem:
    folders = [ctx.folder_for(n) for n in sorted(ctx.goals)]
    hint = _suggest(doc.folder, folders) or "goal folders are named <NN>-<goal-slug> from content/goals.yml"
    return Problem(doc.path, 1, 1, f"folder '{doc.folder}' is not a goal in content/goals.yml", hint=hint)


def check_initiative(doc: Document, ctx: Context) -> Iterator[Problem]:
    """Goal, folder, file name, places and last_reported agree with the rest of the tree."""
    data = doc.data
    stem = doc.path.rsplit("/", 1)[-1].removesuffix(".md")
    if data["id"] != stem:
        yield _at(doc, ("id",), f"id '{data['id']}' does not match the file name {stem}.md", "rename one of them")
    folder_goal = ctx.folder_goal(doc.folder)
    if data["goal"] not in ctx.goals:
        yield _at(doc, ("goal",), f"goal {data['goal']} is not in content/goals.yml")
    elif folder_goal is None:
        yield _folder_problem(doc, ctx)
    elif data["goal"] != folder_goal:
        hint = f"move the file to {ctx.folder_for(data['goal'])}/ or set goal: {folder_goal}"
        yield _at(doc, ("goal",), f"goal {data['goal']} does not match its folder {doc.folder}/", hint)
    for i, number in enumerate(data.get("also_supports", [])):
        if number not in ctx.goals:
            yield _at(doc, ("also_supports", i), f"goal {number} is not in content/goals.yml")
        elif number == data["goal"]:
            yield _at(doc, ("also_supports", i), f"goal {number} is already the primary goal")
    names = sorted(ctx.places)
    for i, place in enumerate(data.get("places", []) if ctx.places else []):
        if place not in ctx.places:
            hint = _suggest(place, names) or "add it to content/places.yml first"
            yield _at(doc, ("places", i), f"place '{place}' is not in content/places.yml", hint)
    reported = data["last_reported"]
    if reported not in ctx.editions:
        yield _at(doc, ("last_reported",), f"last_reported {reported} is not an edition in content/")
    elif doc.edition is not None and reported > doc.edition:
        yield _at(doc, ("last_reported",), f"last_reported {reported} is later than this edition ({doc.edition})")
    if len(data["summary"]) > SUMMARY_LIMIT:
        message = f"summary is {len(data['summary'])} characters; cards read best under {SUMMARY_LIMIT}"
        yield _at(doc, ("summary",), message, severity=WARNING)
    if not doc.body.strip():
        yield Problem(doc.path, doc.body_line, 1, "the body is empty; say what the initiative does", WARNING)
    yield from _check_metrics(doc)


def _check_metrics(doc: Document) -> Iterator[Problem]:
    for field in ("metrics", "funding"):
        for i, item in enumerate(doc.data.get(field, [])):
            key = "value" if field == "metrics" else "amount"
            if isinstance(item.get(key), float) and not math.isfinite(item[key]):
                yield _at(doc, (field, i, key), f"{field}[{i}].{key}: must be a finite number")
    yield from _check_ranges(doc)


def _check_ranges(doc: Document) -> Iterator[Problem]:
    """A range runs upwards from value to value_max, and only 'about' can qualify it."""
    for i, item in enumerate(doc.data.get("metrics", [])):
        low, high = item["value"], item.get("value_max")
        if high is None:
            continue
        if not _finite(high):
            yield _at(doc, ("metrics", i, "value_max"), f"metrics[{i}].value_max: must be a finite number")
        elif _finite(low) and high <= low:
            message = f"metrics[{i}].value_max: {high} is not above value {low}"
            hint = "a range runs up from value, its lower end, to value_max; for a single figure drop value_max"
            yield _at(doc, ("metrics", i, "value_max"), message, hint)
        if item.get("qualifier", "about") != "about":
            message = f"metrics[{i}].qualifier: a range cannot be qualified '{item['qualifier']}'"
            yield _at(doc, ("metrics", i, "qualifier"), message, "a range takes no qualifier, or 'about'")


def _finite(number: float) -> bool:
    # Only floats can be inf or nan; YAML integers may be too large for math.isfinite.
    return not isinstance(number, float) or math.isfinite(number)


def check_unique_ids(docs: list[Document]) -> Iterator[Problem]:
    """An id names one initiative per edition."""
    first: dict[tuple[int | None, str], Document] = {}
    for doc in docs:
        key = (doc.edition, doc.data["id"])
        if key in first:
            other = first[key]
            line = other.spans.at(("id",))[0]
            yield _at(
                doc, ("id",), f"id '{key[1]}' is already used in {other.path}:{line}", "ids are unique per edition"
            )
        else:
            first[key] = doc


def check_script(doc: Document) -> Iterator[Problem]:
    """Nothing the HTML allowlist refuses, in the body or in any field (see html_check)."""
    yield from check_document(doc)
