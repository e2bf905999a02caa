"""Names that become URLs and file names (page names, ids, goal slugs) are short slugs; the hostile ones are errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO

from generator.content.check import check
from generator.content.problems import ERROR
from generator.content.rules import RESERVED_PAGES, SLUG_LIMIT

SCHEMAS = REPO / "generator/content/schemas"
PAGE = "---\ntitle: A page\n---\nSome words.\n"
NOT_SLUG = "is not a lowercase slug; use lowercase letters, digits and single hyphens (rename the file)"


def errors(root: Path) -> list[str]:
    return [p.text() for p in check(root).problems if p.severity == ERROR]


def test_the_schemas_cap_ids_and_goal_slugs_at_the_page_name_limit() -> None:
    initiative = json.loads((SCHEMAS / "initiative.schema.json").read_text(encoding="utf-8"))
    goals = json.loads((SCHEMAS / "goals.schema.json").read_text(encoding="utf-8"))
    assert initiative["properties"]["id"]["maxLength"] == SLUG_LIMIT
    assert goals["properties"]["goals"]["items"]["properties"]["slug"]["maxLength"] == SLUG_LIMIT


@pytest.mark.parametrize(("name", "shown"), [("why?", "why?"), ("a\nb", "a?b"), ("Über", "Über"), ("a--b", "a--b")])
def test_page_names_that_are_not_slugs(project: Path, name: str, shown: str) -> None:
    # Not fixtures in the repository: '?' and newlines cannot be file names on every system.
    (project / "content/pages" / f"{name}.md").write_text(PAGE, encoding="utf-8")
    # A line break in a file name is shown as its escape: it would otherwise end the message's line.
    path = name.replace("\n", "\\n")
    assert errors(project) == [f"content/pages/{path}.md:1:1: error: page name '{shown}' {NOT_SLUG}"]


def test_a_250_character_page_name(project: Path) -> None:
    name = "a" * 250
    (project / "content/2022" / f"{name}.md").write_text(PAGE, encoding="utf-8")
    assert errors(project) == [
        f"content/2022/{name}.md:1:1: error: page name is too long (250 characters); the limit is 100 (rename the file)"
    ]


def test_a_250_character_id(project: Path) -> None:
    ident = "x" * 250
    original = project / "initiatives/2022/03-good-jobs/job-fairs.md"
    text = original.read_text(encoding="utf-8").replace("id: job-fairs", f"id: {ident}")
    original.unlink()
    (original.parent / f"{ident}.md").write_text(text, encoding="utf-8")
    assert errors(project) == [
        f"initiatives/2022/03-good-jobs/{ident}.md:2:5: error: id: text is 250 characters;"
        " the limit is 100 (shorten it)"
    ]


def test_a_250_character_goal_slug(project: Path) -> None:
    goals = project / "content/goals.yml"
    goals.write_text(goals.read_text(encoding="utf-8").replace("slug: good-jobs", f"slug: {'g' * 250}"))
    message = "goals[2].slug: text is 250 characters; the limit is 100 (shorten it)"
    assert errors(project) == [f"content/goals.yml:12:11: error: {message}"]


def test_a_name_at_the_limit_is_fine(project: Path) -> None:
    (project / "content/pages" / f"{'a' * SLUG_LIMIT}.md").write_text(PAGE, encoding="utf-8")
    assert errors(project) == []


@pytest.mark.parametrize("name", sorted(RESERVED_PAGES))
def test_reserved_page_names(project: Path, name: str) -> None:
    (project / "content/2022" / f"{name}.md").write_text(PAGE, encoding="utf-8")
    message = f"page name '{name}' is reserved for generated pages (rename the file)"
    assert errors(project) == [f"content/2022/{name}.md:1:1: error: {message}"]


def test_an_edition_page_may_reuse_a_name_from_another_edition(project: Path) -> None:
    (project / "content/2022/foreword.md").write_text(PAGE, encoding="utf-8")  # 2021 has one too
    assert errors(project) == []
