"""Tests that kill mutmut's surviving mutants of sanitise."""

from __future__ import annotations

import pytest

from generator.content.sanitise import findings


@pytest.mark.parametrize(
    ("html", "written", "read"),
    [
        ("<!DOCTYPE html><p>a</p>", "<!DOCTYPE html>", "nothing"),
        ("<?php echo 1 ?><p>a</p>", "<!php echo 1 ?>", "<!--?php echo 1 ?-->"),
        ("<![CDATA[x]]><p>a</p>", "<!CDATA[x>", "<!--[CDATA[x]]-->"),
    ],
)
def test_declarations_and_processing_instructions_are_refused(html: str, written: str, read: str) -> None:
    (finding,) = findings(html)
    assert finding.message == f"the sanitiser would rewrite '{written}' as '{read}'"
    assert finding.needles == ("<!",)
