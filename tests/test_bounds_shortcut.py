"""markdown_bounds.check's shortcut for plain one-line text answers exactly what the full scan does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content import markdown_bounds

# Letters, digits, spaces and every character a limit counts or a line prefix can start with.
TEXT = st.text(alphabet=st.sampled_from([*"aZé9 \t#=-+>.)(\\`*_&<[]!/\n", "\u2028", "\x85", "٣"]), max_size=40)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_shortcut_matches_scan(text: str) -> None:
    assert markdown_bounds.check(text) == markdown_bounds.scan(text)


@given(st.text(max_size=60))
def test_shortcut_matches_scan_on_any_text(text: str) -> None:
    assert markdown_bounds.check(text) == markdown_bounds.scan(text)


def test_shortcut_on_real_fields() -> None:
    for text in ("Recycling rate", "Kerbside food waste (phase 2), 40% of homes.", "Ré-emploi: 3 sites", "x"):
        assert markdown_bounds.check(text) == markdown_bounds.scan(text)
        assert not markdown_bounds.check(text)[0]
