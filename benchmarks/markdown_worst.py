"""Benchmark: the slowest body the reader's Markdown bounds let through, over repetitions of Markdown tokens.

For every pair of tokens (and a few known troublemakers), the body is that unit repeated as often as the
reader accepts (up to the body cap), then rendered with Python-Markdown and the site's extensions. Prints
the slowest; the bounds are right when the slowest stays around a second.
"""

from __future__ import annotations

import itertools
import sys
import time
from pathlib import Path

import markdown

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.content.limits import BODY_LIMIT, markdown_problems
from generator.content.yamlspans import Spans

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "def_list", "pymdownx.details", "toc"]
TOKENS = ["[", "]", "(", ")", "!", "<", ">", "a", " ", "\n", "*", "_", "`", "&", "#", "-", "|", "{", ":", "\\", '"']
UNITS = [
    *("<a ", "<a\n", "<![CDATA[", "<a>", '<a href="', "[^", "[a](", "x <b y ", "1. ", "> ", "<div markdown>\n\n"),
    *("- a\n", "1. a\n", "> a\n", "a\n\n", "| a |\n", "a\n: b\n", "!!! note\n    a\n", "??? note\n", "    a\n"),
    *("<div>\n", "#a\n", "[a]: b\n", "a  \n", "{: #x}\n", "<!-- a -->\n", "a<br>", "&amp;", "[a][b]", "![a](b)"),
    *("<http://a>", "*a*", "**a**", "`a`", "a\n---\n", "a\n===\n", "- - - a\n", '<div markdown="1">\n', "[a]\n"),
    *("\\\n", "a:\n", "    - a\n", "a\n\n    b\n", "<p>a</p>\n\n", "[x]: <y>\n[x]\n"),
]


def accepted(body: str) -> bool:
    return not markdown_problems("body.md", {}, Spans(), body, 1)


def longest(unit: str) -> str:
    """The unit repeated as often as the reader accepts (bisecting on the count), within the body cap."""
    low, high = 0, BODY_LIMIT // len(unit.encode("utf-8")) + 1
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if accepted(unit * middle) else (low, middle)
    return unit * low


def render_seconds(body: str) -> float:
    start = time.process_time()
    try:
        markdown.markdown(body, extensions=EXTENSIONS)
    except RecursionError:
        return float("inf")
    return time.process_time() - start


def main() -> None:
    results = []
    only = sys.argv[1:] == ["--units"]
    for unit in ([] if only else [a + b for a, b in itertools.product(TOKENS, repeat=2)]) + UNITS:
        body = longest(unit)
        results.append((render_seconds(body), unit, len(body)))
    results.sort(reverse=True)
    print(f"{len(results)} units, each repeated as often as the reader accepts; slowest renders (CPU s):")
    for seconds, unit, size in results[:12]:
        print(f"  {seconds:6.2f} s  {unit!r:22} x {size // len(unit):,} ({size / 1024:.1f} KB)")


if __name__ == "__main__":
    main()
