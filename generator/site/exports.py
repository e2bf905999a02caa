"""Open data for one edition: initiatives.json, initiatives.csv, metrics.csv and a Frictionless datapackage.json."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from ..content.model import Edition, Funding, Initiative, Metric, Project
from .csvcell import neutral
from .figures import plain

INITIATIVE_FIELDS = (
    ("id", "string", "Stable identifier, the same in every edition"),
    ("title", "string", "Name of the initiative"),
    ("goal", "integer", "Number of the main goal"),
    ("goal_title", "string", "Title of the main goal"),
    ("also_supports", "string", "Other goals it supports, separated by semicolons"),
    ("status", "string", "planned, in-development, pilot, active, completed, ended or not-stated"),
    ("summary", "string", "One or two plain-English sentences"),
    ("places", "string", "Places named, separated by semicolons"),
    ("partners", "string", "Partners named, separated by semicolons"),
    ("source", "string", "Where the facts come from"),
    ("last_reported", "integer", "The edition whose source last reported on it"),
    ("url", "string", "Its page on this site"),
)
METRIC_FIELDS = (
    ("edition", "integer", "The edition year"),
    ("scope", "string", "edition, goal or initiative"),
    ("goal", "integer", "Goal number (empty for edition figures)"),
    ("initiative_id", "string", "Initiative id (empty unless scope is initiative)"),
    ("label", "string", "What is counted"),
    ("value", "number", "The figure; the lower end when it is a range"),
    ("value_max", "number", "The upper end when the figure is a range; empty otherwise"),
    ("unit", "string", "people, GBP, percent, count, ..."),
    ("qualifier", "string", "over, at-least, about, nearly or up-to; empty when exact"),
    ("period", "string", "When the figure applies, as the source says it"),
    ("kind", "string", "actual, target or forecast"),
    ("note", "string", "Context for reading the figure"),
)


def _csv(header: tuple[tuple[str, str, str], ...], rows: list[dict[str, Any]]) -> str:
    # Text cells are neutralised against spreadsheet formulas; initiatives.json keeps every value exactly.
    texts = [name for name, kind, _ in header if kind == "string"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[name for name, _, _ in header], lineterminator="\n")
    writer.writeheader()
    writer.writerows({**row, **{k: neutral(row[k]) for k in texts if isinstance(row.get(k), str)}} for row in rows)
    return out.getvalue()


def _metric(m: Metric) -> dict[str, Any]:
    return {
        "label": m.label,
        "value": plain(m.value),
        "value_max": None if m.value_max is None else plain(m.value_max),
        "unit": m.unit,
        "qualifier": m.qualifier,
        "period": m.period,
        "kind": m.kind,
        "note": m.note,
    }


def _funding(f: Funding) -> dict[str, Any]:
    return {
        "amount": plain(f.amount),
        "currency": f.currency,
        "qualifier": f.qualifier,
        "source": f.source,
        "period": f.period,
        "kind": f.kind,
        "note": f.note,
    }


def _url(project: Project, edition: Edition, item: Initiative) -> str:
    return f"{project.site.site_url}{edition.year}/initiatives/{item.id}/"


def initiative_record(project: Project, edition: Edition, item: Initiative) -> dict[str, Any]:
    """Everything about one initiative, as plain JSON-ready values."""
    return {
        "id": item.id,
        "title": item.title,
        "goal": item.goal,
        "goal_title": project.goal(item.goal).title,
        "also_supports": list(item.also_supports),
        "status": item.status,
        "summary": item.summary,
        "places": list(item.places),
        "partners": list(item.partners),
        "metrics": [_metric(m) for m in item.metrics],
        "funding": [_funding(f) for f in item.funding],
        "links": [{"title": link.title, "url": link.url} for link in item.links],
        "source": item.source,
        "last_reported": item.last_reported,
        "url": _url(project, edition, item),
    }


def metric_rows(edition: Edition) -> list[dict[str, Any]]:
    """Every figure of the edition: edition-level, goal context, then initiative figures."""
    rows = [{"scope": "edition", "goal": "", "initiative_id": "", **_metric(m)} for m in edition.metrics]
    for page in edition.goal_pages:
        rows += [{"scope": "goal", "goal": page.goal, "initiative_id": "", **_metric(m)} for m in page.metrics]
    for item in edition.initiatives:
        rows += [
            {"scope": "initiative", "goal": item.goal, "initiative_id": item.id, **_metric(m)} for m in item.metrics
        ]
    return [{"edition": edition.year, **row} for row in rows]


def counts(edition: Edition) -> dict[str, int]:
    """How many initiatives and figures the data files hold."""
    return {"initiatives": len(edition.initiatives), "metrics": len(metric_rows(edition))}


def _schema(fields: tuple[tuple[str, str, str], ...]) -> dict[str, Any]:
    return {"fields": [{"name": n, "type": t, "description": d} for n, t, d in fields]}


def datapackage(project: Project, edition: Edition) -> dict[str, Any]:
    """A Frictionless Data Package descriptor for the edition's files."""
    name = re.sub(r"[^a-z0-9]+", "-", project.site.organisation.lower()).strip("-")
    csv_resource = {"profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8"}
    licence = project.site.licence
    # Frictionless names a licence by its Open Definition id (name), its address (path) or both.
    licences = [{"name": licence.id, "path": licence.url, "title": licence.name}] if licence else []
    if licence and not licence.id:
        del licences[0]["name"]
    return {
        # A data package, not a tabular one: that profile forbids the JSON resource beside the two tables.
        "profile": "data-package",
        "name": f"{name}-audit-{edition.year}",
        "title": f"{project.site.organisation}: {edition.title}",
        "description": edition.summary,
        "homepage": f"{project.site.site_url}{edition.year}/",
        **({"licenses": licences} if licences else {}),
        "sources": [{"title": edition.source}],
        "resources": [
            {"name": "initiatives", "path": "initiatives.csv", **csv_resource, "schema": _schema(INITIATIVE_FIELDS)},
            {"name": "metrics", "path": "metrics.csv", **csv_resource, "schema": _schema(METRIC_FIELDS)},
            {
                "name": "initiatives-json",
                "path": "initiatives.json",
                "profile": "data-resource",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
            },
        ],
    }


def edition_data(project: Project, edition: Edition) -> dict[str, str]:
    """The four data files of one edition, by file name."""
    records = [initiative_record(project, edition, i) for i in edition.initiatives]
    flat = [
        {
            **{k: r[k] for k, _, _ in INITIATIVE_FIELDS if k in r},
            "also_supports": "; ".join(map(str, r["also_supports"])),
            "places": "; ".join(r["places"]),
            "partners": "; ".join(r["partners"]),
        }
        for r in records
    ]
    document = {"edition": edition.year, "title": edition.title, "source": edition.source, "initiatives": records}
    return {
        "initiatives.json": json.dumps(document, indent=2, ensure_ascii=False) + "\n",
        "initiatives.csv": _csv(INITIATIVE_FIELDS, flat),
        "metrics.csv": _csv(METRIC_FIELDS, metric_rows(edition)),
        "datapackage.json": json.dumps(datapackage(project, edition), indent=2, ensure_ascii=False) + "\n",
    }
