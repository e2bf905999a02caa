"""Fingerprints unit by unit: normalised text, which files belong to an edition, unreadable and missing files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import unreadable

from generator.content.fingerprint import (
    UNREADABLE,
    current_state,
    edition_files,
    edition_paths,
    file_sha256,
    fingerprints,
    is_site_wide,
    normalised,
    sha256,
)
from generator.editions.lock import file_versions


def test_text_is_normalised_and_other_bytes_are_kept() -> None:
    assert normalised(b"\xef\xbb\xbfa\r\nb\rc\n") == b"a\nb\nc\n"
    assert normalised("é\r\n".encode()) == "é\n".encode()
    assert normalised(b"\xff\xfe\r\n") == b"\xff\xfe\r\n"  # not UTF-8: hashed as it is
    assert sha256(b"a\r\n") == hashlib.sha256(b"a\n").hexdigest()


def _tree(root: Path) -> None:
    for rel in (
        "content/2022/edition.yml",
        "content/2022/lock.yml",
        "content/2022/corrections.yml",
        "content/2022/pages/lock.yml",  # only the edition folder's own lock is left out
        "content/2022/.DS_Store",
        "content/2022/.hidden/x.md",
        "content/2021/edition.yml",
        "initiatives/2022/01-a/x.md",
        "initiatives/2022/01-a/corrections.yml",
    ):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(rel, encoding="utf-8")


def test_an_editions_files_are_its_two_folders_less_hidden_files_lock_and_log(tmp_path: Path) -> None:
    _tree(tmp_path)
    assert edition_paths(tmp_path, 2022) == [
        "content/2022/edition.yml",
        "content/2022/pages/lock.yml",
        "initiatives/2022/01-a/corrections.yml",
        "initiatives/2022/01-a/x.md",
    ]
    assert edition_paths(tmp_path, 2023) == []
    (tmp_path / "initiatives/2021").mkdir(parents=True)
    assert edition_paths(tmp_path, 2021) == ["content/2021/edition.yml"]
    assert edition_files(tmp_path, 2021) == {"content/2021/edition.yml": b"content/2021/edition.yml"}


def test_fingerprints_and_the_corrections_log(tmp_path: Path) -> None:
    _tree(tmp_path)
    prints = fingerprints(tmp_path, 2022)
    assert prints["content/2022/edition.yml"] == sha256(b"content/2022/edition.yml")
    state = current_state(tmp_path, 2022)
    assert state == {**prints, "content/2022/corrections.yml": sha256(b"content/2022/corrections.yml")}
    (tmp_path / "content/2022/corrections.yml").unlink()
    assert current_state(tmp_path, 2022) == prints


def test_a_file_that_cannot_be_read_is_unreadable_and_a_missing_one_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path)
    assert file_sha256(tmp_path / "missing") is None
    assert file_sha256(tmp_path / "content/2021/edition.yml") == sha256(b"content/2021/edition.yml")
    unreadable(monkeypatch, "x.md")
    assert fingerprints(tmp_path, 2022)["initiatives/2022/01-a/x.md"] == UNREADABLE
    assert file_sha256(tmp_path / "initiatives/2022/01-a/x.md") == UNREADABLE


def test_an_edition_without_a_content_folder_still_has_its_initiatives(tmp_path: Path) -> None:
    (tmp_path / "initiatives/2023/01-a").mkdir(parents=True)
    (tmp_path / "initiatives/2023/01-a/x.md").write_text("x", encoding="utf-8")
    assert edition_paths(tmp_path, 2023) == ["initiatives/2023/01-a/x.md"]


@pytest.mark.parametrize(
    ("path", "locked"),
    [
        ("theme/labels.yml", True),
        ("theme/templates/initiative.md.j2", True),
        ("theme/overrides/partials/footer.html", True),
        ("theme/assets/extra.css", True),
        ("theme/Labels.yml", True),  # a disk that ignores letter case (macOS, Windows) reads it as labels.yml
        ("theme/Templates/initiative.md.j2", True),
        ("theme/labels.yml/x", False),
        ("theme/README.md", False),  # beside labels.yml: the theme's reader never reads it
        ("theme/templates", False),  # a folder's name alone
        ("theme/templates/.draft.md.j2", False),  # hidden, as the reader skips it
        ("theme/.t/initiative.md.j2", False),
        ("theme/templates/../labels.yml", False),
        ("theme/templates//x.md.j2", False),
        ("theme/templates/caf\udce9.md.j2", False),  # a name that is not UTF-8 could not be written into a lock
    ],
)
def test_a_theme_file_is_site_wide_when_the_theme_reader_reads_it(path: str, locked: bool) -> None:
    assert is_site_wide(path) is locked


def test_a_picture_that_did_not_change_has_no_field() -> None:
    assert file_versions(b"same", b"same") == []
    assert file_versions(None, b"new")[0].new == f"3 bytes, sha256 {sha256(b'new')[:12]}..."
