"""The build: validated model -> every edition's docs tree -> renderer -> one versioned site, swapped in whole."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from ..cache import Cache
from ..checkstore import CheckStore
from ..content.check import read_project
from ..content.model import Project
from ..content.problems import Problem
from ..content.theme import Theme, load_theme
from ..errors import ContentError, OutputError, RenderError
from ..interrupts import held
from ..render import Job, Rendered, Renderer, known_scripts
from ..render.finish import finished_files
from ..render.gate import Verdicts, gate, script_digest
from ..render.mkdocs import MkDocs
from ..render.nav_check import nav_problems
from ..render.scripts import inline_scripts
from ..site.charts import drawing_files
from ..site.charts.data import Chart, ChartSpec, describe
from ..site.charts.specs import Drawing, EditionCharts, edition_specs
from ..site.headers import header_files
from ..site.links import link_problems
from ..site.pages import doc_sources
from ..site.versions import root_files
from ..write import (
    build_lock,
    check_target,
    clear_stale,
    discard,
    missing,
    recover,
    replace_site,
    staging,
    write_each,
    write_files,
)
from .stage import Staged, epoch, stage_editions

# How long a build waits for another build in the same root before giving up (exit 2).
WAIT = 300.0


@dataclass
class Timings:
    """Seconds spent in each stage of a build (wall, and CPU of the build and its children), for the benchmarks."""

    load_validate: float = 0.0
    charts: float = 0.0
    generate: float = 0.0
    render: float = 0.0
    finish: float = 0.0
    pages: dict[int, int] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    # What the caches saved: charts drawn and editions rendered by this build (the rest came from the cache).
    charts_drawn: int = 0
    editions_rendered: list[int] = field(default_factory=list)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time one stage: its wall seconds added to the field of that name, its CPU seconds to cpu[name]."""
        wall, cpu = time.perf_counter(), _cpu()
        try:
            yield
        finally:
            # A stage timed twice (the charts: started, then waited for) adds up.
            setattr(self, name, getattr(self, name) + time.perf_counter() - wall)
            self.cpu[name] = self.cpu.get(name, 0.0) + _cpu() - cpu


def _cpu() -> float:
    """CPU seconds of this process and of the children it has waited for (chart workers, renderers)."""
    if sys.platform == "win32":  # pragma: no cover - no Windows runner here
        return time.process_time()
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


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
    with timings.stage("load_validate"):
        store = CheckStore(root)
        project, warnings = read_project(root, store=store)
        if on_warnings:
            on_warnings(warnings)
        theme = load_theme(root, store)  # validation has just checked it: read, not checked again
        if unreachable := [*nav_problems(project, theme.labels), *link_problems(project, theme)]:
            raise ContentError(sorted(unreachable))
    cache = Cache(root)
    staged = staging(root)
    drawing: Drawing | None = None
    try:
        with timings.stage("charts"):
            charts, found, wanted = _charts(project, theme, cache)
            with held():  # workers started are workers recorded, so the finally below stops them
                drawing = Drawing(wanted, workers=1)  # one: the build, then MkDocs, keep the other CPUs busy
        with timings.stage("generate"):
            editions = stage_editions(project, theme, charts, staged, renderer, cache)
            _return_freed_memory()
        timings.pages = {e.edition.year: len(e.pages) for e in editions}
        # The charts are drawn while the pages are generated and rendered: waiting for them, and the worker's CPU
        # (counted once it has ended), belong to the charts stage. Drawn already (a large build), they are taken
        # now, so the worker, a fork of this process with the whole model mapped, has ended before MkDocs starts.
        drawings = _taken(drawing, found, cache, timings) if drawing.ready() else None
        with timings.stage("render"):
            timings.editions_rendered = _render(project, theme, charts, staged, site, renderer, editions, cache)
        if drawings is None:
            drawings = _taken(drawing, found, cache, timings)
        with timings.stage("finish"):
            scripts: set[str] = set()  # the inline scripts of the pages finished, for the Content-Security-Policy
            finished = [e for e in editions if e.edition.year in timings.editions_rendered]
            for edition in finished:
                # Lighter pages and stylesheets (render/finish.py), before the edition is cached.
                write_each(edition.site, finished_files(edition.site, cache, scripts))
            svgs = {
                e.edition.year: drawing_files([drawings[c.spec] for c in charts[e.edition.year].all()])
                for e in editions
            }
            for edition in finished:
                # MkDocs never reads the drawings; a cached edition (restored) has them already.
                write_files(edition.site, svgs[edition.edition.year])
            latest = next(e for e in editions if e.edition == project.latest)
            top = root_files(project, latest.pages, theme.labels)
            write_files(staged / "site", top)
            # No page is written into an edition's folder once it is finished: the drawings are not pages.
            # The policy names only scripts the gate knows: the pages' reading by regular expression also finds
            # '<script>' written in an attribute's value or a title, which a contributor could have it allow.
            inline = scripts | inline_scripts(staged / "site", [e.site for e in finished])
            headers = header_files({s for s in inline if script_digest(s) in known_scripts.INLINE})
            write_files(staged / "site", headers)
            expected = {name: size for e in editions for name, size in e.expected.items()}
            expected |= {name: len(content.encode()) for name, content in {**top, **headers}.items()}
            expected |= {f"{year}/{name}": _size(svg) for year, files in svgs.items() for name, svg in files.items()}
            if gaps := missing(staged / "site", expected):
                raise OutputError(
                    f"the built site in {staged / 'site'} is incomplete ({len(gaps)} of {len(expected)} expected files"
                    f" missing or damaged, e.g. {gaps[0]}); {site} was left as it was"
                )
            # The publish gate (render/gate/): nothing that could run script other than Material's and the bundled
            # theme's, or load from another host, is cached or published, whatever put it into a page.
            rendered = {e.edition.year: e.edition for e in finished}
            verdicts = Verdicts(cache.passed()) if rendered else None
            if refused := gate(
                staged=staged / "site",
                site=site,
                root=root,
                editions=list(rendered),
                top=top,
                site_url=project.site.site_url,
                theme=theme,
                pages=lambda year: doc_sources(project, rendered[year], theme, charts[year]),
                verdicts=verdicts,
            ):
                raise RenderError(refused)
            if verdicts is not None:
                cache.store_passed(verdicts.passed)
            for edition in finished:
                if edition.key:
                    cache.store_edition(edition.key, edition.site)
            replace_site(staged / "site", site)
            cache.prune()
    finally:
        if drawing is not None:
            drawing.stop()  # a build that fails or is stopped leaves no worker drawing on
        discard(staged)
    return timings


def _return_freed_memory() -> None:
    """Give the memory the docs trees took back to the system before the renderers start: glibc keeps freed heap
    for reuse, and at 100 times the bundled content that was about 150 MB held idle beside MkDocs."""
    import ctypes
    import gc

    gc.collect()
    # Not glibc (macOS, musl, Windows): the memory stays reserved for this process, no more.
    with suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _size(content: str | bytes) -> int:
    return len(content.encode() if isinstance(content, str) else content)


def _charts(
    project: Project, theme: Theme, cache: Cache
) -> tuple[dict[int, EditionCharts[Chart]], dict[ChartSpec, Chart], list[ChartSpec]]:
    """Every edition's charts as their pages need them (not drawn), those an earlier build drew (from the cache),
    and the specs of the rest, to be drawn while the pages are generated and rendered."""
    specs = {e.year: edition_specs(project, e, theme.labels) for e in project.editions}
    unique = list(dict.fromkeys(spec for s in specs.values() for spec in s.all()))
    found = {spec: chart for spec in unique if (chart := cache.chart(spec)) is not None}
    return {year: s.map(describe) for year, s in specs.items()}, found, [s for s in unique if s not in found]


def _taken(drawing: Drawing, found: dict[ChartSpec, Chart], cache: Cache, timings: Timings) -> dict[ChartSpec, Chart]:
    """Every chart: those found in the cache and those the drawing made, waited for in the charts stage."""
    with timings.stage("charts"):
        return found | _drawn(drawing, cache, timings)


def _drawn(drawing: Drawing, cache: Cache, timings: Timings) -> dict[ChartSpec, Chart]:
    """The charts the drawing made, kept in the cache for later builds."""
    drawn = drawing.result()
    for spec in drawing.specs:
        cache.store_chart(drawn[spec])
    timings.charts_drawn = len(drawing.specs)
    return drawn


# MkDocs holds every page of an edition in memory: about 45 KB a page (an edition of 11,900 pages, 100 times the
# bundled content, peaked at 560 MB). Editions render side by side while their pages together stay within this,
# one after another beyond it, so a build of any size peaks under 1 GB over all its processes.
PARALLEL_PAGES = 8_000


def _pages(running: list[tuple[Staged, Job]]) -> int:
    return sum(len(edition.pages) for edition, _ in running)


def _render(
    project: Project,
    theme: Theme,
    charts: dict[int, EditionCharts[Chart]],
    staged: Path,
    site: Path,
    renderer: Renderer,
    editions: list[Staged],
    cache: Cache,
) -> list[int]:
    """Render every edition the cache does not have, side by side within PARALLEL_PAGES; the years rendered.
    RenderError on failure."""
    stamp = epoch(project)
    running: list[tuple[Staged, Job]] = []
    results: list[tuple[Staged, Rendered]] = []
    problems = []
    unwritable = ""
    try:
        for edition in editions:
            if edition.key and cache.restore_edition(edition.key, edition.site):
                continue
            # Wait for the oldest render still going while this one would take the pages rendering at once over
            # the budget (one edition alone always starts).
            while len(results) < len(running) and _pages(running[len(results) :]) + len(edition.pages) > PARALLEL_PAGES:
                done, job = running[len(results)]
                results.append((done, job.finish()))
            with held():  # a render started is a render recorded, so the finally below stops it
                running.append((edition, renderer.start(edition.config_file, stamp)))
        results += [(edition, job.finish()) for edition, job in running[len(results) :]]
        for edition, result in results:
            unwritable = unwritable or result.unwritable
            if not result.ok:
                origin = doc_sources(project, edition.edition, theme, charts[edition.edition.year])
                origin.update(
                    {str(staged / "_overrides" / name): f"{theme.folder}/overrides/{name}" for name in theme.overrides}
                )
                problems += [_problem(edition.edition.year, m, origin) for m in result.messages]
    finally:
        for _, job in running:
            job.stop()
    if problems:
        if missing(staged, {f"_src/{e.edition.year}/mkdocs.yml": None for e in editions}):
            raise OutputError(
                f"the staging folder {staged} was removed or changed during the build; {site} was left as it was"
            )
        if unwritable:
            raise OutputError(f"cannot write {unwritable}")
        raise RenderError(problems)
    return [edition.edition.year for edition, _ in running]


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
