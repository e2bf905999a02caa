"""Bounds on Markdown, counted exactly: the rescanning work of brackets and tags, copies, headings, and the
nesting, emphasis and line limits at their edges."""

from __future__ import annotations

from generator.content.markdown_bounds import Cost, Finding, _bracket_work, _lines, _tag_work, check, over_limits, scan

NESTED_11 = "this line is nested 11 levels deep (lists, quotes, indentation); the limit is 10"


def test_bracket_work_is_to_the_match_or_the_paragraphs_end() -> None:
    # '[' to ']', '](' to ')', an escaped bracket is text, a '(' not right after ']' is not a link.
    assert _bracket_work("[a] [b](c) [x (y) \\[ z] q", 10) == [(2, 10), (2, 14), (2, 17), (11, 21)]
    assert _bracket_work("[a](b (c) [d", 0) == [(2, 0), (2, 10), (9, 3)]
    assert _bracket_work("x) ]( (", 0) == [(3, 4)]


def test_tag_work_is_to_the_tags_end_and_back_to_its_line_start() -> None:
    assert _tag_work("ab <b>x</b>\n  <![CDATA[ x ]]> <a") == [(5, 3), (10, 7), (14, 14), (20, 30)]
    assert _tag_work("<!-- a > b -->") == [(7, 0)]
    assert _tag_work("a < b, 1<2") == []


def test_headings_are_hash_lines_and_underlines_inside_containers() -> None:
    assert _lines("  > > 1. x\n#h\n===\n- - -\n", 5) == ([], [16, 19, 23])
    assert _lines("text\nmore\n", 0) == ([], [])


def test_nesting_counts_markers_spaces_and_tabs_up_to_ten_levels() -> None:
    assert _lines("1. " * 10 + "x\n", 0) == ([], [])
    assert _lines(" " * 40 + "x\n", 0) == ([], [])
    assert _lines("\t" * 10 + "x\n", 0) == ([], [])
    hint = "flatten the list or quote"
    assert _lines(" " * 44 + "x\n", 0)[0] == [Finding(0, NESTED_11, hint)]
    assert _lines("\t" * 11 + "x\n", 0)[0] == [Finding(0, NESTED_11, hint)]
    # One finding per paragraph, at the first line too deep.
    assert _lines("ok\n" + "1. " * 11 + "x\n" + "> " * 12 + "y\n", 3)[0] == [Finding(6, NESTED_11, hint)]


def test_emphasis_marks_up_to_500_per_paragraph_outside_containers() -> None:
    assert _lines("*" * 500 + "\n", 0)[0] == []
    hint = "write \\* or \\_ for a literal mark, or split the paragraph"
    message = "this paragraph has 501 '*' and '_' marks; the limit is 500"
    assert _lines("> " + "_" * 501 + "\n", 7)[0] == [Finding(7, message, hint)]
    assert _lines("* " + "*" * 250 + "\n" + "_" * 250 + "\n", 0)[0] == []  # a list marker is not a mark


def test_up_to_500_lines_per_paragraph() -> None:
    hint = "put blank lines between paragraphs, long lists and tables"
    message = "this paragraph runs for 501 lines without a blank line; the limit is 500"
    assert _lines("a\n" * 500, 0)[0] == []
    assert _lines("a\n" * 500 + "a", 0)[0] == [Finding(0, message, hint)]
    assert check("x\n\n" + "a\n" * 501)[0] == [Finding(3, message, hint)]


def test_check_totals_work_copies_and_headings_with_where_the_largest_starts() -> None:
    findings, costs = check("a *b* [c](d)  \nline two\n\n# H\n\nx_y\n")
    assert findings == []
    # Copies: 4 marks ('*' twice, '[', a hard break) x 24 characters, then 0, then 1 x 4.
    assert costs == {"work": Cost(4, 9), "copies": Cost(100, 0), "headings": Cost(1, 25)}
    assert check("plain\n") == ([], {"work": Cost(0, 0), "copies": Cost(0, 0), "headings": Cost(0, 0)})
    assert check("a\n\n" + "<b> " * 3 + "\n")[1]["work"] == Cost(2 + 6 + 10, 11)
    assert check("`a`\n\n&amp; \\x\n")[1]["copies"] == Cost(2 * 4 + 2 * 9, 5)


def test_per_file_totals_at_the_limit_pass_and_over_it_are_refused() -> None:
    assert over_limits({"work": 1_000_000, "copies": 200_000_000, "headings": 200}) == []
    assert over_limits({}) == []
    assert over_limits({"work": 1_000_001, "copies": 200_000_001, "headings": 201}) == [
        (
            "work",
            "the Markdown renderer would rescan 1,000,001 characters for unclosed or nested '[', '(' and '<' "
            "(the limit is 1,000,000; a field counts once per page that prints it); most of it starts here",
            "close each bracket and tag where it opens, or write \\[ and \\< for literal ones",
        ),
        (
            "copies",
            "the Markdown renderer would copy 200,000,001 characters for the marks ('*', '_', '[', '<', '&', '`', "
            "backslash) in long paragraphs (the limit is 200,000,000); the longest starts here",
            "put blank lines between paragraphs to make them shorter",
        ),
        (
            "headings",
            "the file has 201 headings ('#' lines or '---' and '===' underlines); the limit is 200",
            "split the page, or write \\# at the start of a line that is not a heading",
        ),
    ]
    assert [name for name, _, _ in over_limits({"headings": 2000})] == ["headings"]


def test_a_plain_line_is_answered_without_the_scans_as_the_scans_would() -> None:
    # No line feed, mark, tag or bracket: the shortcut; its answer is scan's, every total 0 at offset 0.
    zero = {"work": Cost(0, 0), "copies": Cost(0, 0), "headings": Cost(0, 0)}
    for text in ("plain", "Plain text, with (parentheses) and # signs", "a1 b2"):
        assert check(text) == ([], zero) == scan(text)


def test_a_parenthesis_before_any_closing_bracket_is_no_link() -> None:
    assert _bracket_work("abc(x) y", 0) == []
    assert _bracket_work("(x", 0) == []
