"""Turns validated documents into the frozen model: the one place raw YAML becomes typed values."""

from __future__ import annotations

from typing import Any

from .enums import Currency, DocumentKind, EditionStatus, FileChange, Kind, PlaceKind, Qualifier, Status, Unit
from .model import (
    Accessibility,
    CorrectedFile,
    Correction,
    Edition,
    FieldCorrection,
    Funding,
    Goal,
    GoalPage,
    Initiative,
    Licence,
    Link,
    Metric,
    Page,
    Place,
    Position,
    Project,
    Site,
)
from .read import Document, Sources


def _pos(doc: Document, path: tuple[Any, ...] = ()) -> Position:
    line, col = doc.spans.at(path)
    return Position(doc.path, line, col)


def _body(doc: Document) -> tuple[str, int, tuple[int, ...]]:
    """The body as the model keeps it (stripped), the line where it then starts and where its links then start."""
    lead = len(doc.body) - len(doc.body.lstrip())
    return doc.body.strip(), doc.body_line + doc.body[:lead].count("\n"), tuple(o - lead for o in doc.links)


def _qualifier(item: dict[str, Any]) -> Qualifier | None:
    return Qualifier(item["qualifier"]) if "qualifier" in item else None


def _metrics(doc: Document, field: str = "metrics") -> tuple[Metric, ...]:
    return tuple(
        Metric(
            label=m["label"],
            value=m["value"],
            unit=Unit(m["unit"]),
            kind=Kind(m["kind"]),
            qualifier=_qualifier(m),
            period=m.get("period"),
            note=m.get("note"),
            pos=_pos(doc, (field, i)),
            value_max=m.get("value_max"),
        )
        for i, m in enumerate(doc.data.get(field, []))
    )


def _funding(doc: Document) -> tuple[Funding, ...]:
    return tuple(
        Funding(
            amount=f["amount"],
            currency=Currency(f["currency"]),
            qualifier=_qualifier(f),
            source=f.get("source"),
            period=f.get("period"),
            kind=Kind(f["kind"]),
            note=f.get("note"),
            pos=_pos(doc, ("funding", i)),
        )
        for i, f in enumerate(doc.data.get("funding", []))
    )


def _initiative(doc: Document) -> Initiative:
    d = doc.data
    body, body_line, link_offsets = _body(doc)
    return Initiative(
        id=d["id"],
        title=d["title"],
        goal=d["goal"],
        also_supports=tuple(d.get("also_supports", [])),
        status=Status(d["status"]),
        summary=d["summary"],
        places=tuple(d.get("places", [])),
        partners=tuple(d.get("partners", [])),
        metrics=_metrics(doc),
        funding=_funding(doc),
        links=tuple(Link(link["title"], link["url"]) for link in d.get("links", [])),
        source=d["source"],
        last_reported=d["last_reported"],
        body=body,
        pos=_pos(doc),
        body_line=body_line,
        link_offsets=link_offsets,
    )


def _page(doc: Document) -> Page:
    slug = doc.path.rsplit("/", 1)[-1].removesuffix(".md")
    body, body_line, link_offsets = _body(doc)
    return Page(slug, doc.data["title"], body, _pos(doc), body_line, link_offsets)


def _goal_page(doc: Document) -> GoalPage:
    body, body_line, link_offsets = _body(doc)
    return GoalPage(doc.data["goal"], body, _metrics(doc), doc.data.get("source"), _pos(doc), body_line, link_offsets)


def _corrections(doc: Document | None) -> tuple[Correction, ...]:
    if doc is None:
        return ()
    return tuple(
        Correction(
            number=n + 1,
            date=c["date"],
            note=c["note"],
            files=tuple(
                CorrectedFile(
                    f["path"],
                    FileChange(f["change"]),
                    tuple(FieldCorrection(x["field"], x["old"], x["new"]) for x in f["fields"]),
                    tuple(f.get("shown_by", ())),
                )
                for f in c["files"]
            ),
            pos=_pos(doc, ("corrections", n)),
        )
        for n, c in enumerate(doc.data["corrections"])
    )


def _edition(doc: Document, docs: list[Document]) -> Edition:
    d = doc.data
    mine = [x for x in docs if x.edition == doc.edition]
    goal_pages = sorted(
        (_goal_page(x) for x in mine if x.kind == DocumentKind.GOAL_PAGE),
        key=lambda g: g.goal,
    )
    initiatives = sorted(
        (_initiative(x) for x in mine if x.kind == DocumentKind.INITIATIVE), key=lambda i: (i.goal, i.id)
    )
    return Edition(
        year=d["year"],
        title=d["title"],
        status=EditionStatus(d["status"]),
        source=d["source"],
        summary=d["summary"],
        metrics=_metrics(doc),
        pages=tuple(_page(x) for x in mine if x.kind == DocumentKind.PAGE),
        goal_pages=tuple(goal_pages),
        initiatives=tuple(initiatives),
        pos=_pos(doc),
        published_on=next((x.data["published"] for x in mine if x.kind == DocumentKind.LOCK), None),
        corrections=_corrections(next((x for x in mine if x.kind == DocumentKind.CORRECTIONS), None)),
    )


def assemble(sources: Sources) -> Project:
    """Build the model from documents that passed validation."""
    docs = sources.documents
    one = {d.kind: d for d in docs}
    s = one[DocumentKind.SITE].data
    site = Site(
        site_name=s["site_name"],
        organisation=s["organisation"],
        site_url=s["site_url"],
        description=s.get("description", ""),
        footer=s.get("footer", ""),
        language=s.get("language", "en"),
        accessibility=Accessibility(**s.get("accessibility", {})),
        licence=Licence(s["licence"]["name"], s["licence"]["url"], s["licence"].get("id")) if "licence" in s else None,
    )
    goals_doc, places_doc = one[DocumentKind.GOALS], one[DocumentKind.PLACES]
    goals = tuple(
        Goal(g["number"], g["slug"], g["title"], g["definition"], _pos(goals_doc, ("goals", i)))
        for i, g in enumerate(goals_doc.data["goals"])
    )
    places = tuple(
        Place(
            p["name"],
            PlaceKind(p["kind"]),
            p.get("district"),
            p.get("note"),
            _pos(places_doc, ("places", i)),
            (p["grid"]["row"], p["grid"]["col"]) if "grid" in p else None,
        )
        for i, p in enumerate(places_doc.data["places"])
    )
    editions = sorted((_edition(d, docs) for d in docs if d.kind == DocumentKind.EDITION), key=lambda e: e.year)
    pages = tuple(_page(d) for d in docs if d.kind == DocumentKind.PAGE and d.edition is None)
    images = tuple(sorted(sources.images.items()))
    return Project(site, goals_doc.data["framework"], goals, places, pages, tuple(editions), images)
