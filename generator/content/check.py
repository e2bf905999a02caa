"""read -> validate -> model, as one call that either returns a Project or raises ContentError."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError
from .assemble import assemble
from .model import Project
from .problems import Problem, count_errors, promote_warnings
from .read import load, read_schemas
from .theme import read_theme
from .validate import validate


@dataclass(frozen=True)
class Checked:
    """The result of checking a content root: its problems, file count and, if valid, the model."""

    problems: list[Problem]
    files: int
    project: Project | None


def check(root: Path, strict: bool = False) -> Checked:
    """Read and validate root and its theme; build the model only when there are no errors."""
    sources = load(root)
    problems = sorted([*validate(sources, read_schemas()), *read_theme(root)[1]])
    if strict:
        problems = promote_warnings(problems)
    project = None if count_errors(problems) else assemble(sources)
    return Checked(problems, sources.files, project)


def read_project(root: Path, strict: bool = False) -> tuple[Project, list[Problem]]:
    """The validated model and its warnings; raises ContentError when there are errors."""
    checked = check(root, strict)
    if checked.project is None:
        raise ContentError(checked.problems)
    return checked.project, checked.problems
