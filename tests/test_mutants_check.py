"""check(): read, validate, model, with strict, frozen and the error that carries the problems."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.checkstore import CheckStore
from generator.content import check as check_module
from generator.content.check import check, load_checked, read_project
from generator.content.memo import Memo
from generator.content.problems import ERROR, WARNING
from generator.content.read import load
from generator.content.theme import TOOL_THEME, theme_key
from generator.errors import ContentError


def test_a_valid_tree_gives_its_model_and_warnings(project: Path) -> None:
    checked = check(project)
    assert checked.project is not None
    model, warnings = read_project(project)
    assert model == checked.project and warnings == checked.problems
    assert all(p.severity == WARNING for p in warnings)


def test_strict_makes_every_warning_an_error(project: Path) -> None:
    warnings = check(project).problems
    assert warnings, "the valid fixture has warnings to promote"
    strict = check(project, strict=True)
    assert strict.project is None
    assert [p.severity for p in strict.problems] == [ERROR] * len(warnings)
    assert [(p.path, p.line, p.col, p.message, p.hint) for p in strict.problems] == [
        (p.path, p.line, p.col, p.message, p.hint) for p in warnings
    ]
    with pytest.raises(ContentError) as raised:
        read_project(project, strict=True)
    assert raised.value.problems == strict.problems


def test_errors_give_no_model_and_are_sorted(project: Path) -> None:
    page = project / "initiatives/2022/03-good-jobs/job-fairs.md"
    page.write_text(page.read_text(encoding="utf-8").replace("status: ", "status: x"), encoding="utf-8")
    (project / "content/goals.yml").write_text("goals: [\n", encoding="utf-8")
    sources, problems, model = load_checked(project)
    assert model is None and sources.files > 0
    assert problems == sorted(problems) and len({p.path for p in problems}) >= 2


def test_frozen_false_leaves_out_the_differences_from_a_lock(project: Path) -> None:
    foreword = project / "content/2021/foreword.md"
    foreword.write_text(foreword.read_text(encoding="utf-8") + "More.\n", encoding="utf-8")
    assert any("has changed since it was published" in p.message for p in load_checked(project)[1])
    assert not any("has changed since it was published" in p.message for p in load_checked(project, frozen=False)[1])


def test_read_project_checks_with_its_store_and_saves_it(project: Path) -> None:
    assert not CheckStore(project).known()
    read_project(project, store=CheckStore(project))
    store = CheckStore(project)
    assert load(project, store=store).documents == load(project).documents
    assert len(store.kept) == len(load(project).documents)  # every file passed and was stored


def test_a_theme_that_passed_is_stored_and_not_read_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check(project, store=CheckStore(project))
    assert theme_key(project) in CheckStore(project).known()
    read: list[Path] = []
    real = check_module.read_theme
    monkeypatch.setattr(check_module, "read_theme", lambda root: read.append(root) or real(root))
    assert check(project, store=CheckStore(project)).problems == check(project).problems
    assert read == [project]  # only by the check without a store


def test_a_theme_with_problems_is_not_stored_as_passed(project: Path) -> None:
    shutil.copytree(TOOL_THEME, project / "theme")
    (project / "theme/templates/page.md.j2").write_text("{{ page.title |", encoding="utf-8")
    first = check(project, store=CheckStore(project)).problems
    assert "theme/templates/page.md.j2" in [p.path for p in first]
    assert check(project, store=CheckStore(project)).problems == first


def test_with_a_memo_the_theme_is_read_through_it(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = check(project).problems
    memo = Memo()
    theme = memo.read_theme(project)
    monkeypatch.setattr(check_module, "read_theme", lambda root: pytest.fail("read again"))
    assert load_checked(project, memo=memo)[1] == expected
    assert memo.theme is theme  # read once, kept until its owner forgets it


def test_with_a_memo_the_documents_checked_once_are_not_checked_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.content import validate as validate_module

    checked: list[str] = []
    real = validate_module.check
    monkeypatch.setattr(validate_module, "check", lambda doc, v: checked.append(doc.path) or real(doc, v))
    memo = Memo()
    first = load_checked(project, memo=memo)[1]
    assert len(checked) == len(load(project).documents)
    checked.clear()
    assert load_checked(project, memo=memo)[1] == first and checked == []
