"""A full build of the fixture: pages and URLs, versions, determinism, and nothing lost on failure."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import shutil
import time
from pathlib import Path

import pytest
import yaml
from conftest import REPO, VALID, tree
from standins import Copying, Done

import generator.commands.build as build_module
from generator.commands.build import build
from generator.content.check import check
from generator.errors import ContentError
from generator.render import Rendered
from generator.site.charts import specs as chartspecs


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from conftest import VALID

    root = tmp_path_factory.mktemp("build") / "project"
    shutil.copytree(VALID, root)
    build(root)
    return root


def test_every_page_has_its_url(built: Path) -> None:
    site = built / "site"
    pages = {p.relative_to(site).as_posix() for p in site.rglob("index.html")}
    for year in ("2021", "2022"):
        for url in (
            "",
            "goals/",
            "goals/01-early-years/",
            "goals/02-school-years/",
            "goals/03-good-jobs/",
            "explore/",
            "places/",
            "places/northtown/",
            "places/southvale/",
            "data/",
            "about/",
        ):
            assert f"{year}/{url}index.html" in pages
        for name in ("initiatives.json", "initiatives.csv", "metrics.csv", "datapackage.json"):
            assert (site / year / "data" / name).is_file()
    assert "2021/foreword/index.html" in pages and "2022/foreword/index.html" not in pages
    assert {
        "2021/initiatives/reading-start/index.html",
        "2021/initiatives/family-hubs/index.html",
        "2021/initiatives/outdoor-centres/index.html",
    } <= pages
    assert {"2022/initiatives/reading-start/index.html", "2022/initiatives/job-fairs/index.html"} <= pages
    # Changes pages for every edition after the first, against the previous one and each earlier one.
    assert {"2022/changes/index.html", "2022/changes/2021/index.html"} <= pages
    assert not [p for p in pages if p.startswith("2021/changes/")]
    # A corrections log for the published (locked) edition only, even before its first correction.
    assert [p for p in pages if "/corrections/" in p and not p.startswith("latest/")] == ["2021/corrections/index.html"]


def test_initiatives_of_other_editions_land_on_not_in_this_edition(built: Path) -> None:
    # Material's version selector stays on the same path when the target version's sitemap has it.
    site = built / "site"
    for year, ident, other in (("2022", "family-hubs", "2021"), ("2021", "job-fairs", "2022")):
        sitemap = (site / year / "sitemap.xml").read_text()
        assert f"<loc>https://audit.example.org/{year}/initiatives/{ident}/</loc>" in sitemap
        html = (site / year / "initiatives" / ident / "index.html").read_text()
        assert f"not in the {year} edition" in html
        assert f'href="../../../{other}/initiatives/{ident}/"' in html
        assert "ended" not in html.replace("does not mean it has ended", "")
        search = json.loads((site / year / "search" / "search_index.json").read_text())
        assert not [d for d in search["docs"] if d["location"].startswith(f"initiatives/{ident}/")]
    assert 'href="../../changes/"' in (site / "2022/initiatives/family-hubs/index.html").read_text()


def test_every_chart_has_its_svg_and_csv(built: Path) -> None:
    site = built / "site"
    charts = {p.relative_to(site).as_posix() for p in site.glob("*/charts/*")}
    common = {"status-by-goal", "initiatives-by-district", "goal-01-status", "goal-02-status"}
    # Outdoor centres' participants changed between the editions: both editions chart that history.
    common |= {"history-outdoor-centres-1"}
    # 2021 has no goal 3 initiative, so no goal 3 status chart; only 2022 has two percent figures for goal 1,
    # and only 2022 compares itself with an earlier edition.
    for year, extra in (
        ("2021", set()),
        ("2022", {"goal-03-status", "goal-01-metrics-percent", "changes-2021-by-goal"}),
    ):
        names = common | extra
        # A history chart is drawn small, so it needs no narrow copy for phones.
        assert {c for c in charts if c.startswith(year)} == {
            f"{year}/charts/{name}{ext}"
            for name in names
            for ext in ((".svg", ".csv") if name.startswith("history-") else (".svg", "-narrow.svg", ".csv"))
        }
    page = (site / "2022/goals/01-early-years/index.html").read_text()
    assert 'src="../../charts/goal-01-metrics-percent.svg"' in page
    assert 'href="../../charts/goal-01-metrics-percent.csv"' in page


def test_versions_and_root_redirect(built: Path) -> None:
    site = built / "site"
    versions = json.loads((site / "versions.json").read_text())
    assert versions == [
        {"version": "2022", "title": "2022 (draft)", "aliases": []},
        {"version": "2021", "title": "2021", "aliases": ["latest"]},
    ]
    assert 'url=2021/"' in (site / "index.html").read_text()
    assert (
        'url=../../../2021/initiatives/reading-start/"'
        in (site / "latest/initiatives/reading-start/index.html").read_text()
    )


def test_version_selector_settings_reach_the_pages(built: Path) -> None:
    html = (built / "site/2021/index.html").read_text()
    assert '"provider": "mike"' in html or '"provider":"mike"' in html
    assert 'href="https://audit.example.org/2021/"' in html  # canonical from site_url


def test_navigation_does_not_list_initiatives(built: Path) -> None:
    html = (built / "site/2021/goals/01-early-years/index.html").read_text()
    nav = html.split('class="md-nav md-nav--primary"', 1)[1].split("md-sidebar--secondary", 1)[0]
    links = re.findall(r'href="([^"]*)"', nav)
    assert not [link for link in links if "initiatives/" in link]
    assert "../02-school-years/" in links and "../../explore/" in links
    # The goal page itself links to its initiatives.
    assert "../../initiatives/reading-start/" in html


def test_initiative_page_links_other_editions(built: Path) -> None:
    html = (built / "site/2021/initiatives/outdoor-centres/index.html").read_text()
    assert 'href="../../../2022/initiatives/outdoor-centres/"' in html
    gone = (built / "site/2022/initiatives/job-fairs/index.html").read_text()
    assert "Not in the 2021 edition" in gone


def test_no_request_to_other_hosts(built: Path) -> None:
    for page in (built / "site").rglob("*.html"):
        text = page.read_text()
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, page


def test_a_relative_root_builds_the_same_site(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(built.parent)
    build(Path(built.name), Path(os.path.relpath(tmp_path / "site")))
    assert tree(tmp_path / "site") == tree(built / "site")


def test_two_builds_are_byte_identical(built: Path) -> None:
    first = tree(built / "site")
    build(built)
    assert tree(built / "site") == first


def test_failed_build_leaves_site_untouched(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = tree(built / "site")
    page = built / "initiatives/2022/03-good-jobs/job-fairs.md"
    original = page.read_text()
    try:
        page.write_text(original.replace("The council plans", "See [the plan](missing-page.md). The council plans"))
        with pytest.raises(ContentError) as caught:
            build(built)
        # The body's link check stops it first, at the link (tests/test_body_links.py); without it, MkDocs does.
        assert [p.position()[1:] for p in caught.value.problems] == [(21, 16)]
        assert tree(built / "site") == before
        monkeypatch.setattr("generator.commands.build.link_problems", lambda project, theme: [])
        with pytest.raises(ContentError) as caught:
            build(built)
        messages = [p.text() for p in caught.value.problems]
        # The link as the page holds it: relocated from initiatives/job-fairs.md to its docs file (site/paths.py).
        assert any(
            m.startswith("initiatives/2022/03-good-jobs/job-fairs.md:") and "'../missing-page/index.md'" in m
            for m in messages
        ), messages
        assert tree(built / "site") == before
        page.write_text(original.replace("status: planned", "status: maybe"))
        with pytest.raises(ContentError):
            build(built)
        assert tree(built / "site") == before
    finally:
        page.write_text(original)
    assert [p.name for p in (built / ".build").iterdir()] == ["lock"]


def test_charts_are_drawn_while_the_pages_render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build does not wait for its charts before rendering: charts that can only be drawn once the renderer
    has started are drawn, and land in the site as drawn alone."""
    root = tmp_path / "project"
    shutil.copytree(VALID, root)
    started = tmp_path / "rendering"
    draw = chartspecs.render

    def once_rendering(spec: chartspecs.ChartSpec) -> chartspecs.Chart:
        deadline = time.monotonic() + 60
        while not started.exists():
            assert time.monotonic() < deadline, "the build waited for its charts before it rendered"
            time.sleep(0.01)
        return draw(spec)

    class Marking(Copying):
        def start(self, config_file: Path, epoch: int) -> Done:
            started.write_text("")
            return super().start(config_file, epoch)

    monkeypatch.setattr(chartspecs, "render", once_rendering)
    timings = build(root, renderer=Marking())
    assert timings.charts_drawn > 0
    project = check(root).project
    assert project is not None
    labels = yaml.safe_load((REPO / "theme" / "labels.yml").read_text(encoding="utf-8"))
    chart = draw(chartspecs.status_by_goal(project, project.editions[-1], labels))
    folder = root / "site" / str(project.editions[-1].year) / "charts"
    assert (folder / "status-by-goal.svg").read_text(encoding="utf-8") == chart.svg
    assert (folder / "status-by-goal-narrow.svg").read_text(encoding="utf-8") == chart.narrow_svg


def test_charts_drawn_before_the_render_starts_leave_no_worker_beside_mkdocs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a large build the charts are drawn long before the pages are generated. The worker, a fork of the build
    with the whole model mapped, must be gone by then, not wait beside MkDocs until the render ends."""
    root = tmp_path / "project"
    shutil.copytree(VALID, root)
    drawings: list[chartspecs.Drawing] = []
    generate = build_module.stage_editions

    def recorded(specs: list[chartspecs.ChartSpec], workers: int | None = None) -> chartspecs.Drawing:
        drawings.append(chartspecs.Drawing(specs, workers))
        return drawings[-1]

    def after_the_charts(*args: object, **kwargs: object) -> object:
        deadline = time.monotonic() + 60
        while not all(share.done() for share in drawings[-1].shares):
            assert time.monotonic() < deadline, "the charts were not drawn in 60 s"
            time.sleep(0.01)
        return generate(*args, **kwargs)  # type: ignore[arg-type]

    workers_at_render: list[list[object]] = []

    class Watching(Copying):
        def start(self, config_file: Path, epoch: int) -> Done:
            workers_at_render.append(multiprocessing.active_children())
            return super().start(config_file, epoch)

    monkeypatch.setattr(build_module, "Drawing", recorded)
    monkeypatch.setattr(build_module, "stage_editions", after_the_charts)
    timings = build(root, renderer=Watching())
    assert drawings[-1].pool is not None and timings.charts_drawn > 0  # drawn in a worker, as on any build
    assert workers_at_render and workers_at_render == [[]] * len(workers_at_render)


@pytest.mark.parametrize(("budget", "side_by_side"), [(10_000, True), (30, False)])
def test_editions_render_side_by_side_only_within_the_page_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, budget: int, side_by_side: bool
) -> None:
    # The fixture's editions have 19 pages each: together they are over a budget of 30, so the second edition
    # starts only once the first has finished (100 times the bundled content would take 1.2 GB side by side).
    root = tmp_path / "project"
    shutil.copytree(VALID, root)
    events: list[str] = []

    class Recorded(Done):
        def __init__(self, year: str) -> None:
            self.year = year

        def finish(self) -> Rendered:
            events.append(f"finish {self.year}")
            return super().finish()

    class Recording(Copying):
        def start(self, config_file: Path, epoch: int) -> Done:
            super().start(config_file, epoch)
            events.append(f"start {config_file.parent.name}")
            return Recorded(config_file.parent.name)

    monkeypatch.setattr(build_module, "PARALLEL_PAGES", budget)
    build(root, renderer=Recording())
    if side_by_side:
        assert events == ["start 2021", "start 2022", "finish 2021", "finish 2022"]
    else:
        assert events == ["start 2021", "finish 2021", "start 2022", "finish 2022"]


def test_memory_is_returned_to_the_system_where_libc_can_and_skipped_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes

    from generator.commands import build as building

    trimmed: list[int] = []

    class Glibc:
        def malloc_trim(self, pad: int) -> int:
            trimmed.append(pad)
            return 1

    monkeypatch.setattr(ctypes, "CDLL", lambda name: Glibc())
    building._return_freed_memory()
    assert trimmed == [0]

    def missing(name: str) -> None:
        raise OSError(f"{name}: cannot open shared object file")

    monkeypatch.setattr(ctypes, "CDLL", missing)
    building._return_freed_memory()  # macOS, Windows: nothing to trim, and the build goes on
    monkeypatch.setattr(ctypes, "CDLL", lambda name: object())
    building._return_freed_memory()  # musl: no malloc_trim
