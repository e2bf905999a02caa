"""Tests that kill mutmut's surviving mutants of validate: a broken edition.yml is not also "no edition"."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.checkstore import DOCUMENTS, CheckStore
from generator.content import validate as validate_module
from generator.content.check import check
from generator.content.problems import ERROR
from generator.content.read import load, read_schemas
from generator.content.validate import validate
from generator.seal import FOLDER


def test_broken_edition_files_are_not_also_reported_as_no_edition(project: Path) -> None:
    for edition in sorted((project / "content").glob("*/edition.yml")):
        edition.write_text("year: [2021\n", encoding="utf-8")
    messages = [p.text() for p in check(project).problems]
    assert any("edition.yml" in m for m in messages)
    assert not any("there is no edition" in m for m in messages)


def test_a_store_cannot_skip_documents_read_without_one(project: Path) -> None:
    # Read without a store, a text has no digest and so no key: validate checks it every time.
    store = CheckStore(project)
    assert [p for p in validate(load(project), read_schemas(), store=store) if p.severity == ERROR] == []
    rel = "initiatives/2022/03-good-jobs/job-fairs.md"
    page = project / rel
    page.write_text(page.read_text(encoding="utf-8").replace("status: ", "status: x"), encoding="utf-8")
    errors = [p for p in validate(load(project), read_schemas(), store=store) if p.severity == ERROR]
    assert [p.path for p in errors] == [rel]


def test_by_default_a_published_edition_is_checked_against_its_lock(project: Path) -> None:
    foreword = project / "content/2021/foreword.md"
    foreword.write_text(foreword.read_text(encoding="utf-8") + "More.\n", encoding="utf-8")
    messages = [p.message for p in validate(load(project), read_schemas())]
    assert "this file of the published 2021 edition has changed since it was published" in messages


def test_only_files_changed_since_they_passed_are_checked_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check(project, store=CheckStore(project))
    checked: list[str] = []
    real = validate_module.check
    monkeypatch.setattr(validate_module, "check", lambda doc, v: checked.append(doc.path) or real(doc, v))
    store = CheckStore(project)
    assert [p for p in validate(load(project, store=store), read_schemas(), store=store) if p.severity == ERROR] == []
    assert checked == []
    about = project / "content/pages/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    store = CheckStore(project)
    validate(load(project, store=store), read_schemas(), store=store)
    assert checked == ["content/pages/about.md"]


def test_a_file_that_passed_before_is_kept_with_its_document_for_the_next_check(project: Path) -> None:
    check(project, store=CheckStore(project))
    (project / FOLDER / DOCUMENTS).unlink()  # the store knows the files passed, but not what reading gave
    check(project, store=CheckStore(project))  # read again, passed as stored: kept with what reading gave
    store = CheckStore(project)
    assert load(project, store=store).documents == load(project).documents
    assert len(store.kept) == len(load(project).documents)  # every one of them came from the store


def test_a_file_with_problems_is_not_stored_as_passed(project: Path) -> None:
    rel = "initiatives/2022/03-good-jobs/job-fairs.md"
    page = project / rel
    page.write_text(page.read_text(encoding="utf-8").replace("status: ", "status: x"), encoding="utf-8")
    first = check(project, store=CheckStore(project)).problems
    assert rel in [p.path for p in first if p.severity == ERROR]
    assert check(project, store=CheckStore(project)).problems == first
