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
from generator.content.enums import Currency, Kind, Qualifier, Unit
from generator.content.model import Funding, Link, Metric, Position
from generator.editions import report, words
from generator.editions.diff import Comparison, FieldChange, FigureChange, compare

THREE = FIXTURES / "three-editions"
DATA = Path(__file__).parent / "data" / "compare"


@pytest.mark.parametrize(("fmt", "suffix"), [("text", "txt"), ("markdown", "md")])
@pytest.mark.parametrize(("old", "new"), [(2021, 2022), (2022, 2023), (2023, 2021)])
def test_the_report_in_full(capsys: pytest.CaptureFixture[str], old: int, new: int, fmt: str, suffix: str) -> None:
    assert main(["compare", str(old), str(new), "--format", fmt, "--root", str(THREE)]) == 0
    assert capsys.readouterr().out == (DATA / f"{old}-{new}.{suffix}").read_text(encoding="utf-8")


def test_many_initiatives_without_a_new_report_are_wrapped_at_100_characters() -> None:
    ids = [f"carried-forward-initiative-{i:02d}" for i in range(8)]
    text = report.as_text(_with_common(*ids))
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


def _metric(value: float) -> Metric:
    return Metric("", value, Unit.PEOPLE, Kind.ACTUAL, None, "2021", None, Position("x.md", 1))


def test_numbers_rounded_to_a_whole_lose_the_point_and_negative_zero_its_sign() -> None:
    assert report._number(2.001) == "2"
    assert report._number(1234.004) == "1,234"
    assert report._number(-0.0) == "0"


def test_a_figure_without_a_label_is_named_no_source_when_added_removed_or_changed() -> None:
    old, new = _metric(10), _metric(12)
    assert (
        report.figure_line(FigureChange("", "people", None, new))
        == "(no source) (people): added 12 people (actual, 2021)"
    )
    assert (
        report.figure_line(FigureChange("", "people", old, None))
        == "(no source) (people): removed 10 people (actual, 2021)"
    )
    assert report.figure_line(FigureChange("", "people", old, new)) == (
        "(no source) (people): 10 people (actual, 2021) -> 12 people (actual, 2021) (+2, +20.0%)"
    )


def test_no_change_and_a_change_below_one_are_shown_with_a_plus() -> None:
    assert report.change_text(FigureChange("a", "people", _metric(10), _metric(10))) == "+0, +0.0%"
    assert report.change_text(FigureChange("a", "people", _metric(10), _metric(10.5))) == "+0.5, +5.0%"
    assert report.change_text(FigureChange("a", "people", _metric(10), _metric(9.5))) == "-0.5, -5.0%"


def test_funding_json_keeps_the_qualifier() -> None:
    funding = Funding(5000, Currency.GBP, Qualifier.UP_TO, "Fund", "2021", Kind.TARGET, None, Position("x.md", 1))
    assert report.funding_json(funding)["qualifier"] == "up-to"
    assert report.funding_json(dataclasses.replace(funding, qualifier=None))["qualifier"] is None


def _with_common(*ids: str, body: str | None = None) -> Comparison:
    project = check(THREE).project
    assert project is not None
    old, new = project.edition(2021), project.edition(2022)
    assert old is not None and new is not None
    comparison = compare(old, new)
    (template,) = [d for d in comparison.common if d.id == "delta"]
    common = tuple(dataclasses.replace(template, new=dataclasses.replace(template.new, id=i)) for i in ids)
    if body is not None:
        common = (dataclasses.replace(template, body=words.diff("Tea & cake by the REX", body)),)
    return dataclasses.replace(comparison, common=common)


def test_ids_not_reported_are_wrapped_at_exactly_100_characters_and_never_inside_an_id() -> None:
    first = "initiative-" + "a" * 37  # 48 characters: "  first, second" is 101
    second = "initiative-with-a-name-cut-into-many-short-parts"[:49].ljust(49, "b")
    text = report.as_text(_with_common(first, second))
    block = text.split("Carried forward without a new report (2)\n")[1].split("\n\n")[0].split("\n")
    assert block == [f"  {first},", f"  {second}"]


def test_the_markdown_report_escapes_the_text_and_ends_with_its_last_word() -> None:
    text = report.as_markdown(_with_common(body="Tea & scones by the REX"))
    assert text.endswith("\n> Tea &amp; <del>cake</del> <ins>scones</ins> by the REX")
