"""The goal page's carried-forward note is derived from last_reported, never written by hand."""

from __future__ import annotations

import dataclasses

from conftest import REPO, VALID

from generator.content.check import read_project
from generator.content.model import Edition, Project
from generator.content.theme import load_theme
from generator.site.charts.specs import edition_charts
from generator.site.pages import edition_docs

NOTE = '!!! note "Carried forward"'


def goal_pages(project: Project, edition: Edition) -> dict[int, str]:
    theme = load_theme(VALID)
    docs = edition_docs(project, edition, theme, edition_charts(project, edition, theme.labels))
    return {g.number: str(docs[f"goals/{g.folder}/index.md"]) for g in project.goals}


def test_the_note_shows_only_where_no_initiative_of_the_goal_is_reported() -> None:
    project, _ = read_project(VALID)
    first, later = project.editions
    assert not any(NOTE in text for text in goal_pages(project, first).values())
    pages = goal_pages(project, later)
    # Goal 1's only initiative was last reported in 2021; goal 3's in 2022; goal 2 has none of its own.
    assert [n for n, text in pages.items() if NOTE in text] == [1]
    assert "The source of the 2022 edition does not report on this goal." in pages[1]


def test_reporting_one_initiative_removes_the_note() -> None:
    project, _ = read_project(VALID)
    later = project.editions[1]
    updated = tuple(dataclasses.replace(i, last_reported=2022) if i.goal == 1 else i for i in later.initiatives)
    assert NOTE not in goal_pages(project, dataclasses.replace(later, initiatives=updated))[1]


def test_bundled_goal_pages_carry_no_hand_written_note() -> None:
    for path in sorted(REPO.glob("initiatives/*/*/index.md")):
        assert "does not report on this goal" not in path.read_text(encoding="utf-8"), path


def test_bundled_2025_goals_with_new_reports_have_no_note() -> None:
    project, _ = read_project(REPO)
    edition = project.edition(2025)
    assert edition is not None
    noted = [n for n, text in goal_pages(project, edition).items() if NOTE in text]
    # The 2025 update reports on initiatives of goals 1, 3, 5 and 7 (tailored support, the bursaries and
    # re-engaging young people, free childcare, social supermarkets), and on no other goal.
    assert noted == [2, 4, 6, 8, 9, 10, 11, 12, 13, 14]
