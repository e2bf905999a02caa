"""Shared fixtures: the valid fixture project, and a way to copy it with one file changed."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
REPO = Path(__file__).parent.parent


# The bundled theme is read once per process. mutmut (benchmarks/mutation.py) runs each mutant's tests in a
# process forked from one that ran them unmutated, so it reuses that reading (1.3 s a mutant), except for a
# mutant of code the theme reader runs, which must read the theme itself.
_PROCESS_THEME: dict[str, tuple[Any, list[Any]]] = {}
_THEME_READER = tuple(f"generator.content.{m}." for m in ("limits", "read", "sanitise", "schema_check", "theme"))
_THEME_READER += ("generator.content.yamlscan.", "generator.content.yamlspans.")


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """Under mutmut, one process: its forked runs reuse what the unmutated run read, and it counts the tests it ran
    itself (addopts asks pytest-xdist for two workers)."""
    if "MUTANT_UNDER_TEST" in os.environ and hasattr(config.option, "numprocesses"):
        config.option.numprocesses = 0


def _reuse_the_process_theme() -> bool:
    return not os.environ.get("MUTANT_UNDER_TEST", "").startswith(_THEME_READER)


@pytest.fixture(autouse=True, scope="session")
def _bundled_theme_read_once() -> Iterator[None]:
    """check() reads the bundled theme once per session, not once per call (it was two thirds of a check's time).
    A content tree with its own theme/ is read every time, so the theme tests still see every change."""
    import generator.content.check as checking

    real = checking.read_theme
    cache = _PROCESS_THEME if _reuse_the_process_theme() else {}

    def read_theme(root: Path) -> tuple[Any, list[Any]]:
        if (root / "theme").is_dir():
            return real(root)
        if "bundled" not in cache:
            cache["bundled"] = real(root)
        theme, problems = cache["bundled"]
        return theme, list(problems)

    patch = pytest.MonkeyPatch()
    patch.setattr(checking, "read_theme", read_theme)
    yield
    patch.undo()


# Tests (or whole modules) where the build draws its own charts, because how it draws them is what they check: the
# drawing in a forked worker beside the renderer, its cache, its faults. Everywhere else a build takes each chart
# from one drawing per test process, keyed by its spec (drawing is byte-stable: test_charts.py checks it in fresh
# processes). test_slow_list.py checks that each entry names a test that exists.
REAL_DRAWING_MODULES = {"test_cache.py", "test_faults.py"}
REAL_DRAWING = {
    "test_build.py": {
        "test_charts_are_drawn_while_the_pages_render",
        "test_charts_drawn_before_the_render_starts_leave_no_worker_beside_mkdocs",
    }
}


# Whether the test being set up or run draws for real (set before its fixtures, module-scoped builds too).
_DRAWING_ITSELF = [True]


def draws_for_real(item: pytest.Item) -> bool:
    """Whether the test's builds draw their own charts (REAL_DRAWING_MODULES, REAL_DRAWING)."""
    module, name = item.path.name, getattr(item, "originalname", item.name)
    return module in REAL_DRAWING_MODULES or name in REAL_DRAWING.get(module, set())


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before the test's fixtures are set up: which drawing its builds use."""
    _DRAWING_ITSELF[0] = draws_for_real(item)


@pytest.fixture(autouse=True, scope="session")
def _charts_drawn_once_per_process() -> Iterator[None]:
    """Builds outside REAL_DRAWING take their charts from one drawing per process (about 1 s of CPU a build)."""
    from standins import DrawnOnce

    import generator.commands.build as building

    real, once = building.Drawing, DrawnOnce()

    def drawing(specs: Any, workers: int | None = None) -> Any:
        return (real if _DRAWING_ITSELF[0] else once)(specs, workers)

    patch = pytest.MonkeyPatch()
    patch.setattr(building, "Drawing", drawing)
    yield
    patch.undo()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the valid fixture project."""
    root = tmp_path / "project"
    shutil.copytree(VALID, root)
    return root


def bundled_copy(root: Path) -> Path:
    """The bundled content copied into root, to build there: the repository's own site/ is left alone, and the site
    is on the content's file system (the swap needs one), wherever the temporary folders are (a tmpfs /tmp is
    another file system than the repository). It builds with the bundled theme, as the repository does: a copy of
    the theme there would be the tree's own, which the published 2022 edition's lock does not cover."""
    for folder in ("content", "initiatives"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def unreadable(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Files of this name cannot be opened from now on (as root, permissions cannot make them so): every read of
    content opens through os.open (generator/content/regular.py)."""
    real = os.open

    def open_(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(path).name == name:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)


def overlay(root: Path, case: str) -> Path:
    """Copy an invalid case's files over a project; returns the root."""
    shutil.copytree(INVALID / case / "files", root, dirs_exist_ok=True)
    return root


# Tests that run a real MkDocs build, build a wheel, spawn builds or run for tens of seconds (property tests,
# the bundled site's golden files): out of the fast loop (pytest -m "not browser") unless asked for (slow_asked),
# in CI's run (tests/run.sh passes --slow).
# Measured with --durations; tests/test_validate_fixtures.py marks its own slow test.
SLOW_MODULES = {
    *("test_build.py", "test_faults.py", "test_wheel.py", "test_golden.py"),
    # check-jsonschema in a subprocess, builds under a sub-path, live servers, cached builds.
    *("test_schema_agreement.py", "test_hosting.py", "test_serve.py", "test_cache.py"),
}
SLOW_TESTS = {
    "test_site_scan.py": {
        "test_no_built_page_runs_script_or_loads_from_another_host",
        "test_no_stylesheet_loads_from_another_host",
        "test_without_the_validator_the_payloads_reach_the_page",
    },
    "test_properties.py": {"test_arbitrary_yaml_never_raises", "test_arbitrary_bytes_never_raise"},
    "test_charts.py": {"test_svg_is_byte_identical_in_fresh_processes"},
    "test_cli.py": {"test_wrong_usage_exits_2", "test_internal_error_message_and_traceback"},
    "test_goal_note.py": {
        "test_bundled_2025_goals_with_new_reports_have_no_note",
        "test_the_note_shows_only_where_no_initiative_of_the_goal_is_reported",
    },
    "test_scaffold.py": {"test_scaffolds_validate_and_build"},
    "test_guide.py": {
        "test_without_contacts_the_statement_says_where_to_go",
        "test_the_guide_and_its_pictures_are_pages_of_every_edition",
    },
    "test_nav_check.py": {"test_every_generated_page_is_reachable"},
    "test_publish.py": {
        "test_the_end_to_end_correction",
        "test_a_correction_that_would_make_the_log_unreadable_is_refused_and_nothing_is_written",
    },
    "test_compare.py": {"test_a_word_diff_rebuilds_both_texts"},
    "test_theme.py": {
        "test_build_prints_the_warnings_validate_prints",
        "test_translated_labels_and_language_reach_every_page",
        "test_override_error_at_render_time",
        # An override runs only inside MkDocs: each of these builds the fixture until MkDocs refuses the page.
        "test_an_override_runs_sandboxed",
        "test_an_override_cannot_call_its_way_out_of_the_sandbox",
        "test_an_override_cannot_change_mkdocs_or_read_its_modules",
        "test_an_override_that_asks_for_gigabytes_is_stopped_at_its_line",
    },
    "test_bounds.py": {
        "test_wrapping_measures_a_number_of_characters_linear_in_the_label",
        "test_more_values_than_the_limit_are_refused_at_the_first_one_over",
    },
    "test_safety.py": {"test_a_theme_template_cannot_reach_python_internals"},
    "test_gate.py": {"test_the_content_security_policy_names_only_scripts_the_gate_knows"},
    # Property tests of the render stage's scanners against the expressions they replaced (1-2 s each).
    "test_elements.py": {"test_the_same_elements_as_the_expressions"},
    "test_linear_scan.py": {
        "test_tag_ends_are_where_the_expression_ends",
        "test_collapsing_gives_what_the_expression_gave",
        "test_start_tags_and_sources_are_what_the_expressions_found",
        "test_collapsing_after_a_tag_left_open_gives_what_the_expression_gave",
    },
    "test_links.py": {"test_every_link_of_the_bundled_site_lands_on_one_page_under_both_renderers"},
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--slow",
        action="store_true",
        help="also run the tests marked slow (tests/run.sh and CI do; so does naming a test file or 'slow' in -m)",
    )


def slow_asked(config: pytest.Config) -> bool:
    """Whether this run is to include the slow tests: asked for with --slow, in the -m expression, by naming a
    test file or test (a path, -k, or --lf re-running what failed), or on CI (where a run that left them out would
    pass without them)."""
    named = [a.split("::")[0] for a in config.option.file_or_dir or []]
    return (
        bool(config.getoption("slow"))
        or "slow" in (config.option.markexpr or "")
        or any(Path(config.invocation_params.dir, a).resolve() != REPO / "tests" for a in named)
        or bool(getattr(config.option, "keyword", "") or getattr(config.option, "lf", False))
        or os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the slow tests listed above (test_slow_list.py checks that each listed test exists), and leave them out
    of a run that did not ask for them: `pytest -m "not browser"` is the fast loop."""
    for item in items:
        module, name = item.path.name, getattr(item, "originalname", item.name)
        if module in SLOW_MODULES or name in SLOW_TESTS.get(module, set()):
            item.add_marker(pytest.mark.slow)
    if slow_asked(config):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """Say that the slow tests were left out: under pytest-xdist the workers deselect them, and the summary line
    counts no deselected test."""
    if not slow_asked(config) and not hasattr(config, "workerinput"):
        terminalreporter.write_sep("-", "the tests marked slow were left out: --slow (or tests/run.sh) runs them too")


def tree(site: Path) -> dict[str, str]:
    """Every file under site, by path, with its sha256: two builds compare equal only if byte-identical."""
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def relock(root: Path) -> Path:
    """Every published edition's lock brought up to its files as they are now (as a recorded correction would):
    for tests of other rules that change a site-wide file (content/site.yml, content/pages/) in a tree whose
    edition is published. Returns root."""
    import yaml

    from generator.content.fingerprint import SITE_WIDE, UNREADABLE, covered_by, fingerprints
    from generator.editions.lock import lock_text

    for lock in sorted(root.glob("content/*/lock.yml")):
        data = yaml.safe_load(lock.read_text(encoding="utf-8"))
        covers = data.get("site_wide", [])
        missing = [name for name in SITE_WIDE if name not in covers]
        now = fingerprints(root, data["edition"]).items()
        files = {rel: d for rel, d in now if d != UNREADABLE and not covered_by(rel, missing)}
        text = lock_text(data["edition"], str(data["published"]), files, data.get("corrections"), site_wide=covers)
        lock.write_text(text, encoding="utf-8")
    return root
