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
    # Set when the render failed because its output could not be written (a full disk): "<path>: <reason>".
    unwritable: str = ""


class Job(Protocol):
    """A render under way; finish() waits for it, stop() ends it early (and must be harmless once it has finished)."""

    def finish(self) -> Rendered: ...

    def stop(self) -> None: ...


class Renderer(Protocol):
    """Starts renders of staged docs trees; editions render in parallel."""

    def start(self, config_file: Path, epoch: int) -> Job: ...
