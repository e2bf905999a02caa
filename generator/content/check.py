"""read -> validate -> model, as one call that either returns a Project or raises ContentError."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..checkstore import CheckStore
from ..errors import ContentError
from .assemble import assemble
from .memo import Memo
from .model import Project
from .problems import Problem, count_errors, promote_warnings
from .read import Sources, load, read_schemas
from .theme import read_theme, theme_key
from .validate import validate


@dataclass(frozen=True)
class Checked:
    """The result of checking a content root: its problems, file count and, if valid, the model."""

    problems: list[Problem]
    files: int
    project: Project | None


def check(root: Path, strict: bool = False, store: CheckStore | None = None) -> Checked:
    """Read and validate root and its theme; build the model only when there are no errors. A check store
    (checkstore.py) skips the own checks of files that passed them before, and is saved afterwards."""
    sources, problems, project = load_checked(root, strict, store=store)
    return Checked(problems, sources.files, project)


def load_checked(
    root: Path, strict: bool = False, frozen: bool = True, memo: Memo | None = None, store: CheckStore | None = None
) -> tuple[Sources, list[Problem], Project | None]:
    """The documents as read, every problem, and the model when there are no errors. frozen=False leaves out
    the differences from locks (publish --correction records exactly those). A memo makes a check of the same
    tree again cheap (see memo.py); it also keeps the theme until its owner forgets it."""
    sources = load(root, memo, store)
    key = theme_key(root) if store is not None else None
    if key is not None and store is not None and store.passed(key):
        theme_problems = []  # the same theme files passed before: no template to parse again
    else:
        theme_problems = read_theme(root)[1] if memo is None else memo.read_theme(root)[1]
        if key is not None and store is not None and not theme_problems:
            store.record(key)
    problems = sorted([*validate(sources, read_schemas(), frozen, memo, store), *theme_problems])
    if memo is not None:
        memo.rotate()
    if store is not None:
        store.save()
    if strict:
        problems = promote_warnings(problems)
    return sources, problems, None if count_errors(problems) else assemble(sources)


def read_project(root: Path, strict: bool = False, store: CheckStore | None = None) -> tuple[Project, list[Problem]]:
    """The validated model and its warnings; raises ContentError when there are errors."""
    checked = check(root, strict, store)
    if checked.project is None:
        raise ContentError(checked.problems)
    return checked.project, checked.problems
