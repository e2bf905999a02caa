"""Published editions against their locks, unit by unit: differences and which paths a lock may name."""

from __future__ import annotations

from pathlib import Path

from generator.content.check import check
from generator.content.enums import DocumentKind, FileChange, Severity
from generator.content.frozen import _inside, check_frozen, check_lock, differences
from generator.content.read import load


def test_differences_are_changed_added_and_removed_in_path_order() -> None:
    locked = {"c": "1", "a": "1", "b": "1"}
    current = {"a": "2", "b": "1", "d": "1"}
    assert differences(locked, current) == [
        ("a", FileChange.CHANGED),
        ("c", FileChange.REMOVED),
        ("d", FileChange.ADDED),
    ]
    assert differences(locked, dict(locked)) == []


def test_a_lock_names_only_files_inside_its_edition() -> None:
    assert _inside("content/2022/edition.yml", 2022)
    assert _inside("initiatives/2022/01-a/x.md", 2022)
    assert not _inside("content/2022", 2022)
    assert not _inside("content/2021/edition.yml", 2022)
    assert not _inside("pages/2022/x.md", 2022)
    assert not _inside("content/2022/../2021/edition.yml", 2022)


def test_check_lock_compares_the_files_unless_told_not_to(project: Path) -> None:
    foreword = project / "content/2021/foreword.md"
    foreword.write_text(foreword.read_text(encoding="utf-8") + "\nA late change.\n", encoding="utf-8")
    sources = load(project)
    lock = next(d for d in sources.documents if d.kind == DocumentKind.LOCK)
    changed = "this file of the published 2021 edition has changed since it was published"
    assert [(p.path, p.message) for p in check_lock(lock, sources, {})] == [("content/2021/foreword.md", changed)]
    assert list(check_lock(lock, sources, {}, differ=False)) == []


def test_check_frozen_compares_the_files_unless_told_not_to(project: Path) -> None:
    (project / "content/2021/foreword.md").write_text("---\ntitle: Foreword\n---\nRewritten.\n", encoding="utf-8")
    sources = load(project)
    changed = [p.path for p in check_frozen(sources.documents, sources)]
    assert changed == ["content/2021/foreword.md"]
    assert list(check_frozen(sources.documents, sources, differences=False)) == []


def test_a_lock_that_cannot_be_read_is_not_also_a_missing_lock(project: Path) -> None:
    (project / "content/2021/lock.yml").write_text("edition: [2021\n", encoding="utf-8")
    problems = check(project).problems
    errors = [(p.path, p.message.split(":")[0]) for p in problems if p.severity == Severity.ERROR]
    assert errors == [("content/2021/lock.yml", "YAML syntax error")]  # and no "edition 2021 ... has no lock"


def test_a_changed_site_wide_file_does_not_hide_the_changes_after_it(project: Path) -> None:
    goals = project / "content/goals.yml"
    goals.write_text(goals.read_text(encoding="utf-8").replace("the best start", "a good start"), encoding="utf-8")
    page = project / "initiatives/2021/01-early-years/reading-start.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    errors = [p.path for p in check(project).problems if p.severity == Severity.ERROR]
    assert errors == ["content/goals.yml", "initiatives/2021/01-early-years/reading-start.md"]


def test_an_older_lock_with_a_site_wide_file_missing_names_the_one_there(project: Path) -> None:
    lock = project / "content/2021/lock.yml"
    shared = ("site_wide:", "- content/", "  content/goals.yml", "  content/places.yml", "  content/site.yml")
    shared += ("  content/pages/",)
    lines = lock.read_text(encoding="utf-8").splitlines(True)
    lock.write_text("".join(line for line in lines if not line.startswith(shared)), encoding="utf-8")
    (project / "content/places.yml").unlink()
    warnings = [p.message for p in check(project).problems if p.path == "content/2021/lock.yml"]
    assert warnings == [
        "content/2021/lock.yml does not cover content/goals.yml, content/site.yml or content/pages/, whose words the "
        "published 2021 edition shows"
    ]


def test_a_lock_missing_one_site_wide_name_names_it_alone(project: Path) -> None:
    lock = project / "content/2021/lock.yml"
    lines = lock.read_text(encoding="utf-8").splitlines(True)
    lock.write_text("".join(line for line in lines if not line.startswith("- content/pages/")), encoding="utf-8")
    warnings = [p.message for p in check(project).problems if p.path == "content/2021/lock.yml"]
    assert warnings == [
        "content/2021/lock.yml does not cover content/pages/, whose words the published 2021 edition shows"
    ]
