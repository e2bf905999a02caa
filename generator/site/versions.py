"""The site root: mike-style versions.json, the redirect to the newest published edition, and latest/ aliases."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable

from ..content.model import Project
from ..content.theme import fill
from .figures import Labels

ALIAS = "latest"


def url_of(doc: str) -> str:
    """The directory URL of a docs page: goals/01-x.md -> goals/01-x/; index.md -> ''."""
    stem = doc.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def versions(project: Project) -> list[dict[str, object]]:
    """mike's versions.json: newest first; 'latest' on the newest published edition."""
    latest = project.latest.year
    out: list[dict[str, object]] = []
    for edition in reversed(project.editions):
        title = str(edition.year) if edition.published else f"{edition.year} (draft)"
        out.append({"version": str(edition.year), "title": title, "aliases": [ALIAS] if edition.year == latest else []})
    return out


def redirect(target: str, title: str, moved: str, lang: str) -> str:
    """A small page that sends the reader on, with a link for when refresh is off; moved is the labels.yml frame."""
    url = html.escape(target, quote=True)
    sentence = fill(html.escape(moved, quote=False), link=f'<a href="{url}">{url}</a>')
    return (
        f'<!doctype html>\n<html lang="{html.escape(lang, quote=True)}">\n<head>\n<meta charset="utf-8">\n'
        f'<title>{html.escape(title)}</title>\n<link rel="canonical" href="{url}">\n'
        f'<meta http-equiv="refresh" content="0; url={url}">\n</head>\n<body>\n'
        f"<p>{sentence}</p>\n</body>\n</html>\n"
    )


def root_files(project: Project, latest_pages: Iterable[str], labels: Labels) -> dict[str, str]:
    """versions.json, index.html and the latest/ alias pages, relative to the site root."""
    year = project.latest.year
    moved, lang = labels["redirect"]["moved"], project.site.language
    files = {
        "versions.json": json.dumps(versions(project), indent=2) + "\n",
        "index.html": redirect(f"{year}/", f"{project.site.site_name}: {project.latest.title}", moved, lang),
    }
    for doc in sorted(latest_pages):
        url = url_of(doc)
        depth = url.count("/") + 1
        files[f"{ALIAS}/{url}index.html"] = redirect(
            "../" * depth + f"{year}/{url}", project.site.site_name, moved, lang
        )
    return files
