"""CSV cells a spreadsheet will not run: OWASP's advice against CSV injection, for every text cell we publish."""

from __future__ import annotations

import re

# A cell starting with one of these is read as a formula (or, after a tab or CR, may be) by spreadsheet programs;
# some read the full-width forms as the signs too.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
# What a spreadsheet may pass over before a formula's sign: spaces of any kind, a byte-order mark, zero-width marks.
_SKIPPED = "[\\s\ufeff\u200b-\u200d\u2060]*"
# A cell, or a part of one after ';' (a spreadsheet in a locale whose list separator is ';' splits the file there,
# and lists are joined with '; '), whose first sign starts a formula.
_FORMULA = re.compile(f"(^|;)(?={_SKIPPED}[{re.escape(''.join(FORMULA_START))}])")


def neutral(text: str) -> str:
    """The text with an apostrophe before each part a spreadsheet would read as a formula (the cell's start and
    after each ';'); otherwise unchanged, except that a carriage return becomes a line feed (the csv module leaves
    a lone CR unquoted, ending the row)."""
    marked = _FORMULA.sub(r"\1'", text)
    return marked.replace("\r\n", "\n").replace("\r", "\n")
