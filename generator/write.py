"""The only module that writes: docs trees into a staging folder, and the finished site into place."""

from __future__ import annotations

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
