"""The theme's small helpers (sentence frames filled, template paths, which theme folder is used), and the check
store's key of a theme with what load_theme takes from it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.checkstore import CheckStore
from generator.content.theme import TOOL_THEME, Theme, _location, fill, load_theme, theme_key
from generator.errors import ThemeError


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


@pytest.fixture
def themed(tmp_path: Path) -> Path:
    """A root with its own copy of the bundled theme (read_theme, load_theme and theme_key need no content)."""
    root = tmp_path / "root"
    shutil.copytree(TOOL_THEME, root / "theme")
    return root


def test_a_themes_key_follows_every_files_name_and_bytes(themed: Path, tmp_path: Path) -> None:
    key = theme_key(themed)
    assert isinstance(key, str) and theme_key(themed) == key
    twin = tmp_path / "twin"
    shutil.copytree(themed, twin)
    assert theme_key(twin) == key  # the same files in another tree: the same key
    css = themed / "theme/assets/extra.css"
    css.write_bytes(css.read_bytes() + b"\n")
    changed = theme_key(themed)
    assert changed not in (key, None)
    (themed / "theme/overrides/partials").mkdir(exist_ok=True)
    (themed / "theme/overrides/partials/new.html").write_text("", encoding="utf-8")
    assert theme_key(themed) not in (key, changed, None)


def test_a_theme_with_a_link_has_no_key(themed: Path, tmp_path: Path) -> None:
    (tmp_path / "other.css").write_text("a {}", encoding="utf-8")
    (themed / "theme/assets/other.css").symlink_to(tmp_path / "other.css")
    assert theme_key(themed) is None


def theme_errors(root: Path, store: CheckStore | None = None) -> list[str]:
    """What load_theme raises for root, as file:line texts."""
    with pytest.raises(ThemeError) as raised:
        load_theme(root, store)
    return [p.text() for p in raised.value.problems]


def test_load_theme_takes_a_stores_word_that_the_themes_files_passed(themed: Path) -> None:
    template = themed / "theme/templates/page.md.j2"
    template.write_text("{{ page.title |", encoding="utf-8")
    error = "theme/templates/page.md.j2:1:1: error: template syntax error: unexpected end of template, expected 'name'."
    assert theme_errors(themed) == [error]
    assert theme_errors(themed, CheckStore(themed)) == [error]  # a store without this theme: checked
    store = CheckStore(themed)
    key = theme_key(themed)
    assert key is not None
    store.record(key)
    # Recorded as passed (as validation does), its templates are read, not parsed again.
    assert load_theme(themed, store).templates["page.md.j2"] == "{{ page.title |"
    template.write_text("{{ page.title | }}", encoding="utf-8")  # other bytes: another key, checked again
    syntax = "expected token 'name', got 'end of print statement'"
    assert theme_errors(themed, store) == [f"theme/templates/page.md.j2:1:1: error: template syntax error: {syntax}"]
