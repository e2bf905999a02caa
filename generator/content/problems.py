"""Problems found in content, reported like a linter: text, GitHub annotations or JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from .enums import Severity

ERROR = Severity.ERROR
WARNING = Severity.WARNING


# Control characters and the marks that reorder text: a file name or a value quoted in a message could otherwise
# recolour the terminal, move its cursor or show a name other than the file's (U+202E turns 'gpj.md' around).
_UNSEEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# A byte of a file name that is not UTF-8, as Python keeps it (a lone surrogate): no terminal or file can take it.
_UNDECODED = re.compile("[\udc80-\udcff]")


def visible(text: str) -> str:
    """text with every control or direction character written as its escape (\\x1b, \\u202e), and each byte of
    a file name that is not UTF-8 as \\xff."""
    text = _UNDECODED.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", text)
    return _UNSEEN.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True, order=True)
class Problem:
    """One finding at a file position; paths are relative to the content root, lines 1-based."""

    path: str
    line: int
    col: int
    message: str
    severity: Severity = ERROR
    hint: str = ""

    def text(self) -> str:
        """The linter line: path:line:col: severity: message (hint), with no character that steers a terminal."""
        hint = f" ({self.hint})" if self.hint else ""
        return visible(f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}{hint}")

    def position(self) -> tuple[str, int, int]:
        """path, line and column."""
        return self.path, self.line, self.col

    def github(self) -> str:
        """A GitHub Actions workflow command, so pull requests show an annotation."""
        message = _escape(self.message + (f" ({self.hint})" if self.hint else ""))
        kind = "error" if self.severity == ERROR else "warning"
        where = ",".join(
            f"{k}={_escape(str(v), True)}" for k, v in (("file", self.path), ("line", self.line), ("col", self.col))
        )
        return f"::{kind} {where}::{message}"


def _escape(text: str, property: bool = False) -> str:
    """Workflow-command escaping (as in @actions/core): a file name cannot end the command or start another."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property else text


def count_errors(problems: Iterable[Problem]) -> int:
    """How many of the problems are errors."""
    return sum(1 for p in problems if p.severity == ERROR)


def promote_warnings(problems: Iterable[Problem]) -> list[Problem]:
    """--strict: every warning becomes an error."""
    return [Problem(p.path, p.line, p.col, p.message, ERROR, p.hint) for p in problems]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(problems: list[Problem], files: int) -> str:
    """The closing line: counts of errors and warnings."""
    errors = count_errors(problems)
    warnings = len(problems) - errors
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {_plural(files, 'file')}"


def render(problems: list[Problem], fmt: str, files: int) -> str:
    """All problems in one of the output formats: text, github or json."""
    ordered = sorted(problems)
    if fmt == "json":
        errors = count_errors(ordered)
        payload = {
            "problems": [asdict(p) for p in ordered],
            "errors": errors,
            "warnings": len(ordered) - errors,
            "files": files,
        }
        return json.dumps(payload, indent=2, ensure_ascii=False)
    lines = [p.github() if fmt == "github" else p.text() for p in ordered]
    lines.append(summary(ordered, files))
    return "\n".join(lines)
