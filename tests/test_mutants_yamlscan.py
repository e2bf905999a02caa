"""Tests that kill mutmut's surviving mutants of yamlscan: how a refused tag is shown."""

from __future__ import annotations

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
