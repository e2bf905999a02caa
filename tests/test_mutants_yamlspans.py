"""YAML with positions, exactly: where each value and key is, what is refused and where, with a line offset."""

from __future__ import annotations

from typing import Any

import pytest

from generator.content.yamlspans import Spans, _yaml_hint, parse

CONTROL = "delete it; only tabs and line breaks may be used"


def _parsed(text: str, offset: int = 0) -> tuple[Any, list[tuple[int, int, str, str]]]:
    data, _, problems = parse(text, "f.yml", offset)
    return data, [(p.line, p.col, p.message, p.hint) for p in problems]


def test_positions_of_values_and_keys_with_a_line_offset() -> None:
    data, spans, problems = parse("a: 1\nb: [2, {c: x}]\n", "f.yml", 5)
    assert (data, problems) == ({"a": 1, "b": [2, {"c": "x"}]}, [])
    assert spans.values == {
        (): (6, 1),
        ("a",): (6, 4),
        ("b",): (7, 4),
        ("b", 0): (7, 5),
        ("b", 1): (7, 8),
        ("b", 1, "c"): (7, 12),
    }
    assert spans.keys == {("a",): (6, 1), ("b",): (7, 1), ("b", 1, "c"): (7, 9)}


def test_a_position_falls_back_to_the_nearest_known_ancestor() -> None:
    spans = Spans(values={("a",): (2, 3), (): (1, 1)}, keys={("a", "b"): (4, 5)}, line_offset=2)
    assert spans.at(("a", "b", "c")) == (4, 5)  # a key stands in for its missing value
    assert spans.at(("a", "x")) == (2, 3)
    assert spans.at(("a", "b"), key=True) == (4, 5)
    assert spans.at(("a", "z"), key=True) == (1, 1)
    assert spans.at(("z",)) == (1, 1)
    assert Spans(line_offset=2).at(("q",)) == (3, 1)


def test_numbers_up_to_40_characters_are_converted_then_checked() -> None:
    too_large = "is too large; numbers must be at most 1,000,000,000,000,000 (10^15)"
    assert _parsed("a: " + "1" * 40 + "\n")[1] == [(1, 4, f"a: {'1' * 40} {too_large}", "")]
    assert _parsed("a: " + "1" * 41 + "\n")[1] == [
        (
            1,
            4,
            "a: a number written with 41 characters is too long; numbers are at most 1,000,000,000,000,000 (10^15)",
            "",
        )
    ]
    assert _parsed("x: 10000000000000001\n", 2)[1] == [(3, 4, f"x: 10000000000000001 {too_large}", "")]
    assert _parsed("d: 2024-01-02\n") == ({"d": "2024-01-02"}, [])


def test_a_text_over_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.content import limits

    monkeypatch.setattr(limits, "TEXT_LIMIT", 3)
    assert _parsed("a: abc\n") == ({"a": "abc"}, [])
    assert _parsed("a: [abcd]\n")[1] == [
        (1, 5, "a[0]: text is 4 characters; the limit for any text is 3", "shorten it")
    ]


@pytest.mark.parametrize(
    ("text", "offset", "problem"),
    [
        ('a: "x\\x01y"\n', 0, (1, 6, "a: control character U+0001 is not allowed", CONTROL)),
        (
            'a: "ab\\u2028"\n',
            0,
            (1, 7, "a: invisible line separator U+2028 is not allowed", "use an ordinary line break"),
        ),
        ('a: "\\t\\x01"\n', 0, (1, 7, "a: control character U+0001 is not allowed", CONTROL)),
        ('a:\n  b: "q\\\\\\x01"\n', 3, (5, 10, "a.b: control character U+0001 is not allowed", CONTROL)),
        ('a:\n  - "one\n    two \\x01"\n', 0, (3, 9, "a[0]: control character U+0001 is not allowed", CONTROL)),
    ],
)
def test_a_forbidden_character_is_found_where_it_was_written(text: str, offset: int, problem: tuple[Any, ...]) -> None:
    assert _parsed(text, offset) == (None, [problem])


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a: 1\nb: 2\na: 3\n", (3, 1, "duplicate key 'a' (first given on line 1)", "")),
        ("<<: {a: 1}\n", (1, 1, "YAML merge keys (<<) are not supported here", "")),
        ("[a]: 1\n", (1, 1, "a mapping key must be a plain word", "")),
        ("? [a]\n: 1\n", (1, 3, "a mapping key must be a plain word", "")),
        ("a: [1\n", (2, 1, "YAML syntax error: expected ',' or ']', but got '<stream end>'", "")),
        (
            "a: b: c\n",
            (
                1,
                5,
                "YAML syntax error: mapping values are not allowed here",
                "a value that contains ': ' must be quoted",
            ),
        ),
        (
            "a:\n\t- b\n",
            (
                2,
                1,
                "YAML syntax error: found character '\\t' that cannot start any token",
                "indent with spaces, not tabs",
            ),
        ),
        ("a: &x 1\n", (1, 4, "YAML anchors (&x) are not allowed", "write the value out in full")),
    ],
)
def test_what_is_refused_and_where(text: str, problem: tuple[Any, ...]) -> None:
    assert _parsed(text) == (None, [problem])
    assert _parsed(text, 10)[1][0][:1] == (problem[0] + 10,)


def test_keys_that_are_not_text_become_text_and_an_empty_document_is_nothing() -> None:
    assert _parsed("1: a\ntrue: b\n") == ({"1": "a", "True": "b"}, [])
    assert _parsed("") == (None, [])
    assert _parsed("# only a comment\n") == (None, [])


def test_hints_for_syntax_errors() -> None:
    assert _yaml_hint("expected <block end>, but found x") == "check this line's indentation against the lines above it"
    assert _yaml_hint("could not find expected ':'") == "each line of a mapping needs 'key: value'"
    assert _yaml_hint("a tab here") == "indent with spaces, not tabs"
    assert _yaml_hint("other") == ""


def test_a_problem_in_a_key_is_named_by_the_mapping_that_holds_it() -> None:
    assert _parsed('a:\n  "k\\x01": 1\n') == (None, [(2, 5, "a: control character U+0001 is not allowed", CONTROL)])
    assert _parsed('"k\\x01": 1\n') == (None, [(1, 3, "control character U+0001 is not allowed", CONTROL)])
    # A document that is one value has no field name to put first.
    assert _parsed('"x\\x01"\n', 4) == (None, [(5, 3, "control character U+0001 is not allowed", CONTROL)])


def test_a_forbidden_character_after_a_leading_blank_line() -> None:
    assert _parsed('\na: "\\x01"\n') == (None, [(2, 5, "a: control character U+0001 is not allowed", CONTROL)])


def test_libyaml_reads_what_it_accepts_and_text_with_a_tab_is_read_by_the_pure_loader() -> None:
    # [a?b] is a plain value to libyaml (as in YAML 1.2); the pure-Python loader would refuse it.
    assert _parsed("a: [a?b]\n") == ({"a": ["a?b"]}, [])
    # libyaml would accept a tab inside a plain value; the pure loader's refusal is the one users see.
    tab = "YAML syntax error: found character '\\t' that cannot start any token"
    assert _parsed("a: b\tc\n") == (None, [(1, 5, tab, "indent with spaces, not tabs")])


def test_a_character_yaml_refuses_is_found_on_its_own_line_and_column() -> None:
    message, hint = "YAML cannot be read: character U+FFFE is not allowed", "delete it or write the character you meant"
    assert _parsed("\na: 1\nb: \ufffe\n", 1) == (None, [(4, 4, message, hint)])
    assert _parsed("\n\ufffe\n") == (None, [(2, 1, message, hint)])
