"""Reads the published text of a file back from Git, by its lock fingerprint, for a correction's old values."""

from __future__ import annotations

import posixpath
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .fingerprint import is_site_wide, sha256
from .read import _decode, split_front_matter
from .yamlspans import parse

# How many past versions of one file are tried before giving up: the work stays bounded on a long history.
MAX_VERSIONS = 500
# Seconds one Git command may take before it is given up on (a hung Git must not hang the build).
GIT_TIMEOUT = 60


def _git(root: Path, *args: str) -> bytes | None:
    try:
        done = subprocess.run(
            ["git", "--literal-pathspecs", "-C", str(root), *args], capture_output=True, timeout=GIT_TIMEOUT
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _blobs(root: Path, rel: str) -> list[str]:
    """Blob ids the file has had: the index first, then every commit on any branch, newest first."""
    staged = _git(root, "ls-files", "-s", "--", rel) or b""
    # Every line is "mode blob stage\tpath": the blob is the second field.
    ids = [line.split()[1].decode() for line in staged.splitlines()]
    log = _git(root, "log", "--all", "--format=", "--raw", "--no-abbrev", "--no-renames", "--", rel) or b""
    for line in log.splitlines():
        # An empty --format leaves raw lines (":old_mode new_mode old_blob new_blob status\tpath") and blank lines
        if line.startswith(b":"):
            parts = line.split()
            ids += [parts[3].decode(), parts[2].decode()]
    return [i for i in dict.fromkeys(ids) if i.strip("0")][:MAX_VERSIONS]


def published_text(root: Path, rel: str, fingerprint: str) -> bytes | None:
    """The version of a file whose fingerprint is the lock's, found in Git; None if Git has no such version."""
    for blob in _blobs(root, rel):
        raw = _git(root, "cat-file", "blob", blob)
        if raw is not None and sha256(raw) == fingerprint:
            return raw
    return None


def files_when_written(root: Path, names: Iterable[str], written: str) -> tuple[str, dict[str, bytes]] | None:
    """The site-wide files of names (files, and folders ending in /: the pages and pictures the site shows) as they
    were in the commit that added the file `written` (a lock: the edition as published): (that commit, each file's
    text); None when Git has no such commit. The root may be a folder inside the repository."""
    commit = (_git(root, "log", "--diff-filter=A", "-1", "--format=%H", "--", written) or b"").decode().strip()
    if not commit:
        return None
    # -z: names as they are (Git quotes a name with other than ASCII letters otherwise).
    listed = _git(root, "ls-tree", "-r", "-z", "--name-only", "--full-name", commit, "--", *names) or b""
    prefix = (_git(root, "rev-parse", "--show-prefix") or b"").decode("utf-8", "surrogateescape").strip()
    out: dict[str, bytes] = {}
    for line in listed.decode("utf-8", "surrogateescape").split("\0"):
        rel = line[len(prefix) :] if line.startswith(prefix) and line else ""
        if rel and is_site_wide(rel) and (raw := _shown_then(root, commit, rel)) is not None:
            out[rel] = raw
    return commit, out


# Links followed from one file of a commit before giving up (a loop of links shows nothing).
_HOPS = 8


def _shown_then(root: Path, commit: str, rel: str) -> bytes | None:
    """A file's bytes in a commit as the site showed them: for a symbolic link (Git keeps the link, not its file)
    those of the file it led to in that commit; None for a link that led out of the root or nowhere."""
    for _ in range(_HOPS):
        entry = (_git(root, "ls-tree", "-z", commit, "--", f"./{rel}") or b"").split(b"\0")[0]
        if not entry.startswith(b"120000 "):
            return _git(root, "show", f"{commit}:./{rel}") if entry else None
        target = (_git(root, "show", f"{commit}:./{rel}") or b"").decode("utf-8", "surrogateescape")
        rel = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
        if not target or target.startswith("/") or rel.startswith(".."):
            return None
    return None


def shallow(root: Path) -> bool:
    """Whether the Git repository holding root has only part of its history (a shallow clone)."""
    return (_git(root, "rev-parse", "--is-shallow-repository") or b"").strip() == b"true"


def parse_content(rel: str, raw: bytes) -> tuple[dict[str, Any], str | None] | None:
    """A content file's fields and Markdown body (None for a YAML file); None when it cannot be read as either."""
    text, _ = _decode(raw, rel)
    if text is None:  # _decode has problems exactly when it has no text
        return None
    if rel.endswith(".md"):
        front, body, _, problems = split_front_matter(text, rel)
        if front is None:
            return None
        data, _, problems = parse(front, rel)
        return (data, body) if not problems and isinstance(data, dict) else None
    if rel.endswith((".yml", ".yaml")):
        data, _, problems = parse(text, rel)
        return (data, None) if not problems and isinstance(data, dict) else None
    return None
