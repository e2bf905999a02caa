"""Caps on what one content file may hold (bytes, characters, numbers), so work is bounded for any input."""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import markdown_bounds
from .problems import Problem
from .regular import open_regular

if TYPE_CHECKING:
    from .yamlspans import Spans

# The largest real body is 4.9 KB and the largest file a 70 KB corrections.yml, which grows with each
# correction; a 2,000-place places.yml is about 100 KB. A 1 MB YAML file takes about a second to read.
FILE_LIMIT = 1024 * 1024
BODY_LIMIT = 64 * 1024
# A correction keeps a whole body as its old and new value; every other field has a much lower limit
# in its schema (the longest real one is 272 characters).
TEXT_LIMIT = 65_536
# Figures in real content reach 4 x 10^10; every integer up to 10^15 is exact as a float (2^53 ~ 9 x 10^15).
NUMBER_LIMIT = 10**15
NUMBER_TEXT = "1,000,000,000,000,000 (10^15)"
# Long enough for any number up to the limit written with separators and decimals.
NUMBER_CHARACTERS = 40
# Problems of one kind reported per file: enough to show a pattern, not a wall of identical lines.
REPORT_LIMIT = 20

# Control characters other than tab and line feed (carriage returns are normalised away on reading), the
# Unicode line separators YAML counts as line breaks, which would shift every line number after them, and the
# bidirectional embeddings, overrides and isolates, which make the text after them on a page read backwards.
_BIDI = "\u202a-\u202e\u2066-\u2069"
_FORBIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{_BIDI}]")
# Only an escape in a quoted YAML string can also produce half of a surrogate pair.
_FORBIDDEN_IN_VALUE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{_BIDI}\ud800-\udfff]")


def kilobytes(size: int) -> str:
    """A size as a reader would say it, rounded up so that over the limit never reads as equal to it."""
    return f"{math.ceil(size / 1024):,} KB"


def read_bytes(path: Path) -> tuple[bytes, int]:
    """At most FILE_LIMIT + 1 bytes of a file, and its full size: a huge file is never read whole."""
    with open_regular(path) as handle:
        raw = handle.read(FILE_LIMIT + 1)
        size = len(raw) if len(raw) <= FILE_LIMIT else max(path.stat().st_size, len(raw))
    return raw, size


def file_too_big(rel: str, size: int) -> Problem:
    """The problem for a file over FILE_LIMIT."""
    message = f"the file is {kilobytes(size)}; the limit is {kilobytes(FILE_LIMIT)}"
    return Problem(rel, 1, 1, message, hint="split it into smaller files")


def body_too_big(rel: str, body: str, body_line: int) -> Problem | None:
    """The problem for a Markdown body over BODY_LIMIT, at the body's first line."""
    size = len(body.encode("utf-8"))
    if size <= BODY_LIMIT:
        return None
    message = f"the body is {kilobytes(size)}; the limit is {kilobytes(BODY_LIMIT)}"
    return Problem(rel, body_line, 1, message, hint="split it into several pages")


def describe_character(char: str) -> tuple[str, str]:
    """What is wrong with a forbidden character, and what to do about it."""
    code = f"U+{ord(char):04X}"
    if char in "\u2028\u2029":
        return f"invisible line separator {code} is not allowed", "use an ordinary line break"
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        what = f"bidirectional control character {code} is not allowed (it can make the text after it read backwards)"
        return what, "delete it; write right-to-left words as they are, and the browser lays them out"
    if "\ud800" <= char <= "\udfff":
        return f"half of a character ({code}, a lone surrogate) is not allowed", "write the character itself"
    return f"control character {code} is not allowed", "delete it; only tabs and line breaks may be used"


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def forbidden_offsets(text: str, in_value: bool = False) -> Iterator[int]:
    """Offsets of characters content may not contain."""
    pattern = _FORBIDDEN_IN_VALUE if in_value else _FORBIDDEN
    for match in pattern.finditer(text):
        yield match.start()


def control_characters(text: str, rel: str) -> list[Problem]:
    """Each forbidden character in a whole file, at its own line and column (the first per line)."""
    starts = _line_starts(text)
    problems: dict[int, Problem] = {}
    for offset in forbidden_offsets(text):
        line = bisect.bisect_right(starts, offset)
        if line not in problems:
            message, hint = describe_character(text[offset])
            problems[line] = Problem(rel, line, offset - starts[line - 1] + 1, message, hint=hint)
        if len(problems) >= REPORT_LIMIT:
            break
    return list(problems.values())


def number_problem(value: object, written: str) -> str | None:
    """Why a number read from YAML (as written, at most NUMBER_CHARACTERS long) cannot be used, or None."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"{written} is not a finite number"
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) > NUMBER_LIMIT:
        return f"{written} is too large; numbers must be at most {NUMBER_TEXT}"
    return None


def _strings(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))


# A body is rendered once, but a field is rendered on each page that prints it (a summary: its initiative's
# page, its goal's, the explore and print pages), so a field's rendering work counts that many times:
# 1,413 unclosed '[' in a summary cost the build 2.7 s of CPU, in a body 0.5 s.
FIELD_PRINTS = 5


def markdown_problems(rel: str, data: Any, spans: Spans, body: str = "", body_line: int = 1) -> list[Problem]:
    """Markdown over the limits in a body and in every text field (templates put fields into pages too);
    the totals are per file, so many small excesses in one file cannot add up to a large one."""
    starts = _line_starts(body)
    texts: list[tuple[tuple[str | int, ...] | None, str]] = [(None, body), *_strings(data)]
    problems: list[Problem] = []
    totals: dict[str, int] = {}
    largest: dict[str, tuple[int, tuple[int, int]]] = {}
    for path, text in texts:
        findings, costs = markdown_bounds.check(text)
        for finding in findings:
            line, col = _where(finding.offset, path, spans, starts, body_line)
            problems.append(Problem(rel, line, col, finding.message, hint=finding.hint))
        for name, cost in costs.items():
            weight = FIELD_PRINTS if path is not None and name != "headings" else 1
            totals[name] = totals.get(name, 0) + weight * cost.amount
            if weight * cost.amount > largest.get(name, (0, (0, 0)))[0]:
                largest[name] = (weight * cost.amount, _where(cost.at, path, spans, starts, body_line))
    for name, message, hint in markdown_bounds.over_limits(totals):
        problems.append(Problem(rel, *largest[name][1], message, hint=hint))
    return problems[:REPORT_LIMIT]


def _where(
    offset: int, path: tuple[str | int, ...] | None, spans: Spans, starts: list[int], body_line: int
) -> tuple[int, int]:
    if path is not None:
        return spans.at(path)
    line = bisect.bisect_right(starts, offset)
    return body_line + line - 1, offset - starts[line - 1] + 1
