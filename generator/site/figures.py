"""How figures read in text: '57,000 people', 'over £2,000,000', '14.1%', '150 to 200 jobs'; pages and charts."""

from __future__ import annotations

from collections.abc import Mapping

from ..content.model import Funding, Metric

Labels = Mapping[str, Mapping[str, str]]


def number(value: float) -> str:
    """57000 -> '57,000'; 14.1 -> '14.1'; 2000000.0 -> '2,000,000'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def plain(value: float) -> int | float:
    """A figure for machines (CSV, JSON): 57000.0 -> 57000; 14.1 stays 14.1."""
    return int(value) if float(value).is_integer() else value


def amount(value: float, unit: str, labels: Labels) -> str:
    """A number with its unit, as a reader expects it: '£2,000', '14.1%', '57,000 people'."""
    word = labels["unit"].get(unit, unit)
    if unit == "GBP":
        return f"{word}{number(value)}"
    if unit == "percent":
        return f"{number(value)}{word}"
    return f"{number(value)} {word}".strip()


def span(low: float, high: float, unit: str, labels: Labels) -> str:
    """A range with its unit once: '150 to 200 jobs', '£1,000 to £2,000', '10% to 12%'."""
    word = labels.get("range", {}).get("to", "to")
    if unit in ("GBP", "percent"):
        return f"{amount(low, unit, labels)} {word} {amount(high, unit, labels)}"
    return f"{number(low)} {word} {amount(high, unit, labels)}"


def qualified(value: float, unit: str, qualifier: str | None, labels: Labels, high: float | None = None) -> str:
    """With the source's qualifier in front: 'over 57,000 people', 'about 150 to 200 jobs'."""
    text = amount(value, unit, labels) if high is None else span(value, high, unit, labels)
    return f"{labels['qualifier'][qualifier]} {text}" if qualifier else text


def metric_text(metric: Metric, labels: Labels) -> str:
    """The value of a metric as text."""
    return qualified(metric.value, metric.unit, metric.qualifier, labels, metric.value_max)


def funding_text(funding: Funding, labels: Labels) -> str:
    """The amount of a funding entry as text."""
    return qualified(funding.amount, funding.currency, funding.qualifier, labels)
