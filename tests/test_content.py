"""Guards for the bundled Essex content: strict validity, section coverage, per-goal counts, the 2025 carry-forward."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO

from generator.content.check import check
from generator.content.model import Edition, Metric, Project

DATA = Path(__file__).parent / "data"
SECTIONS = [line.split(" ", 1)[0] for line in (DATA / "audit-2022-sections.txt").read_text().splitlines()]
UNCITED = yaml.safe_load((DATA / "uncited-sections.yml").read_text())["uncited"]
CITES_2025 = "Levelling Up Essex update 2025"
NEW_IN_2025 = {
    "poppins-bursary-scheme",
    "nightingale-bursary-scheme",
    "free-childcare-for-parents-returning-to-work",
    "re-engaging-young-people-not-in-education-employment-or-training",
    "tailored-support-for-children-at-key-developmental-stages",
}


@pytest.fixture(scope="module")
def project() -> Project:
    checked = check(REPO, strict=True)
    assert [p.text() for p in checked.problems] == []
    assert checked.project is not None
    return checked.project


def edition(project: Project, year: int) -> Edition:
    found = project.edition(year)
    assert found is not None
    return found


def cited(ed: Edition) -> dict[str, set[int]]:
    """Section number -> goals (primary and also-supported) of the initiatives citing it."""
    out: dict[str, set[int]] = {}
    for item in ed.initiatives:
        for section in re.findall(r"\b4\.\d+\.\d+\b", item.source):
            out.setdefault(section, set()).update(item.goals)
    return out


def test_the_audit_has_84_numbered_sections() -> None:
    assert len(SECTIONS) == len(set(SECTIONS)) == 84


def test_every_section_is_cited_or_explained(project: Project) -> None:
    sections = cited(edition(project, 2022))
    missing = [s for s in SECTIONS if s not in sections and s not in UNCITED]
    assert missing == []
    assert set(sections) <= set(SECTIONS), "an initiative cites a section the audit does not have"


@pytest.mark.parametrize("goal", [g for g in range(1, 15) if g != 11])
def test_per_goal_sections_match_the_audit(project: Project, goal: int) -> None:
    sections = cited(edition(project, 2022))
    expected = {s for s in SECTIONS if s.split(".")[1] == str(goal)} - set(UNCITED)
    covered = {s for s, goals in sections.items() if s.split(".")[1] == str(goal) and goal in goals}
    assert covered == expected


def test_goal_11_lists_eleven_projects(project: Project) -> None:
    listed = [i for i in edition(project, 2022).initiatives if "goal 11 project list" in i.source]
    assert len(listed) == 11
    assert all(11 in i.goals for i in listed)


def figures(metrics: tuple[Metric, ...]) -> list[tuple[object, ...]]:
    return [(m.label, m.value, m.value_max, m.unit, m.qualifier, m.period, m.kind) for m in metrics]


def test_2025_carries_every_2022_initiative_forward(project: Project) -> None:
    old, new = edition(project, 2022), edition(project, 2025)
    for item in old.initiatives:
        carried = new.initiative(item.id)
        assert carried is not None, item.id
        if carried.last_reported == 2022:
            assert carried.status == item.status, item.id
            assert figures(carried.metrics) == figures(item.metrics), item.id
    updated = {i.id for i in new.initiatives if i.last_reported == 2025} - NEW_IN_2025
    assert updated == {"social-supermarkets"}
    assert {i.id for i in new.initiatives} >= NEW_IN_2025
    assert len(new.initiatives) == len(old.initiatives) + len(NEW_IN_2025)


def test_edition_status_and_programme_figures(project: Project) -> None:
    assert edition(project, 2022).published and not edition(project, 2025).published
    figures = {(m.value, m.qualifier, m.kind) for m in edition(project, 2025).metrics}
    assert {(100000, "over", "actual"), (140000, "nearly", "forecast")} <= figures
    assert any(m.value == 6 for m in edition(project, 2025).metrics)
    county = {(m.value, m.unit) for m in edition(project, 2022).metrics}
    assert {(40000000000, "GBP"), (700000, "jobs"), (75000, "businesses"), (123000, "people")} <= county


def test_figures_the_issue_names(project: Project) -> None:
    ed = edition(project, 2022)
    outdoors = ed.initiative("essex-outdoors")
    assert outdoors is not None and set(outdoors.places) == {"Harlow", "Danbury", "Mersea", "Bradwell"}
    assert any((m.value, m.qualifier, m.period, m.kind) == (57000, "over", "2021", "actual") for m in outdoors.metrics)
    pedal = ed.initiative("essex-pedal-power")
    assert pedal is not None and 11 in pedal.goals
    assert any((m.value, m.qualifier, m.kind) == (5000, "over", "target") for m in pedal.metrics)
    goal2 = ed.goal_page(2)
    assert goal2 is not None and {22, 14.1, 12.4, 9.5, 550} <= {m.value for m in goal2.metrics}


def test_2025_last_reported_follows_the_source(project: Project) -> None:
    """Citing the 2025 update makes an initiative reported in 2025; anything else is carried from 2022 unchanged."""
    old, new = edition(project, 2022), edition(project, 2025)
    for item in new.initiatives:
        if CITES_2025 in item.source:
            assert item.last_reported == 2025, item.id
            continue
        before = old.initiative(item.id)
        assert before is not None and CITES_2025 not in before.source, item.id
        assert (item.last_reported, item.status) == (2022, before.status), item.id
    assert {i.id for i in new.initiatives if CITES_2025 in i.source} == NEW_IN_2025 | {"social-supermarkets"}


# EDITORS_GUIDE.md, "Places and Countywide": text that gives the whole county as the reach goes with Countywide.
COUNTY_REACH = re.compile(
    r"\b(county-?wide|across (the (whole )?county|essex)|throughout (essex|the county)|all over the county"
    r"|every (school in the county|child in essex)|all residents)\b",
    re.IGNORECASE,
)
# Files whose text names county-wide words for something other than the initiative's own reach.
NOT_COUNTYWIDE = {
    "local-linked-support": "works in Colchester, Braintree and Harlow; extending it across Essex is a plan",
    "social-supermarkets": "a trial at several sites across Essex",
    "housing-infrastructure-fund": "the construction jobs are across Essex; the works are at named places",
}


def test_countywide_tag_and_text_agree(project: Project) -> None:
    disagree = []
    for ed in project.editions:
        for item in ed.initiatives:
            says = bool(COUNTY_REACH.search(f"{item.summary} {item.body}")) and item.id not in NOT_COUNTYWIDE
            tagged = any(project.place(name).kind == "countywide" for name in item.places)
            if says != tagged:
                disagree.append((ed.year, item.id, "says countywide, not tagged" if says else "tagged, text silent"))
    assert disagree == []
    for ident in NOT_COUNTYWIDE:
        item = edition(project, 2025).initiative(ident)
        assert item is not None and COUNTY_REACH.search(f"{item.summary} {item.body}"), ident


def test_the_initiatives_the_fact_check_named_are_countywide(project: Project) -> None:
    named = {
        "adult-community-learning",
        "essex-anchors-network",
        "apprenticeship-levy-transfer-scheme",
        "essex-children-and-young-peoples-plan",
        "locase-ii",
    }
    for ident in named:
        item = edition(project, 2025).initiative(ident)
        assert item is not None and "Countywide" in item.places, ident
