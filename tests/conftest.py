"""Shared fixtures: the valid fixture project, and a way to copy it with one file changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
REPO = Path(__file__).parent.parent


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the valid fixture project."""
    root = tmp_path / "project"
    shutil.copytree(VALID, root)
    return root


def overlay(root: Path, case: str) -> Path:
    """Copy an invalid case's files over a project; returns the root."""
    shutil.copytree(INVALID / case / "files", root, dirs_exist_ok=True)
    return root
