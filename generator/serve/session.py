"""One preview session: re-check the content after a save and regenerate one edition's docs tree, reusing
what has not changed (each unchanged file's parse and checks, drawn charts, compiled page templates)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from ..content.check import load_checked
from ..content.memo import Memo
from ..content.model import Edition, Project
from ..content.problems import Problem, count_errors
from ..content.theme import Theme
from ..errors import ThemeError
from ..render.mkdocs_config import config, language_files
from ..site.charts.data import Chart, ChartSpec
from ..site.charts.draw import render
from ..site.charts.specs import EditionCharts, draw_all, edition_specs
from ..site.links import link_problems
from ..site.pages import Files, doc_sources, edition_docs
from ..site.templating import environment

# Draws the charts it is given; the build's draw_all by default. A persistent chart cache plugs in here.
Draw = Callable[[Iterable[ChartSpec]], dict[ChartSpec, Chart]]


def draw_here(specs: Iterable[ChartSpec]) -> dict[ChartSpec, Chart]:
    """Draw in this process: once the server's and watcher's threads run, forking workers could inherit a
    lock another thread holds and hang; a save redraws only the few charts it changed."""
    return {spec: render(spec) for spec in specs}


@dataclass(frozen=True)
class Generated:
    """A good edition, ready to render: its docs tree, the Material overrides and the mkdocs.yml mapping."""

    year: int
    docs: Files
    overrides: Files
    config: dict[str, Any]
    origin: Callable[[], dict[str, str]]  # docs path -> content file, for the renderer's messages
    theme: Theme  # for the gate's messages (serve/withheld.py): where in the theme a refused tag was written


@dataclass(frozen=True)
class Outcome:
    """What one check found: every problem, and the regenerated edition when there are no errors."""

    problems: list[Problem]
    generated: Generated | None


@dataclass
class Session:
    """The state a preview keeps between saves."""

    root: Path
    year: int | None
    draw: Draw = draw_all
    memo: Memo = field(default_factory=Memo)
    charts: dict[ChartSpec, Chart] = field(default_factory=dict)
    years: tuple[int, ...] = ()  # the editions of the last valid content
    _env: tuple[Theme, jinja2.Environment] | None = None

    def changed(self, paths: Iterable[Path]) -> None:
        """Files changed on disk; a change under the content tree's own theme/ means reading the theme again."""
        theme = self.root / "theme"
        if any(path == theme or path.is_relative_to(theme) for path in paths):
            self.memo.forget_theme()

    def check(self, paths: Iterable[Path] = ()) -> Outcome:
        """Check the whole tree again (cheap for unchanged files) and, if it is valid, regenerate the edition."""
        self.changed(paths)
        _, problems, project = load_checked(self.root, memo=self.memo)
        if project is None or count_errors(problems):
            return Outcome(problems, None)
        self.years = tuple(e.year for e in project.editions)
        edition = self._edition(project)
        if edition is None:
            have = ", ".join(str(e.year) for e in project.editions)
            hint = f"serve --edition YEAR with one of: {have}"
            return Outcome([*problems, Problem("content", 1, 1, f"there is no {self.year} edition", hint=hint)], None)
        theme, _ = self.memo.read_theme(self.root)
        if broken := link_problems(project, theme):  # as validate and the build find them, at their lines
            return Outcome([*problems, *broken], None)
        try:
            return Outcome(problems, self._generate(project, edition, theme))
        except ThemeError as exc:
            return Outcome([*problems, *exc.problems], None)

    def _edition(self, project: Project) -> Edition | None:
        # By default the newest edition, draft or not: it is the one being edited.
        return project.editions[-1] if self.year is None else project.edition(self.year)

    def _environment(self, theme: Theme) -> jinja2.Environment:
        if self._env is None or self._env[0] is not theme:
            self._env = (theme, environment(theme))
        return self._env[1]

    def _charts(self, specs: EditionCharts[ChartSpec]) -> EditionCharts[Chart]:
        """Draw only specs not drawn before; forget charts no longer shown, so memory stays one edition's."""
        wanted = specs.all()
        missing = [spec for spec in dict.fromkeys(wanted) if spec not in self.charts]
        if missing:
            self.charts.update(self.draw(missing))
        self.charts = {spec: self.charts[spec] for spec in wanted}
        return specs.map(self.charts.__getitem__)

    def _generate(self, project: Project, edition: Edition, theme: Theme) -> Generated:
        charts = self._charts(edition_specs(project, edition, theme.labels))
        docs = edition_docs(project, edition, theme, charts, self._environment(theme))
        overrides: Files = {**language_files(project.site.language), **theme.overrides}
        # Paths are filled in by the caller, which knows where it stages the tree.
        cfg = config(project, edition, "docs", "", "", theme.labels)
        origin = lambda: doc_sources(project, edition, theme, charts)  # noqa: E731
        return Generated(edition.year, docs, overrides, cfg, origin, theme)
