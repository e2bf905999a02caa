"""The slow and real-drawing lists in conftest.py name only tests and modules that exist, so a rename cannot move a
slow test into the fast loop, or a test of drawing onto the shared drawing, unnoticed; the slow tests are left out
only of a run that did not ask for them."""

from __future__ import annotations

import ast
from types import SimpleNamespace
from typing import Any

import pytest
from conftest import (
    REAL_DRAWING,
    REAL_DRAWING_MODULES,
    REPO,
    SLOW_MODULES,
    SLOW_TESTS,
    pytest_collection_modifyitems,
    slow_asked,
)


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


def _config(*, args: list[str], markexpr: str, slow: bool, keyword: str = "", lf: bool = False) -> Any:
    """What slow_asked reads of a pytest.Config, as pytest sets it from a command line run in the repository."""
    option = SimpleNamespace(file_or_dir=args, markexpr=markexpr, keyword=keyword, lf=lf)
    return SimpleNamespace(option=option, getoption=lambda name: slow, invocation_params=SimpleNamespace(dir=REPO))


@pytest.mark.parametrize(
    ("args", "markexpr", "slow", "asked"),
    [
        ([], "not browser", False, False),  # the fast loop
        ([], "", False, False),
        (["tests"], "not browser", False, False),  # the test folder itself names no test
        (["tests/"], "", False, False),
        ([], "not browser", True, True),  # --slow
        ([], "slow", False, True),
        ([], "not browser and not slow", False, True),  # the expression decides
        (["tests/test_cache.py"], "", False, True),
        (["tests/test_build.py::test_every_page_has_its_url"], "not browser", False, True),
    ],
)
def test_the_slow_tests_run_when_asked_for(
    monkeypatch: pytest.MonkeyPatch, args: list[str], markexpr: str, slow: bool, asked: bool
) -> None:
    monkeypatch.delenv("CI", raising=False)
    config = _config(args=args, markexpr=markexpr, slow=slow)
    assert slow_asked(config) is asked
    monkeypatch.setenv("CI", "true")
    assert slow_asked(config) is True  # CI never leaves them out


def test_a_run_that_did_not_ask_leaves_the_slow_tests_out_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)

    class Item:
        def __init__(self, module: str, name: str) -> None:
            self.path, self.name, self.originalname, self.markers = REPO / "tests" / module, name, name, set()

        def add_marker(self, marker: Any) -> None:
            self.markers.add(marker.name)

        def get_closest_marker(self, name: str) -> str | None:
            return name if name in self.markers else None

    def run(markexpr: str) -> tuple[list[str], list[str]]:
        items = [Item("test_cache.py", "test_a"), Item("test_slow_list.py", "test_b"), Item("test_cli.py", "test_c")]
        items[2].add_marker(pytest.mark.slow)  # marked by its module, as test_validate_fixtures marks one
        left: list[str] = []
        config = _config(args=[], markexpr=markexpr, slow=False)
        config.hook = SimpleNamespace(pytest_deselected=lambda items: left.extend(i.name for i in items))
        pytest_collection_modifyitems(config, items)  # type: ignore[arg-type]
        return [i.name for i in items], left

    assert run("not browser") == (["test_b"], ["test_a", "test_c"])
    assert run("not browser and not slow") == (["test_a", "test_b", "test_c"], [])  # -m deselects them itself


def test_naming_tests_by_keyword_or_rerunning_failures_asks_for_them_and_ci_means_a_true_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert slow_asked(_config(args=[], markexpr="not browser", slow=False, keyword="test_every_page_has_its_url"))
    assert slow_asked(_config(args=[], markexpr="", slow=False, lf=True))
    for value, asked in (("true", True), ("1", True), ("false", False), ("0", False), ("", False)):
        monkeypatch.setenv("CI", value)
        assert slow_asked(_config(args=[], markexpr="not browser", slow=False)) is asked, value
