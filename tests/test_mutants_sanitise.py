"""Tests that kill mutmut's surviving mutants of sanitise."""

from __future__ import annotations

import re

import pytest

from generator.content.enums import DocumentKind
from generator.content.html_check import check_document
from generator.content.read import Document
from generator.content.sanitise import (
    Finding,
    _as_html,
    _attribute_finding,
    _needles,
    _open_at,
    _read,
    findings,
    is_local,
    show,
    url_scheme,
    value_problem,
)
from generator.content.yamlspans import Spans


@pytest.mark.parametrize(
    ("html", "written", "read"),
    [
        ("<!DOCTYPE html><p>a</p>", "<!DOCTYPE html>", "nothing"),
        ("<?php echo 1 ?><p>a</p>", "<!php echo 1 ?>", "<!--?php echo 1 ?-->"),
        ("<![CDATA[x]]><p>a</p>", "<!CDATA[x>", "<!--[CDATA[x]]-->"),
    ],
)
def test_declarations_and_processing_instructions_are_refused(html: str, written: str, read: str) -> None:
    (finding,) = findings(html)
    assert finding.message == f"the sanitiser would rewrite '{written}' as '{read}'"
    assert finding.needles == ("<!",)


def test_show_cuts_long_text_and_makes_control_characters_visible() -> None:
    assert show("a" * 60) == "a" * 60
    assert show("a" * 61) == "a" * 59 + "…"
    assert show("abcdef", limit=4) == "abc…"
    assert show("x\x00\ty") == "x\\x00\\ty"


LINK_HINT = "links may go to https:// or mailto: addresses, or to pages of this site"
IMAGE_HINT = "save the image in the content folder and refer to it by a relative path"


@pytest.mark.parametrize(
    ("tag", "attr", "value", "problem"),
    [
        ("p", "id", "ok-1", None),
        (
            "p",
            "id",
            "a b",
            ("id 'a b' is not allowed", "use letters, digits and hyphens; ids starting __ are the site's"),
        ),
        (
            "p",
            "id",
            "__x",
            ("id '__x' is not allowed", "use letters, digits and hyphens; ids starting __ are the site's"),
        ),
        ("p", "id", "_x", None),
        ("p", "class", "a  b\t", None),
        ("p", "class", "a;b", ("class 'a;b' is not allowed", "class names are letters, digits and hyphens")),
        ("a", "href", "https://x", None),
        ("a", "href", "MAILTO:x@example.org", None),
        ("a", "href", "/local", None),
        ("a", "href", "ftp://x", ("a link to 'ftp://x' is not allowed", LINK_HINT)),
        ("p", "href", "ftp://x", None),  # only a link's href is a link
        ("img", "src", "x.png", None),
        (
            "img",
            "src",
            "http://h/x.png",
            (
                "image 'http://h/x.png' is on another host: loading it would tell that host who reads the page",
                IMAGE_HINT,
            ),
        ),
        (
            "img",
            "src",
            "//h/x.png",
            ("image '//h/x.png' is on another host: loading it would tell that host who reads the page", IMAGE_HINT),
        ),
        (
            "img",
            "src",
            "data:x",
            ("image address 'data:x' is not allowed: images must be files of this site", IMAGE_HINT),
        ),
        ("a", "src", "data:x", None),
        ("td", "style", "text-align: left;", None),
        ("th", "style", "text-align: center;", None),
        (
            "td",
            "style",
            "color: red",
            ("style 'color: red' is not allowed", "remove it: the site's stylesheet decides how content looks"),
        ),
        ("ol", "start", "3", None),
        (
            "ol",
            "start",
            "3a",
            ("list start '3a' is not a number", "start a numbered list with the number itself: 3. ..."),
        ),
        ("p", "title", "anything", None),
    ],
)
def test_each_value_rule(tag: str, attr: str, value: str, problem: tuple[str, str] | None) -> None:
    assert value_problem(tag, attr, value) == problem


@pytest.mark.parametrize(
    ("tag", "attr", "message", "hint"),
    [
        ("p", "onclick", "event attribute 'onclick' on <p> would run script", "remove it: content cannot run script"),
        ("img", "srcset", "'srcset' on <img> would load other images", "use one image: ![what it shows](file.png)"),
        ("p", "style", "'style' on <p> is not allowed", "remove it: the site's stylesheet decides the look"),
        (
            "p",
            "data-x",
            "attribute 'data-x' on <p> is not allowed",
            "remove it: content may set only id and class, e.g. {: #an-id .a-class } after a paragraph",
        ),
    ],
)
def test_each_attribute_outside_the_allowlist_is_explained(tag: str, attr: str, message: str, hint: str) -> None:
    finding = _attribute_finding(tag, attr, "x")
    assert finding == Finding(("attr", tag, attr), message, hint, (rf"(?i)(?<![\w:-]){re.escape(attr)}(?![\w-])",))


def test_a_refused_value_is_found_by_its_text_then_its_attribute_then_a_link() -> None:
    finding = _attribute_finding("img", "src", " " + "h" * 30 + ":x")
    assert finding is not None
    assert finding.key == ("value", "img", "src", " " + "h" * 30 + ":x")
    assert finding.needles == ("h" * 20, r"(?i)(?<![\w:-])src\s*=", r"\]\(")
    blank = _attribute_finding("a", "href", "\x01 ftp:x")
    assert blank is not None and blank.needles[0] == "ftp:x"
    assert _attribute_finding("p", "id", "ok") is None


def test_every_copy_of_an_attribute_is_checked_the_first_one_read() -> None:
    assert [f.message for f in findings("<b x=1 x=2>t</b>")] == ["attribute 'x' on <b> is not allowed"] * 2
    assert [f.message for f in findings('<p id=a id="b c">x</p>')] == ["id 'b c' is not allowed"]
    assert _read('<p id=a id="b c">x</p>').tokens == [("start", "p", "id=a"), ("text", "x"), ("end", "p")]


@pytest.mark.parametrize(
    ("html", "message", "needles"),
    [
        ("<div></span></div>", "</span> closes an element that is not open", ("(?i)</span",)),
        ("<p><b>x</p>", "<b> is not closed, or is closed in the wrong place", ("(?i)<b(?![\\w-])",)),
        ("<div/>a", "<div> is not closed, or is closed in the wrong place", ("(?i)<div(?![\\w-])",)),
        ("<p>a</p></p>", "the sanitiser would rewrite 'nothing' as '<p>'", ()),
    ],
)
def test_html_that_reads_differently_is_explained(html: str, message: str, needles: tuple[str, ...]) -> None:
    (finding,) = findings(html)
    assert (finding.message, finding.needles) == (message, needles)
    assert finding.hint == "close every element you open and quote attribute values, or write plain Markdown"


def test_html_that_reads_the_same_is_accepted() -> None:
    assert findings("<table><tr><td>x</td></tr></table>") == []  # <tbody> added by the parser: not a change
    assert findings("a<b></b> <br> <hr/>") == []


def test_the_elements_open_at_a_point() -> None:
    tokens = [("start", "div"), ("start", "br"), ("start", "p"), ("start", "div"), ("end", "p"), ("text", "x")]
    assert _open_at(tokens, 6) == ["div"]
    assert _open_at(tokens, 4) == ["div", "p", "div"]
    assert _open_at([("start", "a"), ("end", "b")], 2) == ["a"]


def test_tokens_as_html_and_as_needles() -> None:
    assert _as_html(None) == "nothing"
    assert _as_html(("start", "a", "href=x", "id=y")) == "<a href=x id=y>"
    assert _as_html(("end", "a")) == "</a>"
    assert _as_html(("comment", "c")) == "<!--c-->"
    assert _as_html(("text", "t")) == "t"
    assert _as_html(("declaration", "d")) == "<!d>"
    assert _needles(None) == () and _needles(("end", "a")) == ()
    assert _needles(("start", "a-b")) == ("(?i)<a\\-b",)
    assert _needles(("text", "x" * 30)) == ("x" * 20,)
    assert _needles(("comment", "c")) == ("<!",)


def test_the_innermost_open_element_of_a_name_is_the_one_closed() -> None:
    tokens = [("start", "div"), ("start", "div"), ("start", "p"), ("end", "div")]
    assert _open_at(tokens, 4) == ["div"]


def test_a_difference_among_many_repeated_tokens_is_found_where_it_is() -> None:
    # Without autojunk: difflib's heuristic would treat the 300 repeated tokens as junk and match them badly.
    html = "<p>a</p>" * 100 + "<p><i>x</p>" + "<p>a</p>" * 100
    (finding,) = findings(html)
    assert finding.key == ("rewritten", "[('end', 'i')]")
    assert finding.message == "<i> is not closed, or is closed in the wrong place"


@pytest.mark.parametrize(
    ("html", "key"),
    [
        ("<div></span></b></div>", "[('end', 'span')]"),  # two removed: the first names it
        ("<p><b><i>x</p>", "[('end', 'i')]"),  # two added: the first names it
        ("<div></a></b>", "[('end', 'a')]"),  # removed and added: the removed one
        ("a</p></p>b", "[('start', 'p')]"),  # a rewrite that is neither
    ],
)
def test_a_rewrite_is_keyed_by_its_first_changed_token(html: str, key: str) -> None:
    (finding,) = findings(html)
    assert finding.key == ("rewritten", key)


@pytest.mark.parametrize("html", ["</b><b>x", "<b>x</b></b>"])
def test_a_closing_tag_is_judged_where_it_stands(html: str) -> None:
    # Open later in the text, or closed once before: this </b> still closes nothing.
    assert [f.message for f in findings(html)] == ["</b> closes an element that is not open"]


@pytest.mark.parametrize("value", ["/\t/evil.example/x.png", "\x01//evil.example/x.png", " /\n/evil.example/x.png"])
def test_a_host_hidden_by_tabs_newlines_or_control_characters_is_not_local(value: str) -> None:
    assert url_scheme(value) is None
    assert not is_local(value)


def test_show_keeps_a_printable_backslash_as_it_is() -> None:
    assert show("C:\\x é'\"") == "C:\\x é'\""


def test_an_element_without_its_own_hint_is_told_to_be_markdown() -> None:
    (finding,) = findings("<blink>x</blink>")
    assert (finding.message, finding.hint) == ("HTML element <blink> is not allowed", "write it in Markdown instead")


def test_a_refused_value_with_no_text_of_its_own_is_found_at_its_attribute() -> None:
    by_attribute = (r"(?i)(?<![\w:-])id\s*=", r"\]\(")
    # Nothing left once the edge spaces and control characters are stripped: no needle for the text.
    assert [f.needles for f in findings('<p id="">x</p>')] == [by_attribute]
    assert [f.needles for f in findings('<p id=" \x01">x</p>')] == [by_attribute]
    # A no-break space is not an edge character: it is the text to look for.
    assert [f.needles for f in findings('<p id="&nbsp;">x</p>')] == [("\xa0", *by_attribute)]


def test_an_attribute_without_a_value_reads_as_empty_in_a_rewrite() -> None:
    # The image is moved out of the table (as a browser does): it is shown as the parser read it.
    (finding,) = findings("<table><tr><td>a</td><img alt></tr></table>")
    assert finding.message == "the sanitiser would rewrite 'nothing' as '<img alt=>'"
    assert finding.key == ("rewritten", "[('start', 'img', 'alt=')]")


def test_a_refused_element_is_located_by_its_own_name_and_tag() -> None:
    def found(body: str) -> list[tuple[int, int, str]]:
        doc = Document(DocumentKind.PAGE, "content/pages/x.md", {"title": "X"}, Spans(), body, 4)
        return [(p.line, p.col, p.message) for p in check_document(doc)]

    # At the column of its tag, not at the start of the line.
    assert found("x <blink>b</blink>\n") == [(4, 3, "HTML element <blink> is not allowed")]
    # A prefix that ends inside the comment shows a <blink> the whole body keeps in the comment: the search for
    # the <font> must not stop there.
    body = "<!--\n<blink>\na\na\n-->\n\n<font>x</font>\n"
    assert found(body) == [(10, 1, "HTML element <font> is not allowed")]


def test_an_attribute_written_without_a_value_is_judged_as_empty() -> None:
    assert [f.message for f in findings("<p id>x</p>")] == ["id '' is not allowed"]


def test_whitespace_in_text_is_compared_as_a_browser_shows_it() -> None:
    # nh3 drops the line break that opens a <pre> (as browsers do); collapsed, the text reads the same.
    assert findings("<pre>\nx</pre>") == []
    assert findings("<pre>\n</pre>") == []  # text that is only whitespace is no text
    # Text a browser moves out of the table is shown with its spaces collapsed.
    (finding,) = findings("<table><tr><td>a</td></tr>two  words</table>")
    assert finding.message == "the sanitiser would rewrite 'nothing' as 'two words'"
