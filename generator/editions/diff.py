"""Two editions compared field by field: identity is the id, figures are matched by label and unit."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ..content.model import Edition, Funding, Initiative, Metric
from . import words

# The fields compared one to one, in the order reports list them.
FIELDS = (
    "status",
    "title",
    "goal",
    "also_supports",
    "places",
    "partners",
    "summary",
    "links",
    "source",
    "last_reported",
)

F = TypeVar("F", Metric, Funding)


@dataclass(frozen=True)
class FieldChange:
    """One field whose value differs: its name and both values as the model holds them."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class FigureChange(Generic[F]):
    """A figure (metric or funding) matched across editions: changed, added (old None) or removed (new None)."""

    label: str
    unit: str
    old: F | None
    new: F | None

    @property
    def change(self) -> float | None:
        """New value minus old, when both exist."""
        if self.old is None or self.new is None:
            return None
        return amount(self.new) - amount(self.old)

    @property
    def percent(self) -> float | None:
        """The change as a percentage of the old value; None when there is no old value or it is zero."""
        if self.change is None or self.old is None or amount(self.old) == 0:
            return None
        return self.change / amount(self.old) * 100


def amount(figure: Metric | Funding) -> float:
    """A figure's number: a metric's value or a funding entry's amount."""
    return figure.value if isinstance(figure, Metric) else figure.amount


def metric_key(m: Metric) -> tuple[str, str]:
    """Metrics are the same figure when label and unit agree."""
    return (m.label, m.unit.value)


def funding_key(f: Funding) -> tuple[str, str]:
    """Funding entries are the same when source and currency agree."""
    return (f.source or "", f.currency.value)


def _facts(figure: Metric | Funding) -> tuple[Any, ...]:
    if isinstance(figure, Metric):
        return (figure.label, figure.value, figure.unit, figure.kind, figure.qualifier, figure.period, figure.note)
    return (figure.amount, figure.currency, figure.qualifier, figure.source, figure.period, figure.kind, figure.note)


def _likeness(a: Metric | Funding, b: Metric | Funding) -> int:
    if _facts(a) == _facts(b):
        return 4  # above same kind and period (3): a figure carried forward unchanged finds itself
    return (a.kind == b.kind) * 2 + (a.period == b.period)


def match(old: Sequence[F], new: Sequence[F], key: Callable[[F], tuple[str, str]]) -> list[FigureChange[F]]:
    """Pair figures by key; within a key, the most alike first (same facts, then kind, then period), else in order."""
    out: list[FigureChange[F]] = []
    unpaired = list(new)
    for a in old:
        candidates = [b for b in unpaired if key(b) == key(a)]
        if not candidates:
            out.append(FigureChange(*key(a), a, None))
            continue
        best = max(candidates, key=lambda b: _likeness(a, b))  # max keeps the first of equals: document order
        unpaired.remove(best)
        out.append(FigureChange(*key(a), a, best))
    out += [FigureChange(*key(b), None, b) for b in unpaired]
    return out


def figure_changes(
    old: Sequence[F], new: Sequence[F], key: Callable[[F], tuple[str, str]]
) -> tuple[FigureChange[F], ...]:
    """Only the figures that changed, appeared or went."""
    return tuple(c for c in match(old, new, key) if c.old is None or c.new is None or _facts(c.old) != _facts(c.new))


@dataclass(frozen=True)
class InitiativeDiff:
    """One initiative present in both editions, with everything that differs."""

    old: Initiative
    new: Initiative
    fields: tuple[FieldChange, ...]
    metrics: tuple[FigureChange[Metric], ...]
    funding: tuple[FigureChange[Funding], ...]
    body: tuple[words.Paragraph, ...] | None

    @property
    def id(self) -> str:
        return self.new.id

    @property
    def changed(self) -> bool:
        """Whether anything at all differs."""
        return bool(self.fields or self.metrics or self.funding or self.body)

    @property
    def figures(self) -> tuple[FigureChange[Any], ...]:
        """The changed metrics, then the changed funding."""
        return (*self.metrics, *self.funding)

    def field(self, name: str) -> FieldChange | None:
        """The change to one field, if it changed."""
        return next((f for f in self.fields if f.field == name), None)


def initiative_diff(old: Initiative, new: Initiative) -> InitiativeDiff:
    """Field by field: the plain fields, the figures matched by label and unit, the body word by word."""
    fields = tuple(
        FieldChange(name, getattr(old, name), getattr(new, name))
        for name in FIELDS
        if getattr(old, name) != getattr(new, name)
    )
    return InitiativeDiff(
        old,
        new,
        fields,
        figure_changes(old.metrics, new.metrics, metric_key),
        figure_changes(old.funding, new.funding, funding_key),
        words.diff(old.body, new.body),
    )


@dataclass(frozen=True)
class Comparison:
    """What changed from one edition to another (either order; a reversed pair says so)."""

    old: Edition
    new: Edition
    added: tuple[Initiative, ...]
    not_carried_forward: tuple[Initiative, ...]
    common: tuple[InitiativeDiff, ...]

    @property
    def reversed(self) -> bool:
        """True when the 'new' edition is the earlier one."""
        return self.old.year > self.new.year

    @property
    def status_changed(self) -> list[InitiativeDiff]:
        return [d for d in self.common if d.field("status")]

    @property
    def goal_changed(self) -> list[InitiativeDiff]:
        return [d for d in self.common if d.field("goal")]

    @property
    def renamed(self) -> list[InitiativeDiff]:
        return [d for d in self.common if d.field("title")]

    @property
    def metrics_changed(self) -> list[InitiativeDiff]:
        return [d for d in self.common if d.metrics]

    @property
    def funding_changed(self) -> list[InitiativeDiff]:
        return [d for d in self.common if d.funding]

    @property
    def figures_changed(self) -> list[InitiativeDiff]:
        """Initiatives whose metrics or funding changed."""
        return [d for d in self.common if d.metrics or d.funding]

    @property
    def not_reported(self) -> list[InitiativeDiff]:
        """Carried forward without a new report: the newer edition's last_reported is older than that edition."""
        return [d for d in self.common if d.new.last_reported < self.new.year]

    @property
    def changed(self) -> list[InitiativeDiff]:
        """Initiatives in both editions with at least one difference."""
        return [d for d in self.common if d.changed]


def compare(old: Edition, new: Edition) -> Comparison:
    """Compare two editions initiative by initiative; identity is the id."""
    olds = {i.id: i for i in old.initiatives}
    new_ids = {i.id for i in new.initiatives}
    common = tuple(initiative_diff(olds[n.id], n) for n in new.initiatives if n.id in olds)
    return Comparison(
        old,
        new,
        tuple(i for i in new.initiatives if i.id not in olds),
        tuple(i for i in old.initiatives if i.id not in new_ids),
        common,
    )
