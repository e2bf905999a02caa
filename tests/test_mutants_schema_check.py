"""Schema problems worded exactly, one per JSON Schema keyword, against small schemas made here."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from generator.content.enums import DocumentKind
from generator.content.read import Document
from generator.content.schema_check import _describe, _pattern_message, _short, check, field_name
from generator.content.yamlspans import parse


def _problems(schema: dict[str, Any], text: str) -> list[tuple[int, int, str, str]]:
    data, spans, _ = parse(text, "f.yml")
    doc = Document(DocumentKind.SITE, "f.yml", data, spans)
    return [(p.line, p.col, p.message, p.hint) for p in check(doc, jsonschema.Draft202012Validator(schema))]


def test_field_names() -> None:
    assert field_name(()) == ""
    assert field_name(("metrics", 0, "value")) == "metrics[0].value"
    assert field_name((0, "a")) == "[0].a"


def test_values_are_described_and_long_text_cut() -> None:
    assert _describe(True) == "true/false (true)"
    assert _describe({}) == "a mapping"
    assert _describe([]) == "a list"
    assert _describe("x") == "text 'x'"
    assert _describe(None) == "nothing"
    assert _describe(5) == "int 5"
    assert _describe(1.5) == "float 1.5"
    assert _short("a" * 60) == "a" * 60
    assert _short("a" * 61) == "a" * 57 + "..."


OBJECT = {"type": "object", "properties": {"status": {"enum": ["active", "ended"]}, "name": {}}}


def test_unknown_fields_each_at_their_key_with_a_suggestion_or_the_allowed_ones() -> None:
    schema = {**OBJECT, "additionalProperties": False}
    assert _problems(schema, "name: x\nstatsu: active\nzzz: 1\n") == [
        (2, 1, "unknown field 'statsu'", "did you mean 'status'?"),
        (3, 1, "unknown field 'zzz'", "allowed fields: name, status"),
    ]
    nested = {"type": "object", "properties": {"a": schema}}
    assert _problems(nested, "a:\n  zzz: 1\n") == [(2, 3, "a: unknown field 'zzz'", "allowed fields: name, status")]


def test_a_missing_field_names_its_choices_when_it_has_them() -> None:
    assert _problems({**OBJECT, "required": ["status"]}, "name: x\n")[0][2:] == (
        "missing required field 'status'",
        "add status: one of active, ended",
    )
    assert _problems({**OBJECT, "required": ["name"]}, "status: active\n")[0][2:] == (
        "missing required field 'name'",
        "",
    )


def test_wrong_types() -> None:
    assert _problems({"type": "object"}, "- a\n")[0][2:] == (
        "expected a mapping of fields, got a list",
        "remove the leading '- ' list markers",
    )
    number = {"type": "object", "properties": {"n": {"type": "number"}, "i": {"type": "integer"}}}
    assert _problems(number, "n: '5,000'\ni: x\n") == [
        (2, 4, "i: expected a whole number, got text 'x'", "write the number without quotes, units or separators"),
        (1, 4, "n: expected a number, got text '5,000'", "write the number without quotes, units or separators"),
    ]
    assert _problems({"type": "object", "properties": {"b": {"type": "boolean"}}}, "b: [1]\n")[0][2:] == (
        "b: expected true or false, got a list",
        "",
    )
    assert _problems({"type": "object", "properties": {"s": {"type": "null"}}}, "s: 1\n")[0][2] == (
        "s: expected null, got int 1"
    )


def test_enum_minimum_lengths_and_items() -> None:
    assert _problems(OBJECT, "status: actve\n")[0][2:] == (
        "status: text 'actve' is not allowed; use one of: active, ended",
        "did you mean 'active'?",
    )
    schema = {
        "type": "object",
        "properties": {
            "n": {"minimum": 0},
            "t": {"maxLength": 3, "minLength": 1},
            "l": {"maxItems": 1, "minItems": 1, "uniqueItems": True},
        },
    }
    assert [p[2:] for p in _problems(schema, "n: -5\nt: abcd\nl: [a, a]\n")] == [
        ("l: lists 2 entries; the limit is 1", ""),
        ("l: lists the same entry twice", ""),
        ("n: -5 is below the minimum 0", ""),
        ("t: text is 4 characters; the limit is 3", "shorten it"),
    ]
    assert [p[2] for p in _problems(schema, "t: ''\nl: []\n")] == ["l: must not be empty", "t: must not be empty"]
    assert [p[2] for p in _problems({"const": 1}, "2\n")] == ["1 was expected"]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (("licence", "url"), "'x\\x01' is not an https:// address without spaces or brackets"),
        (("licence", "id"), "'x\\x01' is not a licence identifier such as OGL-UK-3.0 or CC-BY-4.0"),
        (("licence", "name"), "'x\\x01' may not contain \", <, > or control characters"),
        (("links", 0, "url"), "'x\x01' is not an https:// address; links must use https"),
        (
            ("site_url",),
            "'x\\x01' must be an https:// address ending in /, with no empty folder (//) in its path, such as https://audit.example.org/",
        ),
        (("organisation",), "'x\\x01' may not contain \", <, > or control characters; use ‘ ’ or “ ” for quotes"),
        (("language",), "'x\\x01' is not a language tag; use one such as en or en-GB"),
        (("accessibility", "email"), "'x\\x01' is not an email address such as accessibility@example.org"),
        (
            ("accessibility", "phone"),
            "'x\\x01' is not a telephone number; use digits and spaces, such as 0300 123 4567",
        ),
        (("accessibility", "reviewed"), "'x\\x01' is not a date; write it as YYYY-MM-DD, such as 2026-11-23"),
        (("slug",), "'x\x01' is not a lowercase slug; use lowercase letters, digits and single hyphens"),
        (("published",), "'x\x01' is not in the expected form"),
        ((), "'x\x01' is not in the expected form"),
    ],
)
def test_each_pattern_is_explained_by_its_field(path: tuple[Any, ...], message: str) -> None:
    assert _pattern_message(path, "x\x01") == message


def test_pattern_values_are_cut_to_60_characters() -> None:
    assert _pattern_message(("url",), "a" * 70) == f"'{'a' * 57}...' is not an https:// address; links must use https"
    assert _pattern_message(("licence", "url"), "a" * 70).startswith(f"'{'a' * 59}…'")


def test_site_name_is_explained_like_the_organisation() -> None:
    assert _pattern_message(("site_name",), 'a"b') == (
        "'a\"b' may not contain \", <, > or control characters; use ‘ ’ or “ ” for quotes"
    )


def test_a_schema_without_properties_still_reports_unknown_and_missing_fields() -> None:
    # No "properties" to offer: the problem is still reported, with no field to suggest.
    closed = {"type": "object", "additionalProperties": False}
    assert _problems(closed, "a: 1\n") == [(1, 1, "unknown field 'a'", "allowed fields: ")]
    assert _problems({"type": "object", "required": ["a"]}, "b: 1\n") == [(1, 1, "missing required field 'a'", "")]
    other = {"type": "object", "properties": {"b": {}}, "required": ["a"]}
    assert _problems(other, "b: 1\n") == [(1, 1, "missing required field 'a'", "")]


def test_a_required_entry_that_is_not_text_is_named_from_the_schema() -> None:
    # jsonschema's message quotes only text ("1 is a required property"): the name comes from the keyword.
    assert _problems({"type": "object", "required": [1]}, "b: 1\n") == [(1, 1, "missing required field '[1]'", "")]


def test_only_quoted_text_is_told_to_drop_its_quotes() -> None:
    number = {"type": "object", "properties": {"n": {"type": "number"}, "i": {"type": "integer"}}}
    assert _problems(number, "n: true\ni: [1]\n") == [
        (2, 4, "i: expected a whole number, got a list", ""),
        (1, 4, "n: expected a number, got true/false (true)", ""),
    ]


def test_other_keywords_keep_jsonschema_s_message_at_the_value() -> None:
    data, spans, _ = parse("a:\n  b: 2\n", "f.yml")
    doc = Document(DocumentKind.SITE, "f.yml", data, spans)
    schema = {"properties": {"a": {"properties": {"b": {"const": 1}}}}}
    [problem] = check(doc, jsonschema.Draft202012Validator(schema))
    assert (problem.path, problem.line, problem.col, problem.message) == ("f.yml", 2, 6, "a.b: 1 was expected")
