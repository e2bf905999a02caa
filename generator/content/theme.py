"""Reads the theme: page templates, wording labels, Material overrides and assets (a content tree's own, or ours)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import ThemeError
from .problems import Problem
from .read import escaping_link
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


def _links_out(root: Path, folder: Path) -> list[Problem]:
    """A content tree's theme is read only from inside the tree: every link that leads out is an error."""
    links = {link for p in [folder, *folder.rglob("*")] if (link := escaping_link(root, p)) is not None}
    hint = "copy the file into the theme folder instead of linking to it"
    message = "symbolic link leads outside the content folder (or nowhere); it is not followed"
    return [Problem(link.relative_to(root).as_posix(), 1, 1, message, hint=hint) for link in sorted(links)]


def load_theme(root: Path) -> Theme:
    """The content root's theme/ if it has one, else the tool's own; a broken theme raises ThemeError."""
    own = (root / "theme" / "templates").is_dir()
    folder = root / "theme" if own else TOOL_THEME
    problems = _links_out(root, folder) if own else []
    if problems:
        raise ThemeError(problems)
    templates = {name: data.decode("utf-8") for name, data in _files(folder / "templates").items()}
    labels_data, _, problems = parse((folder / "labels.yml").read_text(encoding="utf-8"), "theme/labels.yml")
    if problems or not isinstance(labels_data, dict):
        raise ThemeError(problems or [Problem("theme/labels.yml", 1, 1, "labels must be a mapping of fields")])
    return Theme(templates, labels_data, _files(folder / "overrides"), _files(folder / "assets"))
