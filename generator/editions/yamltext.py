"""Edits to YAML as text, at positions the reader recorded, so comments and layout survive."""

from __future__ import annotations

import re

# A quoted scalar, or a plain one up to whitespace, a comment or the end of a flow collection.
_SCALAR = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"\\]|\\.)*\"|[^\s,\]}#]+")


def replace_scalar(text: str, line: int, col: int, value: str) -> str:
    """text with the scalar that starts at 1-based line:col replaced by value (already in YAML form)."""
    lines = text.split("\n")
    current = lines[line - 1]
    match = _SCALAR.match(current, col - 1)
    if match is None:
        raise ValueError(f"no YAML value at {line}:{col}")
    lines[line - 1] = current[: col - 1] + value + current[match.end() :]
    return "\n".join(lines)


def replace_in_line(text: str, line: int, col: int, old: str, new: str) -> str:
    """text with old replaced by new on one line, from col on (say, a year inside a title)."""
    lines = text.split("\n")
    current = lines[line - 1]
    lines[line - 1] = current[: col - 1] + current[col - 1 :].replace(old, new)
    return "\n".join(lines)
