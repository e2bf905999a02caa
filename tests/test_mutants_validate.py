"""Tests that kill mutmut's surviving mutants of validate: a broken edition.yml is not also "no edition"."""

from __future__ import annotations

from pathlib import Path

from generator.content.check import check


def test_broken_edition_files_are_not_also_reported_as_no_edition(project: Path) -> None:
    for edition in sorted((project / "content").glob("*/edition.yml")):
        edition.write_text("year: [2021\n", encoding="utf-8")
    messages = [p.text() for p in check(project).problems]
    assert any("edition.yml" in m for m in messages)
    assert not any("there is no edition" in m for m in messages)
