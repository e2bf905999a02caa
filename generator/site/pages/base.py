"""What page types share: the context they read and the docs they yield."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

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
            # The site's folder on its host ('/' or '/audit/'): for links no relative path makes work on an About
            # page under both renderers (see paths.py).
            "site_root": urlsplit(self.project.site.site_url).path,
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
