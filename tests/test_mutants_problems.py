"""Tests that kill mutmut's surviving mutants of problems: GitHub annotations of warnings, hints and line breaks."""

from __future__ import annotations

import json

from generator.content.problems import ERROR, WARNING, Problem, promote_warnings, render, summary


def test_a_warning_annotation_says_warning_and_carries_its_hint() -> None:
    problem = Problem("a.md", 3, 4, "too long", WARNING, hint="shorten it")
    assert problem.github() == "::warning file=a.md,line=3,col=4::too long (shorten it)"
    assert Problem("a.md", 3, 4, "bad", ERROR).github() == "::error file=a.md,line=3,col=4::bad"


def test_an_annotation_escapes_percent_and_both_line_breaks() -> None:
    problem = Problem("a,b:c.md", 1, 1, "50%\r\nnext\rlast")
    assert problem.github() == "::error file=a%2Cb%3Ac.md,line=1,col=1::50%25%0D%0Anext%0Dlast"


def test_strict_makes_every_warning_an_error_and_keeps_its_hint() -> None:
    warning = Problem("a.md", 3, 4, "too long", WARNING, hint="shorten it")
    assert promote_warnings([warning]) == [Problem("a.md", 3, 4, "too long", ERROR, hint="shorten it")]


def test_the_summary_counts_in_words_singular_for_one() -> None:
    one = [Problem("a.md", 1, 1, "bad"), Problem("a.md", 2, 1, "long", WARNING)]
    assert summary(one, 1) == "1 error, 1 warning in 1 file"
    two = [*one, Problem("b.md", 1, 1, "worse"), Problem("b.md", 2, 1, "longer", WARNING)]
    assert summary(two, 2) == "2 errors, 2 warnings in 2 files"
    assert summary([], 0) == "0 errors, 0 warnings in 0 files"


def test_text_output_is_sorted_lines_then_the_summary() -> None:
    problems = [Problem("b.md", 1, 1, "later", WARNING), Problem("a.md", 2, 1, "first", hint="fix")]
    assert render(problems, "text", 2) == (
        "a.md:2:1: error: first (fix)\nb.md:1:1: warning: later\n1 error, 1 warning in 2 files"
    )
    assert render(problems, "github", 2) == (
        "::error file=a.md,line=2,col=1::first (fix)\n::warning file=b.md,line=1,col=1::later\n"
        "1 error, 1 warning in 2 files"
    )


def test_json_output_is_every_field_and_the_counts_indented_and_unescaped() -> None:
    problems = [Problem("b.md", 1, 1, "später", WARNING), Problem("a.md", 2, 3, "first", hint="fix")]
    out = render(problems, "json", 5)
    assert json.loads(out) == {
        "problems": [
            {"path": "a.md", "line": 2, "col": 3, "message": "first", "severity": "error", "hint": "fix"},
            {"path": "b.md", "line": 1, "col": 1, "message": "später", "severity": "warning", "hint": ""},
        ],
        "errors": 1,
        "warnings": 1,
        "files": 5,
    }
    assert out.startswith('{\n  "problems": [\n    {\n      "path": "a.md",\n')
    assert '"message": "später"' in out  # UTF-8 as it is, not \u escapes
    assert render([], "json", 0) == '{\n  "problems": [],\n  "errors": 0,\n  "warnings": 0,\n  "files": 0\n}'
