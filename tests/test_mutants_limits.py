"""Caps on one content file, at their exact edges: sizes, characters, numbers and Markdown totals."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content import limits
from generator.content.problems import Problem
from generator.content.yamlspans import parse


def test_sizes_are_rounded_up_to_kilobytes() -> None:
    assert [limits.kilobytes(n) for n in (0, 1, 1024, 1025, 1024 * 1500)] == [
        "0 KB",
        "1 KB",
        "1 KB",
        "2 KB",
        "1,500 KB",
    ]


def test_at_most_one_byte_past_the_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "FILE_LIMIT", 4)
    path = tmp_path / "f"
    path.write_bytes(b"1234")
    assert limits.read_bytes(path) == (b"1234", 4)
    path.write_bytes(b"123456789")
    assert limits.read_bytes(path) == (b"12345", 9)
    assert limits.file_too_big("f", 9) == Problem(
        "f", 1, 1, "the file is 1 KB; the limit is 1 KB", hint="split it into smaller files"
    )


def test_a_body_over_the_limit_is_one_problem_at_its_first_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "BODY_LIMIT", 4)
    assert limits.body_too_big("b.md", "éé", 7) is None  # 4 bytes
    problem = limits.body_too_big("b.md", "ééa", 7)
    assert problem == Problem("b.md", 7, 1, "the body is 1 KB; the limit is 1 KB", hint="split it into several pages")


def test_each_forbidden_character_is_described() -> None:
    assert limits.describe_character("\u2028") == (
        "invisible line separator U+2028 is not allowed",
        "use an ordinary line break",
    )
    assert limits.describe_character("\u2029")[0] == "invisible line separator U+2029 is not allowed"
    assert limits.describe_character("\ud800") == (
        "half of a character (U+D800, a lone surrogate) is not allowed",
        "write the character itself",
    )
    assert limits.describe_character("\udfff")[0].startswith("half of a character (U+DFFF")
    assert limits.describe_character("\x00") == (
        "control character U+0000 is not allowed",
        "delete it; only tabs and line breaks may be used",
    )
    assert limits.describe_character("\ue000")[0] == "control character U+E000 is not allowed"
    assert limits.describe_character("\x7f")[0] == "control character U+007F is not allowed"
    assert limits.describe_character("\x85")[0] == "control character U+0085 is not allowed"


def test_forbidden_characters_in_a_file_and_in_a_value() -> None:
    text = "a\tb\nc\x00d\x7f\x9f\xa0\u2028\ud800"
    assert list(limits.forbidden_offsets(text)) == [5, 7, 8, 10]
    assert list(limits.forbidden_offsets(text, in_value=True)) == [5, 7, 8, 10, 11]


def test_control_characters_are_reported_once_per_line_at_their_column() -> None:
    text = "ok\nab\x01\x02\n\x03\n"
    assert limits.control_characters(text, "f") == [
        Problem(
            "f",
            2,
            3,
            "control character U+0001 is not allowed",
            hint="delete it; only tabs and line breaks may be used",
        ),
        Problem(
            "f",
            3,
            1,
            "control character U+0003 is not allowed",
            hint="delete it; only tabs and line breaks may be used",
        ),
    ]


def test_at_most_report_limit_lines_are_reported() -> None:
    text = "\x01\n" * (limits.REPORT_LIMIT + 5)
    problems = limits.control_characters(text, "f")
    assert [p.line for p in problems] == list(range(1, limits.REPORT_LIMIT + 1))


def test_numbers_up_to_the_limit_are_allowed() -> None:
    assert limits.number_problem(10**15, "x") is None
    assert limits.number_problem(-(10**15), "x") is None
    assert limits.number_problem(float(10**15), "x") is None
    assert limits.number_problem(10**15 + 1, "1e15+1") == (
        "1e15+1 is too large; numbers must be at most 1,000,000,000,000,000 (10^15)"
    )
    assert limits.number_problem(-(10**16), "-1e16") is not None
    assert limits.number_problem(float("inf"), ".inf") == ".inf is not a finite number"
    assert limits.number_problem(float("nan"), ".nan") == ".nan is not a finite number"
    assert limits.number_problem(True, "true") is None
    assert limits.number_problem("1" * 30, "text") is None


def test_markdown_problems_in_fields_are_at_the_field_and_in_the_body_at_their_line() -> None:
    data, spans, problems = parse("a: x\nsummary: " + "'" + "1. " * 11 + "x'\n", "f.yml")
    assert problems == []
    found = limits.markdown_problems("f.md", data, spans, "ok\n\n" + "> " * 11 + "x\n", 10)
    assert [(p.line, p.col, p.message.split(" (")[0]) for p in found] == [
        (12, 1, "this line is nested 11 levels deep"),
        (2, 10, "this line is nested 11 levels deep"),
    ]


def test_markdown_totals_are_per_file_and_point_at_the_largest_part() -> None:
    # 120 headings in the body and 90 in a field: neither is over 200, the file is.
    data, spans, _ = parse("a: x\nnote: |\n" + "  # h\n\n" * 90, "f.yml")
    found = limits.markdown_problems("f.md", data, spans, "\n".join(["# h", ""] * 120), 3)
    assert [(p.line, p.col) for p in found] == [(3, 1)]
    assert found[0].message.startswith("the file has 210 headings")
    data, spans, _ = parse("a: x\nnote: |\n" + "  # h\n\n" * 150, "f.yml")
    found = limits.markdown_problems("f.md", data, spans, "\n".join(["# h", ""] * 60), 3)
    assert [(p.line, p.col) for p in found] == [(2, 7)]


def test_at_most_report_limit_markdown_problems_per_file() -> None:
    body = "\n\n".join(["> " * 11 + "x"] * (limits.REPORT_LIMIT + 3))
    assert len(limits.markdown_problems("f.md", {}, parse("{}", "f.yml")[1], body, 1)) == limits.REPORT_LIMIT


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        (  # a finding in a list item is at the item, with its hint
            "a: x\nnotes:\n  - ok\n  - '" + "1. " * 11 + "x'\n",
            (4, 5, "this line is nested 11 levels deep (lists, quotes, indentation); the limit is 10",
             "flatten the list or quote"),
        ),
        (  # 201 items of one heading each: no part is larger than another, so the first is named
            "a: x\nnotes:\n" + "  - '# h'\n" * 201,
            (3, 5, "the file has 201 headings ('#' lines or '---' and '===' underlines); the limit is 200",
             "split the page, or write \\# at the start of a line that is not a heading"),
        ),
    ],
)  # fmt: skip
def test_markdown_problems_in_list_items_point_at_the_item(yaml_text: str, expected: tuple[int, int, str, str]) -> None:
    data, spans, problems = parse(yaml_text, "f.yml")
    assert problems == []
    found = limits.markdown_problems("f.yml", data, spans)
    assert [(p.line, p.col, p.message, p.hint) for p in found] == [expected]


def test_a_file_total_split_evenly_points_at_the_first_part() -> None:
    data, spans, _ = parse("a: x\nnote: |\n" + "  # h\n\n" * 105, "f.yml")
    found = limits.markdown_problems("f.md", data, spans, "\n".join(["# h", ""] * 105), 3)
    assert [(p.line, p.col) for p in found] == [(3, 1)]
    assert found[0].message.startswith("the file has 210 headings")
