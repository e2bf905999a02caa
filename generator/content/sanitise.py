"""Rejects raw HTML that could run script, in Markdown bodies and in every string field."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

# Tags that run script, load other documents or change where links go.
_DANGEROUS_TAGS = re.compile(
    r"<\s*(script|iframe|frame|frameset|object|embed|applet|base|meta|link|form|svg|math|style)\b",
    re.IGNORECASE,
)
_EVENT_ATTRIBUTE = re.compile(r"<[a-z][^>]*?[\s/\"']on[a-z]+\s*=", re.IGNORECASE | re.DOTALL)
_SCRIPT_URL = re.compile(r"\b(javascript|vbscript|livescript)\s*:|\bdata\s*:\s*text/html", re.IGNORECASE)


def unsafe_html(text: str) -> Iterator[tuple[int, str]]:
    """Yield (offset, description) for each piece of text that could run script."""
    for match in _DANGEROUS_TAGS.finditer(text):
        yield match.start(), f"raw HTML <{match.group(1).lower()}> is not allowed"
    for match in _EVENT_ATTRIBUTE.finditer(text):
        yield match.start(), "an HTML event attribute (on...=) is not allowed"
    # Entities can hide a scheme (jav&#x61;script:), so look at the decoded text too.
    decoded = html.unescape(text)
    source = text if decoded == text else decoded
    for match in _SCRIPT_URL.finditer(source):
        offset = match.start() if source is text else _first_scheme_offset(text)
        yield offset, f"a '{match.group(0).strip()}' link is not allowed"


def _first_scheme_offset(text: str) -> int:
    amp = text.find("&")
    return max(amp, 0)


def string_fields(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every string in a parsed YAML value, with its path."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from string_fields(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from string_fields(value, (*path, i))


def line_col(text: str, offset: int, first_line: int) -> tuple[int, int]:
    """1-based line and column of an offset into text that starts at first_line."""
    before = text[:offset]
    return first_line + before.count("\n"), offset - (before.rfind("\n") + 1) + 1
