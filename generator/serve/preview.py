"""The preview loop: on each signalled save, re-check and regenerate (session.py), write only the files that
changed, let MkDocs render just those, and report problems in the terminal and on the page."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..commands.build import _problem
from ..content.problems import ERROR, Problem
from ..errors import OutputError
from ..render.mkdocs_live import LiveSite
from ..write import sync_files, write_config, write_files
from . import overlay
from .session import Generated, Session
from .withheld import Withholding

Say = Callable[[str], None]


@dataclass
class Preview:
    """The files last written into the staging folder, and what to do on the next rebuild."""

    session: Session
    staged: Path
    site: LiveSite
    say: Say = print
    changes: Callable[[], set[Path]] = set
    shown: str | None = None  # 'edition' once a good version is on screen, 'waiting' before
    _docs: dict[str, str | bytes] = field(default_factory=dict)
    _overrides: dict[str, str | bytes] = field(default_factory=dict)
    _config: dict[str, Any] | None = None
    _said: list[Problem] | None = None
    withholding: Withholding = field(default_factory=Withholding)

    @property
    def docs_dir(self) -> Path:
        return self.staged / "docs"

    @property
    def site_dir(self) -> Path:
        return self.staged / "site"

    def rebuild(self) -> None:
        """One round: check, regenerate, render what changed, report. Never raises: MkDocs' server would stall
        every request until a later round succeeded."""
        clock = time.perf_counter()
        changed = self.changes()
        if not all(p.exists() for p in (self.docs_dir, self.site_dir, self.staged / "mkdocs.yml")):
            self._forget()  # the preview's folder was removed (rm -rf .build)
        try:
            outcome = self.session.check(changed)
            problems = list(outcome.problems)
            if outcome.generated is not None:
                problems += self._render(outcome.generated)
            else:  # the pages withheld stay so: say why, beside the content's errors
                problems += self.withholding.problems
                if self.shown is None:
                    problems += self._waiting()
        except OutputError as exc:  # a full disk, a read-only folder: one clear line, as the build gives
            problems = [Problem("content", 1, 1, f"the preview could not be updated: {exc}")]
        except Exception as exc:  # a fault of ours must not stop the preview; say what it was
            problems = [Problem("content", 1, 1, f"the preview could not be updated: {exc!r}")]
        # Pages with a problem the gate found are withheld, not kept as they last were: they update when fixed.
        kept = self.shown == "edition" and not self.withholding.problems
        try:
            write_files(self.site_dir, {overlay.REPORT: overlay.report(problems, kept)})
        except OutputError as exc:  # the page keeps its last report; the terminal says why
            problems = [*problems, Problem("content", 1, 1, f"the preview could not be updated: {exc}")]
        if changed or self._said is None or problems != self._said:
            with suppress(OSError):  # a terminal that has gone away (serve | head) must not stop the preview
                self._report(problems, time.perf_counter() - clock)

    def _forget(self) -> None:
        """What was last written is gone: the next round writes, and MkDocs renders, everything."""
        self._docs, self._overrides, self._config = {}, {}, None

    def _sync(self, docs: dict[str, str | bytes], overrides: dict[str, str | bytes], cfg: dict[str, Any]) -> bool:
        """Write what differs from the last round; True when MkDocs must render every page again."""
        full = cfg != self._config or overrides != self._overrides
        sync_files(self.staged / "overrides", overrides, self._overrides)
        touched = sync_files(self.docs_dir, docs, self._docs)
        if full:
            write_config(self.staged / "mkdocs.yml", cfg)
        self._docs, self._overrides, self._config = docs, overrides, cfg
        return full or bool(touched)

    def _render(self, generated: Generated) -> list[Problem]:
        docs = {**generated.docs, **overlay.assets()}
        cfg = overlay.preview_config(
            generated.config, self.site.url, "docs", str(self.site_dir), str(self.staged / "overrides")
        )
        full = cfg != self._config or generated.overrides != self._overrides
        if not self._sync(docs, generated.overrides, cfg):
            return list(self.withholding.problems)  # nothing the pages show has changed, nor what was withheld
        messages = self.site.build(dirty=not full)
        self.shown = "edition"
        # Before the server shows the pages (it holds requests while a rebuild runs): the publish gate.
        refused = self.withholding.check(self.site_dir, theme=generated.theme, sources=generated.origin)
        if self.withholding.failed:  # its pages were removed
            self._forget()
        if not messages:
            return refused
        origin = generated.origin()
        return [*(_problem(generated.year, message, origin) for message in messages), *refused]

    def _waiting(self) -> list[Problem]:
        cfg = overlay.waiting_config(self.site.url, "docs", str(self.site_dir))
        self._sync(overlay.waiting_docs(), {}, cfg)
        messages = self.site.build(dirty=False)
        self.shown = "waiting"
        return [Problem("content", 1, 1, f"the preview cannot be shown: {m}") for m in messages]

    def _report(self, problems: list[Problem], seconds: float) -> None:
        """Print the problems when they differ from the last round's, else one line."""
        errors = sum(1 for p in problems if p.severity == ERROR)
        if problems != self._said:
            for problem in problems:
                self.say(problem.text())
        self._said = problems
        if errors:
            kept = "keeps the last version without errors" if self.shown == "edition" else "waits for a fix"
            if self.withholding.problems:
                kept = "does not show the pages that have them"
            self.say(f"{errors} error{'' if errors == 1 else 's'}: the preview {kept} ({seconds:.2f} s)")
        else:
            self.say(f"Updated in {seconds:.2f} s: {self.site.url}")
