"""A field with no '<', '[' or '{' is checked only for the id a heading of it would get, and only rendered when it
holds what could start that id with '__': the shortcut never misses an id the allowlist refuses."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content import html_check
from generator.content.markup import to_html
from generator.content.sanitise import findings

# Letters, spaces, Markdown's inline marks, entities and their parts, and characters that slugs fold to '_' (U+FF3F
# fullwidth low line, U+FE4D dashed low line) or drop (é's accent), but none of '<', '[' and '{'.
PARTS = [*"aZé9 -_*`\\&#;x5F\n", "&#95;", "&lowbar;", "&amp;", "\uff3f", "\ufe4d"]
TEXT = st.lists(st.sampled_from(PARTS), max_size=12).map("".join)


def _heading_findings(text: str) -> set[str]:
    return {f.message for f in findings(to_html("# " + " ".join(text.split("\n")))[0])}


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_the_shortcut_finds_what_rendering_the_heading_finds(text: str) -> None:
    assert {f.message for f in html_check.field_findings(text)} == _heading_findings(text)


@pytest.mark.parametrize(
    ("text", "id_"),
    [
        ("__search", "__search"),  # Material's search toggle has this id
        ("&#95;&#95;drawer", "__drawer"),
        ("&lowbar;&lowbar;x", "__x"),
        ("\uff3f\uff3fsearch", "__search"),
        ("\\_\\_toc", "__toc"),
        ("!__x", "__x"),
    ],
)
def test_ids_of_the_site_are_refused_however_the_underscores_are_written(text: str, id_: str) -> None:
    found = html_check.field_findings(text)
    assert [f.message for f in found] == [f"id '{id_}' is not allowed"]
    assert found[0].hint.startswith("a heading gets its id from its text")  # a field has no id of its own to fix


@pytest.mark.parametrize("text", ["Health & wellbeing", "value_max: 200", "_one", "Ré-emploi: 3 sites", "a__b"])
def test_plain_text_and_other_underscores_pass(text: str) -> None:
    assert html_check.field_findings(text) == []
