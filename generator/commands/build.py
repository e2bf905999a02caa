"""The build: validated model -> every edition's docs tree -> renderer -> one versioned site, swapped in whole."""

from __future__ import annotations

import calendar
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..content.check import read_project
from ..content.model import Project
from ..content.problems import Problem
from ..content.theme import load_theme
from ..errors import OutputError, RenderError
from ..render import Job, Renderer
from ..render.mkdocs import MkDocs
from ..render.mkdocs_config import config, language_files
from ..site.charts.specs import draw_all, edition_specs
from ..site.pages import doc_sources, edition_docs
from ..site.versions import root_files, url_of
from ..write import (
    build_lock,
    check_target,
    clear_stale,
    discard,
    missing,
    recover,
    replace_site,
    staging,
    write_config,
    write_files,
)

# How long a build waits for another build in the same root before giving up (exit 2).
WAIT = 300.0


@dataclass
class Timings:
    """Seconds spent in each stage of a build, for the benchmark and the closing summary."""

    load_validate: float = 0.0
    charts: float = 0.0
    generate: float = 0.0
    render: float = 0.0
    finish: float = 0.0
    pages: dict[int, int] = field(default_factory=dict)


def _epoch(project: Project) -> int:
    # Fixed per content, so two builds are byte-identical (MkDocs stamps sitemaps with this date).
    return calendar.timegm((max(e.year for e in project.editions), 1, 1, 0, 0, 0))


_DOC = re.compile(r"Doc file '([^']+)'")
_TEMPLATE = re.compile(r"^template (.+), line (\d+): ")


def _problem(year: int, message: str, origin: dict[str, str]) -> Problem:
    """A renderer warning, pointed at the content file the page was generated from (or the theme file)."""
    template = _TEMPLATE.match(message)
    if template and template.group(1) in origin:
        path, line, detail = origin[template.group(1)], int(template.group(2)), message[template.end() :]
        return Problem(path, line, 1, f"the {year} site cannot be built: {detail}")
    match = _DOC.search(message)
    path = origin.get(match.group(1), f"content/{year}") if match else f"content/{year}"
    return Problem(path, 1, 1, f"the {year} site cannot be built: {message}")


def _expected(year: int, docs: dict[str, str | bytes]) -> dict[str, int | None]:
    """What the renderer must produce from one docs tree: each page's index.html, and each other file as it is."""
    return {
        f"{year}/{url_of(name)}index.html" if name.endswith(".md") else f"{year}/{name}": (
            None if name.endswith(".md") else len(content.encode() if isinstance(content, str) else content)
        )
        for name, content in docs.items()
        # MkDocs leaves out dotfiles (a theme's .DS_Store) and a top-level templates/ folder: its exclude_docs default.
        if not any(part.startswith(".") for part in name.split("/")) and not name.startswith("templates/")
    }


def build(
    root: Path,
    output: Path | None = None,
    *,
    renderer: Renderer | None = None,
    on_warnings: Callable[[list[Problem]], None] | None = None,
    wait: float = WAIT,
    on_wait: Callable[[str], None] = lambda message: None,
) -> Timings:
    """Build every edition into root/site (or output); raises a LevelupError, leaving the old site untouched.

    on_warnings receives the content's warnings as soon as validation has found them.
    One build at a time per root: it waits up to `wait` seconds for another (telling on_wait), then raises BusyError."""
    # MkDocs resolves the paths in mkdocs.yml against the config file's folder, so they must be absolute.
    root = root.resolve()
    site = output.resolve() if output else root / "site"
    with build_lock(root, wait, on_wait):
        recover(site)
        clear_stale(root)
        check_target(site, root)
        return _build(root, site, renderer or MkDocs(), on_warnings)


def _build(root: Path, site: Path, renderer: Renderer, on_warnings: Callable[[list[Problem]], None] | None) -> Timings:
    timings = Timings()
    clock = time.perf_counter()
    project, warnings = read_project(root)
    if on_warnings:
        on_warnings(warnings)
    theme = load_theme(root)
    timings.load_validate = time.perf_counter() - clock
    clock = time.perf_counter()
    specs = {e.year: edition_specs(project, e, theme.labels) for e in project.editions}
    drawn = draw_all(spec for s in specs.values() for spec in s.all())
    charts = {year: s.map(drawn.__getitem__) for year, s in specs.items()}
    timings.charts = time.perf_counter() - clock
    staged = staging(root)
    try:
        clock = time.perf_counter()
        overrides = staged / "_overrides"
        write_files(overrides, {**language_files(project.site.language), **theme.overrides})
        configs = []
        pages_of: dict[int, list[str]] = {}
        expected: dict[str, int | None] = {}
        for edition in project.editions:
            docs = edition_docs(project, edition, theme, charts[edition.year])
            pages_of[edition.year] = [name for name in docs if name.endswith(".md")]
            timings.pages[edition.year] = len(pages_of[edition.year])
            expected |= _expected(edition.year, docs)
            source = staged / f"_src/{edition.year}"
            write_files(source / "docs", docs)
            cfg = config(
                project, edition, "docs", str(staged / "site" / str(edition.year)), str(overrides), theme.labels
            )
            write_config(source / "mkdocs.yml", cfg)
            configs.append((edition, source / "mkdocs.yml"))
        timings.generate = time.perf_counter() - clock
        clock = time.perf_counter()
        epoch = _epoch(project)
        running: list[Job] = []
        problems = []
        unwritable = ""
        try:
            for _, path in configs:
                running.append(renderer.start(path, epoch))
            for (edition, _), job in zip(configs, running, strict=True):
                result = job.finish()
                unwritable = unwritable or result.unwritable
                if not result.ok:
                    origin = doc_sources(project, edition, theme, charts[edition.year])
                    origin.update(
                        {str(overrides / name): f"{theme.folder}/overrides/{name}" for name in theme.overrides}
                    )
                    problems += [_problem(edition.year, m, origin) for m in result.messages]
        finally:
            for job in running:
                job.stop()
        if problems:
            if missing(staged, {f"_src/{e.year}/mkdocs.yml": None for e, _ in configs}):
                raise OutputError(
                    f"the staging folder {staged} was removed or changed during the build; {site} was left as it was"
                )
            if unwritable:
                raise OutputError(f"cannot write {unwritable}")
            raise RenderError(problems)
        timings.render = time.perf_counter() - clock
        clock = time.perf_counter()
        top = root_files(project, pages_of[project.latest.year], theme.labels)
        write_files(staged / "site", top)
        expected |= {name: len(content.encode()) for name, content in top.items()}
        if gaps := missing(staged / "site", expected):
            raise OutputError(
                f"the built site in {staged / 'site'} is incomplete ({len(gaps)} of {len(expected)} expected files"
                f" missing or damaged, e.g. {gaps[0]}); {site} was left as it was"
            )
        replace_site(staged / "site", site)
        timings.finish = time.perf_counter() - clock
    finally:
        discard(staged)
    return timings


def _print(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem.text())


def run(*, root: Path, wait: float = WAIT) -> int:
    """The build command: print the content's warnings as validate does, build, then say what was built."""
    timings = build(
        root, on_warnings=_print, wait=wait, on_wait=lambda message: print(f"levelup: {message}", file=sys.stderr)
    )
    total = sum(timings.pages.values())
    print(f"Built {len(timings.pages)} editions ({total} pages) into {root / 'site'}")
    return 0
