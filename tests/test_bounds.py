"""Bounded work on any input: hostile files are refused with a clear message before they cost time or memory.

These tests assert behaviour (the exact error, what is never built), not timings; benchmarks/worst_case.py
measures the time each input takes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.content import limits, markdown_bounds, yamlscan
from generator.content.check import check
from generator.content.problems import ERROR
from generator.content.yamlspans import Spans, parse
from generator.site.charts import draw

JOB_FAIRS = "initiatives/2022/03-good-jobs/job-fairs.md"


def errors_of(root: Path) -> list[str]:
    return [p.text() for p in check(root).problems if p.severity == ERROR]


def initiative(
    root: Path, *, extra: str = "", title: str = "Job fairs", body: str = "Five fairs.\n", summary: str = "Fairs."
) -> None:
    """Rewrite the fixture's job-fairs initiative with the given title, summary, extra fields and body."""
    (root / JOB_FAIRS).write_text(
        f"---\nid: job-fairs\ntitle: {title}\ngoal: 3\nstatus: planned\nsummary: {summary}\nplaces: [Northtown]\n"
        f"source: Exampleshire audit update, 2022\nlast_reported: 2022\n{extra}---\n{body}",
        encoding="utf-8",
    )


def only_error(root: Path) -> str:
    (found,) = errors_of(root)
    return found.removeprefix(f"{JOB_FAIRS}:")


# --- YAML: aliases, anchors, tags, depth and size are refused before anything is built --------------


def billion_laughs(levels: int = 9) -> str:
    lines = ['l0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"l{n}: &a{n} [{','.join([f'*a{n - 1}'] * 9)}]" for n in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def test_a_billion_laughs_file_is_refused_without_expanding_it(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_construction(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("nothing of a refused document may be constructed")

    monkeypatch.setattr(yaml.constructor.SafeConstructor, "construct_object", no_construction)
    data, _, problems = parse(billion_laughs(), "laughs.yml")
    assert data is None
    assert [p.text() for p in problems][:3] == [
        "laughs.yml:1:5: error: YAML anchors (&a0) are not allowed (write the value out in full)",
        "laughs.yml:2:5: error: YAML anchors (&a1) are not allowed (write the value out in full)",
        "laughs.yml:2:10: error: YAML aliases (*a0) are not allowed (write the value out in full)",
    ]
    assert len(problems) == 10 + 9  # every anchor, and each alias name once


def test_a_billion_laughs_initiative_is_refused(project: Path) -> None:
    initiative(project, extra=billion_laughs(3))
    assert errors_of(project)[0] == (
        f"{JOB_FAIRS}:10:5: error: YAML anchors (&a0) are not allowed (write the value out in full)"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: !!timestamp\n", "1:8: error: YAML tag '!!timestamp' is not allowed"),
        ("!!timestamp title:\n", "1:1: error: YAML tag '!!timestamp' is not allowed"),
        ("title: !!str 5\n", "1:8: error: YAML tag '!!str' is not allowed"),
        ('a: !!python/object/apply:os.system ["true"]\n', "1:4: error: YAML tag '!!python/object/apply:os.system'"),
        ("a: !custom {b: 1}\n", "1:4: error: YAML tag '!custom' is not allowed"),
        ("a: &x 1\n", "1:4: error: YAML anchors (&x) are not allowed"),
        ("a: &x [*x]\n", "1:4: error: YAML anchors (&x) are not allowed"),
        ("a: *x\n", "1:4: error: YAML aliases (*x) are not allowed"),
    ],
)
def test_aliases_anchors_and_tags_are_refused_where_they_are_written(text: str, message: str) -> None:
    data, _, problems = parse(text, "f.yml")
    assert data is None
    assert problems[0].text().startswith(f"f.yml:{message}")
    assert problems[0].hint


def test_a_100000_deep_nesting_is_refused_at_the_depth_limit_without_recursing() -> None:
    text = "a: " + "[" * 100_000 + "]" * 100_000 + "\n"
    data, _, problems = parse(text, "f.yml", line_offset=1)
    assert data is None
    # The 17th bracket opens level 17 (the mapping is level 1): column 3 + 16 + 1.
    assert [p.text() for p in problems] == [
        "f.yml:2:19: error: YAML is nested more than 16 levels deep "
        "(content needs only a few levels; check the indentation and the brackets)"
    ]


def test_block_nesting_is_refused_too() -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(40))
    assert parse(text, "f.yml")[2][0].message == "YAML is nested more than 16 levels deep"


def test_nesting_up_to_the_limit_is_accepted() -> None:
    depth = yamlscan.DEPTH_LIMIT - 1  # plus the top-level mapping
    data, _, problems = parse("a: " + "[" * depth + "1" + "]" * depth + "\n", "f.yml")
    assert problems == []
    assert data is not None


def test_more_values_than_the_limit_are_refused_at_the_first_one_over() -> None:
    text = "a: [" + "0," * yamlscan.NODE_LIMIT + "0]\n"
    _, _, problems = parse(text, "f.yml")
    # The mapping, the key 'a' and the list are 3 values: the list's 19,998th item is the 20,001st value.
    assert [(p.line, p.col, p.message) for p in problems] == [
        (1, 5 + 2 * (yamlscan.NODE_LIMIT - 3), "the file has more than 20,000 YAML values")
    ]


def test_prescan_is_separate_and_takes_the_loader(tmp_path: Path) -> None:
    # The faster libyaml loader can replace the pure-Python one without touching the refusals.
    text = "a: &x !!timestamp 1\nb: *x\n"
    pure = yamlscan.prescan(text)[1]
    assert yaml.__with_libyaml__
    fast = yamlscan.prescan(text, loader=yaml.CSafeLoader)[1]
    assert [(r.line, r.col, r.message) for r in fast] == [(r.line, r.col, r.message) for r in pure]
    assert [r.message for r in pure] == [
        "YAML anchors (&x) are not allowed",
        "YAML tag '!!timestamp' is not allowed",
        "YAML aliases (*x) are not allowed",
    ]


def test_accepted_yaml_is_composed_once_from_the_scanned_events() -> None:
    text = "title: Job fairs\nmetrics:\n  - {label: Fairs, value: 5}\nwhen: 2022-01-02\n"
    events, refused = yamlscan.prescan(text)
    assert refused == []
    assert yaml.serialize(yamlscan.compose(events)) == yaml.serialize(yaml.compose(text, Loader=yaml.SafeLoader))
    data, _, problems = parse(text, "f.yml")
    assert problems == []
    assert data == {"title": "Job fairs", "metrics": [{"label": "Fairs", "value": 5}], "when": "2022-01-02"}


def test_syntax_errors_keep_their_messages() -> None:
    _, _, problems = parse("a: b: c\n", "f.yml")
    assert problems[0].text() == (
        "f.yml:1:5: error: YAML syntax error: mapping values are not allowed here "
        "(a value that contains ': ' must be quoted)"
    )
    assert parse("a: 1\n---\nb: 2\n", "f.yml")[2][0].message == "YAML syntax error: but found another document"


def test_an_impossible_date_as_a_key_is_an_error_not_a_crash() -> None:
    assert parse("2022-13-45: x\n", "f.yml")[2][0].message == "value cannot be read: month must be in 1..12"


# --- sizes ---------------------------------------------------------------------------------------------


def test_a_file_over_the_limit_is_refused_and_never_read_whole(project: Path) -> None:
    path = project / JOB_FAIRS
    with path.open("r+b") as handle:
        handle.truncate(2 * 1024**3)  # a sparse 2 GB file: costs no disk
    raw, size = limits.read_bytes(path)
    assert (len(raw), size) == (limits.FILE_LIMIT + 1, 2 * 1024**3)
    assert errors_of(project) == [
        f"{JOB_FAIRS}:1:1: error: the file is 2,097,152 KB; the limit is 1,024 KB (split it into smaller files)"
    ]


def test_a_file_at_the_limit_is_read(project: Path) -> None:
    initiative(project, body="")
    path = project / JOB_FAIRS
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "# " * ((limits.FILE_LIMIT - len(text)) // 2), encoding="utf-8")
    assert os.path.getsize(path) <= limits.FILE_LIMIT
    # Read, and then refused for what it holds rather than its size.
    assert [e.split(": error: ")[1].split(";")[0] for e in errors_of(project)] == ["the body is 1,024 KB"]


def test_a_body_over_the_limit_is_refused_at_its_first_line(project: Path) -> None:
    initiative(project, body="Plain words. " * 5_500)
    assert only_error(project) == "11:1: error: the body is 70 KB; the limit is 64 KB (split it into several pages)"


def test_any_text_value_over_the_reader_limit_is_refused(project: Path) -> None:
    initiative(project, extra="anything: " + "x" * 65_537 + "\n")
    assert (
        only_error(project)
        == "10:11: error: anything: text is 65,537 characters; the limit for any text is 65,536 (shorten it)"
    )


def test_a_field_over_its_own_limit_is_refused_with_it(project: Path) -> None:
    initiative(project, title="T" * 301)
    assert only_error(project) == "3:8: error: title: text is 301 characters; the limit is 300 (shorten it)"


def test_unknown_long_text_is_quoted_short_in_messages(project: Path) -> None:
    initiative(project, extra="goal_x: " + "y" * 1_000 + "\n")
    (found,) = errors_of(project)
    assert len(found) < 300


def test_every_text_field_has_a_length_limit_and_every_list_a_size_limit() -> None:
    from generator.content.read import read_schemas

    def walk(spec: Any, where: str) -> list[str]:
        missing = []
        if isinstance(spec, dict):
            if spec.get("type") == "string" and "maxLength" not in spec and "enum" not in spec:
                missing += [] if "pattern" in spec and spec["pattern"].endswith(("$", "$(?!\\n)")) else [where]
            if spec.get("type") == "array" and "maxItems" not in spec:
                missing.append(where)
            for key, value in spec.items():
                missing += walk(value, f"{where}/{key}")
        return missing

    schemas = read_schemas()
    assert [m for name, schema in schemas.items() for m in walk(schema, name)] == []
    assert all(spec.get("maxLength", 0) <= limits.TEXT_LIMIT for schema in schemas.values() for spec in _specs(schema))


def _specs(spec: Any) -> list[dict[str, Any]]:
    if isinstance(spec, dict):
        return [spec] + [s for value in spec.values() for s in _specs(value)]
    if isinstance(spec, list):
        return [s for value in spec for s in _specs(value)]
    return []


# --- numbers -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("9" * 400, "value: a number written with 400 characters is too long; numbers are at most "),
        ("1.0e+308", "value: 1.0e+308 is too large; numbers must be at most "),
        ("1000000000000001", "value: 1000000000000001 is too large; numbers must be at most "),
        ("-1.0e+16", "value: -1.0e+16 is too large; numbers must be at most "),
        (".inf", "value: .inf is not a finite number"),
        ("-.inf", "value: -.inf is not a finite number"),
        (".nan", "value: .nan is not a finite number"),
        ("1:" * 5_000 + "0", "value: a number written with 10,001 characters is too long"),
    ],
)
def test_numbers_must_be_finite_and_at_most_10_to_the_15(written: str, message: str) -> None:
    data, _, problems = parse(f"value: {written}\n", "f.yml")
    assert data is None
    assert problems[0].text().startswith(f"f.yml:1:8: error: {message}")
    if "large" in message or "long" in message:
        assert problems[0].message.endswith("1,000,000,000,000,000 (10^15)")


def test_the_largest_number_is_accepted() -> None:
    assert parse("value: 1000000000000000\nsmall: 1.0e-300\n", "f.yml")[0] == {
        "value": 10**15,
        "small": 1e-300,
    }


# --- characters ----------------------------------------------------------------------------------------


def test_a_nul_in_the_body_is_refused_at_its_own_line_and_column(project: Path) -> None:
    initiative(project, body="Five job\nfairs\x00 and more.\n")
    assert only_error(project) == (
        "12:6: error: control character U+0000 is not allowed (delete it; only tabs and line breaks may be used)"
    )


def test_an_escaped_control_character_is_refused_at_its_escape(project: Path) -> None:
    initiative(project, title='"Job\n  fairs \\x07 today"')
    assert only_error(project) == (
        "4:9: error: title: control character U+0007 is not allowed (delete it; only tabs and line breaks may be used)"
    )


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ('"a\\ud800b"', "title: half of a character (U+D800, a lone surrogate) is not allowed"),
        ('"a\\Lb"', "title: invisible line separator U+2028 is not allowed"),
        ('"a\\eb"', "title: control character U+001B is not allowed"),
        ('"a\\rb"', "title: control character U+000D is not allowed"),
        ('"a\\u202eb"', "title: bidirectional control character U+202E is not allowed"),
    ],
)
def test_escapes_cannot_smuggle_in_what_the_file_may_not_hold(project: Path, title: str, message: str) -> None:
    initiative(project, title=title)
    assert only_error(project).startswith(f"3:10: error: {message} (")  # at the backslash


def test_a_raw_line_separator_is_refused_where_it_is(project: Path) -> None:
    initiative(project, body="Five job fairs.\u2028Really.\n")
    assert only_error(project).startswith("11:16: error: invisible line separator U+2028 is not allowed")


@pytest.mark.parametrize("char", ["\u202e", "\u202a", "\u2066", "\u2069"])
def test_a_raw_bidirectional_control_is_refused_where_it_is(project: Path, char: str) -> None:
    # An override left open makes the rest of its paragraph (the site's name in a page's title) read backwards.
    initiative(project, title=f"{char}Job fairs")
    message = f"3:8: error: bidirectional control character U+{ord(char):04X} is not allowed (it can make the text"
    assert only_error(project).startswith(message)


def test_right_to_left_text_and_its_marks_are_allowed(project: Path) -> None:
    initiative(project, title='"Job fairs \u05d9\u05e8\u05d9\u05d3 \u200f(2025)"')
    assert errors_of(project) == []


def test_tabs_and_line_breaks_are_allowed(project: Path) -> None:
    initiative(project, title='"Job\\tfairs"', body="Five\tjob fairs.\n\nIn two paragraphs.\n")
    assert errors_of(project) == []


# --- Markdown ------------------------------------------------------------------------------------------


def test_100000_brackets_are_refused_by_the_body_limit(project: Path) -> None:
    initiative(project, body="[" * 100_000)
    assert only_error(project) == "11:1: error: the body is 98 KB; the limit is 64 KB (split it into several pages)"


def test_unclosed_brackets_under_the_body_limit_are_refused_by_the_work_limit(project: Path) -> None:
    initiative(project, body="Fairs.\n\n" + "[" * 1_500)
    assert only_error(project).startswith(
        "13:1: error: the Markdown renderer would rescan 1,125,750 characters for unclosed or nested '[', '(' and '<'"
    )


def test_the_script_filters_slow_input_never_reaches_it(project: Path) -> None:
    # 120 KB of '<a ' took the script filter 24 s; it is refused by size, and 63 KB of it by the work limit.
    initiative(project, body="<a " * 40_000)
    assert "the body is 118 KB" in only_error(project)
    initiative(project, body="<a " * 21_000)
    assert [e.split(": error: ")[1].split(" characters")[0] for e in errors_of(project)] == [
        "the Markdown renderer would copy 1,323,000,000",
        "the Markdown renderer would rescan 1,323,000,000",
    ]


def test_the_work_limit_adds_up_over_the_whole_file(project: Path) -> None:
    # Each text alone is under the limit; the body (500,500) and a field (5 x 101,475) together are not.
    initiative(project, extra="partners: ['" + "[" * 450 + "']\n", body="[" * 1_000)
    assert "the Markdown renderer would rescan 1,007,875 characters" in only_error(project)


def test_a_fields_work_counts_once_per_page_that_prints_it(project: Path) -> None:
    # 700 unclosed '[' are 245,350 characters of rescanning: fine in a body, rendered once; a summary is
    # rendered on five pages, and five times that is over the limit.
    initiative(project, body="[" * 700)
    assert errors_of(project) == []
    initiative(project, summary="'" + "[" * 700 + "'")
    assert "the Markdown renderer would rescan 1,226,750 characters" in only_error(project)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("1. " * 11 + "x\n", "this line is nested 11 levels deep (lists, quotes, indentation); the limit is 10"),
        (">" * 11 + " x\n", "this line is nested 11 levels deep"),
        (" " * 44 + "- x\n", "this line is nested 12 levels deep"),
        ("**a " * 252 + "b\n", "this paragraph has 504 '*' and '_' marks; the limit is 500"),
        ("# Same\n\n" * 201, "the file has 201 headings ('#' lines or '---' and '===' underlines); the limit is 200"),
        ("a\n: b\n" * 251, "this paragraph runs for 502 lines without a blank line; the limit is 500"),
        ("\\{" * 15_000, "the Markdown renderer would copy 450,000,000 characters for the marks"),
    ],
)
def test_markdown_that_would_overflow_or_stall_the_renderer_is_refused(body: str, message: str) -> None:
    problems = limits.markdown_problems("b.md", {}, Spans(), body, 5)
    assert [p.text().split(" (")[0] for p in problems][:1] == [f"b.md:5:1: error: {message}".split(" (")[0]]


def test_ordinary_markdown_is_accepted() -> None:
    body = (
        "# About\n\nSee [the audit](https://example.org/a_(b)) and ![a map](map.png).\n\n"
        "- **One** item\n    - nested *item*\n\n> A quote.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "Text with <abbr title='x'>HTML</abbr> and a [reference][r].\n\n[r]: https://example.org\n"
    )
    findings, costs = markdown_bounds.check(body)
    assert findings == []
    assert costs["work"].amount < 200
    assert costs["headings"].amount == 1
    assert costs["copies"].amount < 10_000
    assert limits.markdown_problems("b.md", {"summary": "Plain [1] text"}, Spans(), body, 1) == []


def test_the_bundled_content_is_well_within_the_limits() -> None:
    checked = check(Path(__file__).parent.parent)
    assert [p.text() for p in checked.problems if p.severity == ERROR] == []


# --- chart label wrapping ------------------------------------------------------------------------------


def _wrap_as_before(text: str, size: float, limit: float) -> list[str]:
    """The quadratic wrapping this replaced: the oracle for its output."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if line and draw._width(trial, size) > limit:
            lines.append(line)
            line = word
        else:
            line = trial
        while len(line) > 1 and draw._width(line, size) > limit:
            fits = [k for k in range(1, len(line)) if draw._width(line[:k] + "-", size) <= limit]
            cut = max(fits, default=1)
            lines.append(line[:cut] + "-")
            line = line[cut:]
    if line:
        lines.append(line)
    return lines or [""]


@pytest.mark.parametrize(
    "label",
    [
        "1. Strong foundations in early years",
        "Number of children accessing funded early education places (2021/22, target)",
        "Supercalifragilisticexpialidocious-unbroken-partnership-name plus words",
        "W" * 90,
        "a " * 40,
        "",
    ],
)
def test_wrapping_gives_the_same_lines_as_before(label: str) -> None:
    for limit in (200.0, 129.6, 40.0):
        assert draw._wrap(label, 12.0, limit) == _wrap_as_before(label, 12.0, limit)


def test_wrapping_measures_a_number_of_characters_linear_in_the_label(monkeypatch: pytest.MonkeyPatch) -> None:
    measured: list[int] = []
    real = draw._width.__wrapped__

    def counting(text: str, size: float, bold: bool = False) -> float:
        measured.append(len(text))
        return real(text, size, bold)

    monkeypatch.setattr(draw, "_width", counting)

    def cost(n: int) -> int:
        measured.clear()
        draw._wrap("W" * n, 12.0, 129.6)
        return sum(measured)

    small, large = cost(1_000), cost(4_000)
    assert large < 5 * small  # quadrupling the label (about) quadruples the work; it was cubic
    assert large < 60 * 4_000
