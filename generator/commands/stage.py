"""Every edition's docs tree and mkdocs.yml, generated and written into a staging folder: the build up to the
renderer, which the Zensical benchmark shares."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from pathlib import Path

from ..cache import Cache, keyed_inputs
from ..content.model import Edition, Project
from ..content.theme import Theme
from ..render import Renderer
from ..render.mkdocs_config import config, language_files
from ..site.charts.data import Chart
from ..site.charts.specs import EditionCharts
from ..site.pages import edition_docs
from ..site.templating import environment
from ..site.versions import url_of
from ..write import write_config, write_files


def epoch(project: Project) -> int:
    """The time stamp MkDocs gives every page (SOURCE_DATE_EPOCH): fixed per content."""
    # Fixed per content, so two builds are byte-identical (MkDocs stamps sitemaps with this date).
    return calendar.timegm((max(e.year for e in project.editions), 1, 1, 0, 0, 0))


def expected_files(year: int, docs: dict[str, str | bytes]) -> dict[str, int | None]:
    """What the renderer must produce from one docs tree: each page's index.html, and each other file as it is."""
    return {
        f"{year}/{url_of(name)}index.html" if name.endswith(".md") else f"{year}/{name}": (
            None if name.endswith(".md") else len(content.encode() if isinstance(content, str) else content)
        )
        for name, content in docs.items()
        # MkDocs leaves out dotfiles (a theme's .DS_Store) and a top-level templates/ folder: its exclude_docs default.
        if not any(part.startswith(".") for part in name.split("/")) and not name.startswith("templates/")
    }


@dataclass(frozen=True)
class Staged:
    """One edition written into the staging folder: its config, where it renders to, its pages and cache key."""

    edition: Edition
    config_file: Path
    site: Path
    pages: list[str]
    expected: dict[str, int | None]
    key: str  # empty where the renderer cannot say what its output depends on: then it is never cached


def stage_editions(
    project: Project,
    theme: Theme,
    charts: dict[int, EditionCharts[Chart]],
    staged: Path,
    renderer: Renderer | None = None,
    cache: Cache | None = None,
) -> list[Staged]:
    """Write every edition's docs tree and mkdocs.yml under staged/_src/<year>/ (the renderer writes staged/site/)."""
    overrides: dict[str, str | bytes] = {**language_files(project.site.language), **theme.overrides}
    write_files(staged / "_overrides", overrides)
    fingerprint = getattr(renderer, "fingerprint", "")
    # One environment for every edition: each template is compiled once a build (and, cached, once ever).
    env = environment(theme)
    if cache is not None:
        env.bytecode_cache = cache.templates()
    out = []
    for edition in project.editions:
        docs = edition_docs(project, edition, theme, charts[edition.year], env)
        source = staged / f"_src/{edition.year}"
        write_files(source / "docs", docs)
        target = staged / "site" / str(edition.year)
        cfg = config(project, edition, "docs", str(target), str(staged / "_overrides"), theme.labels)
        text = write_config(source / "mkdocs.yml", cfg)
        key = ""
        if cache is not None and fingerprint:
            # The staging folder's name is in the config, and differs in every build: the key leaves it out.
            inputs = [("mkdocs.yml", text.replace(str(staged), "")), ("epoch", str(epoch(project)))]
            # The build places the charts' drawings into the rendered edition, so what they show is an input too.
            inputs.append(("charts", "\n".join(repr(chart.spec) for chart in charts[edition.year].all())))
            key = cache.edition_key(fingerprint, [*keyed_inputs(docs, overrides), *inputs])
        pages = [name for name in docs if name.endswith(".md")]
        out.append(Staged(edition, source / "mkdocs.yml", target, pages, expected_files(edition.year, docs), key))
    return out
