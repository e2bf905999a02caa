"""The model, field by field, against the valid fixture's own files read here with plain PyYAML: every value,
every default, the order of goal pages and initiatives, and each record's position."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import VALID, relock

from generator.content.check import check
from generator.content.enums import PlaceKind, Qualifier
from generator.content.model import Accessibility, Licence, Metric, Project


@pytest.fixture
def project() -> Project:
    model = check(VALID).project
    assert model is not None
    return model


def _yaml(rel: str) -> Any:
    return yaml.safe_load((VALID / rel).read_text(encoding="utf-8"))


def _front(path: Path) -> tuple[dict[str, Any], str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body.strip()


def _line(path: Path, text: str, start: int = 0) -> int:
    """The 1-based line of the first line containing text, from line start on."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(i + 1 for i, line in enumerate(lines) if i >= start and text in line)


def _metric(m: Metric) -> dict[str, Any]:
    out = {"label": m.label, "value": m.value, "unit": m.unit.value, "kind": m.kind.value}
    out |= {"qualifier": m.qualifier.value} if m.qualifier else {}
    out |= {k: getattr(m, k) for k in ("period", "note", "value_max") if getattr(m, k) is not None}
    return out


def test_site_with_its_defaults(project: Project) -> None:
    raw = _yaml("content/site.yml")
    site = project.site
    assert (site.site_name, site.organisation, site.site_url) == (
        raw["site_name"],
        raw["organisation"],
        raw["site_url"],
    )
    assert (site.description, site.footer, site.language) == (raw["description"], raw["footer"], raw["language"])
    assert site.accessibility == Accessibility(**{k: str(v) for k, v in raw["accessibility"].items()})
    assert site.licence is None  # the fixture names none


def test_site_defaults_and_a_licence(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "p"
    shutil.copytree(VALID, root)
    site = root / "content/site.yml"
    kept = [
        line
        for line in site.read_text(encoding="utf-8").splitlines()
        if not line.startswith(("description", "footer", "language", "accessibility", "  "))
    ]
    kept += ["licence:", "  name: Open licence", "  url: https://example.org/licence"]
    site.write_text("\n".join(kept) + "\n", encoding="utf-8")
    model = check(relock(root)).project
    assert model is not None
    assert (model.site.description, model.site.footer, model.site.language) == ("", "", "en")
    assert model.site.accessibility == Accessibility()
    assert model.site.licence == Licence("Open licence", "https://example.org/licence", None)


def test_goals_and_places_with_positions(project: Project) -> None:
    raw = _yaml("content/goals.yml")
    assert project.framework == raw["framework"]
    goals_file = VALID / "content/goals.yml"
    for goal, g in zip(project.goals, raw["goals"], strict=True):
        assert (goal.number, goal.slug, goal.title, goal.definition) == (
            g["number"],
            g["slug"],
            g["title"],
            g["definition"],
        )
        assert (goal.pos.path, goal.pos.line) == ("content/goals.yml", _line(goals_file, f"number: {g['number']}"))
    places_file = VALID / "content/places.yml"
    for place, p in zip(project.places, _yaml("content/places.yml")["places"], strict=True):
        grid = (p["grid"]["row"], p["grid"]["col"]) if "grid" in p else None
        assert (place.name, place.kind, place.district, place.note, place.grid) == (
            p["name"],
            PlaceKind(p["kind"]),
            p.get("district"),
            p.get("note"),
            grid,
        )
        assert place.pos.line == _line(places_file, f"name: {p['name']}")


@pytest.mark.parametrize("year", [2021, 2022])
def test_each_edition_field_by_field(project: Project, year: int) -> None:
    edition = project.edition(year)
    assert edition is not None
    raw = _yaml(f"content/{year}/edition.yml")
    assert (edition.year, edition.title, edition.status.value, edition.source, edition.summary) == (
        raw["year"],
        raw["title"],
        raw["status"],
        raw["source"],
        raw["summary"],
    )
    assert [_metric(m) for m in edition.metrics] == raw.get("metrics", [])
    assert (edition.pos.path, edition.pos.line, edition.pos.col) == (f"content/{year}/edition.yml", 1, 1)
    lock = VALID / f"content/{year}/lock.yml"
    assert edition.published_on == (yaml.safe_load(lock.read_text())["published"] if lock.exists() else None)
    pages = sorted(p for p in (VALID / f"content/{year}").glob("*.md"))
    assert [(p.slug, p.title, p.body) for p in edition.pages] == [
        (f.stem, _front(f)[0]["title"], _front(f)[1]) for f in pages
    ]
    folders = sorted((VALID / f"initiatives/{year}").iterdir())
    goal_pages = [_front(f / "index.md") for f in folders if (f / "index.md").exists()]
    assert [(g.goal, g.body, g.source, [_metric(m) for m in g.metrics]) for g in edition.goal_pages] == sorted(
        (d["goal"], body, d.get("source"), d.get("metrics", [])) for d, body in goal_pages
    )
    assert [g.goal for g in edition.goal_pages] == sorted(g.goal for g in edition.goal_pages)


@pytest.mark.parametrize("year", [2021, 2022])
def test_each_initiative_field_by_field_in_goal_and_id_order(project: Project, year: int) -> None:
    edition = project.edition(year)
    assert edition is not None
    files = sorted(p for p in (VALID / f"initiatives/{year}").glob("*/*.md") if p.name != "index.md")
    expected = []
    for path in files:
        d, body = _front(path)
        expected.append((d["goal"], d["id"], path, d, body))
    expected.sort(key=lambda e: (e[0], e[1]))
    assert [i.id for i in edition.initiatives] == [e[1] for e in expected]
    for item, (_, _, path, d, body) in zip(edition.initiatives, expected, strict=True):
        assert (item.title, item.goal, item.status.value, item.summary, item.source, item.last_reported) == (
            d["title"],
            d["goal"],
            d["status"],
            d["summary"],
            d["source"],
            d["last_reported"],
        )
        assert (item.also_supports, item.places, item.partners) == tuple(
            tuple(d.get(k, [])) for k in ("also_supports", "places", "partners")
        )
        assert [_metric(m) for m in item.metrics] == d.get("metrics", [])
        funding = [dataclasses.asdict(f) for f in item.funding]
        for f in funding:
            f.pop("pos")
            f["currency"], f["kind"] = f["currency"].value, f["kind"].value
            f["qualifier"] = f["qualifier"].value if f["qualifier"] else None
        assert funding == [
            {k: f.get(k) for k in ("amount", "currency", "qualifier", "source", "period", "kind", "note")}
            for f in d.get("funding", [])
        ]
        assert [(link.title, link.url) for link in item.links] == [(x["title"], x["url"]) for x in d.get("links", [])]
        assert item.body == body
        rel = path.relative_to(VALID).as_posix()
        assert (item.pos.path, item.pos.line, item.pos.col) == (rel, 2, 1)
        for i, m in enumerate(item.metrics):
            label_line = _line(path, f"label: {m.label}")
            assert (m.pos.path, m.pos.line, m.pos.col) == (rel, label_line, 5), i
        for f in item.funding:
            assert f.pos.path == rel and f.pos.line == _line(path, f"amount: {int(f.amount)}") and f.pos.col == 5


def test_site_wide_pages_are_not_an_editions_pages(project: Project) -> None:
    about = VALID / "content/pages/about.md"
    assert [(p.slug, p.title, p.body) for p in project.pages] == [
        ("about", _front(about)[0]["title"], _front(about)[1])
    ]
    assert [e.year for e in project.editions] == [2021, 2022]
    assert project.images == ()


def test_funding_with_its_qualifier_period_and_note(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "p"
    shutil.copytree(VALID, root)
    path = root / "initiatives/2022/01-early-years/reading-start.md"
    text = path.read_text(encoding="utf-8")
    source = "    source: Early Years Fund\n"
    extra = '    qualifier: over\n    period: "2021-22"\n    note: For books.\n'
    path.write_text(text.replace(source, source + extra), encoding="utf-8")
    model = check(root).project
    assert model is not None
    edition = model.edition(2022)
    assert edition is not None
    funding = next(i for i in edition.initiatives if i.id == "reading-start").funding
    assert [(f.qualifier, f.period, f.note) for f in funding] == [(Qualifier.OVER, "2021-22", "For books.")]


def test_an_editions_corrections_numbered_from_one() -> None:
    three = VALID.parent / "three-editions"
    model = check(three).project
    assert model is not None
    edition = model.edition(2021)
    assert edition is not None
    raw = yaml.safe_load((three / "content/2021/corrections.yml").read_text(encoding="utf-8"))["corrections"]
    assert [(c.number, c.date, c.note) for c in edition.corrections] == [
        (n + 1, c["date"], c["note"]) for n, c in enumerate(raw)
    ]
    log = three / "content/2021/corrections.yml"
    assert [(c.pos.path, c.pos.line, c.pos.col) for c in edition.corrections] == [
        ("content/2021/corrections.yml", _line(log, "- date:"), 3)
    ]
    files = [(f.path, f.change.value) for f in edition.corrections[0].files]
    assert files == [(f["path"], f["change"]) for f in raw[0]["files"]]
    fields = [(x.field, x.old, x.new) for x in edition.corrections[0].files[0].fields]
    assert fields == [(x["field"], x["old"], x["new"]) for x in raw[0]["files"][0]["fields"]]


def test_a_language_other_than_the_default_and_a_licence_id(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "p"
    shutil.copytree(VALID, root)
    site = root / "content/site.yml"
    text = site.read_text(encoding="utf-8").replace("language: en\n", "language: cy\n")
    text += "licence:\n  name: Open Government Licence\n  url: https://example.org/ogl\n  id: OGL-UK-3.0\n"
    site.write_text(text, encoding="utf-8")
    model = check(relock(root)).project
    assert model is not None
    assert model.site.language == "cy"
    assert model.site.licence == Licence("Open Government Licence", "https://example.org/ogl", "OGL-UK-3.0")
