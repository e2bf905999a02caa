"""Where each page's docs file lies, and links moved from one page to another, so MkDocs and Zensical agree.

MkDocs (use_directory_urls) serves `x.md` at `x/` and reads a link in raw HTML, or a Markdown link to no docs
file, relative to that URL; Zensical reads every link relative to the docs file. The two agree only where the
file is its folder's index.md, so every generated page is `<its URL>/index.md`, except the About pages: in a nav
section, Material's navigation.indexes would make an index.md the section's own page. They keep `<slug>.md` and
link only to docs files (which both renderers resolve from the file) or by root paths."""

from __future__ import annotations

import posixpath
import re

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


# A link or image target in Markdown, or an href/src in raw HTML; and targets that do not depend on the page.
_TARGET = re.compile(r"(\]\(\s*<?|\b(?:href|src)=[\"'])([^)\s\"'>]*)")
_ANYWHERE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|/")


def _relative(target: str, folder: str) -> str:
    # posixpath.relpath keeps a target above the edition's root (another edition) as ../ steps.
    out = posixpath.relpath(target or ".", folder or ".")
    # A first segment with a colon would read as a scheme (validate refuses such names; this keeps it a path).
    return "" if out == "." else f"./{out}" if ":" in out.split("/", 1)[0] else out


def relocate(body: str, written_for: str, placed_at: str, root: str = "/") -> str:
    """A body written for the page `written_for` (its old flat path, such as initiatives/x.md), with its relative
    links made to work, under both renderers, from the docs file `placed_at`.

    The body's links mean what MkDocs made of them on written_for: a Markdown link to a file (a name with an
    extension) is relative to written_for's folder and a .md names a page by its old flat path; any other link,
    and every link in raw HTML, is relative to written_for's URL. '#part' alone means written_for's own part.
    root: the edition's root path on its host (/audit/2025/), for a page that cannot link relatively (About)."""
    own = doc_path(written_for)
    folder = posixpath.dirname(placed_at)
    indexed = placed_at.rsplit("/", 1)[-1] == "index.md"

    def fix(match: re.Match[str]) -> str:
        start, link = match.groups()
        if not link or _ANYWHERE.match(link):
            return match.group(0)
        cut = min((i for i in (link.find("?"), link.find("#")) if i >= 0), default=len(link))
        path, tail = link[:cut], link[cut:]
        markdown = start.startswith("]")
        if not path:
            if own == placed_at:
                return match.group(0)
            path = posixpath.basename(written_for) if markdown else "./"
        slash = "/" if path.endswith("/") else ""
        if markdown and "." in path.rsplit("/", 1)[-1].lstrip("."):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(written_for), path))
            target = doc_path(target) if target.endswith(".md") else target
            return start + _relative(target, folder) + tail
        target = posixpath.normpath(posixpath.join(url_folder(written_for), path))
        if indexed:
            return start + (_relative(target, folder) + slash).removeprefix("/") + tail
        return start + posixpath.normpath(posixpath.join(root, target)) + slash + tail

    return _TARGET.sub(fix, body)
