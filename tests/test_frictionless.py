"""The open data of every edition is a valid Frictionless Data Package, as the frictionless library judges it."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from conftest import REPO, VALID
from frictionless import Package, validate

from generator.content.check import check
from generator.content.model import Licence, Project
from generator.site.exports import edition_data
from generator.write import write_files


def _project(root: Path) -> Project:
    project = check(root).project
    assert project is not None
    return project


def _written(project: Project, year: int, folder: Path) -> Path:
    """The edition's data files as the build writes them into data/; the descriptor's path."""
    edition = project.edition(year)
    assert edition is not None
    write_files(folder, dict(edition_data(project, edition)))
    return folder / "datapackage.json"


def _errors(descriptor: Path) -> list[str]:
    report = validate(str(descriptor))
    return [f"{task.name}: {e.message}" for task in report.tasks for e in task.errors] + [
        e.message for e in report.errors
    ]


@pytest.mark.parametrize("year", [2022, 2025])
def test_the_bundled_data_package_is_valid(tmp_path: Path, year: int) -> None:
    descriptor = _written(_project(REPO), year, tmp_path)
    assert _errors(descriptor) == []
    package = Package(str(descriptor))
    assert [r.name for r in package.resources] == ["initiatives", "metrics", "initiatives-json"]
    assert package.licenses == [
        {
            "name": "OGL-UK-3.0",
            "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            "title": "Open Government Licence v3.0",
        }
    ]
    # Every row was read against its schema: the tables are not empty and their cells were checked.
    rows = {r.name: r.read_rows() for r in package.resources if r.name != "initiatives-json"}
    assert len(rows["initiatives"]) == len(json.loads((tmp_path / "initiatives.json").read_text())["initiatives"])
    assert rows["metrics"]


@pytest.mark.parametrize("year", [2021, 2022])
def test_a_package_without_a_licence_is_valid(tmp_path: Path, year: int) -> None:
    descriptor = _written(_project(VALID), year, tmp_path)
    assert "licenses" not in json.loads(descriptor.read_text())
    assert _errors(descriptor) == []


def test_a_licence_without_an_identifier_is_named_by_its_address(tmp_path: Path) -> None:
    project = _project(VALID)
    site = dataclasses.replace(project.site, licence=Licence("Our own licence", "https://example.org/licence"))
    descriptor = _written(dataclasses.replace(project, site=site), 2021, tmp_path)
    assert json.loads(descriptor.read_text())["licenses"] == [
        {"path": "https://example.org/licence", "title": "Our own licence"}
    ]
    assert _errors(descriptor) == []


def test_the_check_fails_on_a_broken_table(tmp_path: Path) -> None:
    # The validation is real: a text in an integer column is reported.
    descriptor = _written(_project(VALID), 2021, tmp_path)
    table = tmp_path / "initiatives.csv"
    lines = table.read_text().splitlines()
    first = lines[1].split(",")
    goal = [f["name"] for f in json.loads(descriptor.read_text())["resources"][0]["schema"]["fields"]].index("goal")
    first[goal] = "one"
    table.write_text("\n".join([lines[0], ",".join(first), *lines[2:]]) + "\n")
    errors = _errors(descriptor)
    assert len(errors) == 1 and errors[0].startswith("initiatives: ")
