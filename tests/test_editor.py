"""The VS Code files: the schema mapping names real schemas and files, and the tasks' problem matcher reads
validate's real output (every error at its file, line and column; the summary line ends a background run)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, overlay

from generator.cli import main

VSCODE = REPO / ".vscode"


def tasks() -> list[dict[str, object]]:
    data = json.loads((VSCODE / "tasks.json").read_text(encoding="utf-8"))
    return list(data["tasks"])


def test_every_schema_mapping_names_a_schema_and_matches_bundled_files() -> None:
    mapping = json.loads((VSCODE / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    for schema, globs in mapping.items():
        assert (REPO / schema).is_file(), schema
        for pattern in globs:
            assert list(REPO.glob(pattern)), f"{pattern} matches no file"
    mapped = {g for globs in mapping.values() for g in globs}
    assert {"content/goals.yml", "content/places.yml", "content/site.yml", "content/*/edition.yml"} <= mapped


def test_problem_matcher_reads_every_line_validate_prints(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = overlay(shutil.copytree(FIXTURES / "valid", tmp_path / "project"), "unknown-unit")
    overlay(root, "bad-status")
    assert main(["validate", "--root", str(root)]) == 1
    out = capsys.readouterr().out.splitlines()
    problems, summary = out[:-1], out[-1]
    assert problems and all(": error: " in p or ": warning: " in p for p in problems)
    for task in tasks():
        matcher = task["problemMatcher"]
        assert isinstance(matcher, dict)
        pattern = matcher["pattern"]
        assert matcher["fileLocation"] == ["relative", "${workspaceFolder}"]
        for line in problems:
            found = re.match(pattern["regexp"], line)
            assert found, line
            path, row, col = found[pattern["file"]], found[pattern["line"]], found[pattern["column"]]
            assert not Path(path).is_absolute() and f"{path}:{row}:{col}: " in line
            assert found[pattern["severity"]] in ("error", "warning")
            # A warning may name the file that is missing (a goal without narrative); an error names a real one.
            assert found[pattern["severity"]] == "warning" or (root / path).is_file(), line
        if task.get("isBackground"):
            assert re.match(matcher["background"]["endsPattern"], summary), summary
            assert re.match(matcher["background"]["beginsPattern"], "[05:01:02] 1 change detected")
            assert not re.match(matcher["background"]["endsPattern"], problems[0])


def test_the_default_task_runs_validate_in_its_default_format() -> None:
    default = next(t for t in tasks() if t.get("group") == {"kind": "build", "isDefault": True})
    assert default["command"] == "levelup validate"
