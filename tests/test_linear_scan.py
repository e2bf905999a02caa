"""Finishing reads any page a theme writes in time linear in its length, and finds what the expressions did."""

from __future__ import annotations

import gc
import re
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.render import compact, stylesheets
from generator.render.elements import TagEnds
from generator.site.minify import minified_css

# The expressions finishing used before: the reference. Each '<' that starts no tag cost them a scan to the end of
# the text (TAG: one for each way of ending its name), and a run of spaces with no line break one scan per space.
TAG_OR_RUN = re.compile(r"""(<(?>[^>"']+|"[^"]*"|'[^']*')*>)|[ \t\r\n\f]*\n[ \t\r\n\f]*""")
TAG = re.compile(r"""<([A-Za-z][^\s/>]*)((?>[^>"']+|"[^"]*"|'[^']*')*)>""")
SRC = re.compile(r"""<script\b[^>]*\ssrc\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
TAG_TEXT = re.compile(r"""(?>[^>"']+|"[^"]*"|'[^']*')*>""")
KEEP = re.compile(r"<(article|pre|textarea|code|kbd|script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)

# Mostly the characters that end a tag, quote in it or make a run, so that tags left open, quotes in names and
# runs between them come up often; and the names finishing looks for.
PIECES = [
    *("<", "<", "<", ">", ">", '"', '"', "'", "'", " ", " ", "\n", "\n", "a", "a", "b", "/", "=", "\t", "\f"),
    *("\x85", "é", "<a", "</", "pre", "script", "article", " src=", " SRC ="),
    *("<pre>", "</pre>", "<code>", "</code >", "<SCRIPT>", "</script>", "<article>", "</article>", "<style>"),
]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def old_collapse(text: str) -> str:
    return TAG_OR_RUN.sub(lambda m: m.group(1) or "\n", text)


def old_compact(page: str) -> str:
    out, start = [], 0
    for kept in KEEP.finditer(page):
        out += [old_collapse(page[start : kept.start()]), kept.group(0)]
        start = kept.end()
    return "".join([*out, old_collapse(page[start:])])


@settings(max_examples=1000, deadline=None)
@given(texts)
def test_collapsing_gives_what_the_expression_gave(text: str) -> None:
    assert compact._collapse_text(text) == old_collapse(text)
    assert compact.compact(text) == old_compact(text)


@settings(max_examples=1000, deadline=None)
@given(texts)
def test_collapsing_after_a_tag_left_open_gives_what_the_expression_gave(text: str) -> None:
    """The linear way on its own, from each '<' that starts no tag (where the expression hands over to it)."""
    for opening in re.finditer("<", text):
        if TAG_TEXT.match(text, opening.end()) is None:
            out: list[str] = []
            compact._collapse_after_open(text, opening.start(), out)
            assert "".join(out) == old_collapse(text[opening.start() :])


@settings(max_examples=1000, deadline=None)
@given(texts)
@example('<a"b c">')  # the name ends at its last quote from which the tag ends, not at the space
@example('<a"b"c"d e">')  # at its last such quote, not the first
@example("<a'b'>")  # at its end, a quote
def test_start_tags_and_sources_are_what_the_expressions_found(text: str) -> None:
    assert stylesheets._start_tags(text) == TAG.findall(text)
    assert stylesheets._start_tags_from(text) == TAG.findall(text)  # the linear way, whichever the page takes
    assert stylesheets._script_sources(text) == SRC.findall(text)


@settings(max_examples=1000, deadline=None)
@given(texts, st.integers(0, 60))
def test_tag_ends_are_where_the_expression_ends(text: str, start: int) -> None:
    start = min(start, len(text))
    ends = TagEnds(text, start)
    expected = [found.end() if (found := TAG_TEXT.match(text, at)) else -1 for at in range(start, len(text) + 1)]
    assert [ends.end(at) for at in range(start, len(text) + 1)] == expected


class OverBudget(Exception):
    """Raised from the CPU timer's signal, wherever the test then is."""


@contextmanager
def cpu_budget(seconds: int) -> Iterator[None]:
    """Fails the test once it has used seconds of CPU: a scan gone quadratic (or cubic) fails, not hangs."""

    def over(signum: int, frame: FrameType | None) -> None:
        raise OverBudget

    previous = signal.signal(signal.SIGPROF, over)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    except OverBudget:
        # Raised anew, alone: the signal may land where a traceback has no line, which pytest cannot show.
        raise AssertionError(f"over {seconds} s of CPU: not linear") from None
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def cpu(work: Callable[[str], object], text: str) -> float:
    """The least CPU time of three runs of work(text), each with the compacting cache empty."""
    times = []
    gc.disable()
    try:
        for _ in range(3):
            compact._collapse_recurring.cache_clear()
            start = time.process_time()
            work(text)
            times.append(time.process_time() - start)
    finally:
        gc.enable()
    return min(times)


def vocabulary_of(page: str) -> object:
    return stylesheets.vocabulary([page], [])


# Each cost the expressions its length squared (seconds at 120 KB, one call) or, '<a' repeated, cubed (9.7 s at
# 4 KB): a theme override writes any of them into every page. Some begin with a '<' that starts no tag, so that
# the rest is read the linear way.
CRAFTED = [
    (compact.compact, "", "<"),
    (compact.compact, "", '<a x="'),
    (compact.compact, "", "<a "),
    (compact.compact, "", '"<'),
    (compact.compact, "", "<a'"),
    (compact.compact, "", "<script "),
    (compact.compact, "", " "),
    (compact.compact, "", " \t"),
    (compact.compact, "<", " \t\r\f"),
    (compact.compact, "<", "<a\n"),
    (vocabulary_of, "", '<a x="'),
    (vocabulary_of, "", "<a "),
    (vocabulary_of, "", "<a"),
    (vocabulary_of, "", '<a"'),
    (vocabulary_of, "", "<script "),
    (stylesheets._script_sources, "", "<script "),
    (stylesheets._script_sources, "", "<script src"),
]


@pytest.mark.parametrize(("work", "start", "unit"), CRAFTED, ids=[f"{w.__name__}-{s + u!r}" for w, s, u in CRAFTED])
def test_crafted_pages_take_time_linear_in_their_length(work: Callable[[str], object], start: str, unit: str) -> None:
    """120 KB costs about 4 times 30 KB when the scan is linear, 16 times when quadratic: the bound is between,
    with 30 ms for a loaded machine's noise (the expressions took from 0.09 s to hours at 30 KB)."""
    with cpu_budget(20):
        small = cpu(work, start + unit * (30_000 // len(unit)) + "x")
        large = cpu(work, start + unit * (120_000 // len(unit)) + "x")
    assert large < 8 * small + 0.03, (small, large)


@pytest.mark.parametrize("name", ["ſcript", "scrİpt", "artıcle"])
def test_a_kept_elements_name_only_in_unicode_case_is_not_kept(name: str) -> None:
    """HTML reads tag names in ASCII case only: `<ſcript>` is no script (and finishing its page raised KeyError)."""
    assert compact.compact(f"<{name}>\n  x</script>") == f"<{name}>\nx</script>"
    assert compact.compact("<SCRIPT>\n  x</script>") == "<SCRIPT>\n  x</script>"


def test_a_stylesheet_nested_too_deep_to_walk_is_left_as_it_is() -> None:
    """A content tree's own stylesheet with blocks nested thousands deep made the build an internal error."""
    sheet = b"a{" * 5000
    assert minified_css(sheet) == sheet
    assert minified_css(b"a {\n  b: c;\n}\n") == b"a{b:c;}"
