"""The writer's folders: made where a file goes into one that is not there, never asked for where it is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import write
from generator.errors import OutputError


def _count_mkdir(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    made: list[Path] = []
    real = Path.mkdir

    def mkdir(self: Path, *args: object, **kwargs: object) -> None:
        made.append(self)
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "mkdir", mkdir)
    return made


def test_files_go_into_new_folders_made_for_them(tmp_path: Path) -> None:
    write.write_each(tmp_path / "site", [("a/b/index.html", "<p>1</p>"), ("a/b/c/x.svg", b"<svg/>"), ("top", "t")])
    assert (tmp_path / "site/a/b/index.html").read_text() == "<p>1</p>"
    assert (tmp_path / "site/a/b/c/x.svg").read_bytes() == b"<svg/>"
    assert (tmp_path / "site/top").read_text() == "t"


def test_files_written_over_their_old_selves_make_no_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = [(f"goals/{n}/index.html", f"<p>{n}</p>") for n in range(5)]
    write.write_each(tmp_path, pages)
    made = _count_mkdir(monkeypatch)
    write.write_each(tmp_path, [(rel, text + "\n") for rel, text in pages])
    assert made == []
    assert (tmp_path / "goals/4/index.html").read_text() == "<p>4</p>\n"


def test_linked_or_copied_files_get_their_folders(tmp_path: Path) -> None:
    source = tmp_path / "page.html"
    source.write_text("page")
    write.place_files(tmp_path / "entry", {"2022/goals/1/index.html": source, "2022/index.html": source})
    linked = tmp_path / "entry/2022/goals/1/index.html"
    assert linked.read_text() == "page" and linked.stat().st_ino == source.stat().st_ino


def test_a_file_in_the_way_of_a_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "goals").write_text("not a folder")
    with pytest.raises(OutputError, match=r"cannot write .*goals: it is a file, not a folder"):
        write.write_each(tmp_path, [("goals/1/index.html", "x")])


def test_a_file_in_the_way_of_a_linked_files_folder_is_named_not_its_source(tmp_path: Path) -> None:
    source = tmp_path / "source.html"
    source.write_text("page")
    (tmp_path / "entry").mkdir()
    (tmp_path / "entry/goals").write_text("not a folder")
    with pytest.raises(OutputError) as raised:
        write.place_files(tmp_path / "entry", {"goals/1/index.html": source})
    assert str(raised.value) == f"cannot write {tmp_path / 'entry/goals'}: it is a file, not a folder"


def test_a_signal_that_cannot_be_written_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device", dst)

    monkeypatch.setattr(write.os, "replace", full)
    with pytest.raises(OutputError, match="No space left on device"):
        write.signal(tmp_path / "signal" / "rebuild", "1")
    assert list((tmp_path / "signal").iterdir()) == []


def test_a_preview_folder_that_cannot_be_made_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / ".build").write_text("in the way", encoding="utf-8")
    with pytest.raises(OutputError) as raised:
        write.scratch(tmp_path, "serve-")
    assert str(raised.value) == f"cannot write {tmp_path / '.build'}: it is a file, not a folder"


def test_only_the_folders_of_previews_that_have_ended_are_cleared(tmp_path: Path) -> None:
    """A preview killed with -9 cannot remove its folder; the next preview or build does, and never a live one's."""
    ended = write.scratch(tmp_path, write.PREVIEW_PREFIX)
    os.close(write.in_use(ended))  # as a killed process's descriptors are closed
    live = write.scratch(tmp_path, write.PREVIEW_PREFIX)
    holding = write.in_use(live)
    being_made = write.scratch(tmp_path, write.PREVIEW_PREFIX)  # no lock file yet: its preview is starting
    build = tmp_path / ".build" / f"{write.STAGE_PREFIX}x"
    build.mkdir()
    try:
        write.clear_stale_previews(tmp_path)
        assert not ended.exists()
        assert live.is_dir() and being_made.is_dir() and build.is_dir()
    finally:
        os.close(holding)
    write.clear_stale_previews(tmp_path)
    assert not live.exists()
