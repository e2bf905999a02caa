"""Pages missing from the navigation are found by validate and the build, before any renderer (Zensical does not
look): every page is in the navigation or matched by a not-in-nav pattern."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, VALID

from generator.commands import validate
from generator.commands.build import build
from generator.content.check import read_project
from generator.content.theme import load_theme
from generator.errors import ContentError
from generator.render import mkdocs_config, nav_check
from generator.site.charts.data import Chart
from generator.site.charts.specs import edition_specs
from generator.site.pages import edition_docs


def test_a_page_neither_listed_nor_matched_is_reported() -> None:
    items = [{"Home": "index.md"}, {"Goals": ["goals/index.md", {"1. One": "goals/01-one/index.md"}]}]
    pages = ["index.md", "goals/01-one/index.md", "goals/02-two/index.md", "initiatives/a/index.md"]
    pages += ["changes/2021/index.md", "changes/x/index.md", "places/index.md", "places/north/index.md"]
    assert nav_check.unlisted(pages, items) == ["goals/02-two/index.md", "changes/x/index.md", "places/index.md"]


@pytest.mark.parametrize("root", [VALID, REPO], ids=["fixture", "bundled"])
def test_every_generated_page_is_reachable(root: Path) -> None:
    """The whole docs tree of every edition, fixed pages included, as the renderer would get it."""
    project, _ = read_project(root)
    theme = load_theme(root)
    assert nav_check.nav_problems(project) == nav_check.nav_problems(project, theme.labels) == []
    for edition in project.editions:
        charts = edition_specs(project, edition, theme.labels).map(lambda s: Chart(s, "", "", "", (), ()))
        pages = [name for name in edition_docs(project, edition, theme, charts) if name.endswith(".md")]
        assert len(pages) > len(edition.initiatives)
        assert nav_check.unlisted(pages, mkdocs_config.nav(project, edition, theme.labels)) == []


def _without_about(monkeypatch: pytest.MonkeyPatch) -> None:
    """A navigation that forgets the about pages (as a change to nav() might)."""
    real = mkdocs_config.nav
    monkeypatch.setattr(
        nav_check, "nav", lambda *args: [i for i in real(*args) if "about.md" not in nav_check.listed([i])]
    )


def test_validate_reports_a_content_page_the_navigation_misses(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _without_about(monkeypatch)
    assert validate.run(root=project) == 1
    out = capsys.readouterr().out
    assert "content/pages/about.md:2:1: error: the 2022 site would publish about.md with no link to it" in out


def test_the_build_refuses_it_before_rendering(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _without_about(monkeypatch)
    with pytest.raises(ContentError) as raised:
        build(project)
    assert {p.path for p in raised.value.problems} == {"content/pages/about.md", "content/2021/foreword.md"}
    assert not (project / "site").exists()
