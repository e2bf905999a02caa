"""The publish gate: every file this build would publish is read back as a browser would (pages and SVG with the
standard library's HTML parser, stylesheets with tinycss2), and nothing is published or cached while one of them could
run script other than Material's and the bundled theme's, or make a request to another host. It looks at the output,
not at the inputs, so it holds whatever put the markup there: content, labels, templates, a content tree's own theme,
a later rewrite of a link, or a combination of values each of which passed its own check.

What it lets through is an allowlist: known elements; URLs with no scheme and no host (links may also go to http,
https, mailto and tel addresses); data: URLs in stylesheets for images and fonts only; script files byte-identical to
those Material or the bundled theme ship; inline scripts Material's templates and the bundled theme make
(known_scripts.py, recorded from a build of the bundled site); a few kinds of file; in the search index, whose
entries the search shows as HTML, only the bare tags Material's search plugin keeps (search.py). Where the parser
might read a page otherwise than a browser (a comment or <style> holding markup, a tag it cannot read), the page is
refused."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from urllib.parse import urlsplit

from ...content.problems import Problem
from ...content.theme import Theme
from ...errors import OutputError
from .allowlist import Finding, script_digest, shipped_scripts
from .files import Verdicts, _Folder, folder_findings, text_findings
from .origin import Origins, theme_texts

__all__ = [
    "Finding",
    "Verdicts",
    "_Folder",
    "folder_findings",
    "gate",
    "problems_of",
    "script_digest",
    "shipped_scripts",
    "text_findings",
]

# ------------------------------------------------------------------------------------------------------ problems


def gate(
    *,
    staged: Path,
    site: Path,
    root: Path,
    editions: Iterable[int],
    top: Iterable[str],
    site_url: str,
    theme: Theme,
    pages: Callable[[int], Mapping[str, str]],
    verdicts: Verdicts | None = None,
) -> list[Problem]:
    """Every problem in what a build staged to publish as site: each edition it rendered (the whole folder) and the
    top files. One problem per thing refused, at the first file that has it (saying how many others do), with the
    file it was made from: a theme asset, or the content file of a page (pages: an edition's generated docs path ->
    content file, asked for only when the edition has a problem). A refused tag written as it stands in the content
    tree's own theme is reported at its line there, once, however many editions and pages it reached."""
    url_root = urlsplit(site_url).path or "/"
    shown = site.relative_to(root).as_posix() if site.is_relative_to(root) else str(site)
    assets = {f"assets/{name}": f"{theme.folder}/assets/{name}" for name in theme.assets}
    origins = Origins(theme_texts(theme))
    problems: list[Problem] = []
    try:
        for year in editions:
            if findings := folder_findings(folder=staged / str(year), prefix=f"{url_root}{year}/", verdicts=verdicts):
                sources = {**assets, **pages(year)}
                problems += problems_of(
                    findings, shown=f"{shown}/{year}", sources=sources, origins=(staged / str(year), origins)
                )
        findings = folder_findings(folder=staged, prefix=url_root, names=top)
    except OSError as error:  # the staging folder changed under the build: not a problem of the content
        raise OutputError(
            f"the built site in {staged} could not be read ({error}); {site} was left as it was"
        ) from None
    return problems + problems_of(findings, shown=shown, sources={}, origins=(staged, origins)) + origins.problems()


def problems_of(
    findings: Iterable[Finding],
    *,
    shown: str,
    sources: Mapping[str, str],
    origins: tuple[Path, Origins] | None = None,
) -> list[Problem]:
    """One problem per distinct finding, at the first file that has it (shown: where the files will be published);
    sources: which content or theme file each generated docs file comes from; origins: the folder checked, and
    where its refused tags were written in the theme (those are left to Origins.problems)."""
    grouped: dict[str, list[Finding]] = {}
    for finding in sorted(findings):
        grouped.setdefault(finding.what, []).append(finding)
    problems = []
    for what, found in grouped.items():
        first, others = found[0], len({f.file for f in found} - {found[0].file})
        also = f"; also in {others} other file{'s' if others > 1 else ''}" if others else ""
        page = f"{shown}/{first.file}"
        if origins and (written := origins[1].written_at(origins[0] / first.file, first.line, first.col)):
            origins[1].reached(written, what, f"{page}:{first.line}", 1 + others)  # reported by Origins.problems
            continue
        made = _source(first.file, sources)
        hint = f"{'page made from' if first.file.endswith('.html') else 'from'} {made}" if made else ""
        problems.append(Problem(page, first.line, first.col, f"{what}{also}", hint=hint))
    return problems


def _source(file: str, sources: Mapping[str, str]) -> str | None:
    """The content file a built file was made from: a page <p>/index.html from the docs <p>/index.md or <p>.md,
    another file from the docs file of its own name."""
    if file.endswith(".html"):
        folder = posixpath.dirname(file)
        names = ["index.md"] if not folder else [f"{folder}/index.md", f"{folder}.md"]
        if posixpath.basename(file) != "index.html":
            names = [f"{file[: -len('.html')]}.md"]
    else:
        names = [file]
    return next((sources[n] for n in names if n in sources), None)
