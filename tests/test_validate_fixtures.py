"""One invalid fixture per rule: each gives exactly its expected error lines (file, line, column, message)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import INVALID, overlay

from generator.content.check import check
from generator.content.problems import ERROR

CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def test_valid_fixture_has_no_errors(project: Path) -> None:
    checked = check(project)
    assert [p.text() for p in checked.problems if p.severity == ERROR] == []
    assert checked.project is not None
    assert [e.year for e in checked.project.editions] == [2021, 2022]


def test_valid_fixture_warnings_are_errors_under_strict(project: Path) -> None:
    warnings = [p for p in check(project).problems]
    assert warnings and all(p.severity == "warning" for p in warnings)
    strict = check(project, strict=True)
    assert strict.project is None
    assert [p.severity for p in strict.problems] == [ERROR] * len(warnings)


def test_there_is_a_case_per_rule() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES)
def test_invalid_case(project: Path, case: str) -> None:
    expected = (INVALID / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, f"{case} has no expected lines"
    checked = check(overlay(project, case))
    errors = [p.text() for p in checked.problems if p.severity == ERROR]
    assert errors == expected
    assert checked.project is None
