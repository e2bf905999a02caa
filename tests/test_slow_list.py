"""The slow list in conftest.py names only tests and modules that exist, so a rename cannot move a slow test
into the fast loop unnoticed."""

from __future__ import annotations

import ast

from conftest import REPO, SLOW_MODULES, SLOW_TESTS


def _tests(module: str) -> set[str]:
    tree = ast.parse((REPO / "tests" / module).read_text(encoding="utf-8"))
    return {n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")}


def test_every_slow_entry_exists() -> None:
    assert all((REPO / "tests" / m).is_file() for m in SLOW_MODULES | set(SLOW_TESTS))
    missing = [(m, n) for m, names in SLOW_TESTS.items() for n in sorted(names) if n not in _tests(m)]
    assert missing == []
