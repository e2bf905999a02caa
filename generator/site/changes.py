"""A comparison as the rows pages show: each field's old and new value as readers see it, each figure's change."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..content.model import Funding, Link, Metric, Project
from ..editions.diff import FieldChange, FigureChange, InitiativeDiff
from .figures import Labels, funding_words, large, metric_words


@dataclass(frozen=True)
class FieldRow:
    """One changed field: its name, old and new value as text, and for lists what came and went."""

    field: str
    name: str
    old: str
    new: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    is_list: bool = False


@dataclass(frozen=True)
class FigureRow:
    """One changed figure: old and new as text, and which way and by how much it moved."""

    label: str
    old: str
    new: str
    direction: str  # up | down | same | added | removed
    amount: str = ""
    percent: str = ""


def _item(value: Any, field: str, project: Project, labels: Labels) -> str:
    if isinstance(value, Link):
        return value.title
    if field in ("goal", "also_supports") and isinstance(value, int):
        return f"{value}. {project.goal(value).title}"
    if field == "status":
        return labels["status"].get(str(value), str(value))
    return str(value)


def value_text(field: str, value: Any, project: Project, labels: Labels) -> str:
    """A field's value as a reader sees it: 'Active', '2. School years', 'Harlow; Danbury'."""
    if isinstance(value, tuple):
        return "; ".join(_item(v, field, project, labels) for v in value) or labels["words"]["none"]
    return _item(value, field, project, labels)


def field_row(change: FieldChange, project: Project, labels: Labels) -> FieldRow:
    """The row of one changed field."""
    name = labels["field"].get(change.field, change.field)
    old, new = (
        value_text(change.field, change.old, project, labels),
        value_text(change.field, change.new, project, labels),
    )
    if isinstance(change.old, tuple) and isinstance(change.new, tuple):
        added = tuple(_item(v, change.field, project, labels) for v in change.new if v not in change.old)
        removed = tuple(_item(v, change.field, project, labels) for v in change.old if v not in change.new)
        return FieldRow(change.field, name, old, new, added, removed, True)
    return FieldRow(change.field, name, old, new)


def _text(figure: Metric | Funding | None, labels: Labels) -> str:
    if figure is None:
        return ""
    # In words, as people read them: exact by construction (figures.large), so nothing is rounded away.
    return metric_words(figure, labels) if isinstance(figure, Metric) else funding_words(figure, labels)


def figure_row(change: FigureChange[Any], labels: Labels) -> FigureRow:
    """The row of one changed figure: 'Participants: over 57,000 people -> over 61,000 people, up 4,000 (7%)'."""
    figure = change.new or change.old
    if isinstance(figure, Metric):
        kind = "" if figure.kind == "actual" else f" ({labels['kind'][figure.kind].lower()})"
        label = f"{figure.label}{kind}"
    else:
        label = labels["words"]["funding_from"].format(source=change.label or labels["words"]["not_stated"])
    old, new = _text(change.old, labels), _text(change.new, labels)
    if change.change is None:
        return FigureRow(label, old, new, "added" if change.old is None else "removed")
    direction = "up" if change.change > 0 else "down" if change.change < 0 else "same"
    percent = f"{abs(change.percent):.1f}%".replace(".0%", "%") if change.percent is not None else ""
    return FigureRow(label, old, new, direction, large(abs(change.change), labels), percent)


@dataclass(frozen=True)
class InitiativeRows:
    """Everything that changed for one initiative, ready for a template."""

    diff: InitiativeDiff
    fields: tuple[FieldRow, ...]
    figures: tuple[FigureRow, ...]


def rows(diff: InitiativeDiff, project: Project, labels: Labels) -> InitiativeRows:
    """The field and figure rows of one initiative's changes."""
    return InitiativeRows(
        diff,
        tuple(field_row(f, project, labels) for f in diff.fields),
        tuple(figure_row(f, labels) for f in diff.figures),
    )
