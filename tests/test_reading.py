"""Reading is independent of how a file was saved: a BOM, CRLF or CR line endings change nothing, and
character references in HTML are decoded before the allowlist judges them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import INVALID, overlay

from generator.content.check import check
from generator.content.problems import ERROR

JOB_FAIRS = "initiatives/2022/03-good-jobs/job-fairs.md"
SITE = "content/site.yml"


def _resave(path: Path, bom: bool, newline: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_bytes(("\ufeff" if bom else "").encode() + text.replace("\n", newline).encode("utf-8"))


@pytest.mark.parametrize(("bom", "newline"), [(True, "\n"), (False, "\r\n"), (True, "\r\n"), (False, "\r")])
def test_a_bom_and_any_line_ending_read_the_same(project: Path, bom: bool, newline: str) -> None:
    plain = check(project)
    assert plain.project is not None
    for rel in (JOB_FAIRS, SITE, "content/goals.yml"):
        _resave(project / rel, bom, newline)
    resaved = check(project)
    assert [p.text() for p in resaved.problems] == [p.text() for p in plain.problems]
    # The model is equal field by field: no title starts with a BOM, no body line ends in \r.
    assert resaved.project == plain.project


@pytest.mark.parametrize(("bom", "newline"), [(True, "\r\n"), (False, "\r")])
def test_errors_in_a_crlf_file_keep_their_line_and_column(project: Path, bom: bool, newline: str) -> None:
    overlay(project, "bad-status")
    _resave(project / JOB_FAIRS, bom, newline)
    errors = [p.text() for p in check(project).problems if p.severity == ERROR]
    assert errors == (INVALID / "bad-status" / "expected.txt").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize(
    "link",
    [
        "&#106;avascript:alert(1)",  # decimal reference for j
        "&#x6A;avascript:alert(1)",  # hex reference
        "&#0000106;avascript:alert(1)",  # zero padding
        "javascript&colon;alert(1)",  # named reference for the colon
        "jav&Tab;ascript:alert(1)",  # a named tab inside the scheme
    ],
)
def test_character_references_are_decoded_before_the_allowlist(project: Path, link: str) -> None:
    path = project / JOB_FAIRS
    path.write_text(path.read_text(encoding="utf-8") + f'\n<a href="{link}">more</a>\n', encoding="utf-8")
    errors = [p for p in check(project).problems if p.severity == ERROR]
    assert [(p.path, p.line) for p in errors] == [(JOB_FAIRS, 23)]
    assert "is not allowed" in errors[0].message


def test_an_entity_in_plain_text_is_kept_as_text(project: Path) -> None:
    path = project / JOB_FAIRS
    path.write_text(path.read_text(encoding="utf-8") + "\nFish &amp; chips &lt;b&gt; for 5 &pound;\n", encoding="utf-8")
    checked = check(project)
    assert [p for p in checked.problems if p.severity == ERROR] == []


def test_a_named_pipe_in_the_content_is_an_error_not_a_wait(project: Path) -> None:
    """Reading a pipe with no writer would wait for ever: every read of content refuses what is not a regular
    file, named like a page or not, and says so at its path."""
    os.mkfifo(project / "content/2021/notes.md")  # read as a page
    os.mkfifo(project / "content/2021/pipe")  # read only to fingerprint the published edition
    problems = [p.text() for p in check(project).problems if p.severity == ERROR]
    assert (
        "content/2021/notes.md:1:1: error: cannot read file: not a regular file (a named pipe or a device)" in problems
    )
    assert any(
        p.startswith("content/2021/pipe:1:1: error: this file was added to the published 2021") for p in problems
    )
