"""Reads the theme: page templates, wording labels, Material overrides and assets (a content tree's own, or ours)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .yamlspans import parse

_HERE = Path(__file__).resolve().parent
# In a wheel the theme is packaged as generator/theme; in a source checkout it is the repository's theme/.
TOOL_THEME = _HERE.parent / "theme" if (_HERE.parent / "theme").is_dir() else _HERE.parent.parent / "theme"


@dataclass(frozen=True)
class Theme:
    """The page templates, wording labels, MkDocs overrides and static assets, as read from theme/."""

    templates: dict[str, str]
    labels: dict[str, dict[str, str]]
    overrides: dict[str, bytes]
    assets: dict[str, bytes]


def _files(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def load_theme(root: Path) -> Theme:
    """The content root's theme/ if it has one, else the tool's own; a theme is code, so errors raise."""
    folder = root / "theme" if (root / "theme" / "templates").is_dir() else TOOL_THEME
    templates = {name: data.decode("utf-8") for name, data in _files(folder / "templates").items()}
    labels_data, _, problems = parse((folder / "labels.yml").read_text(encoding="utf-8"), "theme/labels.yml")
    if problems or not isinstance(labels_data, dict):
        raise ValueError(
            f"{folder / 'labels.yml'} cannot be read: {problems[0].text() if problems else 'not a mapping'}"
        )
    return Theme(templates, labels_data, _files(folder / "overrides"), _files(folder / "assets"))
