"""The scaffold texts unit by unit: slugs at their limit, quoting, the new initiative's exact text and a new
edition's files (moved, edited at recorded positions, BOM and CRLF dropped)."""

from __future__ import annotations

import yaml

from generator.editions.scaffold import SLUG_LIMIT, edition_files, initiative_text, quoted, slug


def test_slugs_are_cut_at_a_hyphen_within_the_limit_and_numbered_when_taken() -> None:
    words = "-".join(["abcd"] * 20)  # 99 characters, a hyphen every fifth
    assert slug(words, set()) == "-".join(["abcd"] * 12)  # cut at the last hyphen within 60 characters
    assert slug("abc-" + "d" * (SLUG_LIMIT - 4), set()) == "abc-" + "d" * (SLUG_LIMIT - 4)  # at the limit: whole
    assert slug("abc-" + "d" * (SLUG_LIMIT - 3), set()) == "abc"
    assert slug("  --Hello,  World--  ", set()) == "hello-world"
    assert slug("Hello", {"hello", "hello-2"}) == "hello-3"
    assert slug("!!!", {"initiative"}) == "initiative-2"
    assert slug("Ärger über Öl", set()) == "arger-uber-ol"


def test_quoted_is_one_double_quoted_line_whatever_the_text() -> None:
    long = "word " * 40
    assert quoted(long) == '"' + long + '"'
    assert quoted('a "b"\nc: é') == '"a \\"b\\"\\nc: é"'
    assert yaml.safe_load(quoted('a "b"\nc: é')) == 'a "b"\nc: é'


EXPECTED = """---
# yaml-language-server: $schema=../../schema.json
# A new initiative in the 2025 edition. Replace each TODO: line, uncomment (remove the # from)
# any optional field you need, then run: levelup validate
id: swim-school  # its name in web addresses; keep it the same in every edition
title: "Swim school"
goal: 2  # the main goal's number; the file stays in that goal's folder
# also_supports: [8]  # other goals it supports
status: not-stated  # one of: planned | in-development | pilot | active | completed | ended | not-stated
summary: "TODO: one or two plain-English sentences on what it does and for whom."
# places: [Harlow, Basildon]  # names from content/places.yml
# partners: [Example Trust]  # partner organisations, as the source names them
# metrics:  # every figure the source gives, one entry each
#   - label: Participants
#     value: 57000  # the number only: no commas, units or symbols
#     unit: people  # one of: UNITS
#     kind: actual  # one of: KINDS
#     period: "2025"  # optional: when it applies, as the source says
# funding:
#   - amount: 476000
#     currency: GBP
#     source: Community Renewal Fund
# links:
#   - {title: The project's own page, url: "https://www.example.org/"}  # https only
source: "Audit 2025, section 4"  # where these facts come from; add the section or page
last_reported: 2025  # the edition whose source last reported on it
---
TODO: say in plain English what it does, for whom and where, as the source reports it.
"""


def test_the_new_initiative_text_exactly() -> None:
    from generator.content.enums import Kind, Unit

    text = initiative_text(
        ident="swim-school",
        title="Swim school",
        goal=2,
        year=2025,
        source="Audit 2025, section 4",
        schema="../../schema.json",
    )
    expected = EXPECTED.replace("UNITS", " | ".join(u.value for u in Unit)).replace(
        "KINDS", " | ".join(k.value for k in Kind)
    )
    assert text == expected


EDITION = "\ufeffyear: 2024  # the year\r\ntitle: Audit 2024 (2024 source)\r\nstatus: published\r\nsource: x\r\n"


def test_a_new_edition_moves_every_file_and_edits_edition_yml_in_place() -> None:
    files = {
        "content/2024/edition.yml": EDITION.encode("utf-8"),
        "content/2024/pages/foreword.md": b"page",
        "initiatives/2024/01-a/x.md": b"\xef\xbb\xbfinitiative\r\n",
    }
    out = edition_files(files, old=2024, new=2025, year_at=(1, 7), status_at=(3, 9), title_at=(2, 14))
    assert set(out) == {"content/2025/edition.yml", "content/2025/pages/foreword.md", "initiatives/2025/01-a/x.md"}
    assert out["content/2025/pages/foreword.md"] == b"page"
    assert out["initiatives/2025/01-a/x.md"] == b"\xef\xbb\xbfinitiative\r\n"  # copied as they are
    assert out["content/2025/edition.yml"].decode("utf-8") == (
        "# Started from the 2024 edition by `levelup new edition 2025`: update the title, source, summary\n"
        "# and figures to the 2025 source. Every initiative was carried forward unchanged.\n"
        "year: 2025  # the year\n"
        "title: Audit 2025 (2025 source)\n"
        "status: draft\n"
        "source: x\n"
    )


def test_edits_on_one_line_are_made_from_the_right_so_positions_hold() -> None:
    files = {"content/2024/edition.yml": b"{year: 2024, status: published, title: Audit 2024}\n"}
    out = edition_files(files, old=2024, new=10000, year_at=(1, 8), status_at=(1, 22), title_at=(1, 40))
    assert out["content/10000/edition.yml"].decode("utf-8").splitlines()[-1] == (
        "{year: 10000, status: draft, title: Audit 10000}"
    )


def test_only_the_year_value_is_replaced_not_the_old_year_in_its_comment() -> None:
    files = {"content/2024/edition.yml": b"year: 2024  # as printed in 2024\ntitle: Audit 2024\nstatus: published\n"}
    out = edition_files(files, old=2024, new=2025, year_at=(1, 7), status_at=(3, 9), title_at=(2, 8))
    assert out["content/2025/edition.yml"].decode("utf-8").splitlines()[2:] == [
        "year: 2025  # as printed in 2024",
        "title: Audit 2025",
        "status: draft",
    ]
