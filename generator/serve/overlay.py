"""What the preview adds to the edition it serves: the problems overlay, its report, a page to show before the
content was ever valid, and the settings a local preview needs. Pure: the caller writes the files."""

from __future__ import annotations

import copy
import json
from importlib import resources
from typing import Any

from ..content.problems import ERROR, Problem, count_errors

# Served beside the pages; the overlay script reads the report next to itself.
FOLDER = "_levelup"
SCRIPT = f"{FOLDER}/overlay.js"
REPORT = f"{FOLDER}/problems.json"


def _resource(name: str) -> str:
    return resources.files(__package__ or "generator.serve").joinpath(name).read_text(encoding="utf-8")


def assets() -> dict[str, str | bytes]:
    """The files the preview adds to any docs tree: the overlay script."""
    return {SCRIPT: _resource("overlay.js")}


def waiting_docs() -> dict[str, str | bytes]:
    """The docs tree shown while the content has never been valid in this session."""
    return {"index.md": _resource("waiting.md"), **assets()}


def preview_config(cfg: dict[str, Any], url: str, docs_dir: str, site_dir: str, overrides_dir: str) -> dict[str, Any]:
    """An edition's mkdocs.yml for the preview: served at url, with the overlay; one edition, so no version
    selector; no search (a partial rebuild would index only the pages it redid); warnings are reported, not fatal."""
    out = copy.deepcopy(cfg)
    out.update(site_url=url, docs_dir=docs_dir, site_dir=site_dir, strict=False, plugins=[])
    out["theme"]["custom_dir"] = overrides_dir
    out.get("extra", {}).pop("version", None)
    out["extra_javascript"] = [*out.get("extra_javascript", []), SCRIPT]
    return out


def waiting_config(url: str, docs_dir: str, site_dir: str) -> dict[str, Any]:
    """The mkdocs.yml of the waiting page."""
    return {
        "site_name": "levelup preview",
        "site_url": url,
        "docs_dir": docs_dir,
        "site_dir": site_dir,
        "theme": {"name": "material", "font": False},
        "extra": {"generator": False},
        "extra_javascript": [SCRIPT],
        "plugins": [],
    }


def report(problems: list[Problem], kept: bool) -> str:
    """problems.json: the errors as linter lines, for the overlay (which shows them as text, never as HTML)."""
    errors = [p for p in problems if p.severity == ERROR]
    if not errors:
        return json.dumps({"problems": []}) + "\n"
    count = count_errors(errors)
    title = f"{count} error{'' if count == 1 else 's'} in the content"
    note = (
        "This page is the last version without errors; it updates when they are fixed."
        if kept
        else "Fix them and this page updates."
    )
    payload = {"title": title, "note": note, "problems": [p.text() for p in errors]}
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
