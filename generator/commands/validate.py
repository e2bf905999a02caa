"""The validate command: check everything, print every problem, exit 1 on errors."""

from __future__ import annotations

from pathlib import Path

from ..checkstore import CheckStore
from ..content.check import check
from ..content.problems import count_errors, render
from ..render.nav_check import nav_problems


def run(*, root: Path, strict: bool = False, fmt: str = "text") -> int:
    """Print every problem in the chosen format; 1 when there are errors."""
    checked = check(root, strict=strict, store=CheckStore(root))
    problems = checked.problems
    if checked.project is not None:
        problems = sorted([*problems, *nav_problems(checked.project)])
    print(render(problems, fmt, checked.files))
    return 1 if count_errors(problems) else 0
