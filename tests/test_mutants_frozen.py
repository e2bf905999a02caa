"""Published editions against their locks, unit by unit: differences and which paths a lock may name."""

from __future__ import annotations

from generator.content.enums import FileChange
from generator.content.frozen import _inside, differences


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
