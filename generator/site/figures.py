"""How figures read in text: '57,000 people', 'over £2 million', '14.1%', '150 to 200 jobs'; pages and charts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from ..content.model import Funding, Metric
from ..content.theme import fill

Labels = Mapping[str, Mapping[str, str]]


def number(value: float) -> str:
    """57000 -> '57,000'; 14.1 -> '14.1'; 2000000.0 -> '2,000,000'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


# A number this large or larger reads in the word for its scale ("£1.25 million"), largest scale first.
SCALES = ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))
# Words keep at most this many decimals, so they never round: 1,234,567 stays in digits.
SCALE_DECIMALS = 3


def large(value: float, labels: Labels) -> str:
    """A number as people read it, exactly: 1250000 -> '1.25 million', 218000000 -> '218 million';
    a number the words cannot give exactly (1,234,567) or below a million stays in digits."""
    exact = Decimal(repr(float(value)))
    words = labels.get("large_number", {})
    for scale, key in SCALES:
        if exact >= scale and key in words:
            scaled = exact / scale
            if scaled == scaled.quantize(Decimal(1).scaleb(-SCALE_DECIMALS)):
                return fill(words[key], number=f"{scaled.normalize():,f}")
    return number(value)


def plain(value: float) -> int | float:
    """A figure for machines (CSV, JSON): 57000.0 -> 57000; 14.1 stays 14.1."""
    return int(value) if float(value).is_integer() else value


Digits = Callable[[float], str]


def amount(value: float, unit: str, labels: Labels, digits: Digits = number) -> str:
    """A number with its unit, as a reader expects it: '£2,000', '14.1%', '57,000 people'."""
    word = labels["unit"].get(unit, unit)
    if unit == "GBP":
        return f"{word}{digits(value)}"
    if unit == "percent":
        return f"{digits(value)}{word}"
    return f"{digits(value)} {word}".strip()


def span(low: float, high: float, unit: str, labels: Labels, digits: Digits = number) -> str:
    """A range with its unit once: '150 to 200 jobs', '£1,000 to £2,000', '10% to 12%'."""
    word = labels.get("range", {}).get("to", "to")
    if unit in ("GBP", "percent"):
        return f"{amount(low, unit, labels, digits)} {word} {amount(high, unit, labels, digits)}"
    return f"{digits(low)} {word} {amount(high, unit, labels, digits)}"


def qualified(
    value: float,
    unit: str,
    qualifier: str | None,
    labels: Labels,
    high: float | None = None,
    digits: Digits = number,
) -> str:
    """With the source's qualifier in front: 'over 57,000 people', 'about 150 to 200 jobs'."""
    text = amount(value, unit, labels, digits) if high is None else span(value, high, unit, labels, digits)
    return f"{labels['qualifier'][qualifier]} {text}" if qualifier else text


def in_words(value: float, unit: str, qualifier: str | None, labels: Labels, high: float | None = None) -> str:
    """A figure in plain English, with the source's qualifier: 'over £300 million', 'about 1.8 million people'.
    Exact by construction (see large), so pages may show it wherever people read."""
    return qualified(value, unit, qualifier, labels, high, lambda v: large(v, labels))


def metric_text(metric: Metric, labels: Labels) -> str:
    """The value of a metric as text, in digits: for data tables."""
    return qualified(metric.value, metric.unit, metric.qualifier, labels, metric.value_max)


def funding_text(funding: Funding, labels: Labels) -> str:
    """The amount of a funding entry as text, in digits: for data tables."""
    return qualified(funding.amount, funding.currency, funding.qualifier, labels)


def metric_words(metric: Metric, labels: Labels) -> str:
    """The value of a metric in plain English: 'over 1.8 million people'."""
    return in_words(metric.value, metric.unit, metric.qualifier, labels, metric.value_max)


def funding_words(funding: Funding, labels: Labels) -> str:
    """The amount of a funding entry in plain English: '£218 million'."""
    return in_words(funding.amount, funding.currency, funding.qualifier, labels)
