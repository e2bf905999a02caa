"""Reads every file of an edition as normalised text and fingerprints it with sha256, for locks."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from .regular import read_regular

# Written by publish itself: the lock cannot cover its own hash; the corrections log has its own hash in the lock.
LOCK_FILE = "lock.yml"
CORRECTIONS_FILE = "corrections.yml"
UNREADABLE = "unreadable"
THEME = "theme/"
_THEME_FOLDERS = ("templates", "overrides", "assets")
# Site-wide files whose words every edition's pages show (goal titles and definitions, place names, the site's
# name, footer, licence and accessibility statement, the site pages and their pictures, and a content tree's own
# theme: its labels and templates word every page): a published edition's lock covers them too, so that editing one
# changes no published page unrecorded. A name ending in / covers every file under that folder. A lock lists the
# names it covers (site_wide): an older lock covers fewer, or none. levelup's bundled theme is code, versioned with
# levelup, and no content tree's own (own_theme).
SITE_WIDE = ("content/goals.yml", "content/places.yml", "content/site.yml", "content/pages/", THEME)


# The files of content/pages/ that the site shows, as the reader (read.py) takes them: the pages, and the pictures
# of images/ (other files there are ignored, with a warning, and shown nowhere).
IMAGE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.(?:png|jpe?g)")
_SHOWN_PAGE_FILE = re.compile(rf"content/pages/(?:[^/]+\.md|images/{IMAGE_NAME.pattern})")


def covered_by(path: str, names: Iterable[str]) -> bool:
    """Whether a path is one of names, or under one of them that is a folder (ends in /)."""
    return any(path == name or (name.endswith("/") and path.startswith(name)) for name in names)


def is_site_wide(path: str) -> bool:
    """Whether a path, relative to the content root, is a site-wide file (SITE_WIDE) the site shows: one of the
    files, a page or picture of content/pages/, or a file of the theme (hidden ones aside, as the reader skips)."""
    if path.startswith("content/pages/"):
        return _SHOWN_PAGE_FILE.fullmatch(path) is not None
    if path.startswith(THEME):
        # What the theme's reader reads (hidden files aside): its labels and the files of its three folders. A name
        # that is not UTF-8 is an error there, and could not be written into a lock.
        parts = path.split("/")[1:]
        if not all(part and not part.startswith(".") for part in parts) or not _utf8(path):  # .. starts with "."
            return False
        # In any letter case: on a disk that ignores it (macOS, Windows) the reader's theme/templates is Templates.
        first = parts[0].lower()
        return (first == "labels.yml" and len(parts) == 1) or (len(parts) > 1 and first in _THEME_FOLDERS)
    return path in SITE_WIDE


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # a byte of a name that is not UTF-8, read as a lone surrogate
        return False
    return True


def bundled_theme_here(root: Path) -> bool:
    """Whether the tree's theme/ is levelup's bundled theme: a checkout of levelup is also the bundled content's
    tree, and that theme is levelup's code, not the content's."""
    from .theme import TOOL_THEME  # the theme reader imports much that fingerprinting needs not

    return (root / "theme").resolve() == TOOL_THEME.resolve()


def own_theme(root: Path) -> bool:
    """Whether the content tree has a theme of its own (theme/), not levelup's bundled one."""
    return (root / "theme").is_dir() and not bundled_theme_here(root)


def is_picture(path: str) -> bool:
    """Whether a path is a picture the site pages show (content/pages/images/): a file with no fields to compare."""
    return path.startswith("content/pages/images/") and is_site_wide(path)


def normalised(raw: bytes) -> bytes:
    """UTF-8 text without a BOM and with \\n line endings, so Git's line-ending conversion cannot change a hash.

    Bytes that are not UTF-8 (an image, say) are hashed as they are: Git does not convert those."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")


def sha256(raw: bytes) -> str:
    """The hex sha256 of a file's normalised text."""
    return hashlib.sha256(normalised(raw)).hexdigest()


def _files_under(root: Path, base: Path, skip: Iterable[str] = ()) -> list[str]:
    """Every file under base, relative to root; hidden files and folders (.DS_Store, .git) are not content, and
    neither are the names in skip directly under base."""
    out: list[str] = []
    if base.is_dir():
        for folder, dirs, files in os.walk(base):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in files:
                if not name.startswith(".") and not (Path(folder) == base and name in skip):
                    out.append((Path(folder) / name).relative_to(root).as_posix())
    return out


def edition_paths(root: Path, year: int) -> list[str]:
    """Every file of an edition, relative to root: content/<year>/** (but its lock and corrections log) and
    initiatives/<year>/**."""
    content = _files_under(root, root / "content" / str(year), (LOCK_FILE, CORRECTIONS_FILE))
    return sorted([*content, *_files_under(root, root / "initiatives" / str(year))])


def site_wide_paths(root: Path, names: Iterable[str] = SITE_WIDE) -> list[str]:
    """Every site-wide file there is (of names: files, and folders ending in /), relative to root. A folder's are
    found as the reader finds them (a picture through a linked images/ folder too), and only those it shows."""
    out: list[str] = []
    for name in names:
        if name == THEME:
            out += [rel for rel in _files_under(root, root / "theme") if is_site_wide(rel)] if own_theme(root) else []
        elif name.endswith("/"):
            found = [*(root / name).glob("*.md"), *(root / name / "images").glob("*")]
            out += [rel for p in found if is_site_wide(rel := p.relative_to(root).as_posix()) and p.is_file()]
        elif (root / name).is_file():
            out.append(name)
    return sorted(out)


def locked_paths(root: Path, year: int) -> list[str]:
    """Every file a published edition's lock covers: its own files and the site-wide files its pages show."""
    return sorted([*edition_paths(root, year), *site_wide_paths(root)])


def fingerprints(root: Path, year: int) -> dict[str, str]:
    """sha256 of every file a lock covers, by relative path; a file that cannot be read hashes as 'unreadable'."""
    out: dict[str, str] = {}
    for rel in locked_paths(root, year):
        try:
            out[rel] = sha256(read_regular(root / rel))
        except OSError:
            out[rel] = UNREADABLE
    return out


def file_sha256(path: Path) -> str | None:
    """The fingerprint of one file, or None when it does not exist."""
    try:
        return sha256(read_regular(path))
    except FileNotFoundError:
        return None
    except OSError:
        return UNREADABLE


def corrections_path(year: int) -> str:
    """Where an edition's corrections log lives, relative to the content root."""
    return f"content/{year}/{CORRECTIONS_FILE}"


def lock_path(year: int) -> str:
    """Where an edition's lock lives, relative to the content root."""
    return f"content/{year}/{LOCK_FILE}"


def current_state(root: Path, year: int) -> dict[str, str]:
    """What a lock is checked against: every file's fingerprint, and the corrections log's when there is one."""
    out = fingerprints(root, year)
    log = file_sha256(root / corrections_path(year))
    if log is not None:
        out[corrections_path(year)] = log
    return out


def edition_files(root: Path, year: int) -> dict[str, bytes]:
    """Every file of an edition (as edition_paths lists them) with its bytes, to copy into a new edition."""
    return {rel: read_regular(root / rel) for rel in edition_paths(root, year)}
