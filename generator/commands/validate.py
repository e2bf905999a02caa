"""The validate command: check everything, print every problem, exit 1 on errors."""

from __future__ import annotations

from pathlib import Path

from ..checkstore import CheckStore
from ..content.check import check
from ..content.problems import count_errors, render
from ..content.theme import load_theme
from ..render.nav_check import nav_problems
from ..site.links import link_problems


def run(*, root: Path, strict: bool = False, fmt: str = "text") -> int:
    """Print every problem in the chosen format; 1 when there are errors."""
    store = CheckStore(root)
    checked = check(root, strict=strict, store=store)
    problems = checked.problems
    if checked.project is not None:
        theme = load_theme(root, store)  # checked just now: read, not checked again
        problems = sorted([*problems, *nav_problems(checked.project), *link_problems(checked.project, theme)])
    print(render(problems, fmt, checked.files))
    return 1 if count_errors(problems) else 0
