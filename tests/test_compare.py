"""compare: the three-edition fixture's known changes, asserted in full as JSON, plus text, Markdown and word diffs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.editions import words

THREE = FIXTURES / "three-editions"


def metric(
    label: str, value: int, unit: str, qualifier: str | None = None, period: str | None = None
) -> dict[str, Any]:
    return {
        "label": label,
        "value": value,
        "unit": unit,
        "kind": "actual",
        "qualifier": qualifier,
        "period": period,
        "note": None,
    }


def fund(amount: int, source: str) -> dict[str, Any]:
    return {
        "amount": amount,
        "currency": "GBP",
        "kind": "actual",
        "qualifier": None,
        "source": source,
        "period": None,
        "note": None,
    }


def compare_json(capsys: pytest.CaptureFixture[str], old: int | str, new: int | str, root: Path = THREE) -> Any:
    assert main(["compare", str(old), str(new), "--format", "json", "--root", str(root)]) == 0
    return json.loads(capsys.readouterr().out)


# 2021 -> 2022: alpha completes, a figure grows, one is added, funding falls; beta is renamed and moves goal;
# gamma is not carried forward; delta is carried forward untouched; epsilon ends; zeta is new.
PARTICIPANTS = {
    "label": "Participants",
    "unit": "people",
    "old": metric("Participants", 1100, "people", "over", "2020"),  # 1,100: the 2021 correction's value
    "new": metric("Participants", 1500, "people", "over", "2021"),
    "change": 400,
    "percent_change": 36.4,
}
CLUBS = {
    "label": "Clubs",
    "unit": "count",
    "old": None,
    "new": metric("Clubs", 12, "count"),
    "change": None,
    "percent_change": None,
}
FUND_A = {
    "source": "Fund A",
    "currency": "GBP",
    "old": fund(5000, "Fund A"),
    "new": fund(4000, "Fund A"),
    "change": -1000,
    "percent_change": -20.0,
}
EXPECTED_2021_2022 = {
    "old": 2021,
    "new": 2022,
    "reversed": False,
    "added": [{"id": "zeta", "title": "Zeta fairs", "goal": 3, "status": "planned"}],
    "not_carried_forward": [{"id": "gamma", "title": "Gamma", "goal": 2, "status": "active"}],
    "status_changed": [
        {"id": "alpha", "title": "Alpha clubs", "old": "active", "new": "completed"},
        {"id": "epsilon", "title": "Epsilon", "old": "not-stated", "new": "ended"},
    ],
    "metrics_changed": [{"id": "alpha", "title": "Alpha clubs", "metrics": [PARTICIPANTS, CLUBS]}],
    "funding_changed": [{"id": "alpha", "title": "Alpha clubs", "funding": [FUND_A]}],
    "goal_changed": [{"id": "beta", "title": "Beta Plus", "old": 1, "new": 2}],
    "renamed": [{"id": "beta", "title": "Beta Plus", "old": "Beta", "new": "Beta Plus"}],
    "carried_forward_without_new_report": [
        {"id": "beta", "title": "Beta Plus", "last_reported": 2021},
        {"id": "delta", "title": "Delta", "last_reported": 2021},
    ],
    "initiatives": [
        {
            "id": "alpha",
            "title": "Alpha clubs",
            "changes": {
                "status": {"old": "active", "new": "completed"},
                "source": {
                    "old": "Exampleshire audit, 2021, section 1.1",
                    "new": "Exampleshire audit, 2022, section 1.1",
                },
                "last_reported": {"old": 2021, "new": 2022},
                "metrics": [PARTICIPANTS, CLUBS],
                "funding": [FUND_A],
                "body": [
                    [
                        ["=", "Alpha runs clubs for young children in libraries across the"],
                        ["-", "whole"],
                        ["=", "county."],
                    ],
                    [["=", "Parents join in every week."]],
                ],
            },
        },
        {
            "id": "beta",
            "title": "Beta Plus",
            "changes": {
                "title": {"old": "Beta", "new": "Beta Plus"},
                "goal": {"old": 1, "new": 2},
                "also_supports": {"old": [], "new": [3]},
                "places": {"old": ["Northtown"], "new": ["Northtown", "Southvale"]},
            },
        },
        {"id": "delta", "title": "Delta", "changes": {}},
        {
            "id": "epsilon",
            "title": "Epsilon",
            "changes": {
                "status": {"old": "not-stated", "new": "ended"},
                "links": {
                    "old": [],
                    "new": [{"title": "Epsilon's final report", "url": "https://example.org/epsilon"}],
                },
                "source": {
                    "old": "Exampleshire audit, 2021, section 3.1",
                    "new": "Exampleshire audit, 2022, section 3.1",
                },
                "last_reported": {"old": 2021, "new": 2022},
            },
        },
    ],
}

# 2022 -> 2023: gamma comes back and eta is new; delta and epsilon (ended in 2022) are not carried forward;
# zeta's fairs go from 0 to 5 (no percentage of zero); alpha gains a partner and its text changes.
FAIRS = {
    "label": "Fairs held",
    "unit": "count",
    "old": metric("Fairs held", 0, "count"),
    "new": metric("Fairs held", 5, "count"),
    "change": 5,
    "percent_change": None,
}
EXPECTED_2022_2023 = {
    "old": 2022,
    "new": 2023,
    "reversed": False,
    "added": [
        {"id": "gamma", "title": "Gamma", "goal": 2, "status": "active"},
        {"id": "eta", "title": "Eta", "goal": 3, "status": "in-development"},
    ],
    "not_carried_forward": [
        {"id": "delta", "title": "Delta", "goal": 2, "status": "planned"},
        {"id": "epsilon", "title": "Epsilon", "goal": 3, "status": "ended"},
    ],
    "status_changed": [{"id": "zeta", "title": "Zeta fairs", "old": "planned", "new": "active"}],
    "metrics_changed": [{"id": "zeta", "title": "Zeta fairs", "metrics": [FAIRS]}],
    "funding_changed": [],
    "goal_changed": [],
    "renamed": [],
    "carried_forward_without_new_report": [{"id": "beta", "title": "Beta Plus", "last_reported": 2021}],
    "initiatives": [
        {
            "id": "alpha",
            "title": "Alpha clubs",
            "changes": {
                "partners": {"old": ["Book Friends"], "new": ["Book Friends", "Reading Trust"]},
                "source": {
                    "old": "Exampleshire audit, 2022, section 1.1",
                    "new": "Exampleshire audit, 2023, section 1.1",
                },
                "last_reported": {"old": 2022, "new": 2023},
                "body": [
                    [
                        ["=", "Alpha"],
                        ["-", "runs"],
                        ["+", "ran"],
                        ["=", "clubs for young children in libraries across the"],
                        ["-", "county."],
                        ["+", "county until 2022."],
                    ],
                    [["=", "Parents join in every week."]],
                ],
            },
        },
        {"id": "beta", "title": "Beta Plus", "changes": {}},
        {
            "id": "zeta",
            "title": "Zeta fairs",
            "changes": {
                "status": {"old": "planned", "new": "active"},
                "source": {
                    "old": "Exampleshire audit, 2022, section 3.2",
                    "new": "Exampleshire audit, 2023, section 3.2",
                },
                "last_reported": {"old": 2022, "new": 2023},
                "metrics": [FAIRS],
                "body": [[["=", "Zeta"], ["-", "plans"], ["+", "holds"], ["=", "job fairs in town centres."]]],
            },
        },
    ],
}


def test_compare_2021_2022_in_full(capsys: pytest.CaptureFixture[str]) -> None:
    assert compare_json(capsys, 2021, 2022) == EXPECTED_2021_2022


def test_compare_2022_2023_in_full(capsys: pytest.CaptureFixture[str]) -> None:
    assert compare_json(capsys, 2022, 2023) == EXPECTED_2022_2023


def test_any_two_editions_compare_and_a_reversed_pair_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    forward = compare_json(capsys, 2021, 2023)
    backward = compare_json(capsys, 2023, 2021)
    assert (forward["reversed"], backward["reversed"]) == (False, True)
    # Identity is the id: what one direction adds, the other does not carry forward.
    assert [i["id"] for i in forward["added"]] == [i["id"] for i in backward["not_carried_forward"]] == ["eta", "zeta"]
    assert [i["id"] for i in forward["not_carried_forward"]] == ["delta", "epsilon"]
    assert [i["id"] for i in backward["added"]] == ["delta", "epsilon"]
    # gamma is in 2021 and 2023 (not 2022): across the gap it is carried, not added.
    assert {i["id"] for i in forward["initiatives"]} == {"alpha", "beta", "gamma"}
    assert main(["compare", "2023", "2021", "--root", str(THREE)]) == 0
    assert "compares backwards" in capsys.readouterr().out


def test_text_and_markdown_formats(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "2021", "2022", "--root", str(THREE)]) == 0
    text = capsys.readouterr().out
    assert "  status changed: 2\n" in text and "  not in the 2022 edition: 1\n" in text
    assert "alpha: Participants (people): over 1,100 people (actual, 2020) -> over 1,500 people" in text
    assert "(+400, +36.4%)" in text and "(-1,000, -20.0%)" in text
    assert "across the [-whole-] county." in text
    assert main(["compare", "2021", "2022", "--format", "markdown", "--root", str(THREE)]) == 0
    markdown = capsys.readouterr().out
    assert "| Not in the 2022 edition | 1 |" in markdown
    assert "| beta | title | Beta | Beta Plus |" in markdown
    assert "across the <del>whole</del> county." in markdown


@pytest.mark.parametrize(
    ("args", "message"),
    [(["2021", "2021"], "two different editions"), (["2021", "1999"], "there is no 1999 edition")],
)
def test_wrong_editions_are_usage_errors(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    assert main(["compare", *args, "--root", str(THREE)]) == 2
    assert message in capsys.readouterr().err


def test_invalid_content_is_not_compared(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    root = tmp_path / "project"
    shutil.copytree(THREE, root)
    page = root / "initiatives/2023/03-good-jobs/eta.md"
    page.write_text(page.read_text().replace("status: in-development", "status: maybe"))
    assert main(["compare", "2022", "2023", "--root", str(root)]) == 1
    assert "initiatives/2023/03-good-jobs/eta.md:5:9: error: status:" in capsys.readouterr().out


def test_word_diff_pairs_edited_paragraphs_and_ignores_rewrapping() -> None:
    old = "First paragraph stays.\n\nThe council is planning to trial the idea."
    new = "First   paragraph\nstays.\n\n## A new heading\n\nThe council was planning to trial the idea."
    assert words.diff(old, old.replace(" ", "\n ")) is None
    assert words.diff(old, new) == (
        (("=", "First paragraph stays."),),
        (("+", "## A new heading"),),
        (("=", "The council"), ("-", "is"), ("+", "was"), ("=", "planning to trial the idea.")),
    )


def test_word_diff_is_bounded_on_huge_texts() -> None:
    # Two 5,000-word paragraphs: past the pair limit they are not diffed word by word but shown replaced whole.
    old = " ".join(f"a{i}" for i in range(5000))
    new = old.replace("a17 ", "b17 ")
    assert words.diff(old, new) == ((("-", old),), (("+", new),))


_WORDS = st.lists(
    st.sampled_from(["the", "council", "runs", "clubs", "in", "2022.", "new", "£5,000", "<b>"]), max_size=12
)
_TEXTS = st.lists(_WORDS.map(" ".join), max_size=5).map("\n\n".join)


@settings(max_examples=300, deadline=None)
@given(_TEXTS, _TEXTS)
def test_a_word_diff_rebuilds_both_texts(old: str, new: str) -> None:
    # Dropping the added words gives the old text back, dropping the removed words the new one, paragraph by paragraph.
    result = words.diff(old, new)
    if result is None:
        assert words.paragraphs(old) == words.paragraphs(new)
        return
    for keep, text in (((words.EQUAL, words.DELETE), old), ((words.EQUAL, words.INSERT), new)):
        rebuilt = [" ".join(t for op, t in p if op in keep) for p in result]
        assert [p for p in rebuilt if p] == words.paragraphs(text)


def test_published_and_draft_name_the_newest_edition_of_that_status(capsys: pytest.CaptureFixture[str]) -> None:
    # CI's pull-request summary compares these without naming years (three-editions: 2021, 2022 published, 2023 draft).
    assert compare_json(capsys, "published", "draft") == compare_json(capsys, 2022, 2023)


def test_a_missing_status_or_a_word_that_is_not_a_year_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    root = tmp_path / "project"
    shutil.copytree(THREE, root)
    shutil.rmtree(root / "content/2023")
    shutil.rmtree(root / "initiatives/2023")
    assert main(["compare", "published", "draft", "--root", str(root)]) == 2
    assert "there is no draft edition (editions: 2021 published, 2022 published)" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        main(["compare", "newest", "draft", "--root", str(THREE)])
    assert stop.value.code == 2
    assert "'newest' is not a year, 'published' or 'draft'" in capsys.readouterr().err
