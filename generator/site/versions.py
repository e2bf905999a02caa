"""The site root: mike-style versions.json, the redirect to the newest edition, latest/ aliases and 404.html."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from urllib.parse import urlsplit

from ..content.model import Edition, Project
from ..content.theme import fill
from .figures import Labels

ALIAS = "latest"


def url_of(doc: str) -> str:
    """The directory URL of a docs page: goals/01-x.md -> goals/01-x/; index.md -> ''."""
    stem = doc.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def version_title(edition: Edition) -> str:
    """What the version selector shows for an edition: '2022', '2025 (draft)'."""
    return str(edition.year) if edition.published else f"{edition.year} (draft)"


def versions(project: Project) -> list[dict[str, object]]:
    """mike's versions.json: newest first; 'latest' on the newest published edition."""
    latest = project.latest.year
    out: list[dict[str, object]] = []
    for edition in reversed(project.editions):
        title = version_title(edition)
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


def not_found(project: Project, labels: Labels) -> str:
    """The site root's 404.html, for hosts that serve one page for every missing address at any depth: so every
    link starts from the site's own folder on its host. Search, the goals and the home page of the newest edition."""
    words, edition, lang = labels["not_found"], project.latest, project.site.language
    home = f"{urlsplit(project.site.site_url).path}{edition.year}/"

    def esc(text: str) -> str:
        return html.escape(text, quote=True)

    goals = "".join(
        f'<li><a href="{esc(home)}goals/{esc(g.folder)}/">{g.number}. {esc(g.title)}</a></li>\n' for g in project.goals
    )
    return (
        f'<!doctype html>\n<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # Material's icon in the newest edition, so the browser does not ask for a /favicon.ico that is not there.
        f'<link rel="icon" href="{esc(home)}assets/images/favicon.png">\n'
        f"<title>{esc(words['title'])}: {esc(project.site.site_name)}</title>\n"
        "<style>body{font-family:system-ui,sans-serif;line-height:1.5;max-width:40rem;margin:2rem auto;"
        "padding:0 1rem}input,button{font:inherit;min-height:2.75em}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{esc(words['title'])}</h1>\n<p>{esc(words['lead'])}</p>\n"
        f'<form action="{esc(home)}" method="get" role="search">\n'
        f'<label for="not-found-q">{esc(words["search"])}</label>\n<input id="not-found-q" type="search" name="q">\n'
        f'<button type="submit">{esc(words["search_button"])}</button>\n</form>\n'
        f'<p><a href="{esc(home)}">{esc(fill(words["home"], title=edition.title))}</a></p>\n'
        f"<h2>{esc(words['goals'])}</h2>\n<ul>\n{goals}</ul>\n</main>\n</body>\n</html>\n"
    )


def root_files(project: Project, latest_pages: Iterable[str], labels: Labels) -> dict[str, str]:
    """versions.json, index.html and the latest/ alias pages, relative to the site root."""
    year = project.latest.year
    moved, lang = labels["redirect"]["moved"], project.site.language
    files = {
        "versions.json": json.dumps(versions(project), indent=2) + "\n",
        "index.html": redirect(f"{year}/", f"{project.site.site_name}: {project.latest.title}", moved, lang),
        "404.html": not_found(project, labels),
    }
    for doc in sorted(latest_pages):
        url = url_of(doc)
        depth = url.count("/") + 1
        files[f"{ALIAS}/{url}index.html"] = redirect(
            "../" * depth + f"{year}/{url}", project.site.site_name, moved, lang
        )
    return files
