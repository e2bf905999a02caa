"""Tests that kill mutmut's surviving mutants of exports: the files' exact bytes, the package name, a licence
without an identifier, and several goals, places or partners in one cell."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import pytest
from conftest import VALID

from generator.content.check import check
from generator.content.model import Edition, Licence, Project
from generator.site.exports import counts, datapackage, edition_data


@pytest.fixture
def project() -> Project:
    project = check(VALID).project
    assert project is not None
    return project


def _edition(project: Project) -> Edition:
    edition = project.edition(2022)
    assert edition is not None
    return edition


def _with_site(project: Project, **changes: object) -> Project:
    return dataclasses.replace(project, site=dataclasses.replace(project.site, **changes))


def test_json_files_are_indented_by_two_and_keep_non_ascii_text(project: Project) -> None:
    project = _with_site(project, organisation="Café Council")
    edition = _edition(project)
    item = dataclasses.replace(edition.initiatives[0], title="Crèche places")
    edition = dataclasses.replace(edition, initiatives=(item, *edition.initiatives[1:]))
    files = edition_data(project, edition)
    for name in ("initiatives.json", "datapackage.json"):
        text = files[name]
        assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
        assert text.startswith('{\n  "')
    assert "Café Council" in files["datapackage.json"]
    assert "Crèche places" in files["initiatives.json"]


def test_csv_lines_end_with_a_line_feed(project: Project) -> None:
    files = edition_data(project, _edition(project))
    for name in ("initiatives.csv", "metrics.csv"):
        assert "\r" not in files[name]
        assert files[name].endswith("\n")


def test_several_goals_places_and_partners_are_joined_by_a_semicolon_and_space(project: Project) -> None:
    edition = _edition(project)
    item = dataclasses.replace(edition.initiatives[0], also_supports=(2, 3), partners=("A", "B"))
    edition = dataclasses.replace(edition, initiatives=(item,))
    row = edition_data(project, edition)["initiatives.csv"].splitlines()[1]
    assert ",2; 3," in row
    assert ",A; B," in row


def test_the_package_name_is_a_slug_of_the_organisation(project: Project) -> None:
    project = _with_site(project, organisation="- Essex  County Council! -")
    assert datapackage(project, _edition(project))["name"] == "essex-county-council-audit-2022"


def test_a_licence_without_an_identifier_is_named_by_its_address_only(project: Project) -> None:
    project = _with_site(project, licence=Licence(name="Some licence", url="https://example.org/l"))
    package = datapackage(project, _edition(project))
    assert package["licenses"] == [{"path": "https://example.org/l", "title": "Some licence"}]


def test_counts_name_the_initiatives_and_figures_the_data_files_hold(project: Project) -> None:
    edition = _edition(project)
    files = edition_data(project, edition)
    figures = len(list(csv.DictReader(io.StringIO(files["metrics.csv"]))))
    initiatives = len(json.loads(files["initiatives.json"])["initiatives"])
    assert figures > 0 and initiatives > 0
    assert counts(edition) == {"initiatives": initiatives, "metrics": figures}
