"""A comparison as data for machines (JSON) and as plain text or Markdown for people at a terminal or in a PR."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from typing import Any

from ..content.model import Funding, Initiative, Link, Metric
from . import words
from .diff import Comparison, FieldChange, FigureChange, InitiativeDiff, amount


def plain(value: float) -> int | float:
    """57000.0 -> 57000; 14.1 stays 14.1."""
    return int(value) if float(value).is_integer() else value


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def metric_json(m: Metric) -> dict[str, Any]:
    """A metric as the content file spells it."""
    return {
        "label": m.label,
        "value": plain(m.value),
        "unit": m.unit.value,
        "kind": m.kind.value,
        "qualifier": m.qualifier.value if m.qualifier else None,
        "period": m.period,
        "note": m.note,
    }


def funding_json(f: Funding) -> dict[str, Any]:
    """A funding entry as the content file spells it."""
    return {
        "amount": plain(f.amount),
        "currency": f.currency.value,
        "kind": f.kind.value,
        "qualifier": f.qualifier.value if f.qualifier else None,
        "source": f.source,
        "period": f.period,
        "note": f.note,
    }


def value_json(value: Any) -> Any:
    """A field value in JSON terms: enums as their codes, tuples as lists, links as mappings."""
    if isinstance(value, tuple):
        return [value_json(v) for v in value]
    if isinstance(value, Link):
        return {"title": value.title, "url": value.url}
    if isinstance(value, str):
        return str(value)
    return value


def figure_json(c: FigureChange[Any]) -> dict[str, Any]:
    """One matched figure: both sides, the absolute change and the percentage change."""
    as_json = metric_json if isinstance(c.old or c.new, Metric) else funding_json
    key = ("label", "unit") if isinstance(c.old or c.new, Metric) else ("source", "currency")
    return {
        key[0]: c.label,
        key[1]: c.unit,
        "old": as_json(c.old) if c.old else None,
        "new": as_json(c.new) if c.new else None,
        "change": plain(c.change) if c.change is not None else None,
        "percent_change": round(c.percent, 1) if c.percent is not None else None,
    }


def changes_json(d: InitiativeDiff) -> dict[str, Any]:
    """Every difference of one initiative, keyed by field; figures matched; the body as a word diff."""
    out: dict[str, Any] = {f.field: {"old": value_json(f.old), "new": value_json(f.new)} for f in d.fields}
    if d.metrics:
        out["metrics"] = [figure_json(c) for c in d.metrics]
    if d.funding:
        out["funding"] = [figure_json(c) for c in d.funding]
    if d.body:
        out["body"] = [[list(s) for s in p] for p in d.body]
    return out


def _ref(i: Initiative) -> dict[str, Any]:
    return {"id": i.id, "title": i.title, "goal": i.goal, "status": i.status.value}


def _was(d: InitiativeDiff, name: str) -> dict[str, Any]:
    f = d.field(name)
    assert f is not None
    return {"id": d.id, "title": d.new.title, "old": value_json(f.old), "new": value_json(f.new)}


def as_json(c: Comparison) -> dict[str, Any]:
    """The comparison as data: the lists DESIGN names, then every initiative in both editions field by field."""
    return {
        "old": c.old.year,
        "new": c.new.year,
        "reversed": c.reversed,
        "added": [_ref(i) for i in c.added],
        "not_carried_forward": [_ref(i) for i in c.not_carried_forward],
        "status_changed": [_was(d, "status") for d in c.status_changed],
        "metrics_changed": [
            {"id": d.id, "title": d.new.title, "metrics": [figure_json(f) for f in d.metrics]}
            for d in c.metrics_changed
        ],
        "funding_changed": [
            {"id": d.id, "title": d.new.title, "funding": [figure_json(f) for f in d.funding]}
            for d in c.funding_changed
        ],
        "goal_changed": [_was(d, "goal") for d in c.goal_changed],
        "renamed": [_was(d, "title") for d in c.renamed],
        "carried_forward_without_new_report": [
            {"id": d.id, "title": d.new.title, "last_reported": d.new.last_reported} for d in c.not_reported
        ],
        "initiatives": [{"id": d.id, "title": d.new.title, "changes": changes_json(d)} for d in c.common],
    }


def counts(c: Comparison) -> dict[str, int]:
    """The headline counts of a comparison."""
    return {
        "added": len(c.added),
        "not_carried_forward": len(c.not_carried_forward),
        "status_changed": len(c.status_changed),
        "figures_changed": len(c.figures_changed),
        "renamed": len(c.renamed),
        "goal_changed": len(c.goal_changed),
        "not_reported": len(c.not_reported),
        "unchanged": len(c.common) - len(c.changed),
    }


def _text(value: Any) -> str:
    if isinstance(value, tuple):
        return "; ".join(_text(v) for v in value) or "(none)"
    if isinstance(value, Link):
        return f"{value.title} <{value.url}>"
    return str(value)


def _figure(f: Metric | Funding | None) -> str:
    if f is None:
        return "(none)"
    unit = f.unit if isinstance(f, Metric) else f.currency
    qualifier = f"{f.qualifier} " if f.qualifier else ""
    extra = ", ".join(x for x in (f.kind.value, f.period) if x)
    return f"{qualifier}{_number(amount(f))} {unit} ({extra})"


def figure_line(c: FigureChange[Any]) -> str:
    """'Participants (people): over 57,000 people (actual, 2021) -> ... (+4,000, +7.0%)'."""
    if c.old is None:
        return f"{c.label or '(no source)'} ({c.unit}): added {_figure(c.new)}"
    if c.new is None:
        return f"{c.label or '(no source)'} ({c.unit}): removed {_figure(c.old)}"
    return f"{c.label or '(no source)'} ({c.unit}): {_figure(c.old)} -> {_figure(c.new)} ({change_text(c)})"


def change_text(c: FigureChange[Any]) -> str:
    """'+4,000, +7.0%'; 'added' or 'removed' for a figure on one side only."""
    if c.change is None:
        return "added" if c.new else "removed"
    sign = "+" if c.change >= 0 else "-"
    percent = f", {c.percent:+.1f}%" if c.percent is not None else ""
    return f"{sign}{_number(abs(c.change))}{percent}"


def field_line(f: FieldChange) -> str:
    """'status: active -> completed'; lists say what was added and removed."""
    if isinstance(f.old, tuple) and isinstance(f.new, tuple) and f.field != "links":
        gone = [_text(v) for v in f.old if v not in f.new]
        came = [_text(v) for v in f.new if v not in f.old]
        parts = [f"added {'; '.join(came)}"] * bool(came) + [f"removed {'; '.join(gone)}"] * bool(gone)
        return f"{f.field}: {', '.join(parts) or 'reordered'}"
    return f"{f.field}: {_text(f.old)} -> {_text(f.new)}"


def _context(text: str, where: str) -> str:
    """Long unchanged stretches shortened to a few words of context."""
    w = text.split(" ")
    if len(w) <= 16:
        return text
    return {"start": "… " + " ".join(w[-8:]), "end": " ".join(w[:8]) + " …"}.get(
        where, " ".join(w[:8]) + " … " + " ".join(w[-8:])
    )


def body_lines(
    paragraphs: tuple[words.Paragraph, ...], dele: str, ins: str, escape: Callable[[str], str] = str
) -> Iterator[str]:
    """The changed paragraphs of a word diff, removed words marked dele, added words ins (each a format string)."""
    for p in paragraphs:
        if not words.changed(p):
            continue
        parts = []
        for k, (op, text) in enumerate(p):
            if op == words.EQUAL:
                where = "start" if k == 0 else "end" if k == len(p) - 1 else "middle"
                parts.append(escape(_context(text, where)))
            else:
                parts.append((dele if op == words.DELETE else ins).format(escape(text)))
        yield " ".join(parts)


def _direction(c: Comparison) -> list[str]:
    if not c.reversed:
        return []
    return [
        f"Note: this compares backwards: {c.new.year} is earlier than {c.old.year}. 'New' means in {c.new.year} "
        f"but not {c.old.year}.",
        "",
    ]


def as_text(c: Comparison) -> str:
    """The comparison for a terminal."""
    n = counts(c)
    lines = [f"Changes from the {c.old.year} edition to the {c.new.year} edition", "", *_direction(c)]
    lines += [
        f"  new in {c.new.year}: {n['added']}",
        f"  not in the {c.new.year} edition: {n['not_carried_forward']}",
        f"  status changed: {n['status_changed']}",
        f"  figures changed: {n['figures_changed']}",
        f"  renamed: {n['renamed']}",
        f"  main goal changed: {n['goal_changed']}",
        f"  carried forward without a new report: {n['not_reported']}",
        f"  unchanged: {n['unchanged']}",
    ]

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.extend(["", f"{title} ({len(items)})", *(f"  {item}" for item in items)])

    section(f"New in {c.new.year}", [f"{i.id}: {i.title} (goal {i.goal}, {i.status})" for i in c.added])
    section(
        f"Not in the {c.new.year} edition",
        [f"{i.id}: {i.title} (goal {i.goal}; status in {c.old.year}: {i.status})" for i in c.not_carried_forward],
    )
    section("Status changed", [f"{d.id}: {field_line(d.field('status'))}" for d in c.status_changed])  # type: ignore[arg-type]
    section("Main goal changed", [f"{d.id}: {field_line(d.field('goal'))}" for d in c.goal_changed])  # type: ignore[arg-type]
    section("Renamed", [f"{d.id}: {field_line(d.field('title'))}" for d in c.renamed])  # type: ignore[arg-type]
    section("Changed figures", [f"{d.id}: {figure_line(f)}" for d in c.figures_changed for f in d.figures])
    if c.not_reported:
        ids = ", ".join(d.id for d in c.not_reported)
        lines += ["", f"Carried forward without a new report ({len(c.not_reported)})"]
        lines += textwrap.wrap(ids, 100, initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False)
    if c.changed:
        lines += ["", f"Field by field ({len(c.changed)} initiatives changed)"]
    for d in c.changed:
        lines.append(f"  {d.id}: {d.new.title}")
        lines += [f"    {field_line(f)}" for f in d.fields]
        lines += [f"    metrics: {figure_line(f)}" for f in d.metrics]
        lines += [f"    funding: {figure_line(f)}" for f in d.funding]
        if d.body:
            lines.append("    body:")
            lines += [f"      {line}" for line in body_lines(d.body, "[-{}-]", "{{+{}+}}")]
    return "\n".join(lines)


def _cell(text: Any) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def as_markdown(c: Comparison) -> str:
    """The comparison as GitHub-flavoured Markdown, for a pull request or an issue."""
    n = counts(c)
    lines = [f"# Changes from the {c.old.year} edition to the {c.new.year} edition", "", *_direction(c)]
    lines += ["| | Initiatives |", "|---|--:|"]
    for label, key in (
        (f"New in {c.new.year}", "added"),
        (f"Not in the {c.new.year} edition", "not_carried_forward"),
        ("Status changed", "status_changed"),
        ("Figures changed", "figures_changed"),
        ("Renamed", "renamed"),
        ("Main goal changed", "goal_changed"),
        ("Carried forward without a new report", "not_reported"),
        ("Unchanged", "unchanged"),
    ):
        lines.append(f"| {label} | {n[key]} |")

    def table(title: str, header: list[Any], rows: list[list[Any]]) -> None:
        if rows:
            lines.extend(
                ["", f"## {title}", "", "| " + " | ".join(map(str, header)) + " |", "|" + "---|" * len(header)]
            )
            lines.extend("| " + " | ".join(_cell(v) for v in row) + " |" for row in rows)

    table(
        f"New in {c.new.year}", ["Id", "Title", "Goal", "Status"], [[i.id, i.title, i.goal, i.status] for i in c.added]
    )
    table(
        f"Not in the {c.new.year} edition",
        ["Id", "Title", "Goal", f"Status in {c.old.year}"],
        [[i.id, i.title, i.goal, i.status] for i in c.not_carried_forward],
    )
    table(
        "Field by field",
        ["Id", "Field", c.old.year, c.new.year],
        [[d.id, f.field, _text(f.old), _text(f.new)] for d in c.changed for f in d.fields],
    )
    table(
        "Figures",
        ["Id", "Figure", c.old.year, c.new.year, "Change"],
        [
            [d.id, f"{f.label} ({f.unit})", _figure(f.old), _figure(f.new), change_text(f)]
            for d in c.figures_changed
            for f in d.figures
        ],
    )
    bodies = [d for d in c.changed if d.body]
    if bodies:
        lines += ["", "## Text", ""]
    for d in bodies:
        assert d.body is not None
        lines += [f"**{_escape(d.id)}**", ""]
        lines += [f"> {line}" for line in body_lines(d.body, "<del>{}</del>", "<ins>{}</ins>", _escape)]
        lines.append("")
    return "\n".join(lines).rstrip("\n")
