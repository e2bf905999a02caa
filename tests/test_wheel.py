"""The package carries its theme: a wheel installed into a fresh venv builds a content tree from any folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, VALID

from generator.site.minify import minified_css


def _run(args: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    # Without PYTHONPATH, so nothing but the venv's own installed package can be imported.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a clean copy of the source (no stale build/ folder can leak into it)."""
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("generator", "theme"):
        shutil.copytree(REPO / name, src / name, ignore=ignore)
    done = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", base / "dist", src], base)
    assert done.returncode == 0, done.stdout + done.stderr
    (found,) = (base / "dist").glob("*.whl")
    return found


def test_the_wheel_holds_every_module_and_every_theme_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(REPO).as_posix() for p in (REPO / "generator").rglob("*.py")}
    schemas = {p.relative_to(REPO).as_posix() for p in (REPO / "generator").rglob("*.schema.json")}
    theme = {"generator/" + p.relative_to(REPO).as_posix() for p in (REPO / "theme").rglob("*") if p.is_file()}
    preview = {p.relative_to(REPO).as_posix() for p in (REPO / "generator" / "serve").glob("*.[jm][sd]")}
    assert modules <= names, sorted(modules - names)
    assert preview and preview <= names, sorted(preview - names)
    assert schemas <= names, sorted(schemas - names)
    assert theme <= names, sorted(theme - names)
    assert "generator/theme/labels.yml" in theme and "generator/theme/templates/goal.md.j2" in theme


def test_installed_wheel_builds_a_content_tree_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    # System site-packages give the dependencies offline; the venv's own copy of the package comes first.
    venv = tmp_path / "venv"
    done = _run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", venv], tmp_path)
    assert done.returncode == 0, done.stderr
    python = venv / "bin" / "python"
    done = _run([python, "-m", "pip", "install", "--no-deps", "--force-reinstall", "--quiet", wheel], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr

    script = (
        "import generator.content.theme as t; print(t.__file__, t.TOOL_THEME, t.bundled_digest() == t.CHECKED_SHA256)"
    )
    where = _run([python, "-c", script], tmp_path)
    module, theme, as_checked = where.stdout.split()
    assert Path(module).is_relative_to(venv) and Path(theme) == Path(module).parent.parent / "theme", where.stdout
    assert not Path(module).is_relative_to(REPO)
    assert as_checked == "True", "the installed theme's files are not those the tests checked"

    root = tmp_path / "content tree"
    shutil.copytree(VALID, root)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = _run([venv / "bin" / "levelup", "build", "--root", root], elsewhere)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == f"Built 2 editions (38 pages) into {root / 'site'}"
    site = root / "site"
    home = (site / "2022" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in home
    # The draft notice comes from the packaged theme's overrides and labels.
    assert "Draft: the 2022 edition is not yet published and may still change." in home
    theme_css = minified_css((REPO / "theme/assets/extra.css").read_bytes())  # as every build publishes it
    assert (site / "2022" / "assets" / "extra.css").read_bytes() == theme_css
    assert (site / "2022" / "charts" / "status-by-goal.svg").is_file()
    assert "This page has moved to" in (site / "index.html").read_text(encoding="utf-8")
    assert not list(elsewhere.iterdir()), "nothing is written into the folder the command runs from"
