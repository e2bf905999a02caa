"""Open data: the files agree with their datapackage.json, with each other and with the model."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from conftest import REPO, VALID

from generator.content.check import check
from generator.content.model import Project
from generator.site.exports import edition_data

# Frictionless Table Schema field types, and how a CSV cell of each must parse.
CASTS = {"string": str, "integer": int, "number": float}


def _project(root: Path) -> Project:
    project = check(root).project
    assert project is not None
    return project


@pytest.fixture(scope="module", params=["fixture", "bundled"])
def project(request: pytest.FixtureRequest) -> Project:
    return _project(VALID if request.param == "fixture" else REPO)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_descriptor_is_a_tabular_data_package(project: Project) -> None:
    for edition in project.editions:
        package = json.loads(edition_data(project, edition)["datapackage.json"])
        # Not a tabular-data-package: that profile forbids the JSON resource (tests/test_frictionless.py).
        assert package["profile"] == "data-package"
        assert [r["profile"] for r in package["resources"] if r["format"] == "csv"] == ["tabular-data-resource"] * 2
        assert re.fullmatch(r"[a-z0-9._-]+", package["name"])
        names = [r["name"] for r in package["resources"]]
        assert len(names) == len(set(names)) and all(re.fullmatch(r"[a-z0-9._-]+", n) for n in names)
        assert {r["path"] for r in package["resources"]} == {"initiatives.csv", "metrics.csv", "initiatives.json"}
        assert package["homepage"] == f"{project.site.site_url}{edition.year}/"


def test_csv_headers_and_cells_match_their_schemas(project: Project) -> None:
    for edition in project.editions:
        files = edition_data(project, edition)
        package = json.loads(files["datapackage.json"])
        for resource in package["resources"]:
            if resource["format"] != "csv":
                continue
            fields = resource["schema"]["fields"]
            text = files[resource["path"]]
            assert text.splitlines()[0].split(",") == [f["name"] for f in fields]
            for row in _rows(text):
                for f in fields:
                    if row[f["name"]] != "":
                        CASTS[f["type"]](row[f["name"]])


def test_files_hold_every_initiative_and_figure(project: Project) -> None:
    for edition in project.editions:
        files = edition_data(project, edition)
        document = json.loads(files["initiatives.json"])
        ids = [i.id for i in edition.initiatives]
        assert [r["id"] for r in document["initiatives"]] == ids
        assert [r["id"] for r in _rows(files["initiatives.csv"])] == ids
        figures = (
            len(edition.metrics)
            + sum(len(p.metrics) for p in edition.goal_pages)
            + sum(len(i.metrics) for i in edition.initiatives)
        )
        metrics = _rows(files["metrics.csv"])
        assert len(metrics) == figures
        by_id = {i.id: i for i in edition.initiatives}
        for row in metrics:
            if row["scope"] == "initiative":
                assert row["initiative_id"] in by_id and int(row["goal"]) == by_id[row["initiative_id"]].goal
        for record in document["initiatives"]:
            item = by_id[record["id"]]
            assert record["url"] == f"{project.site.site_url}{edition.year}/initiatives/{item.id}/"
            assert len(record["funding"]) == len(item.funding) and len(record["metrics"]) == len(item.metrics)


def test_figures_keep_their_qualifier_and_exact_value() -> None:
    project = _project(VALID)
    edition = project.edition(2021)
    assert edition is not None
    rows = _rows(edition_data(project, edition)["metrics.csv"])
    under_five = next(r for r in rows if r["label"] == "Children under five")
    assert (under_five["value"], under_five["unit"], under_five["qualifier"]) == ("30000", "people", "about")
    poverty = next(r for r in rows if r["label"] == "Children in poverty")
    assert (poverty["value"], poverty["qualifier"]) == ("14.1", "")


def test_a_range_keeps_both_ends() -> None:
    project = _project(VALID)
    edition = project.edition(2022)
    assert edition is not None
    files = edition_data(project, edition)
    row = next(r for r in _rows(files["metrics.csv"]) if r["label"] == "Employers taking part")
    assert (row["value"], row["value_max"], row["unit"], row["qualifier"]) == ("20", "30", "organisations", "")
    single = next(r for r in _rows(files["metrics.csv"]) if r["label"] == "Fairs planned")
    assert single["value_max"] == ""
    record = next(r for r in json.loads(files["initiatives.json"])["initiatives"] if r["id"] == "job-fairs")
    assert [(m["value"], m["value_max"]) for m in record["metrics"]] == [(5, None), (20, 30)]


def test_the_licence_is_named_in_the_descriptor_only_when_the_site_has_one(project: Project) -> None:
    licence = project.site.licence
    for edition in project.editions:
        package = json.loads(edition_data(project, edition)["datapackage.json"])
        if licence is None:
            assert "licenses" not in package
        else:
            assert package["licenses"] == [{"name": licence.id, "path": licence.url, "title": licence.name}]


def test_the_bundled_data_is_under_the_open_government_licence() -> None:
    licence = _project(REPO).site.licence
    assert licence is not None and licence.id == "OGL-UK-3.0"
    assert licence.url == "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
