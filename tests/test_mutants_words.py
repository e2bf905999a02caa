"""The word diff's edges, one test per behaviour mutmut found untested: merging, limits, pairing of paragraphs."""

from __future__ import annotations

import pytest

from generator.editions import words
from generator.editions.words import DELETE, EQUAL, INSERT


def test_runs_of_one_operation_merge_into_the_last_segment_and_empty_ones_vanish() -> None:
    segments = [(EQUAL, "a"), (DELETE, "b"), (DELETE, ""), (DELETE, "c"), (EQUAL, "d"), (EQUAL, "e")]
    assert words._merge(segments) == ((EQUAL, "a"), (DELETE, "b c"), (EQUAL, "d e"))


def test_removed_words_keep_their_spaces() -> None:
    assert words._words("a b c d", "a d") == ((EQUAL, "a"), (DELETE, "b c"), (EQUAL, "d"))


def test_past_the_pair_limit_a_paragraph_is_replaced_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(words, "MAX_WORD_PAIRS", 9)
    # 3 x 3 words is at the limit: diffed word by word (and scored); 3 x 4 is past it.
    assert words._words("a b c", "a b d") == ((EQUAL, "a b"), (DELETE, "c"), (INSERT, "d"))
    assert words._alike("a b c", "a b c") == 1.0
    assert words._words("a b c", "a b c d") == ((DELETE, "a b c"), (INSERT, "a b c d"))
    assert words._alike("a b c", "a b c d") == 0.0
    # One long paragraph against a short one: the product counts, not the ratio.
    monkeypatch.setattr(words, "MAX_WORD_PAIRS", 3)
    assert words._words("a b", "a c") == ((DELETE, "a b"), (INSERT, "a c"))


def test_an_unchanged_paragraph_past_the_pair_limit_stays_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(words, "MAX_WORD_PAIRS", 4)
    assert words.diff("a b c\n\nx", "a b c\n\ny") == (((EQUAL, "a b c"),), ((DELETE, "x"),), ((INSERT, "y"),))


def test_past_the_paragraph_limit_on_either_side_the_texts_are_replaced_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(words, "MAX_PARAGRAPHS", 2)
    # Two paragraphs on each side is at the limit: diffed as usual.
    assert words.diff("a\n\nb", "a\n\nc") == (((EQUAL, "a"),), ((DELETE, "b"),), ((INSERT, "c"),))
    whole = (((DELETE, "a"),), ((DELETE, "b"),), ((DELETE, "c"),), ((INSERT, "a"),))
    assert words.diff("a\n\nb\n\nc", "a") == whole
    assert words.diff("a", "a\n\nb\n\nc") == (((DELETE, "a"),), ((INSERT, "a"),), ((INSERT, "b"),), ((INSERT, "c"),))


def test_a_paragraph_half_alike_is_edited_not_replaced() -> None:
    # quick ratio of "a b" and "a c" is exactly ALIKE (0.5).
    assert words._block(["a b"], ["a c"]) == [((EQUAL, "a"), (DELETE, "b"), (INSERT, "c"))]


def test_of_equally_alike_paragraphs_the_first_is_paired() -> None:
    assert words._block(["a b"], ["a b", "a b"]) == [((EQUAL, "a b"),), ((INSERT, "a b"),)]
    assert words._block(["a b"], ["a b", "z"]) == [((EQUAL, "a b"),), ((INSERT, "z"),)]


def test_pairing_goes_forward_only() -> None:
    olds = ["a b c d", "a b c e"]
    news = ["a b c e", "a b c d"]
    # The first old paragraph takes the second new one; the new one before it is added, the second old removed.
    assert words._block(olds, news) == [((INSERT, "a b c e"),), ((EQUAL, "a b c d"),), ((DELETE, "a b c e"),)]


def test_an_old_paragraph_after_the_last_new_one_is_removed() -> None:
    assert words._block(["a b", "c d"], ["a b"]) == [((EQUAL, "a b"),), ((DELETE, "c d"),)]


def test_a_removed_paragraph_does_not_end_the_pairing() -> None:
    assert words._block(["zz", "a b"], ["a b"]) == [((DELETE, "zz"),), ((EQUAL, "a b"),)]


def test_added_paragraphs_before_a_pair_are_kept_with_the_earlier_pairs() -> None:
    olds = ["a b", "c d", "e f"]
    news = ["a b", "x y", "c d", "e f"]
    assert words._block(olds, news) == [((EQUAL, "a b"),), ((INSERT, "x y"),), ((EQUAL, "c d"),), ((EQUAL, "e f"),)]


def test_a_partner_is_looked_for_among_the_next_50_paragraphs_only() -> None:
    news = [f"n{i}" for i in range(50)] + ["w1 w2 w3"]
    assert words._block(["w1 w2 w3"], news) == [((DELETE, "w1 w2 w3"),)] + [((INSERT, p),) for p in news]
    assert words._block(["w1 w2 w3"], news[1:]) == [((INSERT, p),) for p in news[1:-1]] + [((EQUAL, "w1 w2 w3"),)]


def test_changed_is_true_only_with_removed_or_added_words() -> None:
    assert not words.changed(((EQUAL, "a"),))
    assert words.changed(((EQUAL, "a"), (DELETE, "b")))
    assert words.changed(((INSERT, "b"),))


def test_a_frequent_word_or_paragraph_still_anchors_the_diff() -> None:
    # With autojunk, difflib ignores items that make up over 1% of 200 or more: here every match but one.
    the = " ".join(["the"] * 300)
    assert words._words(f"x {the} y", f"{the} z") == ((DELETE, "x"), (EQUAL, the), (DELETE, "y"), (INSERT, "z"))
    old, new = "x\n\n" + "p\n\n" * 300, "p\n\n" * 300 + "x"
    assert words.diff(old, new) == (((DELETE, "x"),), *[((EQUAL, "p"),)] * 300, ((INSERT, "x"),))
