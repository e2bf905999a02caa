"""The publish gate (generator/render/gate/): each rule on planted markup, exactly; the hostile review's
reproductions as real builds of the valid fixture, refused with one line each and the previous site left as it was;
the bundled site's inline scripts all known; bounded work on hostile pages."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import posixpath
import re
import shutil
import time
from pathlib import Path

import material
import pytest
from conftest import VALID, relock, tree
from standins import PROLOG

import generator.commands.build as build_module
import generator.content.sanitise as sanitise
import generator.content.theme as theme_module
import generator.site.paths as paths
from generator.cli import main
from generator.content.theme import TOOL_THEME, Theme
from generator.errors import OutputError
from generator.render import known_scripts
from generator.render.gate import gate, script_digest, shipped_scripts, text_findings
from generator.render.gate.files import _Folder
from generator.render.gate.markup import _Markup
from generator.site.headers import script_hash

# The gate's reasons, as its messages end.
OTHER = "loads from another host (only files of this site)"
CSS = "loads from another host (a stylesheet may only load files of this site)"
DATA = "loads from a 'data:' address (only files of this site)"
FONTS = "https://fonts.googleapis.com/css?family=Roboto"
UNSHIPPED = "not a script Material or the bundled theme ships"
MATERIAL = Path(material.__file__).parent / "templates"
BUNDLE = next((MATERIAL / "assets/javascripts").glob("bundle.*.min.js"))


def found(name: str, text: str, folder: Path | None = None, prefix: str = "/") -> list[tuple[int, int, str]]:
    """What the gate finds in one file: (line, column, what), lines counted in text (a page with no doctype gets
    PROLOG on a line of its own before it)."""
    page = name.rpartition(".")[2].lower() in ("html", "htm") and not text.lower().startswith("<!doctype")
    findings = text_findings(name=name, text=PROLOG + text if page else text, folder=folder, prefix=prefix)
    return [(f.line - page, f.col, f.what) for f in findings]


def at(text: str, needle: str) -> tuple[int, int]:
    """The line and column where needle first starts in text."""
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def material_script(partial: str, path: str = "../..") -> str:
    """An inline script of Material's templates as a page holds it (its Jinja expression as MkDocs fills it)."""
    text = (MATERIAL / "partials/javascripts" / partial).read_text(encoding="utf-8")
    script = text[text.index("<script>") + len("<script>") : text.index("</script>")]
    return re.sub(r"\{\{.*?\}\}", path, script)


# ------------------------------------------------------------------------------------------ rule 1: event handlers


def test_an_event_handler_attribute_is_refused_on_any_element_in_html_and_svg() -> None:
    page = (
        '<p onclick="alert(1)">a</p>\n'
        "<img/onerror=alert(1) src=x/onerror=alert(2)>\n"
        '<svg><a xlink:href="#x" ONMOUSEOVER="alert(1)"><text>t</text></a></svg>\n'
        '<em _ onclick="alert(1)">Acme</em>'
    )
    assert found("a/index.html", page) == [
        (1, 1, '<p onclick="alert(1)">: an event handler attribute (it runs script)'),
        # '=' in an unquoted value: both read one value, but the gate's grammar of a plain tag takes none.
        (2, 1, "<img ...>: a start tag a browser may read otherwise than the gate (where its attributes end)"),
        (2, 1, '<img onerror="alert(1)">: an event handler attribute (it runs script)'),
        (3, 6, '<a onmouseover="alert(1)">: an event handler attribute (it runs script)'),
        (4, 1, '<em _="">: an attribute the publish gate does not know'),
        (4, 1, '<em onclick="alert(1)">: an event handler attribute (it runs script)'),
    ]
    svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><g ev:onclick="x"/></svg>'
    assert found("charts/a.svg", svg) == [
        (1, 1, '<svg onload="alert(1)">: an event handler attribute (it runs script)'),
        (1, 59, '<g ev:onclick="x">: an event handler attribute (it runs script)'),
    ]


# ---------------------------------------------------------------------------------------------- rule 2: addresses


def test_links_may_leave_the_site_but_only_by_http_https_mailto_or_tel() -> None:
    page = (
        '<a href="https://example.org/">a</a><a href="mailto:x@example.org">b</a><a href="tel:+441">c</a>'
        '<a href="//example.org/">d</a><a href="../x/">e</a><area href="http://example.org/">\n'
        '<a href="javascript:alert(1)">f</a><a href="jav&#x09;ascript:alert(1)">g</a>'
        '<a href=" JavaScript&colon;alert(1)">h</a><area href="data:text/html,x">\n'
        '<link rel="canonical" href="https://audit.example.org/2022/"><link rel="prev" href="../">'
    )
    link = "a link to a '{}:' address (only http, https, mailto or tel)"
    assert found("index.html", page) == [
        (*at(page, '<a href="javascript'), f'<a href="javascript:alert(1)">: {link.format("javascript")}'),
        (*at(page, '<a href="jav&'), f'<a href="jav\tascript:alert(1)">: {link.format("javascript")}'),
        (*at(page, '<a href=" Java'), f'<a href=" JavaScript:alert(1)">: {link.format("javascript")}'),
        (*at(page, '<area href="data'), f'<area href="data:text/html,x">: {link.format("data")}'),
    ]


def test_everything_else_a_page_fetches_is_a_file_of_this_site() -> None:
    page = (
        '<img src="https://tracker.example/p.gif"><img src="//tracker.example/p.gif">'
        '<img src="\\\\tracker.example/p.gif"><img src="/\\tracker.example/p.gif">\n'
        '<img src="a.png" srcset="a.png 1x, https://t.example/b.png 2x"><img src="data:image/png;base64,AA">\n'
        f'<link rel="stylesheet" href="{FONTS}">'
        '<link rel="alternate stylesheet" href="//t.example/x.css"><link rel="icon" href="/2022/favicon.png">\n'
        '<form action="https://t.example/f"><button formaction="//t.example/g">b</button></form>'
        '<a href="../x/" ping="/count https://t.example/ping">a</a>\n'
        '<svg><image xlink:href="https://t.example/i.png"/><use href="#icon"/></svg>'
        '<video poster="https://t.example/v.jpg"><source src="v.mp4"></video><blockquote cite="//t.example/q">'
    )
    assert found("index.html", page) == [
        (*at(page, '<img src="https'), f'<img src="https://tracker.example/p.gif">: {OTHER}'),
        (*at(page, '<img src="//'), f'<img src="//tracker.example/p.gif">: {OTHER}'),
        (*at(page, '<img src="\\\\'), f'<img src="\\\\tracker.example/p.gif">: {OTHER}'),
        (*at(page, '<img src="/\\'), f'<img src="/\\tracker.example/p.gif">: {OTHER}'),
        (*at(page, '<img src="a.png"'), f'<img srcset="a.png 1x, https://t.example/b.png 2x">: {OTHER}'),
        (*at(page, '<img src="data'), f"<img src=\"data:image/png;base64,AA\">: {DATA}"),
        (*at(page, '<link rel="stylesheet"'), f'<link rel="stylesheet" href="{FONTS}">: {OTHER}'),
        (*at(page, '<link rel="alternate'), f'<link rel="alternate stylesheet" href="//t.example/x.css">: {OTHER}'),
        (*at(page, "<form"), f'<form action="https://t.example/f">: {OTHER}'),
        (*at(page, "<button"), f'<button formaction="//t.example/g">: {OTHER}'),
        (*at(page, '<a href="../x/" ping'), f'<a ping="/count https://t.example/ping">: {OTHER}'),
        (*at(page, "<image"), f'<image xlink:href="https://t.example/i.png">: {OTHER}'),
        (*at(page, "<video"), f'<video poster="https://t.example/v.jpg">: {OTHER}'),
        (*at(page, "<blockquote"), f'<blockquote cite="//t.example/q">: {OTHER}'),
    ]  # fmt: skip


def test_base_refresh_and_embedding_elements_are_refused() -> None:
    page = (
        '<base href="https://t.example/"><iframe src="x.html"></iframe><frame src="x.html">'
        '<object data="x.pdf"></object><embed src="x.swf">\n'
        '<meta http-equiv="refresh" content="0; url=https://t.example/"><meta http-equiv="Refresh" content="0;../x/">'
        '<meta http-equiv="set-cookie" content="a=b"><meta http-equiv="refresh" content="5">\n'
        '<svg><set attributeName="href" to="javascript:alert(1)"/><foreignObject><p>x</p></foreignObject></svg>'
        "<x-widget></x-widget>"
    )
    assert found("index.html", page) == [
        (1, 1, "<base>: changes the address every link and resource of the page starts from"),
        (1, 1, '<base href="https://t.example/">: loads from another host (only files of this site)'),
        (*at(page, "<iframe"), "<iframe>: embeds another page"),
        (*at(page, "<frame "), "<frame>: embeds another page"),
        (*at(page, "<object"), "<object>: embeds another document or plugin"),
        (*at(page, "<embed"), "<embed>: embeds another document or plugin"),
        (2, 1, '<meta content="0; url=https://t.example/">: a refresh to another site'),
        (
            *at(page, '<meta http-equiv="set'),
            '<meta http-equiv="set-cookie">: a header the publish gate does not allow',
        ),
        (*at(page, "<set"), "<set>: an SVG animation can turn an address into script"),
        (*at(page, "<set"), '<set attributename="href">: an attribute the publish gate does not know'),
        (*at(page, "<set"), '<set to="javascript:alert(1)">: an attribute the publish gate does not know'),
        (*at(page, "<foreign"), "<foreignobject>: embeds HTML in SVG"),
        (*at(page, "<x-widget"), "<x-widget>: an element the publish gate does not know"),
    ]


def test_a_link_element_is_a_stylesheet_an_icon_or_a_description_and_material_has_one_settings_element() -> None:
    page = (
        '<link rel="stylesheet" href="a.css"><link rel="icon" href="f.png"><link rel="next" href="../n/">\n'
        '<link rel="preconnect" href="/x"><link rel="manifest" href="m.json"><link href="x.css">\n'
        '<textarea id="__config" hidden>{"base": "https://t.example/"}</textarea>'
    )
    assert found("index.html", page) == [
        (2, 1, '<link rel="preconnect">: a kind of link the publish gate does not allow'),
        (*at(page, '<link rel="manifest"'), '<link rel="manifest">: a kind of link the publish gate does not allow'),
        (*at(page, '<link href="x.css"'), '<link rel="">: a kind of link the publish gate does not allow'),
        (3, 1, '<textarea id="__config">: Material reads its settings from the first element of this id'),
    ]


# ----------------------------------------------------------------------------------------------------- rule 3: CSS


def test_stylesheets_load_nothing_from_another_host() -> None:
    page = (
        '<div style="background:url(https://t.example/a.png)"></div><p style="color:red">x</p>\n'
        "<style>\n@import 'https://fonts.googleapis.com/css2?family=Inter';\n"
        "body{background:\\75 rl(//t.example/b.png);mask:url('data:image/svg+xml;charset=utf-8,%3Csvg/%3E')}</style>\n"
        '<svg><rect fill="url(https://t.example/c.svg#p)" style="fill: url(#p)"/></svg>'
    )
    assert found("index.html", page) == [
        (1, 1, f"<div style>: url('https://t.example/a.png'): {CSS}"),
        (3, 9, f"<style>: @import 'https://fonts.googleapis.com/css2?family=Inter': {CSS}"),
        (4, 17, f"<style>: url('//t.example/b.png'): {CSS}"),
        (5, 6, f"<rect fill>: url('https://t.example/c.svg#p'): {CSS}"),
    ]  # fmt: skip
    sheet = (
        '@import url("theme.css");\n@import url(https://t.example/a.css) screen;\n'
        "a{background-image:image-set('https://t.example/x.png' 1x)}\n"
        "b{background:url(data:text/html;base64,PHNjcmlwdD4=)}\n"
        '@font-face{font-family:x;src:url(data:font/woff2;base64,AA) format("woff2")}\n'
        "@namespace svg url(http://www.w3.org/2000/svg);\n"
        'a[href^="https://"]::after{--u:"https://t.example/p.gif";background:image-set(var(--u) 1x);content:"Note:"}'
    )
    assert found("assets/extra.css", sheet) == [
        (2, 9, f"@import 'https://t.example/a.css': {CSS}"),
        (*at(sheet, "'https://t.example/x.png'"), f"url('https://t.example/x.png'): {CSS}"),
        (4, 14, "url('data:text/html;base64,PHNjcmlwdD4='): a data: URL in a stylesheet may only be an image or a font"),  # noqa: E501
        (*at(sheet, '"https://t.example/p.gif"'), f"'https://t.example/p.gif': {CSS}"),
    ]  # fmt: skip


# ------------------------------------------------------------------------------------------------- rule 4: scripts


def test_inline_scripts_are_those_material_and_the_bundled_theme_make(tmp_path: Path) -> None:
    scope = material_script("base.html", "../..")
    palette = material_script("palette.html")
    assert script_digest(scope) == script_digest(material_script("base.html", "/audit/2025/"))
    assert {script_digest(scope), script_digest(palette)} <= known_scripts.INLINE
    page = (
        f"<script>{scope}</script><script>{palette}</script>"
        '<script id="__config" type="application/json">{"base": "../..", "search": "../../s.js"}</script>\n'
        "<script>location='https://evil.example'</script>"
        f"<script type=\"module\">{palette}import('https://t.example/x.js')</script>\n"
        f"<script>{material_script('base.html', '//t.example/')}</script>\n"
        '<script id="__config" type="application/json">{"base": "https://t.example/", "search": "x.js"}</script>'
    )
    unknown = "an inline script Material and the bundled theme do not make"
    assert found("a/b/index.html", page) == [
        (
            *at(page, '<script id="__config"'),
            '<script id="__config">: "search": "../../s.js" is not a script Material ships',
        ),
        (2, 1, f"<script>location='https://evil.example'</script>: {unknown}"),
        (*at(page, '<script type="module"'), f"<script>{palette[:69]}…</script>: {unknown}"),
        (3, 1, f"<script>{material_script('base.html', '//t.example/')[:69]}…</script>: {unknown}"),
        (4, 1, '<script id="__config">: "base": "https://t.example/" is not the way to this edition\'s folder'),
        (4, 1, '<script id="__config">: "search": "x.js" is not a script Material ships'),
    ]


def test_a_script_file_must_be_one_material_or_the_bundled_theme_ships(tmp_path: Path) -> None:
    edition = tmp_path / "2022"
    (edition / "assets/javascripts").mkdir(parents=True)
    shutil.copyfile(BUNDLE, edition / "assets/javascripts" / BUNDLE.name)
    shutil.copyfile(TOOL_THEME / "assets/explore.js", edition / "assets/explore.js")
    (edition / "assets/evil.js").write_text("alert(1)\n", encoding="utf-8")
    (edition / "data").mkdir()
    (edition / "data/x.csv").write_text("a\n", encoding="utf-8")
    page = (
        f'<script src="../assets/javascripts/{BUNDLE.name}"></script><script src="/2022/assets/explore.js"></script>'
        '<script src="../assets/evil.js"></script><script src="../data/x.csv"></script>\n'
        '<script src="https://cdn.example/a.js"></script><script src="../../2021/assets/explore.js"></script>'
    )
    assert found("goals/index.html", page, edition, "/2022/") == [
        (*at(page, '<script src="../assets/evil'), f'<script src="../assets/evil.js">: {UNSHIPPED}'),
        (*at(page, '<script src="../data'), f'<script src="../data/x.csv">: {UNSHIPPED}'),
        (2, 1, f'<script src="https://cdn.example/a.js">: {OTHER}'),
        (*at(page, '<script src="../../2021'), f'<script src="../../2021/assets/explore.js">: {UNSHIPPED}'),
    ]  # fmt: skip


# --------------------------------------------------------------------------------------------- rule 5: SVG files


def test_an_svg_file_holds_no_script_foreign_object_or_outside_reference() -> None:
    svg = (
        '<?xml version="1.0"?>\n<?xml-stylesheet href="https://t.example/x.css"?>\n'
        '<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;alert(1)&#60;/script&#62;">]>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml">'
        "<script>alert(1)</script><h:script>alert(2)</h:script><foreignObject/>"
        '<image href="https://t.example/p.png"/><a href="https://example.org/"><text>x</text></a>'
        "<style>rect{fill:url(//t.example/f.svg#p)}</style></svg>"
    )
    assert found("charts/a.svg", svg) == [
        (2, 1, '<?xml-stylesheet href="https://t.example/x.css"?>: a processing instruction'),
        (3, 1, f"<!{svg.splitlines()[2][2:-3]}>: a document type with its own declarations"),
        (*at(svg, "<script>"), "<script>: script in an SVG or XML file"),
        (*at(svg, "<h:script"), "<h:script>: script in an SVG or XML file"),
        (*at(svg, "<foreign"), "<foreignobject>: embeds HTML in SVG"),
        (*at(svg, "<image"), f'<image href="https://t.example/p.png">: {OTHER}'),
        (*at(svg, "<a "), f'<a href="https://example.org/">: {OTHER}'),
        (*at(svg, "url(//t.example"), f"<style>: url('//t.example/f.svg#p'): {CSS}"),
    ]  # fmt: skip


# ----------------------------------------------------------------------------------------- rule 6: every .js file


def test_every_script_file_of_an_edition_is_known(tmp_path: Path) -> None:
    assert found("assets/javascripts/" + BUNDLE.name, BUNDLE.read_text(encoding="utf-8")) == []
    assert found("assets/explore.js", (TOOL_THEME / "assets/explore.js").read_text(encoding="utf-8")) == []
    assert found("assets/explore.js", "alert(1)\n") == [
        (1, 1, "a script file that Material and the bundled theme do not ship")
    ]
    assert len(shipped_scripts()) > 30  # Material's bundle, search worker and lunr languages, and the theme's own


# ------------------------------------------------------------------ where a parser could read a page otherwise


def test_markup_the_parser_might_read_otherwise_than_a_browser_is_refused() -> None:
    page = (
        "<p>a</p><!--><img src=x onerror=alert(1)>-->\n"
        "<svg><style><img src=x onerror=alert(1)></style></svg>\n"
        "<script/>alert(1)</script>\n"
        "<style>p{}</style x><img src=x onerror=alert(1)></style>\n"
        "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>"
    )
    assert found("index.html", page) == [
        (1, 9, "<!--><img src=x onerror=alert(1)>-->: a comment holding markup (a browser may end it elsewhere)"),
        (2, 6, "<style>: markup in its text (inside <svg> a browser reads it as elements)"),
        (3, 1, "<script .../>: a self-closed <script> (a browser reads what follows as its text)"),
        (4, 1, "<style>: '</style' in its text (a browser may end the element there)"),
        (4, 1, "<style>: markup in its text (inside <svg> a browser reads it as elements)"),
    ]
    # Raw and escapable text a browser ends at the first </name>, where the parser goes on (or stops sooner).
    page = (
        '<textarea><p title="</textarea><img src=x onerror=alert(1)>"></textarea>'
        '<title/><p title="</title><img src=x onerror=alert(1)>">\n'
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>\n'
        f"<script>{material_script('palette.html')}</ script>/+alert(1)//</script>\n"
        "<style>a{}</ style>body{background:url(https://t.example/x.png)}</style>\n"
        "<title>A &lt;b&gt; title</title>"
    )
    assert found("index.html", page) == [
        (1, 1, "<textarea>: markup in its text (a browser reads it as text up to </textarea>)"),
        (*at(page, "<title/>"), "<title>: markup in its text (a browser reads it as text up to </title>)"),
        (2, 1, "<noscript>: an element the publish gate does not know"),
        (*at(page, "</ script>"), "</ script>: an end tag a browser does not read as one (the <script> goes on)"),
        (*at(page, "</ style>"), "</ style>: an end tag a browser does not read as one (the <style> goes on)"),
    ]
    assert found("index.html", "<p>x</p><![CDATA[ ><img src=x onerror=alert(1)> ]]>") == [
        (1, 9, "<![: a CDATA or marked section (a browser may read it otherwise)")
    ]
    assert found("index.html", "<p>a</p>\n<img src=x onerror=alert(1)") == [(2, 1, "'<': a tag with no end")]
    assert found("index.html", "<p>a</p>\n<script>alert(1)//>") == [
        (2, 1, "<script>: no end tag (its text runs to the end of the file)")
    ]


def test_only_kinds_of_file_the_gate_reads_or_no_browser_runs_are_published() -> None:
    assert found("assets/x.xhtml", "<html xmlns='http://www.w3.org/1999/xhtml'/>") == [
        (1, 1, "a file of a kind the publish gate does not allow ('xhtml')")
    ]
    assert found("assets/.htaccess", "AddType text/html .png") == [
        (1, 1, "a file of a kind the publish gate does not allow ('htaccess')")
    ]
    assert found("data/x.csv", "<script>alert(1)</script>") == []  # served as text/csv: no browser runs it
    assert found("sitemap.xml", "<urlset><url><loc>https://audit.example.org/2022/</loc></url></urlset>") == []


HANDLER = (2, 1, '<p onclick="x">: an event handler attribute (it runs script)')


@pytest.mark.parametrize(
    ("prefix", "last"),
    [
        ("<p>" + "<!--x>" * 50_000, (1, 299_998, "<!--: a comment with no end")),
        ("<a b " * 50_000 + ">", HANDLER),
        ('<a b="' * 50_000 + '">', HANDLER),
        ("<!x" * 50_000 + ">", HANDLER),
        ("<p>" + "&#;" * 100_000, HANDLER),
        ("<p>" + "< " * 100_000 + "</p>", HANDLER),
        ("<style>" + "a{}" * 100_000 + "</style>", HANDLER),
        ("<textarea></textarea>" * 40_000, HANDLER),
        ("<title>" * 40_000 + "</title>", HANDLER),
        ("<a" + ' b="c"' * 40_000 + ">", HANDLER),
        ("<a " + "b=c/" * 40_000 + ">", HANDLER),
        ("<p" + " b=c/d" * 20_000 + " e==f>", HANDLER),
        ("<p" + "".join(f" data-{i}" for i in range(40_000)) + " data-0>", HANDLER),
        ("<p a=" + "/" * 100_000 + "\xa0>", HANDLER),
    ],
    ids=[
        "comments",
        "tags",
        "quotes",
        "bogus",
        "references",
        "brackets",
        "style",
        "textareas",
        "titles",
        "attributes",
        "slashes",
        "splits",
        "values",
        "repeated",
    ],
)
def test_a_hostile_page_is_read_in_time_linear_in_its_size(prefix: str, last: tuple[int, int, str]) -> None:
    # html.parser looks again for the end of each construct left open: 50,000 of them would take hours, so a page
    # with one open to its end is refused unread; every other page is read through to what follows.
    started = time.process_time()
    assert found("index.html", prefix + '\n<p onclick="x">')[-1] == last
    assert time.process_time() - started < 2.0


def test_where_a_title_or_textarea_ends_is_found_in_the_pages_own_characters() -> None:
    # Lower case takes more characters than 'İ' does: the end was looked for in the lower-cased text, from where
    # the tag ends in the text, so with 23 of them before it an earlier </textarea> (here in a title, which is
    # text) made the <textarea> look empty and let the image through.
    payload = '<textarea><p title="</textarea><img src=x onerror=alert(1)>"></textarea>'
    for prefix in ("", "İ" * 23 + '<p title="</textarea>">', "İ" * 100 + '<p title="</textarea>">'):
        assert found("index.html", prefix + payload) == [
            (1, len(prefix) + 1, "<textarea>: markup in its text (a browser reads it as text up to </textarea>)")
        ]
    # A browser compares the end tag's ASCII letters in any case, and no others ('ı' is not 'i').
    assert found("index.html", "<title>A</TITLE><b>x</b>") == []
    assert found("index.html", "<title>A</TITLE/><b>x</b>") == [  # ends the title, but is no plain end tag
        (1, 9, "</title ...>: an end tag a browser may read otherwise than the gate (where it ends)")
    ]
    assert found("index.html", "<title>A</tıtle><b>x</b></title>") == [
        (1, 1, "<title>: markup in its text (a browser reads it as text up to </title>)"),
        (1, 9, "</tıtle ...>: an end tag a browser may read otherwise than the gate (where it ends)"),
    ]


def test_a_start_tag_a_browser_may_end_elsewhere_is_refused() -> None:
    # html.parser takes '==' and any Unicode space before a value; a browser starts an unquoted value at the second
    # '=' or the space, which the next '>' ends: the image the parser read inside a quoted value is live.
    image = "<img src=x onerror=alert`1`>"
    plain = "a start tag a browser may read otherwise than the gate (where its attributes end)"
    for page in (
        f'<p title=="{image}">hi</p>',
        f'<p title=\x85"{image}">hi</p>',
        f'<p title=\xa0"{image}">hi</p>',
        f'<title lang=="></title>{image}">x</title>',
        f'<textarea name=\u3000"></textarea>{image}">x</textarea>',
        '<p hidden\u2028title="x">',
        '<p title=b"c>',
    ):
        tag = page[1 : page.index(" ")]
        assert found("index.html", page) == [(1, 1, f"<{tag} ...>: {plain}")], page
    # A name starting with '=' (which the parser takes as part of it) is no attribute the gate knows either.
    assert found("index.html", "<p =title>")[0] == (1, 1, f"<p ...>: {plain}")
    # What both read alike passes: spaces, slashes, bare and quoted values, a quoted value over lines.
    for page in (
        '<p class="a"id="b">',
        "<br/>",
        "<p hidden inert\tdraggable>",
        "<input disabled checked/>",
        "<a href=x/ >",
        '<p title="a\nb" >',
        "<p title=b/c>",
        "<img src=a.png alt=''>",
        '<P CLASS = "x">',
    ):
        assert found("index.html", page) == [], page


def test_end_tags_comments_and_svg_a_browser_reads_otherwise_are_refused() -> None:
    image = "<img src=x onerror=alert(1)>"
    # A browser reads a quoted value in an end tag, so its '>' does not end it; the parser ends it there.
    assert found("index.html", f"""<p>a</p x="><p title='"> {image} '>""") == [
        (1, 5, "</p ...>: an end tag a browser may read otherwise than the gate (where it ends)")
    ]
    # The parser ends a comment at '-- >' too; a browser reads on to '-->'.
    assert found("index.html", f'<!-- x --\t><p title="--> {image}">') == [
        (1, 1, "<!-- x : a comment a browser may end elsewhere (only at '-->')")
    ]
    # In an <svg> a browser reads a <script>'s text as markup, and decodes entities in a <style>'s.
    assert found("index.html", f'<svg><script type="application/ld+json">{{"a":"{image}"}}</script></svg>') == [
        (1, 6, "<script>: markup or '&' in its text (inside <svg> a browser reads it as markup)")
    ]
    # An </svg> after an element in its <desc> closes nothing to a browser: the page stays in the <svg>.
    style = "<style>a{b:&#x75;rl(//evil.example/x.png)}</style>"
    assert found("index.html", f"<svg><desc><p></svg></desc>{style}</svg>") == [
        (1, 28, "<style>: '&' in its text (in SVG a browser reads it as the start of a character)")
    ]
    # Text alone in a <desc> or <title> (the tile map's) leaves the <svg> closed by its end tag, as to a browser.
    assert found("index.html", "<svg><title>Basildon</title></svg><script type=application/json>[1&2]</script>") == []


def test_names_controls_and_declarations_a_browser_reads_otherwise_are_refused() -> None:
    image = "<img src=x onerror=alert(1)>"
    style = '<style>@import "&#x2f;&#x2f;evil.example/x.css";</style>'
    end = "an end tag a browser may read otherwise than the gate (where it ends)"
    # To a browser these end tags name no open element (x:svg, svg with a no-break space): the <svg> stays open
    # and its <style>'s entities are decoded. The parser strips the space; the gate read the name without prefix.
    assert found("index.html", f"<svg></x:svg>{style}") == [(1, 6, f"</x:svg ...>: {end}")]
    assert found("index.html", f"<svg></svg\xa0>{style}") == [(1, 6, f"</svg ...>: {end}")]
    assert found("index.html", f"<svg><desc></desc\xa0><b></svg>{style}") == [(1, 12, f"</desc ...>: {end}")]
    # The parser ends a <script> or <style> at </script + any Unicode space; a browser reads on.
    for kind in ("script type=application/json", "style"):
        name = kind.split()[0]
        page = f'<{kind}>{{}}</{name}\xa0><p title="</{name}>{image}">'
        assert (1, len(kind) + 5, f"</{name} ...>: {end}") in found("index.html", page), page
    # After '<!--', '<script' in a script's text opens nothing to the parser, but to a browser its end tag then ends
    # nothing: the script runs on into the title, whose image is live.
    page = f'<script type="application/json"><!--<script></script><p title="</script>{image}"><!---->'
    assert (1, 1, "<script>: '<!--' in its text (a browser may read the script on past its end tag)") in found(
        "index.html", page
    )
    # NUL stops the parser's name of a tag, which it hands over as text; a browser reads on. ESC lets a browser
    # told ISO-2022-JP read a quote and '>' as parts of letters. A file holding a control character is not read.
    assert found("index.html", '<x\x00 tabindex=1 autofocus onfocus="alert(1)">') == [
        (1, 3, "a control character (U+0000): a browser may read the file otherwise")
    ]
    svg = '<?xml version="1.0" encoding="ISO-2022-JP"?>\n<svg class="\x1b$B">\x1b(B" onload="alert(1)"></svg>'
    assert found("charts/a.svg", svg) == [
        (2, 13, "a control character (U+001B): a browser may read the file otherwise")
    ]
    # Only UTF-8 may be declared: the one declaration matplotlib and sitemaps write, in any case of its letters.
    assert found("charts/a.svg", svg.replace("\x1b", "")) == [
        (
            1,
            1,
            '<?xml version="1.0" encoding="ISO-2022-JP"?>: an XML declaration other than version, UTF-8 and standalone',
        )
    ]
    for declaration in (
        '<?xml version="1.0" encoding="utf-8" standalone="no"?>',
        "<?xml version='1.0' encoding='UTF-8'?>",
    ):
        assert found("charts/a.svg", f"{declaration}\n<svg></svg>") == [], declaration


def test_what_materials_script_shows_as_html_or_loads_from_is_plain_and_of_this_edition() -> None:
    config = '<script id="__config" type="application/json">{}</script>'
    ok = {"base": "../..", "features": ["toc.follow"], "translations": {"select.version": "Choose"}, "tags": None}
    ok |= {"version": {"provider": "mike", "default": "latest"}, "search": "../../s.js", "annotate": None}

    def problems(**changed: object) -> list[str]:
        # Written as a JSON writer that escapes '<' writes it: only Material's reading makes it markup.
        text = config.replace("{}", json.dumps(ok | changed).replace("<", "\\u003c"))
        return [what for _, _, what in found("a/b/index.html", text) if "is not a script Material ships" not in what]

    assert problems() == []
    prefix = '<script id="__config">: '
    # Tooltips show every title attribute as HTML; translations are shown so; base moves the search index.
    assert problems(features=["content.tooltips"]) == [
        f"{prefix}\"features\": ['content.tooltips']: a feature the publish gate does not allow"
    ]
    assert problems(translations={"search.result.none": "<img src=x onerror=alert(1)>"}) == [
        f'{prefix}"translations": not plain text (Material shows them as HTML)'
    ]
    for base in ("x", ".", "../../..", "/2022/", "https://audit.example/"):
        assert problems(base=base) == [f'{prefix}"base": "{base}" is not the way to this edition\'s folder'], base
    assert problems(tags={"a": "b"}, extra=1) == [
        f'{prefix}"extra": a setting the publish gate does not allow',
        f'{prefix}"tags": a setting the publish gate does not allow (only null)',
    ]
    assert problems(version={"provider": "other"}) == [
        f"{prefix}\"version\": {{'provider': 'other'}}: only mike, with plain names of editions"
    ]
    # The 404 page's base is the edition's address from the site's root, as Material writes it.
    assert found("404.html", config.replace("{}", json.dumps({"base": "/2022/"})), prefix="/2022/") == []
    # The search shows tags as HTML too; mike's list of editions is shown by the version selector.
    index = {"config": {}, "docs": [{"location": "a/", "title": "t", "text": "x", "tags": ["<img src=x>"]}]}
    assert [what for _, _, what in found("search/search_index.json", json.dumps(index))] == [
        "a search entry of 'a/' whose tags holds '<img src=x>' (the search shows it as HTML: only bare <p>, "
        "<code>, <pre>, lists)"
    ]
    versions = [{"version": "2022", "title": "<img src=x>", "aliases": ["latest"]}, {"version": "a b", "title": "x"}]
    assert [what for _, _, what in found("versions.json", json.dumps(versions))] == [
        "an edition's title '<img src=x>' (shown as HTML: no markup)",
        "an edition '{'version': 'a b', 'title': 'x'}' (only plain names, a title, aliases)",
    ]
    assert found("versions.json", json.dumps([{"version": "2022", "title": "2022", "aliases": ["latest"]}])) == []


def test_how_a_page_starts_pins_its_encoding_and_mode() -> None:
    start = 'a page that does not start with <!doctype html>, <html ...>, <head> and <meta charset="utf-8">'
    for page in (
        "<p>no doctype</p>",  # quirks: ids in any case, a stylesheet of any type
        '<!doctype html><html><head><script type="application/json">"<meta charset=shift_jis>"</script>'
        '<meta charset="utf-8">',  # a browser's first look takes the one in the script's text
        "<!doctype html><!-- " + "x" * 1100 + ' --><meta charset="utf-8">',  # past the first 1,024 bytes
    ):
        assert text_findings(name="index.html", text=page)[0].what.startswith(start), page
    assert found("index.html", '<meta http-equiv="Content-Type" content="text/html; charset = shift_jis">') == [
        (1, 1, '<meta content="text/html; charset = shift_jis">: a page in another encoding than UTF-8')
    ]
    assert found("index.html", '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">') == []


def test_addresses_hidden_from_a_first_look_and_attributes_the_gate_does_not_know_are_refused() -> None:
    # The URL parser drops the tab: "//evil.example" fetched where var() puts it into image-set().
    page = '<p style=\'--x:"/\t/evil.example/a.png"\'>a</p><p style="background-image:image-set(var(--x) 1x)">b</p>'
    assert [what for _, _, what in found("index.html", page)] == [
        "<p style>: '/\t/evil.example/a.png': loads from another host (a stylesheet may only load files of this site)"
    ]
    assert found("index.html", '<img src="x.png" attributionsrc="https://evil.example/a">') == [
        (1, 1, '<img attributionsrc="https://evil.example/a">: an attribute the publish gate does not know')
    ]
    # A browser may fetch the next page ahead: it must be one of this site.
    assert found("index.html", '<link rel="next" href="https://evil.example/a">') == [
        (1, 1, '<link rel="next" href="https://evil.example/a">: loads from another host (only files of this site)')
    ]


def test_what_materials_script_fetches_loads_or_copies_into_a_page_is_refused() -> None:
    # Material fetches the sitemap beside an alternate page's address, and draws a mermaid diagram with a script
    # from unpkg.com.
    assert found("index.html", '<link rel="alternate" href="https://evil.example/">') == [
        (1, 1, '<link rel="alternate" href="https://evil.example/">: loads from another host (only files of this site)')
    ]
    assert found("index.html", '<pre class="x mermaid">graph TD; A--&gt;B</pre>') == [
        (1, 1, '<pre class="mermaid">: Material loads a script from another host to draw it')
    ]
    # data-preview makes Material copy the part of another page an address names into this one, as HTML: a data
    # script's text is that part's markup. Material's data attributes are refused, and markup in a data script.
    assert found("a/index.html", '<a href="../b/#p" data-preview>b</a>') == [
        (1, 1, '<a data-preview="">: an attribute the publish gate does not know')
    ]
    assert found("b/index.html", '<script type="application/ld+json" id="p"><img src=x onerror=alert(1)></script>') == [
        (1, 1, "<script>: markup in a data script's text (a script copying it into a page builds it)")
    ]


def test_the_bundled_themes_scripts_are_trusted_as_recorded_not_as_found() -> None:
    # In a checkout of levelup the bundled content's theme/ is the bundled theme: a script added there is the
    # contributor's, not levelup's. The gate trusts the bytes recorded by tests/update_golden.py.
    found = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (TOOL_THEME / "assets").rglob("*.js")}
    assert found == known_scripts.THEME_FILES, "run python tests/update_golden.py and review the diff"
    assert shipped_scripts() >= known_scripts.THEME_FILES
    assert hashlib.sha256(b"alert(1)\n").hexdigest() not in shipped_scripts()


def test_a_script_file_is_a_js_file(tmp_path: Path) -> None:
    # A page's verdict is kept while its neighbours keep their bytes, pages and pictures aside: a script loaded
    # from a picture's name could change under a kept verdict.
    edition = tmp_path / "2022"
    edition.mkdir()
    (edition / "x.svg").write_bytes((TOOL_THEME / "assets/explore.js").read_bytes())
    (edition / "x.js").write_bytes((TOOL_THEME / "assets/explore.js").read_bytes())
    page = '<script src="x.svg"></script><script src="x.js"></script>'
    assert found("index.html", page, edition, "/2022/") == [
        (1, 1, '<script src="x.svg">: not a script Material or the bundled theme ships')
    ]


def test_the_content_security_policy_names_only_scripts_the_gate_knows(tmp_path: Path) -> None:
    # The pages' scripts are found by regular expression for the policy, which also finds one written in a
    # title: a contributor's theme could have the policy allow any script it names so.
    root = tmp_path / "project"
    shutil.copytree(VALID, root, ignore=shutil.ignore_patterns(".cache", ".build"))
    theme = shutil.copytree(TOOL_THEME, root / "theme")
    main_html = theme / "overrides/main.html"
    main_html.write_text(
        main_html.read_text(encoding="utf-8").replace(
            "{% block extrahead %}",
            '{% block extrahead %}\n  <meta name="x" content="<script>alert(document.domain)</script>">',
        ),
        encoding="utf-8",
    )
    relock(root)
    assert main(["build", "--root", str(root)]) == 0
    policy = (root / "site/_headers").read_text(encoding="utf-8")
    assert "<script>alert" in (root / "site/2022/index.html").read_text(encoding="utf-8")
    assert script_hash("alert(document.domain)") not in policy
    assert policy.count("'sha256-") >= len(known_scripts.INLINE)


def test_a_tag_the_parser_gives_up_on_mid_page_is_refused() -> None:
    # The parser hands '<x' over as text where a character it does not expect follows a tag's name (NUL, which
    # the gate refuses first in a file); the check of what it hands over does not wait for the end of the text.
    page = _Markup(_Folder(Path(os.devnull), "/"), "index.html", "<x\x00 onfocus=alert(1)>", xml=False)
    page.feed(page.text)
    assert [f.what for f in page.found] == ["'<x': markup the gate cannot read as a browser would"]


def test_a_quoted_value_over_several_lines_is_read_as_a_browser_reads_it() -> None:
    # Read alone, the first line's tag would end at its '>' with an empty value; the page goes on to the quote.
    assert found("index.html", '<p title= "x>\n" onclick="alert(1)">hi</p>\n') == [
        (1, 1, '<p onclick="alert(1)">: an event handler attribute (it runs script)')
    ]


def test_css_and_settings_nested_too_deep_to_walk_are_refused_not_an_internal_error() -> None:
    deep = "(" * 3000 + "url(a.png)" + ")" * 3000
    assert found("assets/extra.css", f"a{{b:{deep}}}") == [(1, 1, "CSS nested deeper than the publish gate reads")]
    assert found("index.html", f'<p style="b:{deep}">') == [
        (1, 1, "<p style>: CSS nested deeper than the publish gate reads")
    ]
    config = '<script id="__config" type="application/json">' + "[" * 100_000 + "]" * 100_000 + "</script>"
    assert found("index.html", config) == [(1, 1, '<script id="__config">: Material\'s settings are not JSON')]


def test_the_gate_refuses_all_the_independent_scan_finds() -> None:
    from test_site_scan import scan

    hostile = [
        '<p onclick="x">a</p>',
        '<a href="jav&#x09;ascript:alert(1)">b</a>',
        '<img src="https://evil.example/t.png">',
        '<img src="a.png" srcset="//evil.example/t.png 2x">',
        '<link rel="stylesheet" href="https://evil.example/x.css">',
        '<div style="background:url(https://evil.example/t.png)"></div>',
        '<style>@import "https://evil.example/y.css";</style>',
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
        '<base href="https://evil.example/">',
    ]
    for markup in hostile:
        assert scan(markup), markup
        assert found("index.html", markup), markup


def test_a_staged_site_that_cannot_be_read_is_an_output_error_not_a_problem_of_the_content(tmp_path: Path) -> None:
    with pytest.raises(
        OutputError, match=r"the built site in .*/gone could not be read .*; .*/site was left as it was"
    ):
        gate(
            staged=tmp_path / "gone",
            site=tmp_path / "site",
            root=tmp_path,
            editions=[2022],
            top=[],
            site_url="https://audit.example.org/",
            theme=Theme({}, {}, {}, {}),
            pages=lambda year: {},
        )


# ------------------------------------------------------------------------------------ the bundled site's scripts


@pytest.mark.slow
def test_every_inline_script_of_the_bundled_site_is_known() -> None:
    from update_golden import bundled_inline_scripts

    recorded = bundled_inline_scripts()
    assert len(recorded) >= 3  # Material's scope and palette scripts, and its tab target: the gate saw them
    missing = recorded - known_scripts.INLINE
    assert not missing, (
        f"the bundled site has {len(missing)} inline script(s) generator/render/known_scripts.py lacks: "
        "run python tests/update_golden.py and review the diff"
    )


# --------------------------------------------------------------------------- end to end: the hostile reproductions


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid fixture, built: the site a hostile build must leave as it is."""
    root = tmp_path_factory.mktemp("published") / "project"
    shutil.copytree(VALID, root)
    assert main(["build", "--root", str(root)]) == 0
    return root


def _copy(published: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(published, root, ignore=shutil.ignore_patterns(".cache", ".build"))
    return root


def _refused(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Build root, which must fail as a render error does and leave its site as it was; the error lines."""
    before = tree(root / "site")
    capsys.readouterr()
    assert main(["build", "--root", str(root)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert tree(root / "site") == before
    assert out[-1].endswith("error(s); nothing was written.")
    return [line for line in out if ": error: " in line]


def _line(lines: list[str], pattern: str) -> str:
    """The one error line matching pattern whole (its position and the count of other files aside)."""
    matching = [line for line in lines if re.fullmatch(pattern, line)]
    assert len(matching) == 1, (pattern, lines)
    return matching[0]


AT = r":\d+:\d+: error: "
ALSO = r"(; also in \d+ other files)?"


@pytest.mark.slow
def test_a_content_trees_own_theme_and_labels_cannot_publish_script_or_outside_requests(
    published: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _copy(published, tmp_path)
    theme = shutil.copytree(TOOL_THEME, root / "theme")
    main_html = theme / "overrides/main.html"
    main_html.write_text(
        main_html.read_text(encoding="utf-8").replace(
            "{% block extrahead %}",
            "{% block extrahead %}\n"
            '  <script src="https://cdn.example/a.js"></script>\n'
            "  <script>location='https://evil.example'</script>\n"
            '  <link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
        ),
        encoding="utf-8",
    )
    extra = theme / "assets/extra.css"
    extra.write_text(
        "@import 'https://fonts.googleapis.com/css2?family=Inter';\n"
        + extra.read_text(encoding="utf-8")
        + "\nbody{background:url(https://tracker.example/bg.png)}\n",
        encoding="utf-8",
    )
    (theme / "assets/evil.js").write_text("alert(1)\n", encoding="utf-8")
    (theme / "assets/logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n', encoding="utf-8"
    )
    # Labels printed raw into pages, with the labels' own markup check (theme._check_markup) switched off.
    monkeypatch.setattr(theme_module, "_check_markup", lambda doc, schema: iter(()))
    labels = theme / "labels.yml"
    labels.write_text(
        labels.read_text(encoding="utf-8")
        .replace("  active: Active\n", '  active: "Active<img src=x onerror=alert(1)>"\n')
        .replace("  planned: Planned\n", "  planned: 'Planned <img src=\"https://tracker.example/p.gif\">'\n"),
        encoding="utf-8",
    )
    # Two partners, each harmless alone, joined on one line by a template that prints them as they are.
    template = theme / "templates/initiative.md.j2"
    template.write_text(
        template.read_text(encoding="utf-8").replace("i.partners | map('plain') | join", "i.partners | join"),
        encoding="utf-8",
    )
    page = root / "initiatives/2022/03-good-jobs/job-fairs.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "source: Exampleshire", 'partners: ["*Acme*{", "onclick=alert(1)}"]\nsource: Exampleshire'
        ),
        encoding="utf-8",
    )
    lines = _refused(root, capsys)
    # Six in each edition, the partners' handler, and the override's three, each once at its line in the theme.
    assert len(lines) == 17, lines
    other, css = re.escape(OTHER), re.escape(CSS)
    reaches = r" \(remove it from the theme; written here, it is in 40 built files, the first site/2021/404\.html:\d+\)"
    _line(
        lines, rf'theme/overrides/main\.html:11:3: error: <script src="https://cdn\.example/a\.js">: {other}{reaches}'
    )
    _line(
        lines,
        r"theme/overrides/main\.html:12:3: error: <script>location='https://evil\.example'</script>: an inline script "
        rf"Material and the bundled theme do not make{reaches}",
    )
    _line(
        lines,
        r'theme/overrides/main\.html:13:3: error: <link rel="stylesheet" href="https://fonts\.googleapis\.com/css\?'
        rf'family=Roboto">: {other}{reaches}',
    )
    for year in ("2021", "2022"):
        site = f"site/{year}/"
        _line(
            lines,
            rf"{site}assets/extra\.css{AT}@import 'https://fonts\.googleapis\.com/css2\?family=Inter': {css} "
            r"\(from theme/assets/extra\.css\)",
        )
        _line(
            lines,
            rf"{site}assets/extra\.css{AT}url\('https://tracker\.example/bg\.png'\): {css} "
            r"\(from theme/assets/extra\.css\)",
        )
        unshipped = "a script file that Material and the bundled theme do not ship"
        assert f"{site}assets/evil.js:1:1: error: {unshipped} (from theme/assets/evil.js)" in lines
        assert (
            f"{site}assets/logo.svg:1:41: error: <script>: script in an SVG or XML file (from theme/assets/logo.svg)"
            in lines
        )
        _line(
            lines,
            rf'{site}.*\.html{AT}<img onerror="alert\(1\)">: an event handler attribute \(it runs script\){ALSO}.*',
        )
        _line(lines, rf'{site}.*\.html{AT}<img src="https://tracker\.example/p\.gif">: {other}{ALSO}.*')
    _line(
        lines,
        rf'site/2022/initiatives/job-fairs/index\.html{AT}<em onclick="alert\(1\)">: an event handler attribute '
        r"\(it runs script\) \(page made from initiatives/2022/03-good-jobs/job-fairs\.md\)",
    )


@pytest.mark.slow
def test_content_that_passed_its_checks_alone_cannot_publish_script_or_outside_requests(
    published: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _copy(published, tmp_path)
    # The fixes at the sources switched off, as the review found them: a link path with a part that reads as a scheme
    # is allowed (sanitise.value_problem), and moving a body may lose the ./ before it (paths._relative).
    checked = sanitise.value_problem
    monkeypatch.setattr(
        sanitise,
        "value_problem",
        lambda tag, attr, value: None if "javascript:" in value else checked(tag, attr, value),
    )

    def relative(target: str, folder: str) -> str:
        out = posixpath.relpath(target or ".", folder or ".")
        return "" if out == "." else out

    monkeypatch.setattr(paths, "_relative", relative)
    # ./javascript:alert(1) leads to no page: the body's link check (site/links.py) would stop the build first.
    monkeypatch.setattr(build_module, "link_problems", lambda project, theme: [])
    # site_url with an empty folder (site.yml's schema now refuses it), as if validation had let it through.
    read = build_module.read_project

    def read_project(*args: object, **kwargs: object) -> object:
        project, warnings = read(*args, **kwargs)  # type: ignore[arg-type]
        site = dataclasses.replace(project.site, site_url="https://audit.example.org//tracker.example/")
        return dataclasses.replace(project, site=site), warnings

    monkeypatch.setattr(build_module, "read_project", read_project)
    page = root / "initiatives/2022/03-good-jobs/job-fairs.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [the plan](./javascript:alert(1)).\n", encoding="utf-8")
    lines = _refused(root, capsys)
    # The 404 pages (built from site_url) load everything from the other host; nothing else is refused.
    assert all("//tracker.example/" in line or "javascript:" in line for line in lines), lines
    _line(
        lines,
        rf'site/2022/initiatives/job-fairs/index\.html{AT}<a href="javascript:alert\(1\)">: a link to a '
        r"'javascript:' address \(only http, https, mailto or tel\) "
        r"\(page made from initiatives/2022/03-good-jobs/job-fairs\.md\)",
    )
    other = re.escape(OTHER)
    for year in ("2021", "2022"):
        _line(
            lines,
            rf'site/{year}/404\.html{AT}<script src="//tracker\.example/{year}/assets/javascripts/bundle\.[0-9a-f]+\.'
            rf'min\.js">: {other}',
        )
        _line(
            lines,
            rf'site/{year}/404\.html{AT}<link rel="stylesheet" href="//tracker\.example/{year}/assets/stylesheets/'
            rf'main\.[0-9a-f]+\.min\.css">: {other}',
        )
        base = f'<script id="__config">: "base": "//tracker.example/{year}/" is not the way to this edition\'s folder'
        _line(lines, rf"site/{year}/404\.html{AT}{re.escape(base)}")
    _line(lines, rf'site/404\.html{AT}<form action="//tracker\.example/2021/">: {other}')


def test_a_page_passed_before_with_the_same_bytes_place_and_folder_is_not_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.render import gate as gating

    folder = tmp_path / "2025"
    (folder / "goals").mkdir(parents=True)
    page = folder / "goals" / "index.html"
    page.write_text(PROLOG + '<p class="x">A page</p>\n', encoding="utf-8")
    first = gating.Verdicts()
    assert gating.folder_findings(folder=folder, prefix="/2025/", verdicts=first) == [] and len(first.passed) == 1
    parsed: list[str] = []
    real = gating._Folder.checked
    monkeypatch.setattr(gating._Folder, "checked", lambda self, rel, *a: parsed.append(rel) or real(self, rel, *a))
    again = gating.Verdicts(frozenset(first.passed))
    assert gating.folder_findings(folder=folder, prefix="/2025/", verdicts=again) == [] and parsed == []
    assert again.passed == first.passed  # kept for the build after
    # Another place, another folder (a file a page could load), other bytes: each is checked afresh.
    assert gating.folder_findings(folder=folder, prefix="/2022/", verdicts=again) == [] and parsed == [
        "goals/index.html"
    ]
    (folder / "extra.css").write_text("p{color:red}", encoding="utf-8")
    parsed.clear()
    gating.folder_findings(folder=folder, prefix="/2025/", verdicts=again)
    assert parsed == ["extra.css", "goals/index.html"]
    # Other scripts known (a new Material, the bundled theme's scripts changed): checked afresh.
    known = gating.Verdicts(frozenset(again.passed))
    parsed.clear()
    monkeypatch.setattr(known_scripts, "INLINE", known_scripts.INLINE | {"0" * 64})
    gating.folder_findings(folder=folder, prefix="/2025/", verdicts=known)
    assert parsed == ["goals/index.html"]  # a stylesheet's findings depend on its bytes alone: passed before
    page.write_text(PROLOG + '<p class="x" onclick="alert(1)">A page</p>\n', encoding="utf-8")
    found = gating.folder_findings(folder=folder, prefix="/2025/", verdicts=again)
    assert [f.what for f in found] == ['<p onclick="alert(1)">: an event handler attribute (it runs script)']


def test_a_stylesheet_passed_before_is_not_parsed_again_anywhere_until_a_byte_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Material's 70 KB stylesheet is the same in every edition and every build: read once (0.05 s a build)."""
    from generator.render import gate as gating

    for year in ("2022", "2025"):
        (tmp_path / year).mkdir()
        (tmp_path / year / "main.css").write_text("p{background:url(a.png)}", encoding="utf-8")
    first = gating.Verdicts()
    assert gating.folder_findings(folder=tmp_path / "2022", prefix="/2022/", verdicts=first) == []
    parsed: list[str] = []
    real = gating._Folder.checked
    monkeypatch.setattr(gating._Folder, "checked", lambda self, rel, *a: parsed.append(rel) or real(self, rel, *a))
    known = gating.Verdicts(frozenset(first.passed))
    assert gating.folder_findings(folder=tmp_path / "2025", prefix="/2025/", verdicts=known) == [] and parsed == []
    (tmp_path / "2025" / "main.css").write_text("p{background:url(//tracker.example/a.png)}", encoding="utf-8")
    found = gating.folder_findings(folder=tmp_path / "2025", prefix="/2025/", verdicts=known)
    assert parsed == ["main.css"] and [(f.file, f.line) for f in found] == [("main.css", 1)]
    assert len(known.passed) == 1  # the refused bytes are not remembered


# ------------------------------------------------ a second hostile review: where the gate read otherwise than a browser


def test_an_attribute_given_twice_is_refused_as_a_browser_keeps_the_first() -> None:
    # The checks read the last of two attributes of one name; a browser keeps the first.
    page = (
        '<script type="text/javascript" type="application/json">document.title="x"</script>\n'
        '<script src="assets/x.txt" src="assets/search-on-demand.js"></script>\n'
        '<link rel="stylesheet" rel="canonical" href="https://evil.example/x.css">\n'
        '<meta http-equiv="refresh" http-equiv="content-type" content="4;url=https://evil.example/">'
    )
    twice = [what for _, _, what in found("a/index.html", page) if "given twice" in what]
    assert twice == [
        "<script type>: an attribute given twice (a browser keeps the first)",
        "<script src>: an attribute given twice (a browser keeps the first)",
        "<link rel>: an attribute given twice (a browser keeps the first)",
        "<meta http-equiv>: an attribute given twice (a browser keeps the first)",
    ]


def test_a_file_a_browser_would_read_in_another_encoding_is_refused(tmp_path: Path) -> None:
    from generator.render.gate import _Folder

    folder = _Folder(tmp_path, "/")
    utf16 = b"\xff\xfe" + '<script>document.title="x"</script>'.encode("utf-16-le")
    for name in ("assets/page.html", "assets/s.css", "assets/d.svg"):
        assert [f.what for f in folder.findings(name, utf16)] == ["not UTF-8 (byte 1): a browser may read it otherwise"]
    assert folder.findings("a.css", "\ufeffp{color:red}".encode()) == []  # a UTF-8 byte-order mark is UTF-8
    assert [w for _, _, w in found("s.css", '@charset "iso-2022-jp";\np{}')] == [
        "@charset 'iso-2022-jp': a stylesheet in another encoding than UTF-8"
    ]
    assert found("s.css", '@charset "UTF-8";\np{}') == []
    page = '<meta charset="iso-2022-jp"><meta http-equiv="content-type" content="text/html; charset=shift_jis">'
    assert [w for _, _, w in found("index.html", page)] == [
        '<meta charset="iso-2022-jp">: a page in another encoding than UTF-8',
        '<meta content="text/html; charset=shift_jis">: a page in another encoding than UTF-8',
    ]
    assert found("index.html", '<meta charset="utf-8">') == []


def test_a_style_in_svg_may_not_hide_an_address_in_character_references() -> None:
    # In SVG a browser decodes &#47; in a <style>'s text; the parser does not.
    payload = '<style>@import "&#47;&#47;evil.example/s.css";</style>'
    refused = "<style>: '&' in its text (in SVG a browser reads it as the start of a character)"
    assert refused in [w for _, _, w in found("index.html", f'<svg width="0">{payload}</svg>')]
    assert refused in [
        w for _, _, w in found("charts/a.svg", f'<svg xmlns="http://www.w3.org/2000/svg">{payload}</svg>')
    ]
    assert refused not in [w for _, _, w in found("index.html", f"<svg></svg>{payload}")]


def test_a_custom_property_may_not_carry_another_hosts_address_to_where_it_is_used() -> None:
    page = (
        "<div style='--a:\"https://evil.example/v.png\"'></div><style>div{background-image:image-set(var(--a))}</style>"
    )
    assert any("evil.example" in w for _, _, w in found("index.html", page))
    assert any("evil.example" in w for _, _, w in found("s.css", ':root{--a:"//evil.example/v.png"}'))


def _index(docs: object) -> list[str]:
    return [what for _, _, what in found("search/search_index.json", json.dumps({"config": {}, "docs": docs}))]


def test_the_search_index_holds_only_the_bare_tags_materials_search_keeps() -> None:
    """Material's search shows each entry's title and text as HTML: the gate reads them as it reads pages."""
    kept = "<p>Essex &amp; Harlow &lt;b&gt;</p><ul><li><code>x</code></li></ul><pre>y</pre><sub>2</sub><sup>3</sup>"
    assert _index([{"location": "goals/early-years/#a", "title": "Goals &lt;1&gt;", "text": kept}]) == []
    assert _index([{"location": "", "title": "", "text": ""}, {"location": "#x", "title": "T"}]) == []
    found = _index(
        [
            {"location": "a/", "title": "T", "text": "<p>x</p><img src=x onerror=alert(1)>"},
            {"location": "b/", "title": '<p class="x">T</p>', "text": ""},
            {"location": "c/", "title": "T", "text": "<script>alert(1)</script>"},
            {"location": "d/", "title": ["T"], "text": ""},
        ]
    )
    shows = "(the search shows it as HTML: only bare <p>, <code>, <pre>, lists)"
    assert found == [
        f"a search entry of 'a/' whose text holds '<img src=x onerror=alert(1)>' {shows}",
        f"a search entry of 'b/' whose title holds '<p class=\"x\">T</p>' {shows}",
        f"a search entry of 'c/' whose text holds '<script>alert(1)</script>' {shows}",
        f"a search entry of 'd/' whose title holds '['T']' {shows}",
    ]


@pytest.mark.parametrize(
    "location", ["javascript:alert(1)", "https://evil.example/", "//evil.example/x", "java\tscript:x", 7]
)
def test_a_search_entry_leads_only_to_this_site(location: object) -> None:
    assert _index([{"location": location, "title": "T", "text": ""}]) == [
        f"a search entry leading to '{location}' (only this site)"
    ]


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("{", "a search index that is not JSON"),
        ('"\\ud800"', "a search index without a list of entries"),
        ('{"docs": {}}', "a search index without a list of entries"),
        ('{"docs": ["x"]}', "a search index without a list of entries"),
        ("[" * 100000, "a search index that is not JSON"),
    ],
)
def test_a_search_index_that_cannot_be_read_is_refused(text: str, what: str) -> None:
    assert [w for _, _, w in found("search/search_index.json", text)] == [what]
    assert found("data/search_index.json", text) == []  # another JSON file is inert
