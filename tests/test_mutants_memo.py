"""The memo without a server (tests/test_serve.py is slow): what it remembers, replays, forgets and never keeps."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import unreadable

from generator.content import memo as memo_module
from generator.content.check import load_checked
from generator.content.memo import Memo, _current_text
from generator.content.theme import Theme

INITIATIVE = "initiatives/2022/01-early-years/reading-start.md"
GOALS = "content/goals.yml"


def _same_as_cold(root: Path, memo: Memo) -> None:
    sources, problems, project = load_checked(root, memo=memo)
    cold_sources, cold_problems, cold_project = load_checked(root)
    assert problems == cold_problems
    assert project == cold_project
    assert sources.files == cold_sources.files
    assert sources.documents == cold_sources.documents
    assert sources.problems == cold_sources.problems


def test_a_replayed_check_equals_a_cold_one_document_for_document(project: Path) -> None:
    memo = Memo()
    _same_as_cold(project, memo)
    _same_as_cold(project, memo)  # everything replayed
    page = project / INITIATIVE
    page.write_text(page.read_text(encoding="utf-8").replace("status: active", "status: actve"), encoding="utf-8")
    _same_as_cold(project, memo)
    _same_as_cold(project, memo)  # a file with a problem, replayed


def test_an_unchanged_file_gives_the_same_document_objects_yaml_and_markdown(project: Path) -> None:
    memo = Memo()
    first, _, _ = load_checked(project, memo=memo)
    second, _, _ = load_checked(project, memo=memo)
    assert len(second.documents) == len(first.documents)
    assert all(a is b for a, b in zip(first.documents, second.documents, strict=True))
    kinds = {key[0] for key in memo.reads}
    assert kinds == {"yaml", "markdown"}
    # Keys name the file, kind, edition (and folder) and end with the text that was parsed.
    key = next(k for k in memo.reads if k[1] == INITIATIVE)
    assert key[0] == "markdown" and key[3] == 2022 and key[4] == "01-early-years"
    assert key[-1] == (project / INITIATIVE).read_text(encoding="utf-8")
    goals = next(k for k in memo.reads if k[1] == GOALS)
    assert goals[0] == "yaml" and goals[3] is None and goals[-1] == (project / GOALS).read_text(encoding="utf-8")
    read = memo.reads[key]
    assert read.files == 1 and len(read.documents) == 1 and read.problems == ()


def test_a_replayed_file_keeps_its_problems(project: Path) -> None:
    memo = Memo()
    page = project / INITIATIVE
    page.write_text(page.read_text(encoding="utf-8") + "\n\x01\n", encoding="utf-8")
    first, _, _ = load_checked(project, memo=memo)
    second, _, _ = load_checked(project, memo=memo)
    mine = [p for p in first.problems if p.path == INITIATIVE]
    assert mine and [p for p in second.problems if p.path == INITIATIVE] == mine
    assert second.files == first.files


def test_each_check_keeps_only_what_it_used(project: Path) -> None:
    memo = Memo()
    load_checked(project, memo=memo)
    count = len(memo.reads)
    assert count > 0 and memo._next_reads == {} and memo._next_checks == {}
    (project / "initiatives/2022/03-good-jobs/job-fairs.md").unlink()
    load_checked(project, memo=memo)
    assert len(memo.reads) == count - 1
    assert not any("job-fairs" in str(key) for key in memo.reads)
    assert len(memo.checks) == len(load_checked(project)[0].documents)


def test_checked_works_once_per_document_object() -> None:
    memo = Memo()
    calls: list[int] = []

    def work() -> tuple[list[object], list[object]]:
        calls.append(1)
        return [], []

    doc, other = object(), object()
    first = memo.checked(doc, work)  # type: ignore[arg-type]
    assert calls == [1]
    memo.rotate()  # the end of a check: what it used is remembered for the next
    assert memo.checked(doc, work) is first  # type: ignore[arg-type]
    assert calls == [1]
    memo.checked(other, work)  # type: ignore[arg-type]
    assert calls == [1, 1]
    memo.rotate()
    assert memo.checked(doc, work) is first  # type: ignore[arg-type]
    assert calls == [1, 1]
    memo.rotate()
    memo.rotate()  # a check that used nothing forgets everything
    memo.checked(doc, work)  # type: ignore[arg-type]
    assert calls == [1, 1, 1]


def test_the_theme_is_read_once_until_forgotten(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[Path] = []

    def read_theme(root: Path) -> tuple[Theme, list[object]]:
        reads.append(root)
        return object(), []  # type: ignore[return-value]

    monkeypatch.setattr(memo_module, "read_theme", read_theme)
    memo = Memo()
    first = memo.read_theme(project)
    assert memo.read_theme(project) is first
    assert reads == [project]
    memo.forget_theme()
    assert memo.theme is None
    memo.read_theme(project)
    assert reads == [project, project]


def test_current_text_is_the_decoded_text_or_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbfone\r\ntwo")
    assert _current_text(tmp_path, path) == "one\ntwo"
    path.write_bytes(b"\xff")
    assert _current_text(tmp_path, path) is None  # not UTF-8
    assert _current_text(tmp_path, tmp_path / "missing.md") is None
    assert _current_text(tmp_path, tmp_path) is None  # a folder
    path.write_bytes(b"12345")
    monkeypatch.setattr(memo_module, "REMEMBER_LIMIT", 5)
    assert _current_text(tmp_path, path) == "12345"
    monkeypatch.setattr(memo_module, "REMEMBER_LIMIT", 4)
    assert _current_text(tmp_path, path) is None


def test_current_text_of_a_link_out_is_none(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("text", encoding="utf-8")
    root = tmp_path / "root"
    root.mkdir()
    (root / "link.md").symlink_to(outside)
    assert _current_text(root, root / "link.md") is None


def test_a_file_that_cannot_be_read_is_not_remembered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.md"
    path.write_text("text", encoding="utf-8")

    unreadable(monkeypatch, "a.md")
    assert _current_text(tmp_path, path) is None


def test_a_big_file_is_read_but_not_remembered(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memo_module, "REMEMBER_LIMIT", 10)
    memo = Memo()
    first, _, _ = load_checked(project, memo=memo)
    second, _, _ = load_checked(project, memo=memo)
    assert not any(a is b for a, b in zip(first.documents, second.documents, strict=True))
    _same_as_cold(project, memo)


def test_a_missing_file_is_not_remembered_for_when_it_comes_back_empty(project: Path) -> None:
    memo = Memo()
    (project / GOALS).unlink()
    _same_as_cold(project, memo)
    assert not any(key[1] == GOALS for key in memo.reads)
    (project / GOALS).write_text("", encoding="utf-8")
    _same_as_cold(project, memo)  # the empty file is read, not replayed as still missing
