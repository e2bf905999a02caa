"""One invalid fixture per rule: each gives exactly its expected error lines (file, line, column, message)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import rule_sites
from conftest import INVALID, VALID, overlay

from generator.content.check import check
from generator.content.problems import ERROR
from generator.content.theme import TOOL_THEME

CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())

# Rule sites no invalid fixture can reach, each with the test that covers it instead. A fixture is files
# overlaid on the valid tree, so it cannot hold an unreadable file, a link out of the root or a missing file.
NO_FIXTURE = {
    "read:inside:": "a link out of the root: test_safety.py (symbolic links)",
    "read:text: self.sources.problems.append(limits.file_too_big": "a file over 1 MB: test_bounds.py",
    "limits:file_too_big:": "a file over 1 MB: test_bounds.py",
    "read:yaml_file:": "a required file removed: test_a_removed_required_file",
    'read:image_file: self.sources.problems.append(Problem(rel, 1, 1, f"image is over': "2 MB: test_guide.py",
    "validate:_cross_file:": "no edition at all: test_a_tree_without_editions",
    "validate:written_problems:": "a file publish would write, not one validate reads: test_written.py",
    "theme:_links_out:": "a theme link out of the root: test_theme.py",
    # Git and some file systems cannot hold such a name portably in a fixture.
    'theme:files: self.problems.append(Problem(shown, 1, 1, "the file name is not UTF-8"': "test_theme.py",
    # Root (as in CI) reads any file, and a theme link is reported by _links_out before it is read.
    'read:text: self.sources.problems.append(Problem(rel, 1, 1, f"cannot read': "unreadable file",
    'read:image_file: self.sources.problems.append(Problem(rel, 1, 1, f"cannot read': "unreadable file",
    "theme:read:": "unreadable file, or a link already reported by theme:_links_out",
    "problems:promote_warnings:": "--strict, not a rule: test_valid_fixture_warnings_are_errors_under_strict",
    # Unreachable by design, kept as a guard: yamlscan refuses every alias before composing, and the
    # composer makes only scalars, sequences and mappings; no schema keyword is left to the generic message.
    'yamlspans:_build: raise YamlProblem("a YAML alias refers to itself"': "aliases are refused first",
    'yamlspans:_build: raise YamlProblem("unsupported YAML node"': "the composer makes no other node",
    'schema_check:_problems: return [Problem(doc.path, line, col, f"{where}{err.message}")]': "no other keyword",
    # Defence in depth: reading YAML refuses .inf and .nan first (number-not-finite, funding-not-finite,
    # value-max-not-finite pin that), so the model's own check cannot be reached from a file.
    'rules:_check_metrics: yield _at(doc, (field, i, key), f"{field}[{i}].{key}: must be a finite number")': "read",
    'rules:_check_ranges: yield _at(doc, ("metrics", i, "value_max"), f"metrics[{i}].value_max: must be': "read",
}


def _traced_hits(tmp_path: Path) -> set[tuple[str, int]]:
    """The lines of generator/content executed while checking the valid tree and every invalid case."""
    hits: set[tuple[str, int]] = set()
    for case in ["", *CASES]:
        root = tmp_path / (case or "valid")
        shutil.copytree(VALID, root)
        if case:
            overlay(root, case)
        hits |= rule_sites.traced(lambda: check(root))[1]  # noqa: B023 (called at once, in this iteration)
    return hits


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


@pytest.fixture(scope="module")
def valid_warnings(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    root = tmp_path_factory.mktemp("valid") / "project"
    shutil.copytree(VALID, root)
    return {p.text() for p in check(root).problems}


@pytest.mark.parametrize("case", CASES)
def test_invalid_case(project: Path, case: str, valid_warnings: set[str]) -> None:
    """Exactly the expected lines: every error, and every warning the valid fixture does not give. A case of
    warnings only (a rule that warns) still builds; {bundled} stands for the bundled theme's folder."""
    expected = (INVALID / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, f"{case} has no expected lines"
    checked = check(overlay(project, case))
    shown = [p.text() for p in checked.problems if p.severity == ERROR or p.text() not in valid_warnings]
    assert shown == [line.replace("{bundled}", TOOL_THEME.as_posix()) for line in expected]
    if any(": error: " in line for line in expected):
        assert checked.project is None
    else:
        assert checked.project is not None


@pytest.mark.slow
def test_every_rule_has_a_fixture(tmp_path: Path) -> None:
    """Each place in generator/content that reports a problem is reached by an invalid fixture (or, for the
    warnings, by the valid one): a rule added without a fixture, or a fixture deleted, fails here. Slow: line
    tracing makes the checks about 4x slower."""
    hits = _traced_hits(tmp_path)
    sites = rule_sites.sites()
    assert len(sites) > 100, "the source scan found too few rule sites to be working"
    exempt = {s.name() for s in sites if any(s.name().startswith(k) for k in NO_FIXTURE)}
    assert all(any(s.startswith(k) for s in exempt) for k in NO_FIXTURE), "a NO_FIXTURE entry names no site"
    missed = [s.name() for s in sites if not rule_sites.reached(s, hits) and s.name() not in exempt]
    assert missed == []


def test_a_removed_required_file(project: Path) -> None:
    (project / "content/places.yml").unlink()
    errors = [p.text() for p in check(project).problems if p.severity == ERROR]
    assert errors == ["content/places.yml:1:1: error: required file is missing (create content/places.yml)"]


def test_a_tree_without_editions(project: Path) -> None:
    for folder in ("content/2021", "content/2022", "initiatives"):
        shutil.rmtree(project / folder)
    assert [p.text() for p in check(project).problems] == [
        "content:1:1: error: there is no edition (create content/<year>/edition.yml)"
    ]
