"""The places pages: a tile map and list of districts, a page per district, and every place linked to its page."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, VALID
from update_golden import generated

from generator.content.check import check
from generator.content.enums import PlaceKind
from generator.content.model import Place, Position, Project, place_slug
from generator.content.theme import load_theme
from generator.render.mkdocs_config import config
from generator.site import tilemap
from generator.site.pages import places, render
from generator.site.templating import environment


def _project(root: Path) -> Project:
    project = check(root).project
    assert project is not None
    return project


@pytest.fixture(scope="module")
def fixture() -> Project:
    return _project(VALID)


@pytest.fixture(scope="module")
def docs() -> dict[str, str]:
    return generated()


def _places_pages(project: Project, root: Path) -> dict[str, str]:
    """The places pages of the newest edition, rendered with the theme (no charts needed)."""
    theme = load_theme(root)
    ctx = places.Context(project, project.editions[-1], theme, None)  # type: ignore[arg-type]
    env = environment(theme)
    return {d.path: render(env, ctx.common(), d) for d in places.pages(ctx)}


def test_a_place_links_to_its_district_page(fixture: Project) -> None:
    assert places.place_page(fixture, "Northtown") == "places/northtown/index.md"
    assert places.place_page(fixture, "Little Hamlet") == "places/northtown/index.md"  # a town: its district's page
    assert places.place_page(fixture, "Countywide") == "places/index.md"
    assert places.place_page(fixture, "Elsewhere County") is None


def test_initiative_pages_link_each_place(docs: dict[str, str]) -> None:
    page = docs["2021/initiatives/reading-start/index.md"]
    assert "[Northtown](../../places/northtown/index.md); [Little Hamlet](../../places/northtown/index.md)" in page
    assert "[Countywide](../../places/index.md)" in docs["2021/initiatives/family-hubs/index.md"]


def test_a_district_page_lists_its_towns_initiatives_and_the_countywide_ones(docs: dict[str, str]) -> None:
    page = docs["2021/places/northtown/index.md"]
    initiatives, countywide = page.split("## Across the whole area")
    # Reading Start names Northtown and its town Little Hamlet: listed once, with both places.
    assert initiatives.count("(../../initiatives/reading-start/index.md)") == 1
    assert "| Northtown, Little Hamlet |" in initiatives
    assert "outdoor-centres" not in page  # Southvale's
    assert "(../../initiatives/family-hubs/index.md)" in countywide
    assert "| [1. Early years](../../goals/01-early-years/index.md) | 1 |" in initiatives
    assert "| Active | 1 |" in initiatives


def test_an_initiative_naming_its_district_and_the_whole_area_is_listed_once(fixture: Project) -> None:
    edition = fixture.editions[0]
    both = dataclasses.replace(edition.initiatives[0], places=("Countywide", "Southvale"))
    edition = dataclasses.replace(edition, initiatives=(both, *edition.initiatives[1:]))
    ctx = places.Context(fixture, edition, load_theme(VALID), None)  # type: ignore[arg-type]  # no charts here
    pages = {d.path: d.context for d in places.pages(ctx)}
    southvale = pages["places/southvale/index.md"]
    assert both.id in [x.initiative.id for x in southvale["initiatives"]]
    assert both.id not in [x.initiative.id for x in southvale["countywide"]]
    assert both.id in [x.initiative.id for x in pages["places/northtown/index.md"]["countywide"]]


def test_the_places_page_counts_each_district(docs: dict[str, str]) -> None:
    page = docs["2021/places/index.md"]
    assert "| [Northtown](northtown/index.md) | 1 | Little Hamlet |" in page
    assert "| [Southvale](southvale/index.md) | 1 |  |" in page


class _Svg(HTMLParser):
    """The tile map's links, each with the words inside it."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.svg: dict[str, str | None] = {}
        self.title = ""
        self._in: str | None = None
        self._tag = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag = tag
        if tag == "svg":
            self.svg = dict(attrs)
        if tag == "a":
            self._in = dict(attrs)["href"]
            self.links.append((self._in or "", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            href, words = self.links[-1]
            self.links[-1] = (href, (words + " " + data).strip())
        elif self._tag == "title":
            self.title += data


def _tilemap(page: str) -> _Svg:
    figure = re.search(r'<figure class="tile-map">.*?</figure>', page, flags=re.DOTALL)
    assert figure, "no tile map"
    parser = _Svg()
    parser.feed(figure.group(0))
    return parser


def test_the_tile_map_is_a_labelled_group_of_links(docs: dict[str, str]) -> None:
    svg = _tilemap(docs["2021/places/index.md"])
    assert svg.svg["role"] == "group" and svg.svg["aria-labelledby"] == "tile-map-title"
    assert svg.title.startswith("Map of the 2 districts")
    # Links relative to places/, the page's own folder: MkDocs and Zensical both leave such links as written.
    assert svg.links == [("northtown/", "Northtown 1 initiative"), ("southvale/", "Southvale 1 initiative")]


def test_the_bundled_map_has_every_essex_district_once(tmp_path: Path) -> None:
    project = _project(REPO)
    districts = [p for p in project.places if p.kind == PlaceKind.DISTRICT]
    assert len(districts) == 12 and all(d.grid for d in districts)
    assert len({d.grid for d in districts}) == 12
    assert {d.grid for d in districts} == {(r, c) for r in (1, 2, 3) for c in (1, 2, 3, 4)}
    files = _places_pages(project, REPO)
    links = _tilemap(files["places/index.md"]).links
    assert sorted(href for href, _ in links) == sorted(f"{d.slug}/" for d in districts)
    assert all(f"places/{d.slug}/index.md" in files for d in districts)


def test_no_map_when_the_districts_have_no_grid(fixture: Project) -> None:
    bare = tuple(dataclasses.replace(p, grid=None) for p in fixture.places)
    page = _places_pages(dataclasses.replace(fixture, places=bare), VALID)["places/index.md"]
    assert "tile-map" not in page and "| [Northtown](northtown/index.md) | " in page


def test_raw_html_links_only_on_folder_index_pages(docs: dict[str, str]) -> None:
    # Zensical rewrites links in raw HTML as if relative to the source file; MkDocs leaves them. The two
    # agree only on a folder's index.md, whose page lives in that folder: elsewhere links must be Markdown.
    for name, text in docs.items():
        if re.search(r"<a\s[^>]*href=", text):
            assert name.endswith("/index.md"), name


def test_the_navigation_has_one_places_entry(fixture: Project) -> None:
    theme = load_theme(VALID)
    cfg = config(fixture, fixture.editions[0], "docs", "site", "overrides", theme.labels)
    assert {"Places": "places/index.md"} in cfg["nav"]
    assert "/places/*/" in cfg["not_in_nav"]


def test_place_slugs() -> None:
    assert place_slug("Castle Point") == "castle-point"
    assert place_slug("Ynys Môn") == "ynys-mon"
    assert place_slug("St. Albans & Hertsmere") == "st-albans-hertsmere"
    assert place_slug("?!") == ""


def _district(name: str, row: int, col: int) -> tuple[str, str, int, tuple[int, int]]:
    return (name, place_slug(name), 3, (row, col))


def test_tiles_lie_on_their_grid_without_overlapping() -> None:
    names = ["Uttlesford", "Epping Forest", "Castle Point", "Tendring"]
    m = tilemap.layout([_district(n, 1 + i // 2, 1 + i % 2) for i, n in enumerate(names)])
    assert (m.width, m.height) == (2 * tilemap.TILE_W + tilemap.GAP, 2 * tilemap.TILE_H + tilemap.GAP)
    boxes = [(t.x, t.y) for t in m.tiles]
    assert len(set(boxes)) == 4
    for t in m.tiles:
        assert t.x >= 0 and t.x + m.tile_w <= m.width and t.y >= 0 and t.y + m.tile_h <= m.height
        # The name's lines and the count stay inside the tile.
        assert t.y < t.lines[0][1] - 0.8 * t.font and t.count_y < t.y + m.tile_h
    assert len({t.font for t in m.tiles}) == 1  # one size for all, so no district looks bigger


def test_a_very_long_name_shrinks_and_is_squeezed_into_its_tile() -> None:
    long = "Supercalifragilisticexpialidocious-upon-Thames and District"
    m = tilemap.layout([_district(long, 1, 1), _district("Harlow", 1, 2)])
    tile = m.tiles[0]
    assert tile.font == tilemap.MIN_FONT
    assert any(squeeze == tilemap.TILE_W - 2 * tilemap.PAD for _, _, squeeze in tile.lines)
    assert " ".join(text for text, _, _ in tile.lines) == long


def test_the_map_is_byte_stable(fixture: Project) -> None:
    place = Place("Northtown", PlaceKind.DISTRICT, None, None, Position("x", 1), (1, 1))
    districts = [("Northtown", place.slug, 2, (1, 1)), ("Southvale", "southvale", 0, (2, 1))]
    assert tilemap.layout(districts) == tilemap.layout(list(reversed(districts)))
    assert _places_pages(fixture, VALID) == _places_pages(fixture, VALID)


def _searched(markdown: str) -> str:
    """The words of a generated page that Material's search indexes (its own parser, over the site's Markdown)."""
    from material.plugins.search.plugin import Parser

    from generator.content.markup import to_html

    parser = Parser()
    parser.feed(to_html(markdown.split("---", 2)[2])[0])
    parser.close()
    return " ".join("".join(s.title) + " " + "".join(s.text) for s in parser.data)


def test_lists_of_initiatives_are_left_out_of_the_search(docs: dict[str, str]) -> None:
    # Each initiative's own page is searched; lists that grow with the content would pass Zensical's limit of
    # 32,768 search positions for one page. The district itself stays findable.
    index, district = _searched(docs["2021/places/index.md"]), _searched(docs["2021/places/northtown/index.md"])
    assert "Northtown" in index and "Little Hamlet" in index  # the districts table
    assert "Northtown" in district and "Active" in district  # the name and the counts
    for words in (index, district):
        assert "Family hubs" not in words and "Reading Start" not in words
    assert "Family hubs" in docs["2021/places/northtown/index.md"]  # on the page, only not in the search
