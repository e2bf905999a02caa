"""The explore page's Markdown: one plain Markdown table any renderer resolves, with what explore.js needs."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import REPO, VALID
from update_golden import generated

from generator.content.theme import TOOL_THEME

ROW = re.compile(
    r"^\| \[(?P<title>[^\]]+)\]\(\.\./initiatives/(?P<id>[a-z0-9-]+)/index\.md\)\{ (?P<attrs>[^}]*) \}", re.MULTILINE
)


@pytest.fixture(scope="module")
def page() -> str:
    return generated()["2021/explore/index.md"]


def test_the_page_is_left_out_of_the_search(page: str) -> None:
    # Every initiative has its own page in the search; this one would repeat them all (and, at thousands of
    # initiatives, pass Zensical's limit of 32,768 search positions for one page).
    front = yaml.safe_load(page.split("---")[1])
    assert front["search"] == {"exclude": True}


def test_rows_are_markdown_links_carrying_goal_status_and_areas(page: str) -> None:
    rows = {m["id"]: dict(re.findall(r'(data-[a-z]+)="([^"]*)"', m["attrs"])) for m in ROW.finditer(page)}
    assert sorted(rows) == ["family-hubs", "outdoor-centres", "reading-start"]
    assert "<a " not in page and "href=" not in page  # raw HTML links break under Zensical
    options = re.search(r'<select id="filter-place" name="place">(.*?)</select>', page)
    assert options
    places = re.findall(r'<option value="([^"]*)">', options.group(1))[1:]  # after "All places"
    assert places == ["Northtown", "Southvale", "Countywide"]  # the areas some initiative counts towards
    # Reading Start names Northtown and its town Little Hamlet: one area, Northtown.
    reading = rows["reading-start"]
    assert (reading["data-goal"], reading["data-status"]) == ("1", "active")
    assert [places[int(n)] for n in reading["data-areas"].split()] == ["Northtown"]
    assert [places[int(n)] for n in rows["family-hubs"]["data-areas"].split()] == ["Countywide"]


def test_the_words_the_script_shows_are_in_the_page(page: str) -> None:
    assert 'data-count="{shown} of {total} initiatives shown"' in page
    assert "No initiatives match these filters." in page
    assert page.count("data-explore-reset") == 2


def test_the_script_holds_no_words_of_its_own() -> None:
    # Words readers see live in the theme's templates: explore.js may hold only code, names and selectors.
    script = (TOOL_THEME / "assets/explore.js").read_text(encoding="utf-8")
    code = re.sub(r"^\s*//.*$", "", script, flags=re.MULTILINE)
    literals = re.findall(r'"((?:[^"\\]|\\.)*)"', code)
    assert literals, "no string literals found: the check would prove nothing"
    worded = [s for s in literals if re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", s) and s != "use strict"]
    assert worded == []


def test_the_bundled_place_filter_offers_the_areas_named_in_places_yml_order() -> None:
    from generator.content.check import check
    from generator.content.theme import load_theme
    from generator.site.pages import explore

    project = check(REPO).project
    assert project is not None
    ctx = explore.Context(project, project.editions[0], load_theme(REPO), None)  # type: ignore[arg-type]
    (doc,) = explore.pages(ctx)
    used = {a for i in project.editions[0].initiatives for a in explore.areas(project, i)}
    assert doc.context["area_options"] == [p.name for p in project.places if p.name in used]
    assert "Chelmsford" in used and "Uttlesford" not in used  # no 2022 initiative names Uttlesford


def test_a_hostile_title_stays_inside_its_link_and_cell() -> None:
    import dataclasses

    from generator.content.check import check
    from generator.content.markup import to_html
    from generator.content.theme import load_theme
    from generator.site.pages import explore, render
    from generator.site.templating import environment

    project = check(VALID).project
    assert project is not None
    edition = project.editions[0]
    title = "Reading ] Start | pipe [a](b) *star* & <i>" + "x" * 10_000
    first = dataclasses.replace(edition.initiatives[0], title=title)
    edition = dataclasses.replace(edition, initiatives=(first, *edition.initiatives[1:]))
    theme = load_theme(VALID)
    ctx = explore.Context(project, edition, theme, None)  # type: ignore[arg-type]
    (doc,) = explore.pages(ctx)
    text = render(environment(theme), ctx.common(), doc)
    body = text.split("---", 2)[2]
    html = to_html(body)[0]  # the site's own Markdown extensions
    links = re.findall(r"<a (data-[^>]*)>(.*?)</a>", html)
    assert len(links) == 3
    attrs, shown = links[0]
    assert 'data-goal="1"' in attrs and 'href="../initiatives/' in attrs
    assert shown == "Reading ] Start | pipe [a](b) *star* &amp; &lt;i&gt;" + "x" * 10_000
    assert html.count("<tr>") == 4  # the header and three rows: no pipe split a row
