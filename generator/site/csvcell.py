"""CSV cells a spreadsheet will not run: OWASP's advice against CSV injection, for every text cell we publish."""

from __future__ import annotations

# A cell starting with one of these is read as a formula (or, after a tab or CR, may be) by spreadsheet programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutral(text: str) -> str:
    """The text with a leading apostrophe if a spreadsheet would read it as a formula; otherwise unchanged,
    except that a carriage return becomes a line feed (the csv module leaves a lone CR unquoted, ending the row)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n")
    return "'" + lines if text.startswith(FORMULA_START) else lines
