"""Charts: byte-stable accessible SVG with alt text and data, and the specs the fixture project yields."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.content.check import check
from generator.content.enums import PlaceKind
from generator.content.model import Edition, GoalPage, Metric, Place, Position, Project
from generator.site.charts import specs as chartspecs
from generator.site.charts.data import Chart, ChartSpec, Series, chart_words, describe
from generator.site.charts.draw import DARK, GRID, TEXT, bars, render, stacked_bars
from generator.site.charts.palette import PALETTE, contrast, ink, style
from generator.site.figures import metric_text
from generator.site.pages import explore

REPO = Path(__file__).parent.parent
VALID = REPO / "tests" / "fixtures" / "valid"
SVG = "{http://www.w3.org/2000/svg}"
LABELS: dict[str, dict[str, str]] = yaml.safe_load((REPO / "theme" / "labels.yml").read_text(encoding="utf-8"))

STACKED = ChartSpec(
    slug="status-by-goal",
    title="Initiatives by goal and status",
    kind="stacked-bars",
    categories=(
        "1. Strong foundations",
        "2. School years",
        "3. Good jobs for everyone who wants to work in the county",
    ),
    series=(
        Series("Active", (2.0, 10.0, 0.0)),
        Series("Pilot", (0.0, 3.0, 1.0)),
        Series("Not stated", (1.0, 2.0, 4.0)),
    ),
    value_name="Initiatives",
    category_name="Goal",
    words=chart_words(LABELS, "stacked-bars"),
)
BARS = ChartSpec(
    slug="goal-01-metrics-people",
    title="Goal 1 figures: People",
    kind="bars",
    categories=("Children under five", "Families reached"),
    series=(Series("People", (30000.0, 4000.0), ("about 30,000 people", "over 4,000 people")),),
    value_name="People",
    category_name="Figure",
    words=chart_words(LABELS, "bars"),
)

SCRIPT = """
import sys
from pathlib import Path
import yaml
from generator.site.charts import specs as chartspecs
from generator.site.charts.draw import render
from generator.content.check import check
project = check(Path("tests/fixtures/valid")).project
labels = yaml.safe_load(Path("theme/labels.yml").read_text(encoding="utf-8"))
sys.stdout.buffer.write(render(chartspecs.status_by_goal(project, project.editions[-1], labels)).svg.encode("utf-8"))
"""


@pytest.fixture(scope="module")
def project() -> Project:
    checked = check(VALID)
    assert checked.project is not None
    return checked.project


def root(chart: Chart) -> ET.Element:
    return ET.fromstring(chart.svg.encode("utf-8"))


def texts(chart: Chart) -> list[str]:
    return [el.text or "" for el in root(chart).iter(f"{SVG}text")]


def front_matter(path: Path) -> dict[str, Any]:
    match = re.match(r"---\n(.*?)\n---\n", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    assert match, path
    data: dict[str, Any] = yaml.safe_load(match.group(1))
    return data


def fixture_initiatives(year: int) -> list[dict[str, Any]]:
    """The fixture's initiatives of one edition, read straight from their files."""
    files = sorted((VALID / "initiatives" / str(year)).glob("*/*.md"))
    return [front_matter(p) for p in files if p.name != "index.md"]


def fixture_yaml(name: str) -> Any:
    return yaml.safe_load((VALID / "content" / name).read_text(encoding="utf-8"))


# Rendering


def test_the_same_spec_renders_byte_identical_output() -> None:
    first, second = render(STACKED), render(STACKED)
    assert first.svg == second.svg
    assert (first.alt, first.csv, first.rows) == (second.alt, second.csv, second.rows)
    assert render(BARS).svg == render(BARS).svg


def test_svg_is_byte_identical_in_fresh_processes(project: Project) -> None:
    here = render(chartspecs.status_by_goal(project, project.editions[-1], LABELS)).svg.encode("utf-8")
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, env=env, capture_output=True, check=True)
        assert done.stdout == here


@pytest.mark.parametrize("spec", [STACKED, BARS, dataclasses.replace(STACKED, kind="grouped-bars")])
def test_what_pages_show_is_known_before_the_chart_is_drawn(spec: ChartSpec) -> None:
    drawn = render(spec)
    assert describe(spec) == dataclasses.replace(drawn, svg="", narrow_svg="")
    assert describe(spec).narrow == bool(drawn.narrow_svg)
    assert not describe(dataclasses.replace(spec, width=300)).narrow


def test_svg_is_text_at_phone_width_on_no_background_of_its_own() -> None:
    svg = render(STACKED).svg
    tree = root(render(STACKED))
    assert tree.get("viewBox", "").split()[:3] == ["0", "0", "640"]
    assert "DejaVuSans-" not in svg  # glyphs are not drawn as paths
    assert "font-size: 12px" in svg
    assert not re.search(r"font-size: (?:[0-9]|1[3-9]|[2-9][0-9])(?:\.\d+)?px", svg)
    background = tree.find(f"{SVG}g/{SVG}g/{SVG}path")
    assert background is not None and "fill: none" in background.get("style", "")
    assert "Date" not in svg and "<dc:date>" not in svg


# Material's page backgrounds: default (light) and slate (dark, hsl(232, 15%, 14%) as Material 9.8 draws it).
LIGHT_PAGE, DARK_PAGE = "#ffffff", "#1e2029"


@pytest.mark.parametrize("spec", [STACKED, BARS])
def test_what_is_drawn_on_the_page_reads_on_light_and_dark_pages(spec: ChartSpec) -> None:
    chart = render(spec)
    styles = {e.get("style", "") for e in root(chart).iter() if e.get("style")}
    sheet = root(chart).find(f"{SVG}style")
    assert sheet is not None and (sheet.text or "").startswith("@media (prefers-color-scheme: dark)")
    rules = dict(re.findall(r'\[style\*="([^"]+)"\]\{([^}]+) !important\}', sheet.text or ""))
    # Every text and line colour used on the background has a dark counterpart, and both read on their page:
    # text at 4.5:1, the axis at 3:1; grid lines are faint on either page, as decoration.
    assert set(rules) == set(DARK)
    for light, dark in DARK.items():
        assert rules[light] == dark
        colour, dark_colour = light.split(": ")[1], dark.split(": ")[1]
        pair = (contrast(colour, LIGHT_PAGE), contrast(dark_colour, DARK_PAGE))
        if colour == GRID:
            assert all(1.2 < c < 3 for c in pair), light
        else:
            assert min(pair) >= (4.5 if colour == TEXT else 3.0), light
    assert any(f"fill: {TEXT}" in s for s in styles)
    # Bars keep their colours, which stand out from either page.
    for fill in PALETTE[:1]:
        assert contrast(fill, LIGHT_PAGE) >= 3 and contrast(fill, DARK_PAGE) >= 3


def test_every_chart_also_comes_narrow_for_phones() -> None:
    for spec in (STACKED, BARS):
        chart = render(spec)
        narrow = ET.fromstring(chart.narrow_svg)
        assert narrow.get("viewBox", "").split()[:3] == ["0", "0", "360"]
        assert narrow.get("aria-label") == chart.alt
        assert "font-size: 12px" in chart.narrow_svg
        # Same texts as the wide chart, laid out again: labels wrap onto more lines, so it is taller.
        assert float(narrow.get("viewBox", "").split()[3]) >= float(root(chart).get("viewBox", "").split()[3])
    assert render(dataclasses.replace(BARS, width=300)).narrow_svg == ""


def test_root_has_role_label_and_title() -> None:
    chart = render(STACKED)
    tree = root(chart)
    assert tree.get("role") == "img"
    assert tree.get("aria-label") == chart.alt
    title = tree.find(f"{SVG}title")
    assert title is not None and title.text == STACKED.title
    assert STACKED.title in texts(chart)  # drawn in the chart as well


def test_alt_text_and_csv_follow_the_data() -> None:
    chart = render(STACKED)
    assert chart.alt.startswith("Stacked bar chart: Initiatives by goal and status.")
    assert "1. Strong foundations: 3 (2 Active, 1 Not stated)" in chart.alt
    assert "Largest: 2. School years with 15" in chart.alt
    assert chart.csv == (
        "Goal,Active,Pilot,Not stated\n"
        "1. Strong foundations,2,0,1\n"
        "2. School years,10,3,2\n"
        "3. Good jobs for everyone who wants to work in the county,0,1,4\n"
    )
    assert chart.header == ("Goal", "Active", "Pilot", "Not stated")
    assert chart.rows[1] == ("2. School years", "10", "3", "2")

    changed = dataclasses.replace(
        STACKED, series=(dataclasses.replace(STACKED.series[0], values=(2.0, 10.0, 20.0)), *STACKED.series[1:])
    )
    other = render(changed)
    assert other.alt != chart.alt and other.csv != chart.csv
    assert (
        "3. Good jobs for everyone who wants to work in the county: 25 (20 Active, 1 Pilot, 4 Not stated)" in other.alt
    )
    assert "Largest: 3. Good jobs for everyone who wants to work in the county with 25" in other.alt
    assert "3. Good jobs for everyone who wants to work in the county,20,1,4\n" in other.csv
    assert other.svg != chart.svg


def test_bars_show_display_texts_but_export_numbers() -> None:
    chart = render(BARS)
    assert chart.alt.startswith("Bar chart: Goal 1 figures: People.")
    assert "Children under five: about 30,000 people" in chart.alt
    assert chart.csv == "Figure,People\nChildren under five,30000\nFamilies reached,4000\n"
    assert chart.rows == (("Children under five", "about 30,000 people"), ("Families reached", "over 4,000 people"))
    shown = texts(chart)
    assert "about 30,000 people" in shown and "over 4,000 people" in shown


def test_each_stacked_series_has_its_own_hatch_and_a_legend_entry() -> None:
    chart = render(STACKED)
    tree = root(chart)
    hatch_by_fill: dict[str, set[str]] = {}
    for pattern in tree.iter(f"{SVG}pattern"):
        rect, path = pattern.find(f"{SVG}rect"), pattern.find(f"{SVG}path")
        assert rect is not None and path is not None
        hatch_by_fill.setdefault(rect.get("fill", ""), set()).add(path.get("d", ""))
    hatches = []
    for slot in range(len(STACKED.series)):
        fill, _ = style(slot)
        assert len(hatch_by_fill[fill.lower()]) == 1
        hatches.append(next(iter(hatch_by_fill[fill.lower()])))
    assert len(set(hatches)) == len(STACKED.series)
    shown = texts(chart)
    for series in STACKED.series:
        assert series.name in shown


def test_direct_labels_are_text_on_every_non_zero_segment() -> None:
    shown = Counter(texts(render(STACKED)))
    wanted = Counter(str(int(v)) for s in STACKED.series for v in s.values if v)
    wanted.update(["3", "15", "5"])  # the totals at the bar ends
    for text, n in wanted.items():
        assert shown[text] >= n, text


def test_label_ink_has_enough_contrast_on_every_fill() -> None:
    for fill in PALETTE:
        assert contrast(ink(fill), fill) >= 4.5, fill
    assert contrast("#ffffff", "#1a1a1a") >= 4.5


def test_height_grows_with_categories_and_long_labels_wrap() -> None:
    def height(chart: Chart) -> float:
        return float(root(chart).get("viewBox", "").split()[3])

    more = dataclasses.replace(
        BARS,
        categories=(*BARS.categories, "Third", "Fourth"),
        series=(Series("People", (1.0, 2.0, 3.0, 4.0)),),
    )
    assert height(render(more)) > height(render(BARS))
    long = STACKED.categories[2]
    shown = texts(render(STACKED))
    assert long not in shown
    lines = [t for t in shown if re.search("[a-z]", t) and t in long]
    assert " ".join(lines) == long


def test_many_categories_are_summarised_in_the_alt_text() -> None:
    names = tuple(f"{n}. A goal with a long and winding title number {n}" for n in range(1, 21))
    spec = dataclasses.replace(
        STACKED,
        categories=names,
        series=(Series("Active", tuple(float(n) for n in range(20))), Series("Pilot", (1.0,) * 20)),
    )
    chart = render(spec)
    assert len(chart.alt) <= 600
    assert "20 categories" in chart.alt and "210 in all" in chart.alt
    assert f"Largest: {names[-1]} with 20" in chart.alt
    assert len(chart.rows) == 20


@pytest.mark.parametrize(
    "spec",
    [
        dataclasses.replace(
            STACKED, series=tuple(dataclasses.replace(s, values=(0.0, 0.0, 0.0)) for s in STACKED.series)
        ),
        dataclasses.replace(STACKED, series=()),
        dataclasses.replace(STACKED, categories=(), series=()),
        dataclasses.replace(BARS, series=(Series("People", (0.0, 0.0)),)),
        dataclasses.replace(BARS, categories=(), series=(Series("People", ()),)),
    ],
)
def test_empty_data_renders_no_data(spec: ChartSpec) -> None:
    chart = render(spec)
    assert "No data" in texts(chart)
    assert chart.alt.endswith("No data.")
    assert chart.csv.count("\n") == len(spec.categories) + 1


def test_wrong_specs_are_refused() -> None:
    with pytest.raises(ValueError):
        render(dataclasses.replace(BARS, kind="pie"))
    with pytest.raises(ValueError):
        bars(dataclasses.replace(BARS, series=(*BARS.series, *BARS.series)))
    with pytest.raises(ValueError):
        stacked_bars(BARS)
    with pytest.raises(ValueError):
        render(dataclasses.replace(BARS, series=(Series("People", (1.0,)),)))
    with pytest.raises(ValueError):
        render(dataclasses.replace(STACKED, series=(Series("A", (1.0, 1.0, 1.0), style=2),) * 2))


def test_money_signs_are_text_not_mathtext() -> None:
    spec = dataclasses.replace(BARS, categories=("$5 fund", "$10 fund"), series=(Series("USD", (5.0, 10.0)),))
    assert {"$5 fund", "$10 fund"} <= set(texts(render(spec)))


def test_generator_never_imports_pyplot() -> None:
    for path in sorted((REPO / "generator").rglob("*.py")):
        assert "pyplot" not in path.read_text(encoding="utf-8"), path


# Specs from the fixture


@pytest.mark.parametrize("year", [2021, 2022])
def test_status_by_goal_counts_main_goals(project: Project, year: int) -> None:
    edition = project.edition(year)
    assert edition is not None
    goals = fixture_yaml("goals.yml")["goals"]
    found = fixture_initiatives(year)
    tally = Counter((i["goal"], i["status"]) for i in found)
    present = [s for s in chartspecs.STATUS_ORDER if any(i["status"] == s for i in found)]

    spec = chartspecs.status_by_goal(project, edition, LABELS)
    assert spec.kind == "stacked-bars"
    assert spec.categories == tuple(f"{g['number']}. {g['title']}" for g in goals)
    assert [s.name for s in spec.series] == [LABELS["status"][s] for s in present]
    for status, series in zip(present, spec.series, strict=True):
        assert series.values == tuple(float(tally[(g["number"], status)]) for g in goals)
    assert sum(sum(s.values) for s in spec.series) == len(found)
    render(spec)


def test_status_by_goal_on_the_fixture_in_words(project: Project) -> None:
    spec = chartspecs.status_by_goal(project, project.editions[0], LABELS)
    assert spec.categories == ("1. Early years", "2. School years", "3. Good jobs")
    assert [(s.name, s.values) for s in spec.series] == [("Active", (1.0, 1.0, 0.0)), ("Not stated", (1.0, 0.0, 0.0))]
    later = chartspecs.status_by_goal(project, project.editions[1], LABELS)
    assert [s.name for s in later.series] == ["Active", "Planned", "Completed"]


@pytest.mark.parametrize("year", [2021, 2022])
def test_goal_status_counts_each_goal(project: Project, year: int) -> None:
    edition = project.edition(year)
    assert edition is not None
    found = fixture_initiatives(year)
    for goal in project.goals:
        tally = Counter(i["status"] for i in found if i["goal"] == goal.number)
        spec = chartspecs.goal_status(edition, goal, LABELS)
        assert spec.kind == "bars"
        assert spec.slug == f"goal-{goal.number:02d}-status"
        wanted = [s for s in chartspecs.STATUS_ORDER if tally[s]]
        assert spec.categories == tuple(LABELS["status"][s] for s in wanted)
        assert spec.series[0].values == tuple(float(tally[s]) for s in wanted)
        render(spec)


@pytest.mark.parametrize("year", [2021, 2022])
def test_initiatives_by_district_counts_each_district_once(project: Project, year: int) -> None:
    edition = project.edition(year)
    assert edition is not None
    places = {p["name"]: p for p in fixture_yaml("places.yml")["places"]}
    outside = LABELS["place_kind"]["outside"]

    def area(name: str) -> str:
        place = places[name]
        return outside if place["kind"] == "outside" else str(place.get("district") or name)

    tally = Counter(a for i in fixture_initiatives(year) for a in {area(n) for n in i.get("places", [])})
    wanted = [n for n, p in places.items() if p["kind"] == "district"]
    wanted += [n for n, p in places.items() if p["kind"] == "countywide"]
    wanted += [n for n, p in places.items() if p["kind"] == "region" and tally[n]]
    wanted += [outside] if tally[outside] else []

    spec = chartspecs.initiatives_by_district(project, edition, LABELS)
    assert spec.categories == tuple(wanted)
    assert spec.series[0].values == tuple(float(tally[c]) for c in wanted)
    render(spec)


def test_a_region_counts_under_its_own_name(project: Project) -> None:
    region = Place("Westshire", PlaceKind.REGION, None, "Spans Northtown and Southvale.", Position("x.yml", 1))
    project = dataclasses.replace(project, places=(*project.places, region))
    edition = project.editions[0]
    named = dataclasses.replace(edition.initiatives[0], places=("Westshire",))
    edition = dataclasses.replace(edition, initiatives=(named, *edition.initiatives[1:]))
    spec = chartspecs.initiatives_by_district(project, edition, LABELS)
    counts = dict(zip(spec.categories, spec.series[0].values, strict=True))
    assert counts["Westshire"] == 1 and list(counts).index("Westshire") == list(counts).index("Countywide") + 1
    assert explore.areas(project, named) == ["Westshire"]
    # A region no initiative names gets no bar.
    assert "Westshire" not in chartspecs.initiatives_by_district(project, project.editions[0], LABELS).categories


def test_initiatives_by_district_on_the_fixture_in_words(project: Project) -> None:
    first = chartspecs.initiatives_by_district(project, project.editions[0], LABELS)
    assert dict(zip(first.categories, first.series[0].values, strict=True)) == {
        "Northtown": 1,
        "Southvale": 1,
        "Countywide": 1,
    }
    # Reading Start names Northtown and Little Hamlet, a town in Northtown: it counts once there.
    later = chartspecs.initiatives_by_district(project, project.editions[1], LABELS)
    assert dict(zip(later.categories, later.series[0].values, strict=True)) == {
        "Northtown": 2,
        "Southvale": 1,
        "Countywide": 0,
        "Outside the area": 1,
    }


def test_goal_metrics_need_two_figures_in_a_unit(project: Project) -> None:
    edition = project.editions[0]
    page = edition.goal_page(1)
    assert page is not None
    assert len({m.unit for m in page.metrics}) == len(page.metrics)  # the fixture has one figure per unit
    for goal in project.goals:
        assert chartspecs.goal_metrics(edition, goal, LABELS) == []


def metric(label: str, value: float, unit: str, **extra: Any) -> Metric:
    fields: dict[str, Any] = {"kind": "actual", "qualifier": None, "period": None, "note": None} | extra
    return Metric(label=label, value=value, unit=unit, pos=Position("x.md", 1), **fields)


def with_goal_metrics(edition: Edition, number: int, metrics: tuple[Metric, ...]) -> Edition:
    page = GoalPage(goal=number, body="", metrics=metrics, source=None, pos=Position("x.md", 1))
    return dataclasses.replace(edition, goal_pages=(page,))


def test_goal_metrics_group_by_unit(project: Project) -> None:
    goal = project.goal(1)
    metrics = (
        metric("Children under five", 30000, "people", qualifier="about"),
        metric("Children in poverty", 14.1, "percent"),
        metric("Families reached", 4000, "people", qualifier="over", period="2021"),
        metric("Families reached", 5000, "people", kind="target", period="2023"),
        metric("Adults in work", 71.5, "percent"),
        metric("Budget", 2000000, "GBP"),
    )
    edition = with_goal_metrics(project.editions[0], 1, metrics)
    specs = chartspecs.goal_metrics(edition, goal, LABELS)
    assert [s.slug for s in specs] == ["goal-01-metrics-people", "goal-01-metrics-percent"]
    people, percent = specs
    assert people.kind == "bars" and people.value_name == "People" and percent.value_name == "Percent"
    assert (people.title, percent.title) == ("Goal 1 context figures (people)", "Goal 1 context figures (percent)")
    assert people.categories == ("Children under five", "Families reached (2021)", "Families reached (Target, 2023)")
    assert people.series[0].values == (30000.0, 4000.0, 5000.0)
    assert people.series[0].texts == tuple(metric_text(m, LABELS) for m in metrics if m.unit == "people")
    assert percent.series[0].texts == ("14.1%", "71.5%")
    chart = render(people)
    assert "about 30,000 people" in chart.alt
    assert "over 4,000 people" in texts(chart)


def test_a_range_reads_as_one_figure_and_is_not_drawn_as_a_bar(project: Project) -> None:
    jobs = metric("Jobs supported", 150, "jobs", value_max=200)
    assert metric_text(jobs, LABELS) == "150 to 200 jobs"
    cost = metric("Cost", 1000, "GBP", value_max=2000, qualifier="about")
    assert metric_text(cost, LABELS) == "about £1,000 to £2,000"
    assert metric_text(metric("Share", 10, "percent", value_max=12.5), LABELS) == "10% to 12.5%"
    assert metric_text(metric("Fairs", 3, "count", value_max=4), LABELS) == "3 to 4"
    others = (metric("Jobs created", 40, "jobs"), metric("Jobs kept", 60, "jobs"))
    edition = with_goal_metrics(project.editions[0], 1, (jobs, *others))
    (spec,) = chartspecs.goal_metrics(edition, project.goal(1), LABELS)
    assert spec.categories == ("Jobs created", "Jobs kept")
    edition = with_goal_metrics(project.editions[0], 1, (jobs, others[0]))
    assert chartspecs.goal_metrics(edition, project.goal(1), LABELS) == []


def _freeze_count(specs: list[str]) -> list[int]:
    """Run in a chart worker instead of drawing: how many objects its garbage collector leaves alone."""
    import gc

    return [gc.get_freeze_count()]


def test_a_worker_leaves_the_heap_it_was_forked_with_to_itself_and_the_build_is_not_left_frozen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The worker's collections would touch every object the build had when it forked (copying each page of the
    # heap); the build's own must go on collecting all of its objects.
    import gc

    held = [object() for _ in range(1000)]
    monkeypatch.setattr(chartspecs, "_draw_each", _freeze_count)
    drawing = chartspecs.Drawing(["a spec"], workers=1)  # type: ignore[list-item]
    try:
        assert drawing.pool is not None, "charts are drawn in a forked worker on this machine"
        assert drawing.shares[0].result()[0] > len(held)
        assert gc.get_freeze_count() == 0
    finally:
        drawing.stop()
