"""The slow and real-drawing lists in conftest.py name only tests and modules that exist, so a rename cannot move a
slow test into the fast loop, or a test of drawing onto the shared drawing, unnoticed."""

from __future__ import annotations

import ast

from conftest import REAL_DRAWING, REAL_DRAWING_MODULES, REPO, SLOW_MODULES, SLOW_TESTS


def _tests(module: str) -> set[str]:
    tree = ast.parse((REPO / "tests" / module).read_text(encoding="utf-8"))
    return {n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")}


def test_every_slow_entry_exists() -> None:
    assert all((REPO / "tests" / m).is_file() for m in SLOW_MODULES | set(SLOW_TESTS))
    missing = [(m, n) for m, names in SLOW_TESTS.items() for n in sorted(names) if n not in _tests(m)]
    assert missing == []


def test_every_real_drawing_entry_exists() -> None:
    assert all((REPO / "tests" / m).is_file() for m in REAL_DRAWING_MODULES | set(REAL_DRAWING))
    missing = [(m, n) for m, names in REAL_DRAWING.items() for n in sorted(names) if n not in _tests(m)]
    assert missing == []
