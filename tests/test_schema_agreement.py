"""Editors and CI agree: check-jsonschema, given only a schema file, rejects exactly the documents whose
schema-level errors validate reports (every invalid fixture, plus the valid fixture and the bundled content)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import FIXTURES, INVALID, REPO, overlay

from generator.content.check import check
from generator.content.problems import ERROR
from generator.content.read import SCHEMA_DIR, Document, load, read_schemas, split_front_matter
from generator.content.schema_check import SCHEMA_OF_KIND, validators
from generator.content.schema_check import check as schema_check

CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())
CHECK_JSONSCHEMA = [sys.executable, "-m", "check_jsonschema"]


def instance_file(root: Path, doc: Document, out: Path) -> Path:
    """The file an editor's YAML extension sees: a .yml file itself, or a .md file's front matter alone."""
    source = root / doc.path
    if source.suffix != ".md":
        return source
    text = source.read_text(encoding="utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    front, _, _, problems = split_front_matter(text, doc.path)
    assert front is not None and not problems
    target = out / (doc.path.replace("/", "__") + ".yml")
    target.write_text(front, encoding="utf-8")
    return target


def rejected_by_check_jsonschema(files_by_schema: dict[str, list[Path]]) -> set[Path]:
    """The files check-jsonschema rejects, each against its schema file alone."""
    rejected: set[Path] = set()
    # One run per schema, all started at once: each spends most of its two seconds importing, one CPU each.
    runs = [
        subprocess.Popen(
            [*CHECK_JSONSCHEMA, "-o", "json", "--schemafile", str(SCHEMA_DIR / schema), *map(str, files)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for schema, files in files_by_schema.items()
    ]
    for run in runs:
        stdout, _ = run.communicate(timeout=300)
        report = json.loads(stdout)
        assert not report.get("parse_errors"), report["parse_errors"]
        rejected |= {Path(e["filename"]) for e in report["errors"]}
        assert (run.returncode != 0) == bool(report["errors"])
    return rejected


def agreement(roots: dict[str, Path], out: Path) -> tuple[set[Path], set[Path], int]:
    """(files validate's schema layer rejects, files check-jsonschema rejects, schema errors validate reports)."""
    by_schema: dict[str, list[Path]] = defaultdict(list)
    ours: set[Path] = set()
    reported = 0
    checkers = validators(read_schemas())
    for name, root in roots.items():
        errors = {p.text() for p in check(root).problems if p.severity == ERROR}
        folder = out / name
        folder.mkdir()
        for doc in load(root).documents:
            problems = [p for p in schema_check(doc, checkers[doc.kind]) if p.severity == ERROR]
            # A schema-level error validate reports: the reason this test exists.
            reported += sum(p.text() in errors for p in problems)
            instance = instance_file(root, doc, folder)
            by_schema[SCHEMA_OF_KIND[doc.kind]].append(instance)
            if problems:
                ours.add(instance)
    return ours, rejected_by_check_jsonschema(by_schema), reported


def test_check_jsonschema_rejects_exactly_what_validates_schema_layer_rejects(tmp_path: Path) -> None:
    roots = {"valid": FIXTURES / "valid", "bundled": REPO}
    for case in CASES:
        roots[case] = overlay(shutil.copytree(FIXTURES / "valid", tmp_path / "projects" / case), case)
    out = tmp_path / "instances"
    out.mkdir()
    ours, theirs, reported = agreement(roots, out)
    assert reported >= 10, "the invalid fixtures should give many schema-level errors"
    assert sorted(map(str, ours - theirs)) == [], "validate's schema layer rejects these, check-jsonschema does not"
    assert sorted(map(str, theirs - ours)) == [], "check-jsonschema rejects these, validate's schema layer does not"


@pytest.mark.parametrize("kind", ["initiative", "edition"])
def test_a_schema_error_is_seen_by_check_jsonschema_alone(tmp_path: Path, kind: str) -> None:
    # The agreement is not vacuous: one file with one schema error, and check-jsonschema names its field.
    text = "status: maybe\n" if kind == "initiative" else "year: 2022\ntitle: T\nstatus: maybe\nsource: S\nsummary: S\n"
    instance = tmp_path / f"{kind}.yml"
    instance.write_text(text, encoding="utf-8")
    command = [*CHECK_JSONSCHEMA, "--schemafile", str(SCHEMA_DIR / f"{kind}.schema.json"), str(instance)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "$.status: 'maybe' is not one of" in result.stdout
