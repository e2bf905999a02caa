"""The model's derived values: positions as text, place slugs and areas, goal folders, look-ups and the latest
edition."""

from __future__ import annotations

import dataclasses

from conftest import VALID

from generator.content.check import check
from generator.content.enums import EditionStatus, PlaceKind
from generator.content.model import Place, Position, place_slug


def test_position_and_place_slug() -> None:
    assert str(Position("a.md", 3, 4)) == "a.md:3:4"
    assert str(Position("a.md", 3)) == "a.md:3:1"
    assert place_slug("Castle  Point_(East)") == "castle-point-east"
    assert place_slug("Épping Forest") == "epping-forest"
    assert place_slug("--Ж--") == "ж"
    town = Place("Harlow", PlaceKind.TOWN, "Harlow District", None, Position("p.yml", 1))
    district = Place("Uttlesford", PlaceKind.DISTRICT, None, None, Position("p.yml", 2))
    assert (town.area, district.area, district.slug) == ("Harlow District", "Uttlesford", "uttlesford")


def test_look_ups_and_the_latest_edition() -> None:
    project = check(VALID).project
    assert project is not None
    assert project.goal(2).folder == "02-" + project.goal(2).slug
    assert project.goal(2).number == 2
    first = project.places[0]
    assert project.place(first.name) is first
    assert project.edition(1999) is None
    old, new = project.editions
    assert (old.published, new.published) == (True, False)
    assert project.latest is old  # the newest published
    item = new.initiatives[0]
    assert new.initiative(item.id) is item and new.initiative("missing") is None
    assert item.goals == (item.goal, *item.also_supports)
    assert new.goal_page(1) is not None and new.goal_page(1).goal == 1  # type: ignore[union-attr]
    assert new.goal_page(99) is None
    drafts = dataclasses.replace(project, editions=(dataclasses.replace(old, status=EditionStatus.DRAFT), new))
    assert drafts.latest is drafts.editions[-1]  # none published: the newest of all
