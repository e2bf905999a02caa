"""Locks and corrections as data and text, unit by unit: values as text, figures paired, field changes, and the
exact bytes of lock.yml and corrections.yml."""

from __future__ import annotations

from generator.editions.lock import (
    FieldText,
    Parsed,
    _pairs,
    correction_entry,
    corrections_text,
    field_changes,
    lock_text,
    text,
)


def test_values_as_one_line_of_text() -> None:
    assert text(None) is None
    assert (text(True), text(False)) == ("true", "false")
    assert (text(57000.0), text(14.5), text(3)) == ("57000", "14.5", "3")
    assert text(["a", None, 2.0]) == "a; ; 2"
    assert text({"label": "x", "value": 1.0, "note": None}) == "label: x, value: 1, note: None"
    assert text("") == ""


def test_figures_pair_by_key_most_alike_first_then_in_order() -> None:
    keys = ("label", "unit")
    a1 = {"label": "L", "unit": "people", "value": 1, "period": "2021"}
    a2 = {"label": "L", "unit": "people", "value": 2, "period": "2022"}
    b1 = {"label": "L", "unit": "people", "value": 9, "period": "2022"}
    b2 = {"label": "L", "unit": "people", "value": 1, "period": "2021"}
    assert _pairs([a1, a2], [b1, b2], keys) == [(a1, b2), (a2, b1)]
    # Equally alike: the first candidate is taken.
    c1, c2 = {"label": "L", "unit": "u", "value": 5}, {"label": "L", "unit": "u", "value": 6}
    assert _pairs([{"label": "L", "unit": "u", "value": 7}], [c1, c2], keys) == [
        ({"label": "L", "unit": "u", "value": 7}, c1),
        (None, c2),
    ]
    other = {"label": "M", "unit": "u"}
    assert _pairs([other], [c1], keys) == [(other, None), (None, c1)]
    assert _pairs(["x"], ["y"], keys) == [("x", "y")]  # not mappings: paired with each other, key (None, None)


def test_field_changes_name_each_figure_attribute_that_differs() -> None:
    old = Parsed(
        {
            "title": "T",
            "metrics": [{"label": "L", "unit": "people", "value": 1.0, "zz": 1}],
            "funding": [{"source": "S", "currency": "GBP", "amount": 5}],
        },
        "Body one.",
    )
    new = Parsed(
        {
            "title": "T2",
            "metrics": [{"label": "L", "unit": "people", "value": 2, "zz": 2, "aa": 3}],
            "funding": [],
            "status": "active",
        },
        "Body  one.\n",
    )
    assert field_changes(old, new) == [
        FieldText("title", "T", "T2"),
        FieldText("metrics: L (people): value", "1", "2"),
        FieldText("metrics: L (people): aa", None, "3"),
        FieldText("metrics: L (people): zz", "1", "2"),
        FieldText("funding: S (GBP)", "source: S, currency: GBP, amount: 5", None),
        FieldText("status", None, "active"),
    ]


def test_figures_without_a_label_or_not_mappings_are_still_named() -> None:
    old = Parsed({"metrics": [{"unit": "people", "value": 1}, "odd"]})
    new = Parsed({"metrics": []})
    assert field_changes(old, new) == [
        FieldText("metrics: (none) (people)", "unit: people, value: 1", None),
        FieldText("metrics: (entry)", "odd", None),
    ]
    # A figure list that is not a list is compared as one value.
    assert field_changes(Parsed({"metrics": "x"}), Parsed({"metrics": "y"})) == [FieldText("metrics", "x", "y")]


def test_a_body_is_a_change_only_when_its_words_differ() -> None:
    assert field_changes(Parsed({}, "One  two.\n"), Parsed({}, "One\ntwo.")) == []
    assert field_changes(Parsed({}, " One. "), Parsed({}, "Two.")) == [FieldText("body", "One.", "Two.")]
    assert field_changes(None, Parsed({"a": 1}, "New.")) == [FieldText("a", None, "1"), FieldText("body", None, "New.")]
    assert field_changes(Parsed({"a": 1}, "Old."), None) == [FieldText("a", "1", None), FieldText("body", "Old.", None)]
    assert field_changes(Parsed({}, "  "), Parsed({}, "Text")) == [FieldText("body", None, "Text")]
    assert field_changes(None, None) == []


LOCK = """\
# The published 2022 edition, frozen by `levelup publish 2022`. Written by levelup: do not edit.
# One sha256 per file of the edition, and per site-wide file its pages show (goals, places, the site's
# settings, the site pages, the tree's own theme), over its text as UTF-8 with any BOM dropped and line
# endings as \\n, so Git's line-ending conversion cannot change it.
# `levelup validate` fails for any changed, added or removed file; to change one, record a public
# correction: levelup publish 2022 --correction "..."
edition: 2022
published: '2023-01-02'
updated: '2023-02-03'
algorithm: sha256
corrections: abc
site_wide:
- content/goals.yml
- content/places.yml
- content/site.yml
- content/pages/
- theme/
files:
  a.md: '11'
  b/é.md: '22'
  content/goals.yml: '33'
"""


def test_lock_text_exactly() -> None:
    files = {"b/é.md": "22", "content/goals.yml": "33", "a.md": "11"}
    assert lock_text(2022, "2023-01-02", files, "abc", "2023-02-03") == LOCK
    # A lock that leaves the site-wide files out (a correction under an older lock) says nothing of them.
    files.pop("content/goals.yml")
    short = lock_text(2022, "2023-01-02", files, None, site_wide=())
    assert "site_wide: [content/goals.yml]" not in lock_text(2022, "d", files, None, site_wide=["content/goals.yml"])
    assert "- content/goals.yml\nfiles:" in lock_text(2022, "d", files, None, site_wide=["content/goals.yml"])
    assert "updated" not in short and "corrections" not in short
    assert short.endswith("published: '2023-01-02'\nalgorithm: sha256\nfiles:\n  a.md: '11'\n  b/é.md: '22'\n")


CORRECTIONS = """\
# Public corrections to the published 2022 edition, recorded by `levelup publish 2022 --correction`.
# The site shows each on the pages it changed and in the edition's corrections log. Written by levelup:
# do not edit (the lock records this file's sha256 too).
corrections:
- date: '2023-03-04'
  note: Fixed a figure
  files:
  - path: initiatives/2022/x.md
    change: changed
    fields:
    - field: body
      old: |-
        First line
        second line
      new: Ünïcode
"""


def test_corrections_text_exactly_with_a_literal_block_for_text_of_several_lines() -> None:
    entry = correction_entry(
        "2023-03-04",
        "Fixed a figure",
        [("initiatives/2022/x.md", "changed", [FieldText("body", "First line\nsecond line", "Ünïcode")])],
    )
    assert corrections_text(2022, [entry]) == CORRECTIONS


def test_a_long_line_is_folded_after_column_100() -> None:
    # "- note: " and 93 characters end at column 101: past the width, so the line breaks there.
    note = " ".join(["word"] * 18) + " abc tail tail"
    lines = corrections_text(2022, [{"note": note}]).splitlines()[4:]
    assert lines == ["- note: " + " ".join(["word"] * 18) + " abc", "    tail tail"]


def test_figures_pair_only_when_label_and_unit_both_agree() -> None:
    keys = ("label", "unit")
    people, money = {"label": "L", "unit": "people", "value": 1}, {"label": "L", "unit": "GBP", "value": 1}
    assert _pairs([people], [money], keys) == [(people, None), (None, money)]
    # A mapping without label and unit shares its key with an entry that is not a mapping: the mapping wins.
    assert _pairs([{"value": 1}], ["odd", {"value": 1}], keys) == [({"value": 1}, {"value": 1}), (None, "odd")]


def test_an_added_removed_or_odd_figure_is_one_change() -> None:
    figure = {"label": "L", "unit": "u"}
    assert field_changes(Parsed({}), Parsed({"metrics": [figure]})) == [
        FieldText("metrics: L (u)", None, "label: L, unit: u")
    ]
    assert field_changes(Parsed({"funding": [{"source": "S", "currency": "GBP"}]}), Parsed({})) == [
        FieldText("funding: S (GBP)", "source: S, currency: GBP", None)
    ]
    assert field_changes(Parsed({"metrics": [{"value": 1}]}), Parsed({"metrics": ["odd"]})) == [
        FieldText("metrics: (none) (None)", "value: 1", "odd")
    ]
    assert field_changes(Parsed({"metrics": ["odd"]}), Parsed({"metrics": [{"value": 1}]})) == [
        FieldText("metrics: (entry)", "odd", "value: 1")
    ]


def test_a_body_appearing_or_going_is_a_change_whatever_its_words() -> None:
    assert field_changes(Parsed({}, None), Parsed({}, "XXXX")) == [FieldText("body", None, "XXXX")]
    assert field_changes(Parsed({}, "XXXX"), Parsed({}, None)) == [FieldText("body", "XXXX", None)]


def test_site_wide_records_pair_by_key_and_other_lists_are_one_field() -> None:
    """Goals and places are compared record by record, as figures are; a list of names (an initiative's places)
    or of mappings with no pairing keys (its links) is one field, and funding pairs even with an odd entry."""
    goal = {"number": 1, "slug": "early-years", "title": "Early years", "definition": "Old."}
    assert field_changes(Parsed({"goals": [goal]}), Parsed({"goals": [{**goal, "definition": "New."}]})) == [
        FieldText("goals: 1 (early-years): definition", "Old.", "New.")
    ]
    assert field_changes(Parsed({"places": ["A", "B"]}), Parsed({"places": ["A", "C"]})) == [
        FieldText("places", "A; B", "A; C")
    ]
    link = {"title": "T", "url": "https://example.org/"}
    assert field_changes(Parsed({"links": [link]}), Parsed({"links": []})) == [
        FieldText("links", "title: T, url: https://example.org/", "")
    ]
    assert field_changes(Parsed({"funding": ["odd"]}), Parsed({"funding": []})) == [
        FieldText("funding: (entry)", "odd", None)
    ]


def test_a_list_of_records_against_a_value_that_is_not_a_list_is_one_field() -> None:
    figure = {"label": "L", "unit": "u"}
    assert field_changes(Parsed({"metrics": "x"}), Parsed({"metrics": [figure]})) == [
        FieldText("metrics", "x", "label: L, unit: u")
    ]
    assert field_changes(Parsed({"metrics": [figure]}), Parsed({"metrics": "y"})) == [
        FieldText("metrics", "label: L, unit: u", "y")
    ]


def test_a_new_order_of_records_is_a_change_of_its_own() -> None:
    """A district's places and a table's figures show in their order: reordering them is recorded, not 'no field
    changed'."""
    essex, harlow = {"name": "Essex", "kind": "county"}, {"name": "Harlow", "kind": "district"}
    basildon = {"name": "Basildon", "kind": "district"}
    assert field_changes(Parsed({"places": [essex, harlow]}), Parsed({"places": [harlow, essex]})) == [
        FieldText("places: order", "Essex (county); Harlow (district)", "Harlow (district); Essex (county)")
    ]
    # Of the records in both versions: an added one is a change of its own, and moves nothing.
    assert field_changes(Parsed({"places": [essex, harlow]}), Parsed({"places": [basildon, essex, harlow]})) == [
        FieldText("places: Basildon (district)", None, "name: Basildon, kind: district")
    ]
    assert field_changes(Parsed({"places": [essex, harlow]}), Parsed({"places": [harlow, basildon]})) == [
        FieldText("places: Essex (county)", "name: Essex, kind: county", None),
        FieldText("places: Basildon (district)", None, "name: Basildon, kind: district"),
    ]
    # Two figures of one label and unit swapped: only their values in order tell them apart.
    one, two = {"label": "L", "unit": "people", "value": 1}, {"label": "L", "unit": "people", "value": 2}
    assert field_changes(Parsed({"metrics": [one, two]}), Parsed({"metrics": [two, one]})) == [
        FieldText(
            "metrics: order",
            "label: L, unit: people, value: 1; label: L, unit: people, value: 2",
            "label: L, unit: people, value: 2; label: L, unit: people, value: 1",
        )
    ]
    assert field_changes(Parsed({"metrics": [one, two]}), Parsed({"metrics": [one, two]})) == []
