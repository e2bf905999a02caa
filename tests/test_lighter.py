"""What the build does to make pages lighter: Material's stylesheets cut to the rules the pages can use (an allowlist
read from the pages and their scripts), the theme's indentation taken out of each page, and the theme's own
stylesheets published without comments."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import tinycss2
from conftest import REPO

from generator.render.compact import compact
from generator.render.css_prune import Vocabulary, prune, prune_sheets
from generator.render.finish import finished_files
from generator.render.scripts import inline_scripts
from generator.render.stylesheets import vocabulary
from generator.site.minify import minified_css
from generator.write import write_each


def vocab(
    classes: str = "", ids: str = "", elements: str = "html body div", values: str = "", **extra: object
) -> Vocabulary:
    return Vocabulary(
        frozenset(classes.split()), frozenset(ids.split()), frozenset(elements.split()), frozenset(values.split()),
        **extra,  # type: ignore[arg-type]
    )  # fmt: skip


@pytest.mark.parametrize(
    ("css", "kept"),
    [
        (".a{color:red}", True),
        (".zz{color:red}", False),
        (".a .zz{color:red}", False),  # every class of a selector must occur
        (".a.zz{color:red}", False),
        ("div>.a{color:red}", True),
        ("table .a{color:red}", False),  # an element no page has
        ("#main{color:red}", True),
        ("#nope{color:red}", False),
        (".a:not(.zz){color:red}", True),  # what :not() names may be absent
        (":is(.zz,.a) p{color:red}", False),  # p is in no page
        (":is(.zz,.a) div{color:red}", True),  # one alternative of :is() is enough
        (":where(.zz,.yy){color:red}", False),
        (".a:has(>.zz){color:red}", False),
        (".a:has(> .b){color:red}", True),
        ("[data-x=on]{color:red}", True),
        ("[data-x=off]{color:red}", False),
        ('[data-x="off" i]{color:red}', True),  # case-insensitive: kept rather than compared
        ("[data-x^=o]{color:red}", True),  # prefix and other matches: kept
        ("[data-x]{color:red}", True),  # an attribute alone needs nothing: scripts and the browser set them
        ("[data-x~=two]{color:red}", True),
        ("[data-x~=three]{color:red}", False),
        ('.a::before{content:""}', True),
        ("::selection{color:red}", True),
        ("*{box-sizing:border-box}", True),
        (":root{--x:1}", True),
        ("svg|div{color:red}", True),  # a namespaced type
        ("svg|p{color:red}", False),
        (".tag--kind{color:red}", True),  # a start a script completes ("tag--" + a kind)
    ],
)
def test_a_rule_stays_only_if_what_its_selector_needs_can_occur(css: str, kept: bool) -> None:
    words = vocab("a b tag--", "main", values="on one two", prefixes=("tag--",))
    assert prune(css, words) == (css if kept else "")


def test_a_selector_list_loses_the_selectors_that_cannot_match() -> None:
    assert prune(".a,.zz,.b{color:red}", vocab("a b")) == ".a,.b{color:red}"
    # A list with a vendor prefix stays whole: a browser that finds one selector invalid ignores the whole rule,
    # and taking out another selector must not make that rule apply.
    assert prune(".a::-moz-selection,.zz{color:red}", vocab("a")) == ".a::-moz-selection,.zz{color:red}"


def test_groups_are_cut_inside_and_go_when_empty_other_at_rules_stay() -> None:
    css = (
        "@media screen{.a{color:red}.zz{color:blue}}@media print{.zz{color:red}}"
        "@supports (display:grid){.zz{display:grid}}@keyframes spin{to{transform:rotate(1turn)}}"
        "@font-face{font-family:x;src:url(x.woff2)}@page{margin:1cm}"
    )
    assert prune(css, vocab("a")) == (
        "@media screen{.a{color:red}}@keyframes spin{to{transform:rotate(1turn)}}"
        "@font-face{font-family:x;src:url(x.woff2)}@page{margin:1cm}"
    )


def test_what_this_module_cannot_read_is_kept_and_a_broken_rule_goes_as_in_a_browser() -> None:
    assert prune(".a{color:red}(.zz) .zz{color:red}", vocab("a")) == ".a{color:red}(.zz) .zz{color:red}"
    assert prune(".a{color:red}}.b{color:blue}", vocab("a b")).startswith(".a{color:red}")


def test_dir_and_lang_values_come_from_the_pages_only() -> None:
    words = vocab("a", values="rtl ltr", page_only={"dir": frozenset({"ltr"})})
    assert prune("[dir=ltr] .a{float:left}", words) == "[dir=ltr] .a{float:left}"
    assert prune("[dir=rtl] .a{float:right}", words) == ""
    # Any other attribute's value may come from a script's strings.
    assert prune("[data-state=rtl] .a{x:y}", words) == "[data-state=rtl] .a{x:y}"


def test_custom_properties_nothing_uses_go_until_none_is_left() -> None:
    sheets = {
        "main.css": ":root{--used:1px;--chain:var(--deep);--deep:2px;--dead:var(--dead-too);--dead-too:3px}"
        ".a{margin:var(--used);padding:var(--chain)}.zz{margin:var(--dead)}",
        "palette.css": ":root{--from-js:1;--named-elsewhere:2;--only-here:3}",
    }
    words = vocab("a", properties=frozenset({"--from-js", "--named-elsewhere"}))
    assert prune_sheets(sheets, words) == {
        "main.css": ":root{--used:1px;--chain:var(--deep);--deep:2px}.a{margin:var(--used);padding:var(--chain)}",
        "palette.css": ":root{--from-js:1;--named-elsewhere:2}",
    }


def test_the_vocabulary_is_read_from_every_tag_and_every_script() -> None:
    pages = [
        '<!doctype html><html lang="en" dir="ltr"><body><div class="a  b&#45;c" id="top" data-x="x > y">'
        "<svg><foreignObject/></svg>"
        '<script>el.classList.add("from-inline")</script></div>',
        "<table><tr><td class='single'>1</td></tr></table>",
    ]
    words = vocabulary(pages, ['x("aside",{class:"md-tag--"+kind}); const s = "open now";'], [".x{y:var(--css)}"])
    assert {"a", "b-c", "single", "from-inline", "aside"} <= words.classes
    assert {"html", "body", "div", "svg", "foreignobject", "table", "tbody", "td"} <= words.elements
    assert "top" in words.ids
    assert {"x > y", "open now", "en", "ltr"} <= words.values
    assert words.has_class("md-tag--warning")
    assert words.page_only == {"dir": frozenset({"ltr"}), "lang": frozenset({"en"})}
    assert "--css" in words.properties


def test_material_never_sets_the_attributes_taken_from_the_pages_only() -> None:
    # page_only rests on this: were Material's script to set dir or lang, their values could come from it.
    bundle = next((resources.files("material") / "templates/assets/javascripts").glob("bundle.*.min.js"))  # type: ignore[attr-defined]
    script = bundle.read_text(encoding="utf-8")
    for name in ("dir", "lang"):
        uses = {m.group(0) for m in re.finditer(rf'.{{0,14}}\b{name}\b["\']?.{{0,3}}', script)}
        setting = {u for u in uses if re.search(rf"setAttribute\(\W{name}|\.{name}\s*=[^=]|{name}\W?:", u)}
        assert not setting, setting


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("<nav>\n    <ul>\n\n      <li>x</li>\n    </ul>\n</nav>", "<nav>\n<ul>\n<li>x</li>\n</ul>\n</nav>"),
        ("<p>a  b</p>", "<p>a  b</p>"),  # runs without a line break stay: the content's own spacing
        ('<a title="one\n   two">x</a>', '<a title="one\n   two">x</a>'),  # attribute values are left alone
        ("<div>\n <pre>a\n\n   b</pre>\n</div>", "<div>\n<pre>a\n\n   b</pre>\n</div>"),
        ("<p>\n<code>a\n   b</code>\n</p>", "<p>\n<code>a\n   b</code>\n</p>"),
        ("<x>\n <textarea>\n  t</textarea></x>", "<x>\n<textarea>\n  t</textarea></x>"),
        ("<i>\n  <article>\n <p>x\n y</p>\n </article>\n</i>", "<i>\n<article>\n <p>x\n y</p>\n </article>\n</i>"),
        ("<script>\n  var a = `\n  x`;\n</script>\n  <b>", "<script>\n  var a = `\n  x`;\n</script>\n<b>"),
        ("<p>a\u00a0\n\u00a0b</p>", "<p>a\u00a0\n\u00a0b</p>"),  # a no-break space is not white space in HTML
    ],
)
def test_compact_takes_out_indentation_only_where_a_browser_ignores_it(page: str, expected: str) -> None:
    assert compact(page) == expected


def test_furniture_shared_by_pages_is_compacted_once() -> None:
    # The head and the footer recur on every page of an edition: each distinct run of them is compacted once.
    from generator.render.compact import _RECURRING, _collapse_recurring

    head, foot = "<head>\n  <meta a>\n</head>\n  ", "\n  <footer>\n    x\n  </footer>\n"
    pages = [f"{head}<article>\n  page {n}\n</article>{foot}" for n in range(3)]
    _collapse_recurring.cache_clear()
    assert [compact(p) for p in pages] == [
        f"<head>\n<meta a>\n</head>\n<article>\n  page {n}\n</article>\n<footer>\nx\n</footer>\n" for n in range(3)
    ]
    assert (_collapse_recurring.cache_info().misses, _collapse_recurring.cache_info().hits) == (2, 4)
    # A long text (a page's own table of contents) is compacted without being kept.
    long = "<nav>\n  " + "<a>x</a>\n  " * _RECURRING + "</nav>"
    assert compact(long) == "<nav>\n" + "<a>x</a>\n" * _RECURRING + "</nav>"
    assert _collapse_recurring.cache_info().currsize == 2


def test_a_tag_left_open_costs_one_pass() -> None:
    # Splitting an unclosed tag's text every possible way took 15 s at 24 characters (catastrophic backtracking).
    page = '<p>\n <a title="x" ' + "b" * 100_000 + '"\n'
    assert compact(page) == '<p>\n<a title="x" ' + "b" * 100_000 + '"\n'
    assert "a" not in vocabulary([page], []).elements


def test_an_edition_without_materials_stylesheets_only_gets_compact_pages(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text("<nav>\n  <p>x</p>\n</nav>\n", encoding="utf-8")
    (tmp_path / "b.html").write_bytes(b"<p>\n  \xff</p>")  # not UTF-8: left as it is
    (tmp_path / "c.html").write_text("<p>x</p>", encoding="utf-8")
    assert dict(finished_files(tmp_path)) == {"a/index.html": "<nav>\n<p>x</p>\n</nav>\n"}


def test_finishing_gathers_the_inline_scripts_that_reading_the_finished_pages_finds(tmp_path: Path) -> None:
    edition = tmp_path / "2025"
    (edition / "a").mkdir(parents=True)
    (edition / "index.html").write_text(
        "<head>\n  <script>top()</script>\n</head>\n<article><script>content()</script></article>\n"
        '<script src="x.js"></script><script type="application/json">{"data": 1}</script>',
        encoding="utf-8",
    )
    (edition / "a/index.html").write_text("<body>\n  <script>\n  deeper()\n  </script>\n</body>", encoding="utf-8")
    (edition / "b.html").write_bytes(b"<p>\n  \xff</p><script>undecoded()</script>")  # not UTF-8: left as it is
    (tmp_path / "index.html").write_text("<script>redirect()</script>", encoding="utf-8")
    scripts: set[str] = set()
    write_each(edition, finished_files(edition, scripts=scripts))
    assert scripts == {"top()", "\n  deeper()\n  ", "undecoded()"} == inline_scripts(edition)
    # The pages beside the edition's folder are read; the edition's, gathered as they were finished, are not.
    assert inline_scripts(tmp_path, [edition]) == {"redirect()"}
    assert inline_scripts(tmp_path) == scripts | {"redirect()"}
    assert inline_scripts(tmp_path / "gone") == set()  # removed meanwhile: the completeness check names it


def test_finished_pages_come_one_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edition of 100 times the bundled content is about 400 MB of pages: finishing holds one at a time."""
    import generator.render.finish as finish

    for n in range(5):
        (tmp_path / f"{n}.html").write_text(f"<nav>\n  <p>{n}</p>\n</nav>\n", encoding="utf-8")
    compacted: list[int] = []
    monkeypatch.setattr(finish, "compact", lambda text: compacted.append(len(text)) or text.replace("  ", ""))
    files = finished_files(tmp_path)
    assert next(files) == ("0.html", "<nav>\n<p>0</p>\n</nav>\n") and len(compacted) == 1
    assert [name for name, _ in files] == ["1.html", "2.html", "3.html", "4.html"] and len(compacted) == 5


def test_materials_stylesheets_are_cut_to_the_pages_and_the_scripts_they_load(tmp_path: Path) -> None:
    sheets = tmp_path / "assets/stylesheets"
    sheets.mkdir(parents=True)
    (sheets / "main.css").write_text(".a{x:y}.from-script{x:y}.unused{x:y}.ours{x:var(--kept)}:root{--kept:1}")
    (tmp_path / "assets/app.js").write_text('el.classList.add("from-script")')
    (tmp_path / "assets/extra.css").write_text(".unused-too{x:y}")  # not Material's: left whole
    (tmp_path / "index.html").write_text('<div class="a ours"></div><script src="assets/app.js"></script>')
    files = dict(finished_files(tmp_path))
    assert files == {"assets/stylesheets/main.css": ".a{x:y}.from-script{x:y}.ours{x:var(--kept)}:root{--kept:1}"}


def test_scripts_count_where_the_browser_finds_them_and_only_inside_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    sheets = site / "assets/stylesheets"
    sheets.mkdir(parents=True)
    rules = ".deep{x:y}.twice{x:y}.outside{x:y}.remote{x:y}.dots{x:y}"
    (sheets / "main.css").write_text(rules)
    (site / "assets/deep.js").write_text('add("deep")')
    (site / "assets/twice.js").write_text('add("twice")')
    (site / "assets/dots.js").write_text('add("dots")')
    (tmp_path / "outside.js").write_text('add("outside")')  # beside the site: never part of it
    (site / "a/b").mkdir(parents=True)
    (site / "a/b/index.html").write_text(
        '<script src="../../assets/deep.js"></script><script src="../../assets/twice.js"></script>'
        '<script src="../../../outside.js"></script><script src="https://cdn.example/assets/remote.js"></script>'
        '<script src="../../a/../assets/./dots.js"></script>'
    )
    (site / "a/index.html").write_text('<script src="../assets/twice.js"></script>')  # the same file, another path
    (site / "a/c").mkdir()
    (site / "a/c/loop.js").symlink_to("loop.js")  # a link to itself: no file, as for the browser
    # A NUL byte cannot name a file: the page is finished, not the build stopped by a traceback.
    (site / "a/c/index.html").write_text('<script src="../../assets/%00.js"></script><script src="loop.js"></script>')
    files = dict(finished_files(site))
    assert files["assets/stylesheets/main.css"] == ".deep{x:y}.twice{x:y}.dots{x:y}"


def test_the_bundled_materials_stylesheets_parse_and_keep_what_the_site_needs() -> None:
    css = next((resources.files("material") / "templates/assets/stylesheets").glob("main.*.min.css"))  # type: ignore[attr-defined]
    text = css.read_text(encoding="utf-8")
    words = vocab("md-header md-typeset", elements="html body header div p")
    cut = prune(text, words)
    assert len(cut) < len(text) / 3
    assert not [n for n in tinycss2.parse_stylesheet(cut, skip_whitespace=True) if n.type == "error"]
    assert ".md-header{" in cut and ".md-typeset " in cut
    assert ".md-tabs{" not in cut
    assert prune(text, words) == cut  # the same input, the same output


def _meaning(tokens: list[Any]) -> list[str]:
    """What a browser reads from CSS tokens: every token but comments, in its blocks, and a space wherever one
    separates two tokens (a descendant combinator, 'screen and'), but not beside ',', ';' or ':' or at a block's
    edge, where CSS ignores it."""
    out: list[str] = []
    tokens = [t for t in tokens if t.type != "comment"]
    for i, token in enumerate(tokens):
        if token.type == "whitespace":
            before, after = tokens[i - 1] if i else None, tokens[i + 1] if i + 1 < len(tokens) else None
            edge = before is None or after is None or "whitespace" in (before.type, after.type)
            tight = any(t is not None and t.type == "literal" and t.value in ",;:" for t in (before, after))
            if not edge and not tight and "{} block" not in (before.type, after.type):  # type: ignore[union-attr]
                out.append(" ")
        elif token.type in ("{} block", "() block", "[] block"):
            out += [token.type, *_meaning(token.content), "end"]
        elif token.type == "function":
            out += [f"{token.name}(", *_meaning(token.arguments), ")"]
        else:
            out.append(str(tinycss2.serialize([token])))
    return out


@pytest.mark.parametrize("name", ["extra.css", "explore.css"])
def test_the_themes_stylesheets_are_published_without_comments_and_mean_the_same(name: str) -> None:
    original = (REPO / "theme/assets" / name).read_bytes()
    published = minified_css(original)
    assert len(published) < 0.8 * len(original)
    assert b"/*" not in published and b"\n" not in published
    parse = tinycss2.parse_component_value_list
    assert _meaning(parse(published.decode())) == _meaning(parse(original.decode()))


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        ("a  >  b ,\n c { color: red ; margin : 0 1px }", "a > b,c{color:red;margin :0 1px}"),  # ' :' as in a selector
        (
            "@media screen and (min-width: 40em) {\n  .a { x: calc(1px + 2px) }\n}",
            "@media screen and (min-width:40em){.a{x:calc(1px + 2px)}}",
        ),
        (".a :hover, .b::after { content: ' /* kept */ ' } /* gone */", '.a :hover,.b::after{content:" /* kept */ "}'),
        ("a{b:c !important}", "a{b:c !important}"),
    ],
)
def test_minified_css_keeps_every_space_css_needs(css: str, expected: str) -> None:
    assert minified_css(css.encode()) == expected.encode()
    assert minified_css(b"\xff{}") == b"\xff{}"  # not UTF-8: left as it is
