"""Reads every file of an edition as normalised text and fingerprints it with sha256, for locks."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

# Written by publish itself: the lock cannot cover its own hash; the corrections log has its own hash in the lock.
LOCK_FILE = "lock.yml"
CORRECTIONS_FILE = "corrections.yml"
UNREADABLE = "unreadable"
# Site-wide files whose words every edition's pages show (goal titles and definitions, place names): a published
# edition's lock covers them too, so that editing one changes no published page unrecorded.
SHARED = ("content/goals.yml", "content/places.yml")


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


def edition_paths(root: Path, year: int) -> list[str]:
    """Every file of an edition, relative to root: content/<year>/** (but its lock and corrections log) and
    initiatives/<year>/**. Hidden files and folders (.DS_Store, .git) are not content and are left out."""
    content = root / "content" / str(year)
    out: list[str] = []
    for base in (content, root / "initiatives" / str(year)):
        if not base.is_dir():
            continue
        for folder, dirs, files in os.walk(base):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in files:
                if name.startswith(".") or (Path(folder) == content and name in (LOCK_FILE, CORRECTIONS_FILE)):
                    continue
                out.append((Path(folder) / name).relative_to(root).as_posix())
    return sorted(out)


def locked_paths(root: Path, year: int) -> list[str]:
    """Every file a published edition's lock covers: its own files and the site-wide files its pages show."""
    return sorted([*edition_paths(root, year), *(rel for rel in SHARED if (root / rel).is_file())])


def fingerprints(root: Path, year: int) -> dict[str, str]:
    """sha256 of every file a lock covers, by relative path; a file that cannot be read hashes as 'unreadable'."""
    out: dict[str, str] = {}
    for rel in locked_paths(root, year):
        try:
            out[rel] = sha256((root / rel).read_bytes())
        except OSError:
            out[rel] = UNREADABLE
    return out


def file_sha256(path: Path) -> str | None:
    """The fingerprint of one file, or None when it does not exist."""
    try:
        return sha256(path.read_bytes())
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
    return {rel: (root / rel).read_bytes() for rel in edition_paths(root, year)}


def locked_files(root: Path, year: int) -> dict[str, bytes]:
    """Every file a lock covers (locked_paths) with its bytes, to lock or to correct."""
    return {rel: (root / rel).read_bytes() for rel in locked_paths(root, year)}
