"""The swappable renderer: turns each edition's docs tree into HTML behind one small protocol."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class Rendered:
    """The outcome of rendering one edition: whether it worked and the renderer's warnings and errors."""

    ok: bool
    messages: tuple[str, ...]


class Job(Protocol):
    """A render under way; finish() waits for it."""

    def finish(self) -> Rendered: ...


class Renderer(Protocol):
    """Starts renders of staged docs trees; editions render in parallel."""

    def start(self, config_file: Path, epoch: int) -> Job: ...
