"""The MkDocs configuration of one edition: nav, theme, validation; plain data, written by the writer."""

from __future__ import annotations

from typing import Any

from ..content.model import Edition, Project


def nav(project: Project, edition: Edition) -> list[Any]:
    """The global navigation: goals and fixed pages only; initiative pages stay out so every page stays small."""
    about = [{p.title: f"{p.slug}.md"} for p in (*edition.pages, *project.pages)]
    goals = ["goals/index.md", *[{f"{g.number}. {g.title}": f"goals/{g.folder}.md"} for g in project.goals]]
    items: list[Any] = [
        {"Home": "index.md"},
        {"Goals": goals},
        {"Explore": "explore.md"},
        {"Open data": "data/index.md"},
    ]
    if any(e.year < edition.year for e in project.editions):
        items.append({"What changed": "changes/index.md"})
    if about:
        items.append({"About": about})
    return items


def config(project: Project, edition: Edition, docs_dir: str, site_dir: str, overrides_dir: str) -> dict[str, Any]:
    """The mkdocs.yml mapping for one edition."""
    latest = project.latest
    return {
        "site_name": project.site.site_name,
        "site_url": f"{project.site.site_url}{edition.year}/",
        "site_description": project.site.description or edition.summary,
        "copyright": project.site.footer,
        "docs_dir": docs_dir,
        "site_dir": site_dir,
        "use_directory_urls": True,
        "strict": True,
        "nav": nav(project, edition),
        # Initiative pages, changes against each older edition and the corrections log are linked from pages.
        "not_in_nav": "/initiatives/\n/changes/[0-9]*.md\n/corrections.md\n",
        "theme": {
            "name": "material",
            "custom_dir": overrides_dir,
            "language": project.site.language,
            "font": False,  # no requests to Google Fonts: pages must not contact other hosts
            "features": ["navigation.indexes", "navigation.top", "search.highlight", "toc.follow"],
            "palette": [
                {
                    "media": "(prefers-color-scheme: light)",
                    "scheme": "default",
                    "primary": "indigo",
                    "toggle": {"icon": "material/brightness-7", "name": "Switch to dark mode"},
                },
                {
                    "media": "(prefers-color-scheme: dark)",
                    "scheme": "slate",
                    "primary": "indigo",
                    "toggle": {"icon": "material/brightness-4", "name": "Switch to light mode"},
                },
            ],
        },
        "extra": {
            "generator": False,
            "version": {"provider": "mike", "default": "latest"},
            "edition": {
                "year": edition.year,
                "status": edition.status.value,
                "latest_year": latest.year,
                "latest_title": latest.title,
                "organisation": project.site.organisation,
            },
        },
        "extra_css": ["assets/extra.css"],
        "extra_javascript": ["assets/explore.js"],
        "markdown_extensions": [
            "tables",
            "attr_list",
            "md_in_html",
            "admonition",
            "def_list",
            "pymdownx.details",
            {"toc": {"permalink": True}},
        ],
        "plugins": ["search"],
        "validation": {
            "nav": {"omitted_files": "warn", "not_found": "warn", "absolute_links": "warn"},
            "links": {"not_found": "warn", "anchors": "warn", "absolute_links": "info", "unrecognized_links": "info"},
        },
    }
