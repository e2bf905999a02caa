"""The test loop's own setup: two pytest-xdist processes, except under mutmut, which runs in one."""

from __future__ import annotations

import tomllib
from types import SimpleNamespace
from typing import Any

import pytest
from conftest import REPO, pytest_cmdline_main


def _config(numprocesses: int) -> Any:
    return SimpleNamespace(option=SimpleNamespace(numprocesses=numprocesses))


def test_under_mutmut_the_tests_run_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    # mutmut forks its runs from one that ran the tests unmutated, and counts the tests it ran itself.
    monkeypatch.setenv("MUTANT_UNDER_TEST", "generator.content.read.x_load__mutmut_1")
    config = _config(2)
    pytest_cmdline_main(config)
    assert config.option.numprocesses == 0
    monkeypatch.delenv("MUTANT_UNDER_TEST")
    config = _config(2)
    pytest_cmdline_main(config)
    assert config.option.numprocesses == 2


def test_mutmut_asks_for_one_process_and_the_loop_for_two() -> None:
    settings = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    args = settings["mutmut"]["pytest_add_cli_args"]
    assert args[args.index("-n") + 1] == "0"
    assert "-n 2 --dist loadfile" in settings["pytest"]["ini_options"]["addopts"]
