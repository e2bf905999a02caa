"""The publish gate over the preview (render/gate/): after each render, every file MkDocs wrote is read as a build
reads it, and one that would run script or load from another host is replaced before the server shows it, so an
editor previewing someone else's theme or content is exposed to no more than a reader of the published site. The
check is part of the rebuild, and MkDocs' server holds every request while a rebuild runs."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..content.problems import Problem
from ..content.theme import Theme
from ..render.gate import Verdicts, folder_findings, problems_of
from ..render.gate.origin import Origins, theme_texts
from ..write import discard, withhold_files
from . import overlay

# How messages name the preview's files: the preview is served at the site's root.
SHOWN = "preview"


@functools.cache
def _page() -> bytes:
    """The page a refused page becomes: it says why, and loads the overlay listing the problems."""
    page = resources.files(__package__ or "generator.serve").joinpath("withheld.html").read_bytes()
    return page.replace(b"OVERLAY", f"/{overlay.SCRIPT}".encode())


@functools.cache
def _ours() -> frozenset[str]:
    """The sha256 of the preview's own script file (the overlay), which its pages load."""
    script = overlay.assets()[overlay.SCRIPT]
    return frozenset({hashlib.sha256(script.encode() if isinstance(script, str) else script).hexdigest()})


def _withheld(rel: str) -> bytes:
    """What a refused file becomes: the page saying why, or nothing."""
    return _page() if rel.rpartition(".")[2].lower() in ("html", "htm") else b""


@dataclass
class Withholding:
    """The gate's verdicts from the last round: a page passed then, with the same bytes and neighbours, is not
    parsed again (a save that changes no page's text, or only a few, costs a digest of each file)."""

    passed: frozenset[str] = frozenset()
    problems: tuple[Problem, ...] = ()  # of the last check: a round that renders nothing still has them
    failed: bool = False  # the last check could not finish: the rendered pages were removed, none is shown

    def check(self, site_dir: Path, *, theme: Theme, sources: Callable[[], Mapping[str, str]]) -> list[Problem]:
        """Read the rendered preview; replace every file it may not show; the problems, at the line in the theme
        that wrote a refused tag, else at the page (with the content file it was made from). A check that cannot
        finish fails closed: every rendered file is removed, so nothing unchecked is shown."""
        self.failed = False
        try:
            return self._check(site_dir, theme, sources)
        except Exception as exc:  # whatever it was, no page it had not passed may stay on the disk
            discard(site_dir)
            self.passed, self.failed = frozenset(), True
            message = f"the preview could not check its pages, so it shows none ({exc!r})"
            self.problems = (Problem("content", 1, 1, message, hint="the next save renders and checks them again"),)
            return list(self.problems)

    def _check(self, site_dir: Path, theme: Theme, sources: Callable[[], Mapping[str, str]]) -> list[Problem]:
        self.problems = ()
        if not site_dir.is_dir():  # nothing rendered (MkDocs failed before writing): nothing shown
            return []
        verdicts = Verdicts(self.passed)
        findings = folder_findings(folder=site_dir, prefix="/", verdicts=verdicts, scripts=_ours())
        self.passed = frozenset(verdicts.passed)
        if not findings:
            return []
        origins = Origins(theme_texts(theme))  # it reads the refused pages: before they are replaced
        problems = problems_of(findings, shown=SHOWN, sources=sources(), origins=(site_dir, origins))
        # Pages first: they are what a browser opens.
        refused = sorted({f.file for f in findings}, key=lambda rel: (not rel.endswith((".html", ".htm")), rel))
        withhold_files(site_dir, {rel: _withheld(rel) for rel in refused})
        self.problems = (*problems, *origins.problems())
        return list(self.problems)
