"""Editions compared, unit by unit: figure changes and percentages, pairing of figures, and the lists a
comparison derives."""

from __future__ import annotations

from generator.content.enums import Currency, Kind, Qualifier, Unit
from generator.content.model import Funding, Metric, Position
from generator.editions.diff import FigureChange, figure_changes, funding_key, match, metric_key

AT = Position("a.md", 1)


def _metric(value: float, kind: Kind = Kind.ACTUAL, period: str | None = None, label: str = "L") -> Metric:
    return Metric(label, value, Unit.PEOPLE, kind, None, period, None, AT)


def _funding(amount: float, source: str | None = "S") -> Funding:
    return Funding(amount, Currency.GBP, Qualifier.OVER, source, None, Kind.ACTUAL, None, AT)


def test_change_and_percent_of_a_figure() -> None:
    grown = FigureChange("L", "people", _metric(200), _metric(250))
    assert (grown.change, grown.percent) == (50, 25.0)
    fell = FigureChange("S", "GBP", _funding(400), _funding(100))
    assert (fell.change, fell.percent) == (-300, -75.0)
    from_zero = FigureChange("L", "people", _metric(0), _metric(5))
    assert (from_zero.change, from_zero.percent) == (5, None)
    added = FigureChange("L", "people", None, _metric(5))
    removed = FigureChange("L", "people", _metric(5), None)
    assert (added.change, added.percent, removed.change, removed.percent) == (None, None, None, None)


def test_keys() -> None:
    assert metric_key(_metric(1)) == ("L", "people")
    assert funding_key(_funding(1)) == ("S", "GBP")
    assert funding_key(_funding(1, source=None)) == ("", "GBP")


def test_figures_pair_with_the_most_alike_of_their_key() -> None:
    old = [_metric(1, Kind.ACTUAL, "2021"), _metric(2, Kind.TARGET, "2022")]
    same_kind = _metric(9, Kind.TARGET, "2030")
    same_period = _metric(8, Kind.FORECAST, "2021")
    same_facts = _metric(1, Kind.ACTUAL, "2021")
    pairs = match(old, [same_kind, same_period, same_facts], metric_key)
    assert [(c.old, c.new) for c in pairs] == [(old[0], same_facts), (old[1], same_kind), (None, same_period)]
    # Kind (2) outweighs period (1).
    pairs = match([_metric(1, Kind.TARGET, "2021")], [same_period, same_kind], metric_key)
    assert pairs[0].new is same_kind
    # Equally alike: the first in document order.
    a, b = _metric(5), _metric(6)
    assert match([_metric(7)], [a, b], metric_key)[0].new is a
    other = _metric(1, label="M")
    assert [(c.label, c.old, c.new) for c in match([other], [], metric_key)] == [("M", other, None)]


def test_only_changed_added_or_removed_figures_are_changes() -> None:
    same, moved = _metric(1), _metric(2)
    changes = figure_changes([same, _metric(3, label="Gone")], [_metric(1), moved, _metric(4, label="New")], metric_key)
    assert [(c.label, c.old is None, c.new is None) for c in changes] == [
        ("Gone", False, True),
        ("L", True, False),
        ("New", True, False),
    ]
    assert figure_changes([same], [_metric(1)], metric_key) == ()
    note = Metric("L", 1, Unit.PEOPLE, Kind.ACTUAL, None, None, "a note", AT)
    assert len(figure_changes([same], [note], metric_key)) == 1


def test_an_initiative_diff_keeps_both_sides() -> None:
    from conftest import FIXTURES

    from generator.content.check import check
    from generator.editions.diff import compare

    project = check(FIXTURES / "three-editions").project
    assert project is not None
    old, new = project.edition(2021), project.edition(2022)
    assert old is not None and new is not None
    for d in compare(old, new).common:
        assert d.old == old.initiative(d.id) and d.new == new.initiative(d.id)


def test_identical_facts_beat_the_same_kind_and_period() -> None:
    # Two grants from one fund in one year: the unchanged one pairs with itself, wherever it stands.
    old = [_funding(5), _funding(7)]
    new = [_funding(7), _funding(5)]
    assert [(c.old, c.new) for c in match(old, new, funding_key)] == [(old[0], new[1]), (old[1], new[0])]
    assert figure_changes(old, new, funding_key) == ()


def test_the_same_period_counts_for_and_never_against() -> None:
    old = _metric(1, Kind.ACTUAL, "2021")
    other_period, same_period = _metric(2, Kind.ACTUAL, "2030"), _metric(3, Kind.ACTUAL, "2021")
    assert match([old], [other_period, same_period], metric_key)[0].new is same_period


def test_a_figure_without_a_partner_does_not_stop_the_pairing() -> None:
    lone, paired = _metric(1, label="Lone"), _metric(2)
    partner = _metric(2)
    assert [(c.old, c.new) for c in match([lone, paired], [partner], metric_key)] == [(lone, None), (paired, partner)]
