"""Where each page's docs file lies, and links moved from one page to another, so MkDocs and Zensical agree.

MkDocs (use_directory_urls) serves `x.md` at `x/` and reads a link in raw HTML, or a Markdown link to no docs
file, relative to that URL; Zensical reads every link relative to the docs file. The two agree only where the
file is its folder's index.md, so every generated page is `<its URL>/index.md`, except the About pages: in a nav
section, Material's navigation.indexes would make an index.md the section's own page. They keep `<slug>.md` and
link only to docs files (which both renderers resolve from the file) or by root paths."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from ..content.markup import ADDRESS, PAGE_FREE, link_offsets
from ..content.model import Edition, Position, Project

# Root-level pages with a folder of their own; every other root-level page is an About page (content/pages,
# content/<year>/*.md, the accessibility statement), whose names rules.RESERVED_PAGES keeps apart from these.
_FOLDERS_AT_ROOT = frozenset({"explore", "corrections"})


def doc_path(page: str) -> str:
    """The docs file of a page named by its old flat path: goals/01-x.md -> goals/01-x/index.md; index.md,
    goals/index.md and an About page (about.md) stay as they are."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index") or ("/" not in stem and stem not in _FOLDERS_AT_ROOT):
        return page
    return f"{stem}/index.md"


def to_root(path: str) -> str:
    """The relative path from a docs file's folder to the edition's root: index.md -> '', goals/index.md -> '../',
    goals/01-x/index.md -> '../../'. For an index.md it is the URL's way too; for an About page only the file's."""
    return "../" * path.count("/")


def url_folder(page: str) -> str:
    """The folder of a page's published URL, from the edition's root: goals/01-x.md -> goals/01-x; index.md -> ''."""
    stem = page.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index")


def content_pages(project: Project, edition: Edition) -> dict[str, Position]:
    """The docs pages an edition's content becomes, each with the content file behind it."""
    narratives = {g.goal: g.pos for g in edition.goal_pages}
    pages = {"index.md": edition.pos}
    pages |= {f"goals/{g.folder}.md": narratives.get(g.number, g.pos) for g in project.goals}
    pages |= {f"initiatives/{i.id}.md": i.pos for i in edition.initiatives}
    pages |= {f"{p.slug}.md": p.pos for p in (*edition.pages, *project.pages)}
    return {doc_path(page): pos for page, pos in pages.items()}


def _relative(target: str, folder: str) -> str:
    # posixpath.relpath keeps a target above the edition's root (another edition) as ../ steps.
    out = posixpath.relpath(target or ".", folder or ".")
    # A first segment with a colon would read as a scheme (validate refuses such names; this keeps it a path).
    return "" if out == "." else f"./{out}" if ":" in out.split("/", 1)[0] else out


@dataclass(frozen=True)
class Target:
    """Where a relative link of a body leads, from the edition's root (../ steps above it: another edition)."""

    path: str
    kind: str  # "doc": a docs file (a Markdown link to a .md); "file": any other file; "url": a URL's folder
    slash: str  # "/" when the link ended with one
    tail: str  # its ?query and #part, as written


def target(link: str, written_for: str, markdown: bool) -> Target | None:
    """Where a link of a body written for the page `written_for` (its old flat path) leads; None for a link that
    does not depend on the page (a scheme, a root path) or an empty one. markdown: a Markdown link, not raw HTML.

    A Markdown link to a file (a name with an extension) is relative to written_for's folder and a .md names a
    page by its old flat path; any other link, and every link in raw HTML, is relative to written_for's URL.
    '#part' alone means written_for's own part."""
    if not link or PAGE_FREE.match(link):
        return None
    cut = min((i for i in (link.find("?"), link.find("#")) if i >= 0), default=len(link))
    path, tail = link[:cut], link[cut:]
    if not path:
        path = posixpath.basename(written_for) if markdown else "./"
    slash = "/" if path.endswith("/") else ""
    if markdown and "." in path.rsplit("/", 1)[-1].lstrip("."):
        found = posixpath.normpath(posixpath.join(posixpath.dirname(written_for), path))
        return Target(doc_path(found), "doc", "", tail) if found.endswith(".md") else Target(found, "file", "", tail)
    return Target(posixpath.normpath(posixpath.join(url_folder(written_for), path)), "url", slash, tail)


def links(body: str, made: Collection[int] | None = None) -> Iterator[tuple[int, str, bool]]:
    """Every relative link and picture address the body's Markdown makes: (offset, address, whether in Markdown).
    made: where they start, as the content's reader found them (content/markup.py), or None to find them now."""
    made = link_offsets(body) if made is None else made
    for match in ADDRESS.finditer(body):
        if match.start(2) in made:
            yield match.start(2), match.group(2), match.group(1).startswith("]")


def relocate(body: str, written_for: str, placed_at: str, root: str = "/", made: Collection[int] | None = None) -> str:
    """A body written for the page `written_for` (its old flat path, such as initiatives/x.md), with its relative
    links made to work, under both renderers, from the docs file `placed_at` (see target for what they mean).
    An address in code is text to show, and stays as written.

    root: the edition's root path on its host (/audit/2025/), for a page that cannot link relatively (About).
    made: where the addresses Markdown makes links of start (the record's links), or None to find them now."""
    made = frozenset(link_offsets(body) if made is None else made)
    if not made:
        return body
    own = doc_path(written_for)
    folder = posixpath.dirname(placed_at)
    indexed = placed_at.rsplit("/", 1)[-1] == "index.md"

    def fix(match: re.Match[str]) -> str:
        start, link = match.groups()
        found = target(link, written_for, start.startswith("]"))
        if found is None or match.start(2) not in made or (own == placed_at and link.startswith(("?", "#"))):
            return match.group(0)
        if found.kind != "url":
            return start + _relative(found.path, folder) + found.tail
        if indexed:
            return start + (_relative(found.path, folder) + found.slash).removeprefix("/") + found.tail
        out = posixpath.normpath(posixpath.join(root, found.path))
        # The site's root is "/" with or without a slash written after it: "//" would name another host.
        return start + (out if out.endswith("/") else out + found.slash) + found.tail

    return ADDRESS.sub(fix, body)
