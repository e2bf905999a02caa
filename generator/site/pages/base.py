"""What page types share: the context they read and the docs they yield."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ...content.model import Edition, Project
from ...content.theme import Theme
from ..charts.data import Chart
from ..charts.specs import EditionCharts

Files = dict[str, str | bytes]


@dataclass(frozen=True)
class Context:
    """Everything a page type may read: the project, the edition being built, the theme and its drawn charts."""

    project: Project
    edition: Edition
    theme: Theme
    charts: EditionCharts[Chart]

    def common(self) -> dict[str, Any]:
        """The variables every template sees."""
        return {
            "project": self.project,
            "edition": self.edition,
            "labels": self.theme.labels,
            "goals": list(self.project.goals),
        }


@dataclass(frozen=True)
class Doc:
    """A page rendered from a template: its docs path, template, the content file behind it, its variables."""

    path: str
    template: str
    source: str
    context: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class File:
    """A file written into the docs tree as it is (open data, for example)."""

    path: str
    content: str | bytes


def to_root(path: str) -> str:
    """The relative URL from a docs page's published address to the edition's root, for links in raw HTML (which
    MkDocs does not rewrite): index.md -> '', goals/index.md -> '../', goals/01-x.md -> '../../'."""
    depth = path.count("/") + (0 if path.rsplit("/", 1)[-1] == "index.md" else 1)
    return "../" * depth
