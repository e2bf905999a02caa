"""Bounds on the Markdown in a body or field, so the renderer (Python-Markdown) needs bounded time and stack.

A size cap alone is not enough: Python-Markdown rescans from every '[' to its matching ']' (to the end of
the paragraph when there is none), from every '](' to its ')', and from every '<' that could start a tag
to its '>' and back to the start of its line; it copies a paragraph once for every inline element in it;
and it recurses once per level of list, quote or emphasis. 5,000 unclosed '[' took 4 s, 32,000 '\\{' in
one paragraph 3 s; 500 nested list items or 1,000 nested '**' crashed it. So the reader counts that work
(in a linear pass over the text) and the nesting, and refuses text over the limits below.
benchmarks/markdown_worst.py searches for the slowest body these limits let through.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# Real content uses 2 levels at most and no emphasis marks; Python-Markdown recursed out at ~250 levels
# of indented lists and ~1,000 levels of '**'. The work limit takes it about a second at most.
NESTING_LIMIT = 10
EMPHASIS_LIMIT = 500
WORK_LIMIT = 1_000_000
# Real pages have up to 5 headings. The table of contents numbers repeated heading ids by counting up
# from _1 each time, so k headings with the same text cost k^2: 32,000 empty '#' lines took 90 s.
HEADING_LIMIT = 200
# Python-Markdown splits a block at each list item, definition or reference and parses the rest again,
# recursing for definitions (~500 in a row overflowed the stack): so a block has a bounded number of lines.
LINES_LIMIT = 500
# Characters copied for inline elements: the marks that can start one, times their paragraph's length.
# A 1,500-character paragraph with 20 links copies 60,000; 200,000,000 took the renderer about 0.3 s.
COPY_LIMIT = 200_000_000
_INLINE_MARKS = "\\`*_&<["

_PARAGRAPH = re.compile(r"(?:^[ \t]*\S.*(?:\n|\Z))+", re.MULTILINE)
_CONTAINERS = re.compile(r"[ \t]*((?:(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]*)*)")
_MARKER = re.compile(r">|[-*+]|\d{1,9}[.)]")
# An ATX heading ('#', with or without a space after it in Python-Markdown) or a setext underline.
_HEADING = re.compile(r"#|(?:=+|-+)[ \t]*$")
_BRACKETS = re.compile(r"\\.|[\[\]()]")
_OPENER = re.compile(r"<[A-Za-z/!?]")
# One line starting with a letter, with no character any limit counts: most text fields. Such a line is one
# paragraph at nesting 0 with no heading, mark, tag or bracket work, so check() answers it without the scans.
_COUNTED = re.compile(r"[\\`*_&<\[\]\n]")


@dataclass(frozen=True)
class Finding:
    """Something in a text over a limit: an offset into the text, a message and a hint."""

    offset: int
    message: str
    hint: str


def _lines(paragraph: str, start: int) -> tuple[list[Finding], list[int]]:
    """Nesting and emphasis findings of a paragraph, and the offsets of its heading lines."""
    findings: list[Finding] = []
    headings: list[int] = []
    emphasis = 0
    at = start
    for line in paragraph.split("\n"):
        prefix = _CONTAINERS.match(line)
        assert prefix is not None  # the pattern matches the empty string
        indent = len(line) - len(line.lstrip(" \t"))
        levels = (indent + 3 * line[:indent].count("\t")) // 4 + len(_MARKER.findall(prefix.group(1)))
        if levels > NESTING_LIMIT and not findings:
            message = (
                f"this line is nested {levels} levels deep (lists, quotes, indentation); the limit is {NESTING_LIMIT}"
            )
            findings.append(Finding(at, message, "flatten the list or quote"))
        rest = line[prefix.end() :]
        emphasis += rest.count("*") + rest.count("_")
        if _HEADING.match(rest):
            headings.append(at)
        at += len(line) + 1
    lines = paragraph.count("\n") + (not paragraph.endswith("\n"))
    if lines > LINES_LIMIT:
        message = f"this paragraph runs for {lines:,} lines without a blank line; the limit is {LINES_LIMIT}"
        findings.append(Finding(start, message, "put blank lines between paragraphs, long lists and tables"))
    if emphasis > EMPHASIS_LIMIT:
        message = f"this paragraph has {emphasis:,} '*' and '_' marks; the limit is {EMPHASIS_LIMIT:,}"
        findings.append(Finding(start, message, "write \\* or \\_ for a literal mark, or split the paragraph"))
    return findings, headings


def _bracket_work(paragraph: str, start: int) -> list[tuple[int, int]]:
    """(characters rescanned, offset) for each '[' and each '](': to the match, or to the paragraph's end."""
    costs: list[tuple[int, int]] = []
    squares: list[int] = []
    parens: list[tuple[int, bool]] = []
    closed = -2
    for match in _BRACKETS.finditer(paragraph):
        char, at = match.group(), match.start()
        if char == "[":
            squares.append(at)
        elif char == "]":
            closed = at
            if squares:
                opened = squares.pop()
                costs.append((at - opened, start + opened))
        elif char == "(":
            parens.append((at, at == closed + 1))
        elif char == ")" and parens:
            opened, link = parens.pop()
            if link:
                costs.append((at - opened, start + opened))
    end = len(paragraph)
    costs += [(end - at, start + at) for at in squares]
    costs += [(end - at, start + at) for at, link in parens if link]
    return costs


def _tag_work(text: str) -> list[tuple[int, int]]:
    """(characters rescanned, offset) for each '<' that could open a tag: to its end and back to its line start."""
    ends = {">": [m.start() for m in re.finditer(">", text)], "]]>": [m.start() for m in re.finditer(r"\]\]>", text)]}
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    costs = []
    for match in _OPENER.finditer(text):
        at = match.start()
        closer = ends["]]>" if text.startswith("<![", at) else ">"]
        index = bisect.bisect_right(closer, at)
        end = closer[index] if index < len(closer) else len(text)
        line_start = line_starts[bisect.bisect_right(line_starts, at) - 1]
        costs.append((end - at + at - line_start, at))
    return costs


@dataclass(frozen=True)
class Cost:
    """A per-file total in one text: its amount, and the offset where the largest part (or the first) starts."""

    amount: int
    at: int


def _cost(parts: list[tuple[int, int]]) -> Cost:
    return Cost(sum(amount for amount, _ in parts), max(parts, default=(0, 0))[1])


def check(text: str) -> tuple[list[Finding], dict[str, Cost]]:
    """Findings over the per-line and per-paragraph limits in a text, and its share of the per-file totals:
    rescanning work, copying for inline elements, and headings."""
    if text[:1].isalpha() and _COUNTED.search(text) is None:
        return [], {"work": Cost(0, 0), "copies": Cost(0, 0), "headings": Cost(0, 0)}
    return scan(text)


def scan(text: str) -> tuple[list[Finding], dict[str, Cost]]:
    """check() without its shortcut for plain one-line text: every scan, always."""
    findings: list[Finding] = []
    work = _tag_work(text)
    copies: list[tuple[int, int]] = []
    headings: list[int] = []
    for match in _PARAGRAPH.finditer(text):
        paragraph, start = match.group(), match.start()
        found, heading_lines = _lines(paragraph, start)
        findings += found
        headings += heading_lines
        work += _bracket_work(paragraph, start)
        marks = sum(paragraph.count(mark) for mark in _INLINE_MARKS) + paragraph.count("  \n")
        copies.append((marks * len(paragraph), start))
    first_heading = Cost(len(headings), headings[0] if headings else 0)
    return findings, {"work": _cost(work), "copies": _cost(copies), "headings": first_heading}


def over_limits(totals: dict[str, int]) -> list[tuple[str, str, str]]:
    """(name, message, hint) for each per-file total over its limit."""
    over = []
    if totals.get("work", 0) > WORK_LIMIT:
        message = (
            f"the Markdown renderer would rescan {totals['work']:,} characters for unclosed or nested '[', '(' "
            f"and '<' (the limit is {WORK_LIMIT:,}; a field counts once per page that prints it); "
            "most of it starts here"
        )
        hint = "close each bracket and tag where it opens, or write \\[ and \\< for literal ones"
        over.append(("work", message, hint))
    if totals.get("copies", 0) > COPY_LIMIT:
        message = (
            f"the Markdown renderer would copy {totals['copies']:,} characters for the marks ('*', '_', '[', '<', "
            f"'&', '`', backslash) in long paragraphs (the limit is {COPY_LIMIT:,}); the longest starts here"
        )
        over.append(("copies", message, "put blank lines between paragraphs to make them shorter"))
    if totals.get("headings", 0) > HEADING_LIMIT:
        message = (
            f"the file has {totals['headings']:,} headings ('#' lines or '---' and '===' underlines); "
            f"the limit is {HEADING_LIMIT}"
        )
        hint = "split the page, or write \\# at the start of a line that is not a heading"
        over.append(("headings", message, hint))
    return over
