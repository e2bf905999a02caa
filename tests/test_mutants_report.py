"""The comparison reports in full: every line of the text and Markdown reports of the three-editions fixture, in
both directions, and the formatting helpers at their edges.

The expected reports are tests/data/compare/<old>-<new>.txt and .md. After an intended change of wording, write
them again with `python -m generator.cli compare <old> <new> --format text|markdown --root
tests/fixtures/three-editions` and review the difference."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import FIXTURES

from generator.cli import main
from generator.content.check import check
from generator.content.model import Link
from generator.editions import report
from generator.editions.diff import FieldChange, compare

THREE = FIXTURES / "three-editions"
DATA = Path(__file__).parent / "data" / "compare"


@pytest.mark.parametrize(("fmt", "suffix"), [("text", "txt"), ("markdown", "md")])
@pytest.mark.parametrize(("old", "new"), [(2021, 2022), (2022, 2023), (2023, 2021)])
def test_the_report_in_full(capsys: pytest.CaptureFixture[str], old: int, new: int, fmt: str, suffix: str) -> None:
    assert main(["compare", str(old), str(new), "--format", fmt, "--root", str(THREE)]) == 0
    assert capsys.readouterr().out == (DATA / f"{old}-{new}.{suffix}").read_text(encoding="utf-8")


def test_many_initiatives_without_a_new_report_are_wrapped_at_100_characters() -> None:
    project = check(THREE).project
    assert project is not None
    old, new = project.edition(2021), project.edition(2022)
    assert old is not None and new is not None
    comparison = compare(old, new)
    (template,) = [d for d in comparison.common if d.id == "delta"]
    ids = [f"carried-forward-initiative-{i:02d}" for i in range(8)]
    common = tuple(dataclasses.replace(template, new=dataclasses.replace(template.new, id=i)) for i in ids)
    text = report.as_text(dataclasses.replace(comparison, common=common))
    block = text.split("Carried forward without a new report (8)\n")[1].split("\n\n")[0].split("\n")
    assert block == [
        "  " + ", ".join(ids[:3]) + ",",
        "  " + ", ".join(ids[3:6]) + ",",
        "  " + ", ".join(ids[6:]),
    ]
    assert all(len(line) <= 100 for line in block)


def test_numbers_lose_needless_decimals_and_gain_thousands_separators() -> None:
    assert report.plain(57000.0) == 57000 and isinstance(report.plain(57000.0), int)
    assert report.plain(14.1) == 14.1
    assert report._number(1234567.0) == "1,234,567"
    assert report._number(1234.5) == "1,234.5"
    assert report._number(2.10) == "2.1"
    assert report._number(0.25) == "0.25"
    assert report._number(3.0) == "3"


def test_long_unchanged_stretches_keep_eight_words_of_context() -> None:
    sixteen = " ".join(f"w{i}" for i in range(16))
    seventeen = " ".join(f"w{i}" for i in range(17))
    assert report._context(sixteen, "middle") == sixteen
    assert report._context(seventeen, "start") == "… w9 w10 w11 w12 w13 w14 w15 w16"
    assert report._context(seventeen, "end") == "w0 w1 w2 w3 w4 w5 w6 w7 …"
    assert report._context(seventeen, "middle") == "w0 w1 w2 w3 w4 w5 w6 w7 … w9 w10 w11 w12 w13 w14 w15 w16"


def test_body_lines_mark_words_and_shorten_context_by_position() -> None:
    long = " ".join(f"w{i}" for i in range(20))
    paragraphs = (
        (("=", "same"),),
        (("=", long), ("-", "a<b"), ("=", long), ("+", "c&d"), ("=", long)),
    )
    (line,) = report.body_lines(paragraphs, "<del>{}</del>", "<ins>{}</ins>", report._escape)
    start = "… " + " ".join(f"w{i}" for i in range(12, 20))
    middle = " ".join(f"w{i}" for i in range(8)) + " … " + " ".join(f"w{i}" for i in range(12, 20))
    end = " ".join(f"w{i}" for i in range(8)) + " …"
    assert line == f"{start} <del>a&lt;b</del> {middle} <ins>c&amp;d</ins> {end}"


def test_list_fields_say_what_was_added_and_removed() -> None:
    assert report.field_line(FieldChange("places", ("A", "B"), ("B", "A"))) == "places: reordered"
    assert report.field_line(FieldChange("places", ("A", "B"), ("B", "C"))) == "places: added C, removed A"
    assert report.field_line(FieldChange("places", ("A",), ("A", "B", "C"))) == "places: added B; C"
    assert report.field_line(FieldChange("places", ("A", "B", "C"), ())) == "places: removed A; B; C"
    link = Link(title="Report", url="https://example.org/r")
    assert report.field_line(FieldChange("links", (), (link,))) == "links: (none) -> Report <https://example.org/r>"
    assert report.field_line(FieldChange("goal", 1, 2)) == "goal: 1 -> 2"


def test_table_cells_and_text_are_escaped() -> None:
    assert report._cell("a|b\\c\nd") == "a\\|b\\\\c d"
    assert report._escape("<a> & <b>") == "&lt;a&gt; &amp; &lt;b&gt;"
    assert report.value_json(("a", Link(title="t", url="u"))) == ["a", {"title": "t", "url": "u"}]
    assert report.value_json(3) == 3
