"""Where HTML the allowlist refuses is reported, exactly: fields by path, bodies line by line, reference
definitions, attribute lists, and the limits that keep locating bounded."""

from __future__ import annotations

import pytest

from generator.content import html_check
from generator.content.enums import DocumentKind
from generator.content.html_check import _match_label, check_document, field_findings, string_fields
from generator.content.markup import to_html
from generator.content.read import Document
from generator.content.yamlspans import Spans, parse

SCRIPT = "remove it: content cannot run script"


def _page(body: str, first_line: int = 4) -> Document:
    return Document(DocumentKind.PAGE, "content/pages/x.md", {"title": "X"}, Spans(), body, first_line)


def _found(doc: Document) -> list[tuple[int, int, str]]:
    return [(p.line, p.col, p.message) for p in check_document(doc)]


def test_every_string_with_its_path() -> None:
    data = {"a": "x", "b": [1, "y", {"c": "z"}], "d": None}
    assert list(string_fields(data)) == [(("a",), "x"), (("b", 1), "y"), (("b", 2, "c"), "z")]


def test_a_field_finding_is_reported_once_whatever_the_contexts_that_find_it() -> None:
    (finding,) = field_findings("<b onclick=x>a</b>")
    assert (finding.message, finding.hint) == ("event attribute 'onclick' on <b> would run script", SCRIPT)


@pytest.mark.parametrize("text", ["Xmas:Lights", "Xbox:One", "Pedal:X"])
def test_text_without_link_syntax_is_not_read_as_a_link_address(text: str) -> None:
    # Only link fields are printed as addresses, and their schema wants https://. Text that cannot make a link
    # (no <, [ or {) is not checked as one, though as an address it would be a scheme the allowlist refuses.
    assert html_check.findings(to_html(f"[link]({text})")[0]) != []
    assert field_findings(text) == []


def test_a_reference_definition_in_a_field_is_refused() -> None:
    (finding,) = field_findings("[a]: https://x.org")
    assert finding.message == "link reference definitions such as [a]: ... are not supported"
    assert finding.hint == (
        "write the link inline, [text](address): a definition could change links in other files on the page"
    )


def test_braces_in_a_field_may_hold_only_ids_and_classes() -> None:
    (finding,) = field_findings("a {x=1} b {: .ok #id} c } {y")
    assert finding.message == "'{x=1}' would be read as an attribute list"
    assert finding.hint == "remove the braces: in a field an attribute list may hold only #ids and .classes"
    assert field_findings("x {a\nb} y") == []  # each line on its own: braces across lines are no list
    assert field_findings("a } b {: #x }") == []


def test_a_field_is_reported_at_its_value_with_its_name() -> None:
    data, spans, _ = parse('title: X\nlinks:\n  - title: "<b onclick=x>a</b>"\n', "f.yml")
    doc = Document(DocumentKind.PAGE, "content/pages/x.md", data, spans, "", 1)
    assert _found(doc) == [(3, 12, "links[0].title: event attribute 'onclick' on <b> would run script")]


def test_a_reference_definition_in_a_body_is_reported_at_its_line() -> None:
    body = "Intro\n\n  [Foo]: https://x.org\n\nUse [Foo].\n"
    assert _found(_page(body)) == [(6, 1, "link reference definitions such as [foo]: ... are not supported")]
    assert _match_label("   [Foo Bar]: x", "foo bar")
    assert not _match_label("    [foo]: x", "foo")  # four spaces: code, not a definition
    assert not _match_label("[foo] x", "foo")
    assert not _match_label("[food]: x", "foo")


def test_each_body_finding_is_at_its_own_line() -> None:
    body = "ok\n\nok\n\n<b onclick=x>a</b>\n\nok\n\n<i onclick=y>b</i>\n"
    assert _found(_page(body)) == [
        (8, 4, "event attribute 'onclick' on <b> would run script"),
        (12, 4, "event attribute 'onclick' on <i> would run script"),
    ]
    # A tag over two lines is found at the line where its attribute is.
    assert _found(_page("x\n\n<div\nonclick=y>a</div>\n")) == [
        (7, 1, "event attribute 'onclick' on <div> would run script")
    ]
    assert _found(_page("<div>\n\n<p>x\n")) == [(6, 1, "<p> is not closed, or is closed in the wrong place")]
    assert _found(_page("   \n\n")) == []


@pytest.mark.parametrize(
    ("limit", "value", "lines"),
    [
        ("RENDER_BUDGET", 10, (8, 8)),  # past the budget: both findings located by their text alone
        ("LOCATE_LIMIT", 2, (8, 12)),  # exactly the limit of findings: each one located at its line
    ],
)
def test_findings_are_located_within_the_budget_and_the_limit(
    monkeypatch: pytest.MonkeyPatch, limit: str, value: int, lines: tuple[int, int]
) -> None:
    monkeypatch.setattr(html_check, limit, value)
    body = "ok\n\nok\n\n<b onclick=x>a</b>\n\nok\n\n<i onclick=y>b</i>\n"
    assert _found(_page(body)) == [
        (lines[0], 4, "event attribute 'onclick' on <b> would run script"),
        (lines[1], 4, "event attribute 'onclick' on <i> would run script"),
    ]


def test_past_the_locate_limit_the_rest_are_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_check, "LOCATE_LIMIT", 1)
    body = "ok\n\nok\n\n<b onclick=x>a</b>\n\nok\n\n<i onclick=y>b</i>\n"
    problems = list(check_document(_page(body)))
    assert [(p.line, p.col, p.message, p.hint) for p in problems] == [
        (8, 4, "event attribute 'onclick' on <b> would run script", SCRIPT),
        (4, 1, "1 more HTML problems in this body", "fix the ones above, then validate again"),
    ]


def test_references_are_told_apart_by_label_even_when_their_messages_are_cut_alike() -> None:
    label = "x" * 70
    found = field_findings(f"[{label}1]: https://a.org\n[{label}2]: https://b.org")
    assert [f.key for f in found] == [("reference", label + "1"), ("reference", label + "2")]


def test_a_finding_nothing_in_the_text_points_at_the_bodys_first_line() -> None:
    # A stray </p> is rewritten to an empty <p></p>: no text of it to find, so the body's first line.
    assert _found(_page("x\n\ny\n\n</p>\n", first_line=7)) == [(7, 1, "the sanitiser would rewrite 'nothing' as '<p>'")]


def test_every_brace_pair_on_a_line_is_read_from_its_first_opening_brace() -> None:
    assert [f.message for f in field_findings("{: .ok} {x=1}")] == [
        "attribute 'x' on <h1> is not allowed",
        "'{x=1}' would be read as an attribute list",
    ]
    assert [f.message for f in field_findings("x {a {b=1} y")] == ["'{a {b=1}' would be read as an attribute list"]
    long = "y" * 70
    keys = [f.key for f in field_findings(f"{{{long}1=1}} {{{long}2=1}}") if f.key[0] == "attr-list"]
    assert keys == [("attr-list", f"{long}1=1"), ("attr-list", f"{long}2=1")]


def test_an_attribute_on_the_line_above_where_its_tag_ends_is_found_there() -> None:
    body = "x\n\n<div onclick=y\n>a</div>\n"
    assert _found(_page(body)) == [(6, 6, "event attribute 'onclick' on <div> would run script")]


def test_a_second_heading_id_made_by_the_renderer_is_at_its_line_start() -> None:
    # The renderer numbers the repeated id (__a_1): that text is nowhere in the body, so column 1 of its line.
    assert _found(_page("# __a\n\n# __a\n")) == [(4, 3, "id '__a' is not allowed"), (6, 1, "id '__a_1' is not allowed")]


def test_a_finding_is_located_where_its_tag_is_not_where_its_word_first_appears() -> None:
    assert _found(_page("say onclick here\n\n<div\nonclick=y>a</div>\n")) == [
        (7, 1, "event attribute 'onclick' on <div> would run script")
    ]
    assert _found(_page("<b onclick=x>a</b>\nonclick is a word\n")) == [
        (4, 4, "event attribute 'onclick' on <b> would run script")
    ]


def test_a_render_budget_used_up_exactly_still_locates(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "say onclick here\n\n<b onclick=y>a</b>\n"
    probe = html_check._Body(body)
    assert probe.first_line(("attr", "b", "onclick"), 1) == 3
    used = html_check.RENDER_BUDGET - probe.budget
    monkeypatch.setattr(html_check, "RENDER_BUDGET", used)
    assert _found(_page(body)) == [(6, 4, "event attribute 'onclick' on <b> would run script")]
    monkeypatch.setattr(html_check, "RENDER_BUDGET", used - 1)  # one short: found by its text alone
    assert _found(_page(body)) == [(4, 5, "event attribute 'onclick' on <b> would run script")]


def test_a_needle_is_looked_for_only_on_its_line_and_above() -> None:
    # '__a_1' is nowhere and the "id=" of the last line is below it: column 1 of its own line, not the last line.
    assert _found(_page("# __a\n\n# __a\n\nsay id= here")) == [
        (4, 3, "id '__a' is not allowed"),
        (6, 1, "id '__a_1' is not allowed"),
    ]


def test_a_reference_definition_on_no_line_of_its_own_is_reported_at_the_bodys_first_line() -> None:
    # Inside a quote the definition still counts, but its line starts with '>': the body's first line.
    message = "link reference definitions such as [foo]: ... are not supported"
    assert _found(_page("x\n\n> [Foo]: https://x.org\n")) == [(4, 1, message)]


def test_the_same_finding_twice_is_located_at_each_of_its_lines() -> None:
    body = "<b onclick=x>a</b>\n\n<b onclick=x>b</b>\n"
    assert _found(_page(body)) == [
        (4, 4, "event attribute 'onclick' on <b> would run script"),
        (6, 4, "event attribute 'onclick' on <b> would run script"),
    ]


def test_front_matter_that_is_one_string_is_reported_without_a_field_name() -> None:
    data, spans, _ = parse('"<b onclick=x>a</b>"\n', "f.yml")
    doc = Document(DocumentKind.PAGE, "content/pages/x.md", data, spans, "", 1)
    assert _found(doc) == [(1, 1, "event attribute 'onclick' on <b> would run script")]
