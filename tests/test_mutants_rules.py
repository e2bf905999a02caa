"""Cross-file rules at their edges (the invalid fixtures give one case past each limit; these give the limit
itself), called on documents built here rather than read from a tree."""

from __future__ import annotations

from typing import Any

from generator.content import rules
from generator.content.enums import DocumentKind
from generator.content.problems import WARNING
from generator.content.read import Document
from generator.content.yamlspans import Spans


def _doc(kind: DocumentKind, data: Any, path: str = "content/x.yml", **extra: Any) -> Document:
    return Document(kind, path, data, Spans(), **extra)


def _messages(problems: Any) -> list[str]:
    return [p.message for p in problems]


def _districts(n: int) -> list[dict[str, Any]]:
    return [{"name": f"District {i}", "kind": "district"} for i in range(n)]


def test_up_to_the_district_limit() -> None:
    limit = rules.DISTRICT_LIMIT
    assert _messages(rules.check_places(_doc(DocumentKind.PLACES, {"places": _districts(limit)}))) == []
    problems = list(rules.check_places(_doc(DocumentKind.PLACES, {"places": _districts(limit + 1)})))
    assert _messages(problems) == [f"{limit + 1} places are districts; the limit is {limit}"]
    assert problems[0].hint == "list smaller areas as towns or sites in their district"


def test_a_district_name_up_to_100_bytes_makes_an_address() -> None:
    def places(name: str) -> Document:
        return _doc(DocumentKind.PLACES, {"places": [{"name": name, "kind": "district"}]})

    assert _messages(rules.check_places(places("ж" * 50))) == []  # 100 bytes
    assert _messages(rules.check_places(places("ж" * 50 + "x"))) == [
        "district name is too long for a web address (101 bytes); the limit is 100"
    ]


def test_districts_on_the_map_are_checked_only_when_one_has_a_tile() -> None:
    plain = _districts(2)
    assert _messages(rules.check_places(_doc(DocumentKind.PLACES, {"places": plain}))) == []
    gridded = [{**plain[0], "grid": {"row": 1, "col": 2}}, {**plain[1], "grid": {"row": 2, "col": 1}}]
    assert _messages(rules.check_places(_doc(DocumentKind.PLACES, {"places": gridded}))) == []


def test_a_summary_up_to_300_characters_gives_no_warning() -> None:
    ctx = rules.Context([])
    ctx.goals, ctx.editions = {1: "early-years"}, [2022]

    def initiative(summary: str) -> Document:
        data = {"id": "x", "goal": 1, "summary": summary, "last_reported": 2022}
        path = "initiatives/2022/01-early-years/x.md"
        return _doc(DocumentKind.INITIATIVE, data, path, body="Text.", edition=2022, folder="01-early-years")

    assert _messages(rules.check_initiative(initiative("s" * 300), ctx)) == []
    (problem,) = rules.check_initiative(initiative("s" * 301), ctx)
    assert (problem.message, problem.severity) == ("summary is 301 characters; cards read best under 300", WARNING)


def test_a_page_name_up_to_100_characters() -> None:
    def page(name: str) -> Document:
        return _doc(DocumentKind.PAGE, {"title": "X"}, f"content/pages/{name}.md")

    assert _messages(rules.check_page(page("a" * 100))) == []
    assert _messages(rules.check_page(page("a" * 101))) == ["page name is too long (101 characters); the limit is 100"]


def test_a_page_name_with_control_characters_is_shown_with_question_marks() -> None:
    doc = _doc(DocumentKind.PAGE, {"title": "X"}, "content/pages/a\x01b\x7f.md")
    assert _messages(rules.check_page(doc)) == [
        "page name 'a?b?' is not a lowercase slug; use lowercase letters, digits and single hyphens"
    ]


def test_a_review_on_the_day_it_was_prepared_is_fine() -> None:
    same = {"accessibility": {"prepared": "2026-01-15", "reviewed": "2026-01-15"}}
    assert _messages(rules.check_site(_doc(DocumentKind.SITE, same))) == []
    assert _messages(rules.check_site(_doc(DocumentKind.SITE, {}))) == []
    only = {"accessibility": {"reviewed": "2026-01-15"}}
    assert _messages(rules.check_site(_doc(DocumentKind.SITE, only))) == []


def test_a_range_may_be_qualified_about_or_not_at_all() -> None:
    def edition(metric: dict[str, Any]) -> Document:
        return _doc(DocumentKind.EDITION, {"year": 2022, "metrics": [metric]}, edition=2022)

    assert _messages(rules.check_edition(edition({"value": 1, "value_max": 2}))) == []
    assert _messages(rules.check_edition(edition({"value": 1, "value_max": 2, "qualifier": "about"}))) == []
    assert _messages(rules.check_edition(edition({"value": 2, "value_max": 2}))) == [
        "metrics[0].value_max: 2 is not above value 2"
    ]
    assert _messages(rules.check_edition(edition({"value": 10**400, "value_max": 10**401}))) == []


def test_suggestions_need_a_close_name() -> None:
    assert rules._suggest("Northtwn", ["Northtown", "Southvale"]) == "did you mean 'Northtown'?"
    assert rules._suggest("Elsewhere", ["Northtown", "Southvale"]) == ""


def test_a_folder_stands_for_a_goal_only_with_its_number_and_slug() -> None:
    ctx = rules.Context([])
    ctx.goals = {2: "school-years"}
    assert ctx.folder_goal("02-school-years") == 2
    assert ctx.folder_goal("03-school-years") is None
    assert ctx.folder_goal("02-school") is None
    assert ctx.folder_goal("school-years") is None
    assert ctx.folder_for(2) == "02-school-years"
    assert ctx.folder_for(7) == "07-..."


def test_a_district_is_suggested_only_from_a_likeness_of_0_7() -> None:
    def town_in(district: str) -> list[tuple[str, str]]:
        places = [{"name": "Southwark", "kind": "district"}, {"name": "Ham", "kind": "town", "district": district}]
        return [(p.message, p.hint) for p in rules.check_places(_doc(DocumentKind.PLACES, {"places": places}))]

    # Southvale is two thirds like Southwark: below the cut-off, so the general hint.
    assert town_in("Southvale") == [
        ("'Southvale' is not a district in this file", "district must name a place of kind district")
    ]
    assert town_in("Southwarc") == [("'Southwarc' is not a district in this file", "did you mean 'Southwark'?")]


def test_a_range_of_decimals() -> None:
    def edition(metric: dict[str, Any]) -> Document:
        return _doc(DocumentKind.EDITION, {"year": 2022, "metrics": [metric]}, edition=2022)

    assert _messages(rules.check_edition(edition({"value": 1.5, "value_max": 2.5}))) == []
    assert _messages(rules.check_edition(edition({"value": 2.5, "value_max": 1.5}))) == [
        "metrics[0].value_max: 1.5 is not above value 2.5"
    ]


def test_an_initiative_id_is_compared_with_its_file_name_even_without_a_folder() -> None:
    ctx = rules.Context([])
    ctx.goals, ctx.editions = {1: "early-years"}, [2022]
    data = {"id": "y", "goal": 1, "summary": "S.", "last_reported": 2022}
    doc = _doc(DocumentKind.INITIATIVE, data, "x.md", body="Text.", edition=2022, folder="01-early-years")
    assert _messages(rules.check_initiative(doc, ctx)) == ["id 'y' does not match the file name x.md"]


def test_an_unknown_place_is_suggested_or_sent_to_places_yml() -> None:
    ctx = rules.Context([])
    ctx.goals, ctx.editions = {1: "early-years"}, [2022]
    ctx.places = {"Southwark": {"name": "Southwark", "kind": "district"}}
    data = {"id": "x", "goal": 1, "summary": "S.", "last_reported": 2022, "places": ["Elsewhere", "Southwarc"]}
    path = "initiatives/2022/01-early-years/x.md"
    doc = _doc(DocumentKind.INITIATIVE, data, path, body="Text.", edition=2022, folder="01-early-years")
    assert [(p.message, p.hint) for p in rules.check_initiative(doc, ctx)] == [
        ("place 'Elsewhere' is not in content/places.yml", "add it to content/places.yml first"),
        ("place 'Southwarc' is not in content/places.yml", "did you mean 'Southwark'?"),
    ]


def test_figures_and_amounts_must_be_finite() -> None:
    data = {"year": 2022, "metrics": [{"value": 1}, {"value": float("inf")}], "funding": [{"amount": float("nan")}]}
    assert _messages(rules.check_edition(_doc(DocumentKind.EDITION, data, edition=2022))) == [
        "metrics[1].value: must be a finite number",
        "funding[0].amount: must be a finite number",
    ]
    doc = Document(DocumentKind.EDITION, "x.yml", data, Spans(values={("metrics", 1, "value"): (5, 10)}), edition=2022)
    assert [(p.line, p.col) for p in rules.check_edition(doc)] == [(5, 10), (1, 1)]


def test_only_edition_files_make_editions() -> None:
    # An initiative or page in a year's folder does not make that year an edition; edition.yml does.
    docs = [
        _doc(DocumentKind.EDITION, {"year": 2021}, "content/2021/edition.yml", edition=2021),
        _doc(DocumentKind.INITIATIVE, {"id": "x"}, "initiatives/2023/01-early-years/x.md", edition=2023),
        _doc(DocumentKind.EDITION, {"year": 2020}, "content/2020/edition.yml", edition=2020),
    ]
    assert rules.Context(docs).editions == [2020, 2021]


def test_a_shared_tile_is_named_by_its_row_and_column() -> None:
    places = [
        {"name": "Northtown", "kind": "district", "grid": {"row": 1, "col": 2}},
        {"name": "Southvale", "kind": "district", "grid": {"row": 1, "col": 2}},
    ]
    assert _messages(rules.check_places(_doc(DocumentKind.PLACES, {"places": places}))) == [
        "district 'Southvale' has the tile at row 1, col 2, as 'Northtown' does"
    ]


def test_a_page_name_is_its_file_name_even_without_a_folder() -> None:
    assert _messages(rules.check_page(_doc(DocumentKind.PAGE, {"title": "X"}, "about.md"))) == []
    assert _messages(rules.check_page(_doc(DocumentKind.PAGE, {"title": "X"}, "search.md"))) == [
        "page name 'search' is reserved for generated pages"
    ]


def test_a_range_must_end_in_a_finite_number_at_its_value_max() -> None:
    data = {"year": 2022, "metrics": [{"value": 1, "value_max": float("inf")}]}
    spans = Spans(values={("metrics", 0, "value_max"): (6, 16)})
    problems = list(rules.check_edition(Document(DocumentKind.EDITION, "x.yml", data, spans, edition=2022)))
    assert [(p.line, p.col, p.message, p.hint) for p in problems] == [
        (6, 16, "metrics[0].value_max: must be a finite number", "")
    ]


def test_a_range_from_an_infinite_value_is_reported_once() -> None:
    # The value is reported as not finite; whether the range runs upwards from it is not asked.
    data = {"year": 2022, "metrics": [{"value": float("inf"), "value_max": 5}]}
    assert _messages(rules.check_edition(_doc(DocumentKind.EDITION, data, edition=2022))) == [
        "metrics[0].value: must be a finite number"
    ]


def test_a_repeated_id_names_the_line_of_the_first() -> None:
    def initiative(path: str, id_at: tuple[int, int]) -> Document:
        spans = Spans(values={(): (2, 1), ("id",): id_at})
        return Document(DocumentKind.INITIATIVE, path, {"id": "x"}, spans, edition=2022)

    first = initiative("initiatives/2022/01-early-years/x.md", (4, 5))
    again = initiative("initiatives/2022/02-school-years/x.md", (3, 5))
    problems = list(rules.check_unique_ids([first, again]))
    assert [(p.path, p.line, p.col, p.message) for p in problems] == [
        (again.path, 3, 5, f"id 'x' is already used in {first.path}:4")
    ]


def test_an_initiative_may_name_no_places() -> None:
    ctx = rules.Context([])
    ctx.goals, ctx.editions = {1: "early-years"}, [2022]
    ctx.places = {"Southwark": {"name": "Southwark", "kind": "district"}}
    data = {"id": "x", "goal": 1, "summary": "S.", "last_reported": 2022}
    path = "initiatives/2022/01-early-years/x.md"
    doc = _doc(DocumentKind.INITIATIVE, data, path, body="Text.", edition=2022, folder="01-early-years")
    assert _messages(rules.check_initiative(doc, ctx)) == []
