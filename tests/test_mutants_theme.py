"""The theme's small helpers (sentence frames filled, template paths, which theme folder is used), and the check
store's key of a theme with what load_theme takes from it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import unreadable

from generator.checkstore import CheckStore
from generator.content.theme import TOOL_THEME, Theme, _location, fill, load_theme, read_theme, theme_key
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


def test_a_file_name_with_a_line_feed_cannot_give_another_theme_s_key(tmp_path: Path) -> None:
    """Files 'x' and 'y', against one file named 'x <sha256 of x>' + line feed + 'y' holding y's bytes: with the
    parts joined by lines the two keys were equal, so a theme could borrow one that passed its checks."""
    import hashlib

    plain, crafted = tmp_path / "plain", tmp_path / "crafted"
    for root in (plain, crafted):
        (root / "theme").mkdir(parents=True)
    (plain / "theme/x").write_bytes(b"x")
    (plain / "theme/y").write_bytes(b"y")
    (crafted / "theme" / f"x {hashlib.sha256(b'x').hexdigest()}\ny").write_bytes(b"y")
    assert None not in (theme_key(plain), theme_key(crafted))
    assert theme_key(plain) != theme_key(crafted)


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


def problems(root: Path) -> list[str]:
    """What read_theme finds in root's theme, as file:line texts."""
    return [p.text() for p in read_theme(root)[1]]


def test_every_template_is_read_past_one_that_is_not_a_template_or_not_utf8(themed: Path) -> None:
    templates = themed / "theme/templates"
    (templates / "_bad.md.j2").write_bytes(b"caf\xe9")  # sorts first
    (templates / "a-notes.txt").write_text("{{ not a template", encoding="utf-8")  # before accessibility.md.j2
    (templates / "page.md.j2").write_text("# {{ page.title }}\n{{ x | }}\n", encoding="utf-8")
    theme, found = read_theme(themed)
    assert [p.text() for p in found] == [
        "theme/templates/_bad.md.j2:1:4: error: file is not valid UTF-8 (byte 0xe9) (save the file as UTF-8)",
        "theme/templates/page.md.j2:2:1: error: template syntax error: expected token 'name', got 'end of print "
        "statement'",
    ]
    assert sorted(theme.templates) == sorted(p.name for p in templates.glob("*.j2") if p.name != "_bad.md.j2")
    assert theme.templates["page.md.j2"] == "# {{ page.title }}\n{{ x | }}\n"
    assert theme.templates["print.md.j2"] == (TOOL_THEME / "templates/print.md.j2").read_text(encoding="utf-8")


def test_a_template_named_by_a_variable_or_a_number_is_not_looked_up(themed: Path) -> None:
    page = themed / "theme/templates/page.md.j2"
    page.write_text(page.read_text(encoding="utf-8") + "{% include part %}\n{% include 3 %}\n", encoding="utf-8")
    assert problems(themed) == []


def position(path: Path, text: str) -> tuple[int, int]:
    """The line and column of the first place text is in path."""
    before = path.read_text(encoding="utf-8").split(text)[0]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


@pytest.mark.parametrize(
    ("old", "new", "value", "message"),
    [
        # A closing brace alone is stray.
        ("moved to {link}.", "moved to {link}}.", '"This page has moved', "redirect.moved: a brace that is not part "
         "of a {name} (use {link})"),
        # The hint lists every name the frame may use.
        ('"Goal {goal} context', '"Goal {gaol} context', '"Goal {gaol} context', "chart.goal_metrics: unknown "
         "placeholder {gaol} (use {goal}, {unit})"),
    ],
)  # fmt: skip
def test_a_frame_with_a_wrong_brace_is_named_at_its_value_with_the_names_it_may_use(
    themed: Path, old: str, new: str, value: str, message: str
) -> None:
    labels = themed / "theme/labels.yml"
    labels.write_text(labels.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    line, col = position(labels, value)
    assert problems(themed) == [f"theme/labels.yml:{line}:{col}: error: {message}"]


# A link in a tree's own theme, wherever it leads, is not followed.
LINKED = (
    "symbolic link in the theme; it is not followed (a published edition's lock covers the theme's own files)"
    " (copy the file into the theme folder instead of linking to it)"
)


def test_a_link_to_a_file_of_the_tree_outside_the_theme_folder_is_not_read(themed: Path) -> None:
    (themed / "notes.txt").write_text("not a theme file", encoding="utf-8")
    (themed / "theme/assets/notes.txt").symlink_to(themed / "notes.txt")
    theme, found = read_theme(themed)
    assert [p.text() for p in found] == [f"theme/assets/notes.txt:1:1: error: {LINKED}"]
    assert theme.assets == {}  # a theme with a link is not read at all


def _unreadable(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Files of this name cannot be read from now on."""
    unreadable(monkeypatch, name)


def test_a_theme_file_that_cannot_be_read_is_named_with_the_reason(
    themed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _unreadable(monkeypatch, "search-on-demand.js")
    theme, found = read_theme(themed)
    assert [p.text() for p in found] == [
        "theme/assets/search-on-demand.js:1:1: error: cannot read file: Permission denied"
    ]
    assert "search-on-demand.js" not in theme.assets and "explore.js" in theme.assets


def test_every_override_is_checked_past_a_file_that_is_not_html(themed: Path) -> None:
    overrides = themed / "theme/overrides"
    (overrides / "0-readme.txt").write_text("{{ not html", encoding="utf-8")  # sorts first
    (overrides / "partials/bad.html").write_bytes(b"<p>caf\xe9</p>\n")
    main_html = overrides / "main.html"
    main_html.write_text(main_html.read_text(encoding="utf-8") + "{{ x | }}\n", encoding="utf-8")
    line = main_html.read_text(encoding="utf-8").count("\n")
    assert problems(themed) == [
        # Refused (MkDocs would read it unchecked), and the templates after it are still checked.
        "theme/overrides/0-readme.txt:1:1: error: only templates (.html) may be in overrides/ (put images, "
        "stylesheets and scripts in theme/assets/, and wording in labels.yml)",
        f"theme/overrides/main.html:{line}:1: error: template syntax error: "
        "expected token 'name', got 'end of print statement'",
        "theme/overrides/partials/bad.html:1:7: error: file is not valid UTF-8 (byte 0xe9) (save the file as UTF-8)",
    ]


def test_labels_linked_to_elsewhere_in_the_tree_are_not_read(themed: Path) -> None:
    shutil.move(themed / "theme/labels.yml", themed / "labels.yml")
    (themed / "theme/labels.yml").symlink_to(themed / "labels.yml")
    theme, found = read_theme(themed)
    assert [p.text() for p in found] == [f"theme/labels.yml:1:1: error: {LINKED}"]
    assert theme.labels == {}


def test_labels_that_are_not_utf8_are_named(themed: Path) -> None:
    labels = themed / "theme/labels.yml"
    labels.write_bytes(b"# caf\xe9\n" + labels.read_bytes())
    theme, found = read_theme(themed)
    error = "theme/labels.yml:1:6: error: file is not valid UTF-8 (byte 0xe9) (save the file as UTF-8)"
    assert [p.text() for p in found] == [error]
    assert theme.labels == {}


def test_labels_with_a_problem_give_no_labels(themed: Path) -> None:
    labels = themed / "theme/labels.yml"
    text = labels.read_text(encoding="utf-8")
    assert read_theme(themed)[0].labels["status"]["pilot"] == "Pilot"
    labels.write_text(text.replace("  pilot: Pilot\n", ""), encoding="utf-8")
    theme, found = read_theme(themed)
    assert [p.message for p in found] == ["status: missing required field 'pilot'"] and theme.labels == {}


def test_a_theme_with_a_link_out_of_the_tree_is_not_read_at_all(themed: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("not for publication", encoding="utf-8")
    (themed / "theme/assets/leak.txt").symlink_to(tmp_path / "secret.txt")
    theme, found = read_theme(themed)
    assert theme == Theme({}, {}, {}, {}, "theme")
    assert [p.text() for p in found] == [
        "theme/assets/leak.txt:1:1: error: symbolic link leads outside the content folder (or nowhere); "
        "it is not followed (copy the file into the theme folder instead of linking to it)"
    ]


def test_a_theme_holds_its_files_and_how_messages_name_its_folder(themed: Path, tmp_path: Path) -> None:
    theme, found = read_theme(themed)
    assert found == [] and theme.folder == "theme"
    assert theme.overrides["main.html"] == (TOOL_THEME / "overrides/main.html").read_bytes()
    assert theme.assets["extra.css"] == (TOOL_THEME / "assets/extra.css").read_bytes()
    assert "main.html" not in theme.assets and "extra.css" not in theme.overrides
    bundled = read_theme(tmp_path / "no-theme")[0]
    assert bundled.folder == TOOL_THEME.as_posix()
    assert bundled.template_path("page.md.j2") == f"{TOOL_THEME.as_posix()}/templates/page.md.j2"
    shutil.rmtree(themed / "theme/templates")
    assert read_theme(themed)[0].templates == {}


def test_a_stored_theme_has_its_labels_not_checked_again(themed: Path) -> None:
    labels = themed / "theme/labels.yml"
    labels.write_text(labels.read_text(encoding="utf-8").replace("  pilot: Pilot\n", ""), encoding="utf-8")
    assert theme_errors(themed)[0].endswith("error: status: missing required field 'pilot'")
    store = CheckStore(themed)
    key = theme_key(themed)
    assert key is not None
    store.record(key)
    status = load_theme(themed, store).labels["status"]
    assert "pilot" not in status and status["planned"] == "Planned"


def test_a_required_asset_that_cannot_be_read_is_named_once(themed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _unreadable(monkeypatch, "explore.js")
    _, problems = read_theme(themed)
    assert [p.text() for p in problems if "explore.js" in p.path] == [
        "theme/assets/explore.js:1:1: error: cannot read file: Permission denied"
    ]


def test_a_theme_folder_linked_to_a_hidden_folder_of_the_theme_is_not_read(themed: Path) -> None:
    """A link that stays inside the theme is refused too: a hidden folder is no file of the theme that a published
    edition's lock covers, so templates read through it could change every page unrecorded."""
    shutil.move(themed / "theme/templates", themed / "theme/.t")
    (themed / "theme/templates").symlink_to(".t")
    theme, found = read_theme(themed)
    assert [p.text() for p in found] == [f"theme/templates:1:1: error: {LINKED}"]
    assert theme.templates == {}
