"""Tests that kill mutmut's surviving mutants of problems: GitHub annotations of warnings, hints and line breaks."""

from __future__ import annotations

from generator.content.problems import ERROR, WARNING, Problem


def test_a_warning_annotation_says_warning_and_carries_its_hint() -> None:
    problem = Problem("a.md", 3, 4, "too long", WARNING, hint="shorten it")
    assert problem.github() == "::warning file=a.md,line=3,col=4::too long (shorten it)"
    assert Problem("a.md", 3, 4, "bad", ERROR).github() == "::error file=a.md,line=3,col=4::bad"


def test_an_annotation_escapes_percent_and_both_line_breaks() -> None:
    problem = Problem("a,b:c.md", 1, 1, "50%\r\nnext\rlast")
    assert problem.github() == "::error file=a%2Cb%3Ac.md,line=1,col=1::50%25%0D%0Anext%0Dlast"
