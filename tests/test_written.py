"""What publish writes (a lock, edition.yml, the corrections log) is checked as validate would read it, before it is
written: content/validate.written_problems, rule by rule, in the fast loop (test_publish.py drives it end to end)."""

from __future__ import annotations

from conftest import VALID

from generator.content import limits
from generator.content.enums import DocumentKind
from generator.content.validate import written_problems

REL = "content/2022/edition.yml"
GOOD = (VALID / REL).read_text(encoding="utf-8")
SUMMARY = "summary: The second audit, carrying the first forward and adding what is new.\n"


def check(text: str) -> list[tuple[str, int, int, str, str]]:
    return [(p.path, p.line, p.col, p.message, p.hint) for p in written_problems(REL, text, DocumentKind.EDITION, 2022)]


def test_a_file_as_validate_accepts_it_passes() -> None:
    assert SUMMARY in GOOD and check(GOOD) == []


def test_a_file_over_the_readers_size_limit_is_refused_with_no_hint_to_split_it() -> None:
    at_limit = GOOD + "#" + "x" * (limits.FILE_LIMIT - len(GOOD.encode("utf-8")) - 2) + "\n"
    assert len(at_limit.encode("utf-8")) == limits.FILE_LIMIT and check(at_limit) == []
    assert check(at_limit + "x") == [(REL, 1, 1, "the file is 1,025 KB; the limit is 1,024 KB", "")]


def test_each_of_the_readers_checks_names_the_file_and_place() -> None:
    assert check(GOOD.replace("title: Audit 2022", "title: Audit \x07 2022")) == [
        (REL, 2, 14, "control character U+0007 is not allowed", "delete it; only tabs and line breaks may be used")
    ]
    assert check(GOOD.replace("title: Audit 2022", "title: [Audit")) == [
        (REL, 3, 7, "YAML syntax error: expected ',' or ']', but got ':'", "")
    ]
    headings = "summary: |\n" + "".join(f"  # Part {n}\n" for n in range(201))
    found = check(GOOD.replace(SUMMARY, headings))
    assert [(path, line, message[:25]) for path, line, _, message, _ in found] == [
        (REL, 5, "the file has 201 headings")
    ]
    assert [(path, message) for path, _, _, message, _ in check(GOOD + "colour: blue\n")] == [
        (REL, "unknown field 'colour'")
    ]
