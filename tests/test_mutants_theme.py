"""The theme's small helpers: sentence frames filled, template paths, which theme folder is used."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.theme import TOOL_THEME, Theme, _location, fill


def test_a_frame_is_filled_by_name_and_braces_inside_values_stay() -> None:
    assert fill("{count} of {total} done", count=3, total=10) == "3 of 10 done"
    assert fill("{a}{a}", a="{b}") == "{b}{b}"
    assert fill("no names") == "no names"
    with pytest.raises(KeyError):
        fill("{missing}")


def test_template_paths_name_the_themes_folder() -> None:
    assert Theme({}, {}, {}, {}).template_path("page.md.j2") == "theme/templates/page.md.j2"
    assert Theme({}, {}, {}, {}, folder="/x/theme").template_path("a") == "/x/theme/templates/a"


def test_a_trees_own_theme_folder_is_used_else_the_bundled_one(tmp_path: Path) -> None:
    assert _location(tmp_path) == (TOOL_THEME, TOOL_THEME.as_posix())
    (tmp_path / "theme").write_text("not a folder", encoding="utf-8")
    assert _location(tmp_path) == (TOOL_THEME, TOOL_THEME.as_posix())
    (tmp_path / "theme").unlink()
    (tmp_path / "theme").mkdir()
    assert _location(tmp_path) == (tmp_path / "theme", "theme")
