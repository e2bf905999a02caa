"""The only module that writes: docs trees into a staging folder, the finished site into place, and
content files (locks, corrections, scaffolds) each whole or not at all."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml


def write_files(base: Path, files: Mapping[str, str | bytes]) -> None:
    """Write a tree of files under base (text as UTF-8 with \\n line endings)."""
    for rel, content in sorted(files.items()):
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="\n")


def write_config(path: Path, config: Mapping[str, Any]) -> None:
    """Write an mkdocs.yml."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(dict(config), sort_keys=False, allow_unicode=True), encoding="utf-8")


def staging(root: Path) -> Path:
    """A fresh folder beside site/ (same file system, so the final swap is a rename)."""
    build = root / ".build"
    build.mkdir(exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="build-", dir=build))


def replace_site(staged: Path, site: Path) -> None:
    """Swap the finished site into place; the old one is removed only after the new one is there."""
    old = site.with_name(site.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    staged.rename(site)
    if old.exists():
        shutil.rmtree(old)


def discard(path: Path) -> None:
    """Remove a staging folder, whether the build finished or failed."""
    shutil.rmtree(path, ignore_errors=True)


def _temporary(path: Path, content: str | bytes) -> Path:
    """content in a hidden file beside path, flushed to disk, ready to be renamed over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    data = content.encode("utf-8") if isinstance(content, str) else content
    with os.fdopen(handle, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    return Path(name)


def replace_files(files: Mapping[Path, str]) -> None:
    """Replace several files (text, UTF-8, \\n endings) so that each is either old or new, never half-written.

    Every new text is on disk before the first rename, so a full disk changes nothing."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, text in files.items():
            staged.append((_temporary(path, text), path))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, path in staged:
        os.replace(temporary, path)


def create_file(path: Path, text: str) -> None:
    """Write a new file; refuses (FileExistsError) to replace one that exists."""
    temporary = _temporary(path, text)
    try:
        os.link(temporary, path)  # fails if path exists: never overwrites, even in a race
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if path.exists():
            raise FileExistsError(str(path)) from None
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def create_trees(trees: Mapping[Path, Mapping[str, bytes]]) -> None:
    """Create new folders, each with its files, all or nothing; refuses (FileExistsError) if any exists."""
    for folder in trees:
        if folder.exists():
            raise FileExistsError(str(folder))
    staged: list[tuple[Path, Path]] = []
    done: list[Path] = []
    try:
        for folder, files in trees.items():
            folder.parent.mkdir(parents=True, exist_ok=True)
            temporary = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
            staged.append((temporary, folder))
            write_files(temporary, files)
        for temporary, folder in staged:
            temporary.rename(folder)  # on POSIX a rename onto an existing non-empty folder fails
            done.append(folder)
    except BaseException:
        for folder in done:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        for temporary, _ in staged:
            shutil.rmtree(temporary, ignore_errors=True)


def remove_file(path: Path) -> None:
    """Remove a file this run created (a scaffold that turned out invalid)."""
    path.unlink(missing_ok=True)


def sync_files(base: Path, files: Mapping[str, str | bytes], before: Mapping[str, str | bytes]) -> set[str]:
    """Make the tree under base hold files, given that it holds before: write only what differs and remove what
    is gone, so a renderer that compares times (MkDocs --dirty) redoes only those. Returns the paths touched."""
    changed = {rel for rel, content in files.items() if before.get(rel) != content}
    write_files(base, {rel: files[rel] for rel in changed})
    for rel in before.keys() - files.keys():
        (base / rel).unlink(missing_ok=True)
        changed.add(rel)
    return changed


def signal(path: Path, text: str) -> None:
    """Replace a small file with a new one (a new inode, so even a polling watcher sees it); no fsync: a signal."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(name, path)


def scratch(root: Path, prefix: str) -> Path:
    """A fresh private folder under root/.build (the preview's staging: docs, site, signal)."""
    build = root / ".build"
    build.mkdir(exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=prefix, dir=build))
