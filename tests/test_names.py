"""Names that become URLs and file names (page names, ids, goal slugs) are short slugs; the hostile ones are errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import REPO, relock

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
    assert errors(relock(project)) == []


@pytest.mark.parametrize("name", sorted(RESERVED_PAGES))
def test_reserved_page_names(project: Path, name: str) -> None:
    (project / "content/2022" / f"{name}.md").write_text(PAGE, encoding="utf-8")
    message = f"page name '{name}' is reserved for generated pages (rename the file)"
    assert errors(project) == [f"content/2022/{name}.md:1:1: error: {message}"]


def test_an_edition_page_may_reuse_a_name_from_another_edition(project: Path) -> None:
    (project / "content/2022/foreword.md").write_text(PAGE, encoding="utf-8")  # 2021 has one too
    assert errors(project) == []


def _warnings(root: Path) -> list[str]:
    return [p.text() for p in check(root).problems if p.severity != ERROR]


@pytest.mark.parametrize("year", ["２０２１", "2021\n", "٢٠٢١"])
def test_a_folder_whose_name_only_looks_like_a_year_is_no_edition(project: Path, year: str) -> None:
    # 2021 is published: a folder another script's digits (or a line feed) make "2021" would add an initiative
    # to it, or replace its edition.yml, past its lock.
    goal = project / "initiatives" / year / "02-school-years"
    shutil.copytree(project / "initiatives/2021/02-school-years", goal)
    shutil.copytree(project / "content/2021", project / "content" / year)
    checked = check(project)
    shown = year.replace("\n", "\\n")
    assert [p.text() for p in checked.problems if p.severity == ERROR] == []
    ignored = [w for w in _warnings(project) if "file is ignored" in w]
    assert ignored == [
        f"content/{shown}:1:1: warning: file is ignored: content/ holds pages/ and one folder per edition year,"
        " such as 2025",
        f"initiatives/{shown}:1:1: warning: file is ignored: initiatives/ holds one folder per edition year",
    ]
    assert [e.year for e in checked.project.editions] == [2021, 2022]


def test_a_goal_folder_in_another_scripts_digits_is_no_goal_folder(project: Path) -> None:
    shutil.move(project / "initiatives/2022/02-school-years", project / "initiatives/2022/０２-school-years")
    assert any("initiatives/2022/０２-school-years/" in e for e in errors(project))


def test_an_id_with_a_line_feed_at_its_end_is_no_slug(project: Path) -> None:
    # "$" in a pattern lets a final line feed through: two pages, outdoor-centres and outdoor-centres\n.
    source = project / "initiatives/2022/02-school-years/outdoor-centres.md"
    text = source.read_text(encoding="utf-8")
    own_id = text.split("id: ", 1)[1].split("\n", 1)[0]
    twin = source.with_name(f"{own_id}\n.md")
    twin.write_text(text.replace(f"id: {own_id}\n", f'id: "{own_id}\\n"\n', 1), encoding="utf-8")
    found = errors(project)
    assert any(e.startswith("initiatives/2022/") and "is not a lowercase slug" in e for e in found), found


@pytest.mark.parametrize("name", ["2021\n", "２０２１", "2021 "])
def test_names_are_matched_whole_and_in_ascii_digits(name: str) -> None:
    from generator.content.read import IMAGE_NAME, YEAR
    from generator.content.rules import FOLDER, SLUG

    assert YEAR.fullmatch("2021") and not YEAR.fullmatch(name)
    assert FOLDER.fullmatch("02-school-years") and not FOLDER.fullmatch(f"{name[-2:]}-school-years")
    assert SLUG.fullmatch("a-b") and not SLUG.fullmatch("a-b\n")
    assert IMAGE_NAME.fullmatch("a.png") and not IMAGE_NAME.fullmatch("a.png\n")


def _patterns(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return own + [p for value in node.values() for p in _patterns(value)]
    return [p for value in node for p in _patterns(value)] if isinstance(node, list) else []


def test_every_schema_pattern_means_the_same_in_python_and_in_editors() -> None:
    # jsonschema runs patterns with Python's re: "$" also matches before a final line feed, and "\d" any script's
    # digits; editors and check-jsonschema use ECMA-262 regular expressions, where neither holds.
    patterns = [p for path in sorted(SCHEMAS.glob("*.json")) for p in _patterns(json.loads(path.read_text("utf-8")))]
    assert len(patterns) > 10
    for pattern in patterns:
        assert not pattern.endswith("$"), pattern
        assert "\\d" not in pattern and "\\w" not in pattern, pattern
