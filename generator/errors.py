"""The exception hierarchy every command raises, and the one table that maps it to exit codes."""

from __future__ import annotations

from collections.abc import Iterable

from .content.problems import Problem, count_errors

DONE, CONTENT, USAGE = 0, 1, 2


class LevelupError(Exception):
    """Anything a user can cause: the CLI prints it and exits with its code, never with a traceback."""

    exit_code = CONTENT


class ContentError(LevelupError):
    """The content has errors; carries every problem found so the CLI can print them all."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(f"{count_errors(self.problems)} error(s) in content")


class ThemeError(ContentError):
    """The theme (templates, labels, overrides) is broken: reported like content, at file:line."""


class RenderError(ContentError):
    """The renderer refused the generated site; its messages point at the content files behind each page."""


class OutputError(LevelupError):
    """The output cannot be written: a full disk, a read-only folder, or another build holding the lock."""


class BusyError(OutputError):
    """Another build in the same root holds the lock; exit 2, like any command that cannot run as asked."""

    exit_code = USAGE


class UsageError(LevelupError):
    """The command was called wrongly: a missing argument, an edition that does not exist."""

    exit_code = USAGE
