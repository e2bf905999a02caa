"""Figures in plain English only when the words are exact; headings shifted for the print page; the print
head and the root 404 page cannot be broken out of by a hostile name."""

from __future__ import annotations

import dataclasses
import html.parser
import re

import pytest
import yaml
from conftest import REPO, VALID

from generator.content.check import check
from generator.render.mkdocs_config import css_string
from generator.site.figures import in_words, large
from generator.site.templating import shift_headings
from generator.site.versions import not_found

LABELS = yaml.safe_load((REPO / "theme" / "labels.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (1_250_000, "1.25 million"),
        (218_000_000, "218 million"),
        (300_000_000, "300 million"),
        (1_800_000, "1.8 million"),
        (2_500_000_000, "2.5 billion"),
        (1_234_567, "1,234,567"),  # the words would round it: it stays in digits
        (1_000_500, "1,000,500"),
        (999_999, "999,999"),
        (57_000, "57,000"),
        (14.1, "14.1"),
        (1_500_000_000_000, "1,500 billion"),
    ],
)
def test_large_numbers_read_in_words_only_when_exact(value: float, words: str) -> None:
    assert large(value, LABELS) == words


def test_figures_in_words_keep_the_qualifier_and_unit() -> None:
    assert in_words(300_000_000, "GBP", "over", LABELS) == "over £300 million"
    assert in_words(1_250_000, "GBP", None, LABELS) == "£1.25 million"
    assert in_words(1_800_000, "people", "about", LABELS) == "about 1.8 million people"
    assert in_words(150, "jobs", None, LABELS, high=200) == "150 to 200 jobs"


def test_a_theme_without_the_words_keeps_digits() -> None:
    labels = {k: v for k, v in LABELS.items() if k != "large_number"}
    assert large(1_250_000, labels) == "1,250,000"


def test_headings_are_demoted_below_the_print_pages_own() -> None:
    assert shift_headings("# A\n## B\ntext", under=2) == "### A\n#### B\ntext"
    assert shift_headings("### A\n", under=2) == "### A\n"
    assert shift_headings("# A\n###### deep\n", under=2) == "### A\n###### deep\n"


@pytest.mark.parametrize("title", ['a"b', "a\\b", "</style><script>x</script>", "line\nbreak", "é" * 10_000])
def test_the_printed_head_cannot_end_its_css_string(title: str) -> None:
    escaped = css_string(title)
    assert re.fullmatch(r"[A-Za-z0-9 ,.:;()'\\-]*", escaped)
    # Each escape is a backslash and six hex digits, so it decodes back to the title.
    assert re.sub(r"\\([0-9a-f]{6})", lambda m: chr(int(m.group(1), 16)), escaped) == title


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def test_the_root_not_found_page_escapes_the_site_name() -> None:
    checked = check(VALID)
    assert checked.project is not None
    hostile = '"><script>alert(1)</script>'
    project = dataclasses.replace(
        checked.project, site=dataclasses.replace(checked.project.site, site_name=hostile, site_url="https://x.org/a/")
    )
    page = not_found(project, LABELS)
    parser = _Tags()
    parser.feed(page)
    assert "script" not in parser.tags
    assert 'action="/a/2021/"' in page and 'href="/a/2021/goals/' in page
