"""The command line: exit codes, output formats, --strict, --debug and the not-yet commands."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, overlay

from generator.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], capture_output=True, text=True, cwd=REPO)


def test_validate_ok_exits_0(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--root", str(project)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "0 errors, 2 warnings in 18 files"


def test_root_before_or_after_the_command(project: Path) -> None:
    assert main(["--root", str(project), "validate"]) == 0
    assert main(["validate", "--root", str(project)]) == 0


def test_strict_fails_on_warnings(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--strict", "--root", str(project)]) == 1
    assert "2 errors, 0 warnings" in capsys.readouterr().out


def test_errors_exit_1_with_every_problem(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for case in ("bad-status", "last-reported-later", "edition-year-mismatch"):
        overlay(project, case)
    assert main(["validate", "--root", str(project)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "4 errors, 2 warnings in 18 files"
    assert [line.split(":")[0] for line in out if ": error: " in line] == [
        "content/2022/edition.yml",
        "initiatives/2021/02-school-years/outdoor-centres.md",
        "initiatives/2021/02-school-years/outdoor-centres.md",
        "initiatives/2022/03-good-jobs/job-fairs.md",
    ]


def test_github_format(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    overlay(project, "bad-status")
    assert main(["validate", "--format", "github", "--root", str(project)]) == 1
    lines = capsys.readouterr().out.splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    assert len(errors) == 1
    assert errors[0].startswith("::error file=initiatives/2022/03-good-jobs/job-fairs.md,line=5,col=9::status: ")
    assert any(line.startswith("::warning file=") for line in lines)


def test_json_format(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    overlay(project, "bad-status")
    assert main(["validate", "--format", "json", "--root", str(project)]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["errors"] == 1 and payload["warnings"] == 2 and payload["files"] == 18
    first = next(p for p in payload["problems"] if p["severity"] == "error")
    assert (first["path"], first["line"], first["col"], first["severity"]) == (
        "initiatives/2022/03-good-jobs/job-fairs.md",
        5,
        9,
        "error",
    )


def test_serve_refuses_an_impossible_port_and_exits_2(project: Path) -> None:
    # serve itself runs until stopped: tests/test_serve.py starts and stops it.
    result = run("serve", "--root", str(project), "--port", "70000")
    assert result.returncode == 2
    assert "--port 70000 is not a port" in result.stderr


def test_wrong_usage_exits_2(tmp_path: Path) -> None:
    assert run("frobnicate").returncode == 2
    assert run("validate", "--root", str(tmp_path / "missing")).returncode == 2


def test_no_traceback_without_debug_and_one_with_it(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import generator.cli as cli

    def boom(args: object) -> int:
        raise RuntimeError("kaboom")

    monkeypatch.setitem(cli.HANDLERS, "validate", boom)
    assert main(["validate", "--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert "internal error: RuntimeError('kaboom')" in err and "Traceback" not in err
    assert main(["validate", "--debug", "--root", str(project)]) == 1
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_internal_error_message_and_traceback(project: Path) -> None:
    # A real subprocess: an unreadable file type (a folder named like a page) must not leak a traceback.
    (project / "content" / "pages" / "odd.md").mkdir()
    result = run("validate", "--root", str(project))
    assert "Traceback" not in result.stderr + result.stdout


def test_validate_does_not_load_the_build_and_waits_as_the_build_does() -> None:
    """The CLI imports a command when it runs, so validate starts without matplotlib or the renderer."""
    code = "import sys, generator.cli; print(sorted(m for m in sys.modules if m.startswith(('matplotlib', 'mkdocs'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "[]"
    from generator import cli
    from generator.commands import build

    assert cli.WAIT == build.WAIT


def test_output_to_a_reader_that_has_gone_ends_quietly(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """levelup validate | head: once head has exited, the next write fails; no "internal error" for that."""

    class Gone:
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

        def fileno(self) -> int:
            raise io.UnsupportedOperation("fileno")  # as io.StringIO: no file to point at the null device

    monkeypatch.setattr(sys, "stdout", Gone())
    assert main(["validate", "--root", str(project)]) == 141
    assert "internal error" not in capsys.readouterr().err


def test_no_file_name_or_message_steers_the_terminal(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file named with an escape sequence, or with U+202E (which turns 'gpj.md' into 'dm.jpg' on screen)."""
    name = "x\x1b[31mRED\u202egpj.md"
    source = project / "initiatives/2022/01-early-years/reading-start.md"
    (source.parent / name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["validate", "--root", str(project)]) == 1
    out = capsys.readouterr().out
    assert "x\\x1b[31mRED\\u202egpj.md:2:5: error: id 'reading-start' does not match the file name" in out
    assert "\x1b" not in out and "\u202e" not in out
    assert main(["build", "--root", str(project / "gone\x1b[2J")]) == 2
    assert "gone\\x1b[2J is not a folder" in capsys.readouterr().err
