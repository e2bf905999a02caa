"""The publish gate reads a line that passed already in the folder no more (gate/markup.py, _Markup.read): what it
finds, and where, is what reading every page whole finds, whatever the pages before, and its work stays linear."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.render.gate import files as gate_files
from generator.render.gate.files import _Folder
from generator.render.gate.markup import _Markup

Found = list[tuple[int, int, str]]


class _Whole(_Markup):
    """A page read whole, as the gate read every page before lines were remembered."""

    def read(self) -> None:
        self.feed(self.text)
        self.close()


def whole(folder: _Folder, name: str, text: str, xml: bool = False) -> Found:
    """The findings of a page read whole (after the same check for constructs with no end)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(gate_files, "_Markup", _Whole)
        return [(f.line, f.col, f.what) for f in folder.markup(name, text, xml)]


def by_lines(folder: _Folder, name: str, text: str, xml: bool = False) -> Found:
    """The findings of a page as the gate reads it now: a line at a time, lines passed before taken as read."""
    return [(f.line, f.col, f.what) for f in folder.markup(name, text, xml)]


def folder() -> _Folder:
    return _Folder(Path(os.devnull), "/")


# Pieces of lines: Material's kind of markup, and every construct whose reading depends on what came before it.
PIECES = [
    '<p class="x">',
    "</p>",
    "text &amp; more",
    "&amp",
    "a < b",
    "<",
    ">",
    '<a href="page/">',
    '<a href="https://evil.example/">',
    '<img src="https://evil.example/t.png">',
    '<p onclick="x">',
    "<svg>",
    "</svg>",
    "<style>",
    "a{}&amp;",
    "p{background:url(//t.example/x.png)}",
    "</style>",
    "<script>",
    "alert(1)",
    "</script>",
    '<script src="x.js"></script>',
    "<title>",
    "</title>",
    "<textarea>",
    "</textarea>",
    "<!--",
    "-->",
    "<!-- c -->",
    "<!x>",
    "<!DOCTYPE html>",
    "<?php x ?>",
    '<a title="',
    '">',
    "<a b",
    "</ script>",
    "<br/>",
    "<noscript>",
    "<SCRIPT>",
    "</script >",
    "<![CDATA[ x ]]>",
    "<svg:style>",
    "</svg:style>",
    "&#60;b&#62;",
    '<script id="__config" type="application/json">{"base": "//t.example/"}</script>',
    '<meta http-equiv="refresh" content="0;url=https://t.example/">',
]

lines = st.lists(st.sampled_from(PIECES), max_size=4).map("".join)


@st.composite
def folders(draw: st.DrawFn) -> tuple[list[str], str]:
    """Pages read before, and the page: all of lines from one small set, so that many lines passed before."""
    pool = draw(st.lists(lines, min_size=1, max_size=8))
    page = st.lists(st.sampled_from(pool), min_size=1, max_size=12).map("\n".join)
    return draw(st.lists(page, max_size=3)), draw(page)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages=folders(), xml=st.booleans())
def test_a_page_is_found_as_read_whole_whatever_the_folder_passed_before(
    pages: tuple[list[str], str], xml: bool
) -> None:
    before, page = pages
    checked = folder()
    for other in before:
        by_lines(checked, "other/index.html", other, xml)
    expected = whole(folder(), "index.html", page, xml)
    assert by_lines(checked, "index.html", page, xml) == expected
    assert by_lines(checked, "index.html", page, xml) == expected  # every line of it passed or not, now


def test_a_line_that_passed_between_constructs_is_read_again_inside_one() -> None:
    checked = folder()
    line = "<style>a{}&amp;</style>"
    assert by_lines(checked, "a.html", f"<p>x</p>\n{line}\n") == []  # in a page, outside <svg>: plain CSS
    # Inside an <svg> a browser decodes the '&' in a <style>: the same line, read again, is refused.
    assert by_lines(checked, "b.html", f"<svg>\n{line}\n</svg>\n") == [
        (2, 1, "<style>: '&' in its text (in SVG a browser reads it as the start of a character)")
    ]
    # A <style> of a prefixed name is raw text to the checks alone (the parser reads it as markup): read again.
    css = "p{background:url(//t.example/x.png)}"
    assert by_lines(checked, "f.svg", f"<svg>\n{css}\n</svg>\n", xml=True) == []
    assert [what for _, _, what in by_lines(checked, "g.svg", f"<svg:style>\n{css}\n</svg:style>\n", xml=True)] == [
        "<style>: url('//t.example/x.png'): loads from another host (a stylesheet may only load files of this site)"
    ]
    # In a comment, a tag or a <script> left open on the line before, the parser stands elsewhere: read again.
    handler = '<p onclick="x">'
    assert by_lines(checked, "c.html", f"{handler}\n") == [
        (1, 1, f"{handler}: an event handler attribute (it runs script)")
    ]
    assert by_lines(checked, "d.html", "<p>\n<p>\n") == []
    assert by_lines(checked, "e.html", "<!--\n<p>\n-->\n") == [
        (1, 1, "<!--\n<p>\n-->: a comment holding markup (a browser may end it elsewhere)")
    ]


def test_a_line_whose_check_looked_beyond_it_is_never_taken_as_read(tmp_path: Path) -> None:
    # The same script line is Material's search worker one folder down, and no script two folders down.
    import material

    script = Path(material.__file__).parent / "templates/assets/javascripts"
    bundle = next(script.glob("bundle.*.min.js"))
    (tmp_path / "assets").mkdir()
    shutil.copy(bundle, tmp_path / "assets" / bundle.name)
    line = f'<script src="../assets/{bundle.name}"></script>'
    checked = _Folder(tmp_path, "/2025/")
    assert by_lines(checked, "a/index.html", f"{line}\n") == []
    assert by_lines(checked, "a/b/index.html", f"{line}\n") == [
        (1, 1, f'<script src="../assets/{bundle.name}">: not a script Material or the bundled theme ships')
    ]
    # A <title>'s check reads the text after its line up to </title>: the line that passed is read again.
    assert by_lines(checked, "t.html", "<title>\nA title</title>\n") == []
    assert by_lines(checked, "u.html", "<title>\n<b>A title</b></title>\n") == [
        (1, 1, "<title>: markup in its text (a browser reads it as text up to </title>)")
    ]


def test_findings_after_lines_taken_as_read_are_where_they_are_in_the_page() -> None:
    checked = folder()
    material = "".join(f'<li class="md-nav__item"><a href="p{n}/">Page {n}</a></li>\n' for n in range(200))
    assert by_lines(checked, "one/index.html", material) == []
    page = material + '  <img src="https://evil.example/t.png">\n'
    assert by_lines(checked, "two/index.html", page) == [
        (201, 3, '<img src="https://evil.example/t.png">: loads from another host (only files of this site)')
    ]


def test_lines_are_remembered_up_to_a_bound_and_found_alike_beyond_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gate_files, "LINES_KEPT", 100)
    checked = folder()
    page = "".join(f'<p class="line-{n}">Line {n}</p>\n' for n in range(50))
    assert by_lines(checked, "a.html", page) == []
    assert sum(map(len, checked.passed[False])) <= 100 and checked.passed[False]
    hostile = page + '<p onclick="x">\n'
    assert by_lines(checked, "b.html", hostile) == whole(folder(), "b.html", hostile) != []


@pytest.mark.parametrize(
    "page",
    [
        "<a b\n" * 50_000 + '>\n<p onclick="x">',
        '<a title="\n' * 50_000 + '">\n<p onclick="x">',
        "<script>\n" + "a()\n" * 100_000 + '</script>\n<p onclick="x">',
        "<!--\n" + "x\n" * 100_000 + '-->\n<p onclick="x">',
        "<svg>\n" + "<g>\n" * 100_000 + '<p onclick="x">',
        "<p>\n" * 200_000 + '<p onclick="x">',
    ],
    ids=["tag", "quote", "script", "comment", "svg", "lines"],
)
def test_a_construct_over_many_lines_is_read_in_time_linear_in_its_size(page: str) -> None:
    started = time.process_time()
    assert (
        by_lines(folder(), "index.html", page)[-1][2] == '<p onclick="x">: an event handler attribute (it runs script)'
    )
    assert time.process_time() - started < 2.0
