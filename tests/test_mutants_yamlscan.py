"""Tests that kill mutmut's surviving mutants of yamlscan: how a refused tag is shown."""

from __future__ import annotations

import pytest

from generator.content import yamlscan
from generator.content.yamlscan import prescan


def _message(text: str) -> str:
    _, refused = prescan(text)
    assert len(refused) == 1
    return refused[0].message


def test_a_tag_is_shown_whole_up_to_40_characters_then_cut() -> None:
    forty = "!" + "t" * 39
    assert _message(f"a: {forty} x\n") == f"YAML tag '{forty}' is not allowed"
    assert _message(f"a: {forty}u x\n") == f"YAML tag '{forty}...' is not allowed"
    assert _message("a: !!python/name:os.system x\n") == "YAML tag '!!python/name:os.system' is not allowed"


def _refusals(text: str) -> list[tuple[int, int, str]]:
    return [(r.line, r.col, r.message) for r in prescan(text)[1]]


def test_nesting_up_to_16_levels() -> None:
    assert _refusals("a: " + "[" * 15 + "]" * 15 + "\n") == []  # the mapping and 15 lists
    assert _refusals("a: " + "[" * 16 + "]" * 16 + "\n") == [(0, 18, "YAML is nested more than 16 levels deep")]


def test_up_to_the_node_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlscan, "NODE_LIMIT", 3)
    assert _refusals("[1, 2]\n") == []
    assert _refusals("[1, 2, 3]\n") == [(0, 7, "the file has more than 3 YAML values")]


def test_each_alias_is_refused_once_and_refusals_stop_at_the_report_limit() -> None:
    assert _refusals("a: &x 1\nb: *x\nc: *x\nd: *y\n") == [
        (0, 3, "YAML anchors (&x) are not allowed"),
        (1, 3, "YAML aliases (*x) are not allowed"),
        (3, 3, "YAML aliases (*y) are not allowed"),
    ]
    text = "".join(f"k{i}: !!str v\n" for i in range(25))
    assert [r.line for r in prescan(text)[1]] == list(range(20))


def test_depth_counts_down_by_one_at_each_closed_collection() -> None:
    # The mapping, the outer list, then 15 more after an empty list has closed: 17 levels.
    text = "a: [[], " + "[" * 15 + "]" * 15 + "]\n"
    assert _refusals(text) == [(0, 22, "YAML is nested more than 16 levels deep")]
    assert _refusals("a: [[], " + "[" * 14 + "]" * 14 + "]\n") == []


def test_reading_stops_at_the_report_limit_before_a_later_syntax_error() -> None:
    text = "".join(f"k{i}: !!str v\n" for i in range(20)) + "bad: [\n"
    assert [r.line for r in prescan(text)[1]] == list(range(20))
