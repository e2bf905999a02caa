"""Where the publish gate says a refused tag was written: at its line in the content tree's own theme when the tag
stands there as it was published, and at the built page otherwise (render/gate/origin.py). The whole build is in
test_gate.py (a theme override's three tags, each reported once for two editions and 40 pages)."""

from __future__ import annotations

from pathlib import Path

import pytest

import generator.render.gate.origin as origin_module
from generator.content.theme import Theme
from generator.render.gate.origin import Origins, theme_texts

OVERRIDE = "theme/overrides/main.html"


def _built(tmp_path: Path, text: str, name: str = "page/index.html") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_tag_written_in_an_override_is_found_at_its_line_and_column(tmp_path: Path) -> None:
    override = '{% block header %}\n  <p>Hi</p>\n    <img alt=">" src="https://t.example/p.gif">\n{% endblock %}\n'
    built = _built(tmp_path, '<html>\n<body><p>Hi</p>\n<div><img alt=">" src="https://t.example/p.gif"></div>\n')
    origins = Origins({OVERRIDE: override, "theme/templates/page.md.j2": "# {{ title }}\n"})
    # The tag holds a '>' in a quoted value: it is looked for up to its second '>'.
    assert origins.written_at(built, 3, 6) == (OVERRIDE, 3, 5)


def test_a_tag_made_by_an_expression_keeps_the_page(tmp_path: Path) -> None:
    built = _built(tmp_path, '<img src="https://t.example/p.gif">\n')
    assert Origins({OVERRIDE: "<img src=\"{{ 'https://t.example/p.gif' }}\">\n"}).written_at(built, 1, 1) is None


def test_a_bare_tag_needs_its_text_written_there_too(tmp_path: Path) -> None:
    theme = {OVERRIDE: "<script>location='https://evil.example'</script>\n<script>track('every page view')</script>\n"}
    # Content's own inline script is not put on the theme's <script> lines.
    content = _built(tmp_path, "<main>\n<script>alert(1)</script>\n</main>\n")
    assert Origins(theme).written_at(content, 2, 1) is None
    # The theme's second script is told from its first by the text after the tag.
    ours = _built(tmp_path, "<head>\n  <script>track('every page view')</script>\n", "other/index.html")
    assert Origins(theme).written_at(ours, 2, 3) == (OVERRIDE, 2, 1)


def test_a_tag_written_twice_alike_keeps_the_page(tmp_path: Path) -> None:
    tag = '<img src="https://t.example/p.gif">'
    built = _built(tmp_path, f"{tag}\n")
    assert Origins({OVERRIDE: f"{tag}\n", "theme/overrides/404.html": f"{tag}\n"}).written_at(built, 1, 1) is None
    # Told apart by what follows, as far as the page goes on alike: decisively (20 characters) further.
    built = _built(tmp_path, f"{tag} <p>Written in the 404 page</p>\n", "other/index.html")
    origins = Origins({OVERRIDE: f"{tag} <p>\n", "theme/overrides/404.html": f"\n{tag} <p>Written in the 404 page</p>"})
    assert origins.written_at(built, 1, 1) == ("theme/overrides/404.html", 2, 1)
    near = _built(tmp_path, f"{tag} <p>Written in</p>\n", "near/index.html")
    assert (
        Origins({OVERRIDE: f"{tag} <p>\n", "theme/overrides/404.html": f"{tag} <p>Written in</p>"}).written_at(
            near, 1, 1
        )
        is None
    )


@pytest.mark.parametrize(
    ("name", "text", "line", "col"),
    [
        ("assets/logo.svg", '<svg><img src="https://t.example/p.gif"></svg>', 1, 6),  # not a page
        ("page/index.html", '<p><img src="https://t.example/p.gif"></p>', 1, 2),  # not where a tag starts
        ("page/index.html", '<img src="https://t.example/p.gif">', 2, 1),  # past the last line
        ("page/index.html", '<img src="https://t.example/p.gif"', 1, 1),  # a tag that never ends
    ],
)
def test_what_is_not_a_published_tag_of_a_page_keeps_its_place(
    tmp_path: Path, name: str, text: str, line: int, col: int
) -> None:
    built = _built(tmp_path, text, name)
    assert (
        Origins({OVERRIDE: '<svg><p><img src="https://t.example/p.gif"></p></svg>'}).written_at(built, line, col)
        is None
    )


def test_lookups_stop_at_the_cap_and_an_unreadable_page_keeps_its_place(tmp_path: Path) -> None:
    built = _built(tmp_path, '<img src="https://t.example/p.gif">\n')
    origins = Origins({OVERRIDE: '<img src="https://t.example/p.gif">\n'})
    assert origins.written_at(tmp_path / "gone/index.html", 1, 1) is None
    for _ in range(Origins.LOOKUPS - 1):
        assert origins.written_at(built, 1, 1) == (OVERRIDE, 1, 1)
    assert origins.written_at(built, 1, 1) is None


def test_only_a_content_trees_own_theme_is_looked_in() -> None:
    overrides = {"main.html": b"<p>x</p>", "extra.txt": b"<p>y</p>"}
    own = Theme({"page.md.j2": "# t"}, {}, overrides, {"a.css": b"p{}"})
    assert theme_texts(own) == {"theme/overrides/main.html": "<p>x</p>", "theme/templates/page.md.j2": "# t"}
    assert theme_texts(Theme({"page.md.j2": "# t"}, {}, overrides, {}, folder="/usr/lib/levelup/theme")) == {}


def test_one_problem_per_tag_and_line_however_many_pages_it_reached() -> None:
    origins = Origins({OVERRIDE: "x"})
    origins.reached((OVERRIDE, 3, 5), "<img>: refused", "site/2021/404.html:28", 20)
    origins.reached((OVERRIDE, 3, 5), "<img>: refused", "site/2022/404.html:28", 20)
    origins.reached((OVERRIDE, 3, 5), "<p onclick>: refused", "site/2022/a/index.html:9", 1)
    origins.reached((OVERRIDE, 4, 1), "<p onclick>: refused", "site/2022/b/index.html:9", 2)
    hint = "remove it from the theme; written here, it is in"
    assert [p.text() for p in origins.problems()] == [
        f"{OVERRIDE}:3:5: error: <img>: refused ({hint} 40 built files, the first site/2021/404.html:28)",
        f"{OVERRIDE}:3:5: error: <p onclick>: refused ({hint} 1 built file, the first site/2022/a/index.html:9)",
        f"{OVERRIDE}:4:1: error: <p onclick>: refused ({hint} 2 built files, the first site/2022/b/index.html:9)",
    ]


def _own(overrides: dict[str, str]) -> dict[str, str]:
    return theme_texts(Theme({}, {}, {name: text.encode() for name, text in overrides.items()}, {}))


def test_a_tag_only_a_jinja_comment_holds_was_not_published_from_there(tmp_path: Path) -> None:
    built = _built(tmp_path, '<header><img src="https://t.example/p.gif"></header>\n')
    texts = _own(
        {
            "main.html": '{# The old tracker: <img src="https://t.example/p.gif"> #}\n'
            '{% set host = "https://t.example" %}<header><img src="{{ host }}/p.gif"></header>\n'
        }
    )
    assert "t.example/p.gif" not in texts[OVERRIDE]  # blanked out, its length and lines kept
    assert Origins(texts).written_at(built, 1, 9) is None


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        (
            '{% block header %}\r\n  <section>\r\n  <img src="https://t.example/p.gif">\r\n'
            '  <nav class="md-tabs" aria-label="Tabs">\r\n',
            3,
            3,
        ),
        (
            '{% block header %}\r  <section>\r  <img src="https://t.example/p.gif">\r'
            '  <nav class="md-tabs" aria-label="Tabs">\r',
            3,
            3,
        ),
        ('\ufeff<img src="https://t.example/p.gif">\n  <nav class="md-tabs" aria-label="Tabs">\n', 1, 1),
        ('{# one\ntwo #}  <img src="https://t.example/p.gif">\n  <nav class="md-tabs" aria-label="Tabs">\n', 2, 9),
    ],
)
def test_lines_and_columns_count_as_jinja_and_editors_do(tmp_path: Path, text: str, line: int, col: int) -> None:
    built = _built(
        tmp_path, '<section>\n<img src="https://t.example/p.gif">\n<nav class="md-tabs" aria-label="Tabs">\n'
    )
    # An unused file holding the tag alone agrees less far with the page than the file that wrote it.
    texts = _own({"main.html": text, "unused.html": '<img src="https://t.example/p.gif">\n'})
    assert Origins(texts).written_at(built, 2, 1) == (OVERRIDE, line, col)


def test_spaces_aside_two_places_alike_keep_the_page(tmp_path: Path) -> None:
    # The build compacts pages: the indented line that wrote the tag and an unused unindented copy agree as far.
    built = _built(tmp_path, '<header><img src="https://t.example/p.gif"> <section>\n')
    texts = _own(
        {
            "main.html": '{% block header %}\n    <img src="https://t.example/p.gif">\n    <section>\n',
            "partials/old.html": '<img src="https://t.example/p.gif">\n<section>\n',
        }
    )
    assert Origins(texts).written_at(built, 1, 9) is None


def test_one_tag_found_many_times_is_searched_for_once_within_a_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tag = '<p onx1="" onx2="">'
    built = _built(tmp_path, f"{tag}hi</p>\n")
    texts = {OVERRIDE: f"{tag}hi</p>\n", **{f"theme/overrides/copy{n}.html": "x" * 1000 for n in range(5)}}
    origins = Origins(texts)
    for _ in range(50):
        assert origins.written_at(built, 1, 1) == (OVERRIDE, 1, 1)
    assert origins.searched == sum(map(len, texts.values()))  # one search, however many findings the tag has
    # Past the search budget, a tag is not placed.
    monkeypatch.setattr(origin_module, "_SEARCHED", 2000)
    fresh = Origins(texts)
    other = _built(tmp_path, '<img src="https://t.example/q.gif">\n', "other/index.html")
    assert fresh.written_at(other, 1, 1) is None and fresh.searched <= 2000 + 1000
    assert fresh.written_at(built, 1, 1) is None


def test_one_built_page_is_held_at_a_time_within_a_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tag = '<img src="https://t.example/p.gif">'
    first, second = _built(tmp_path, f"{tag}\n"), _built(tmp_path, f"\n{tag}\n", "b/index.html")
    origins = Origins({OVERRIDE: f"{tag}\n"})
    assert origins.written_at(first, 1, 1) == (OVERRIDE, 1, 1)
    assert origins.written_at(second, 2, 1) == (OVERRIDE, 1, 1)
    assert origins.page is not None and origins.page[0] == second
    monkeypatch.setattr(origin_module, "_READ", len(tag) + 1)
    assert Origins({OVERRIDE: f"{tag}\n"}).written_at(second, 2, 1) is None  # the page is over the read budget
