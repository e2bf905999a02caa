"""The publish gate's reading of stylesheets (files, <style> elements and style attributes), with tinycss2: every
address in them must name a file of this site, and a data: URL an image or a font."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import tinycss2

from .allowlist import _GROUPING, _URL_FUNCTIONS, CSS_DATA, _read, _shown, squeezed

# ----------------------------------------------------------------------------------------------------------- CSS


def css_findings(text: str, *, declarations: bool = False) -> Iterator[tuple[int, int, str]]:
    """Each URL in a stylesheet (or, with declarations, a style attribute's value) that loads from another host, or a
    data: URL that is not an image or a font: (line, column, what) within text."""
    if not _css_like(text):
        return
    try:
        if declarations:
            yield from _css_tokens(tinycss2.parse_component_value_list(text, skip_comments=True), values=True)
        else:
            yield from _css_rules(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True))
    except RecursionError:  # blocks nested a thousand deep (a content tree's own theme): the walk recurses
        yield 1, 1, "CSS nested deeper than the publish gate reads"


def _css_rules(rules: Iterable[Any]) -> Iterator[tuple[int, int, str]]:
    for rule in rules:
        if rule.type == "qualified-rule":  # a selector's strings are matched, never fetched
            yield from _css_tokens(rule.content, values=True)
        elif rule.type == "at-rule" and rule.lower_at_keyword == "charset":
            named = "".join(t.value for t in rule.prelude if t.type == "string").strip().lower()
            if named not in ("utf-8", "utf8"):
                yield (
                    rule.source_line,
                    rule.source_column,
                    f"@charset '{_shown(named)}': a stylesheet in another encoding than UTF-8",
                )
        elif rule.type == "at-rule" and rule.lower_at_keyword != "namespace":  # a namespace's URL only names it
            yield from _css_tokens(rule.prelude, imports=rule.lower_at_keyword == "import")
            if rule.content is None:
                continue
            if rule.lower_at_keyword in _GROUPING:
                yield from _css_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
            else:  # @font-face, @page and the like hold declarations
                yield from _css_tokens(rule.content, values=True)


def _css_tokens(
    tokens: Iterable[Any], *, imports: bool = False, values: bool = False, urls: bool = False
) -> Iterator[tuple[int, int, str]]:
    """The URLs among tokens: url(...) tokens, strings in url(), image-set() and the like (urls), the address of an
    @import, and in declarations (values) any string naming another host: a var() can put one into image-set()."""
    after_import = imports
    for token in tokens:
        kind = token.type
        if kind == "url" or (kind == "string" and (after_import or urls)):
            yield from _css_url(token, token.value, "url", after_import)
        elif kind == "string" and values and _elsewhere(token.value):
            yield from _css_url(token, token.value, "", False)
        elif kind == "function":
            yield from _css_tokens(token.arguments, values=values, urls=token.lower_name in _URL_FUNCTIONS)
        elif kind in ("() block", "[] block", "{} block"):
            yield from _css_tokens(token.content, values=values or kind == "{} block")
        # @import inside a block is ignored by browsers; its address is still not allowed to leave the site.
        if kind == "at-keyword":
            after_import = token.lower_value == "import"
        elif kind == "literal" and token.value == ";":
            after_import = False


def _elsewhere(text: str) -> bool:
    """Whether a CSS string names another host (http, https or //host): substituted by var() into image-set() or
    src(), a browser would fetch it. Other strings (content: "Note:") are words."""
    found, here = _read(text)
    return not here and found in (None, "http", "https")


def _css_url(token: Any, url: str, form: str, imported: bool) -> Iterator[tuple[int, int, str]]:
    where = token.source_line, token.source_column
    shown = f"@import '{_shown(url)}'" if imported else f"{form}('{_shown(url)}')" if form else f"'{_shown(url)}'"
    found, here = _read(url)
    if found == "data" and not imported:
        media = squeezed(url)[5:].split(",", 1)[0].split(";", 1)[0].lower()
        if not media.startswith(CSS_DATA):
            yield *where, f"{shown}: a data: URL in a stylesheet may only be an image or a font"
    elif not here:
        source = "another host" if found in (None, "http", "https") else f"a '{found}:' address"
        yield *where, f"{shown}: loads from {source} (a stylesheet may only load files of this site)"


_BREAKS = re.compile("[\t\n\r]+")


def _css_like(text: str) -> bool:
    """Whether CSS could hold a URL: a function that takes one (url(), image-set(), src(), ...), an @import, or an
    escape, which may spell either."""
    # A browser's URL parser drops tabs and line breaks anywhere in an address ("/\t/host" is "//host").
    low = _BREAKS.sub("", text).lower()
    if "\\" in low or "//" in low:
        return True
    # A string naming another host (http:, https:, //host) may sit alone in a custom property and be fetched
    # where a var() puts it into image-set(); @charset could make a browser read the sheet in another encoding.
    return any(word in low for word in ("url(", "image", "src(", "cross-fade(", "@import", "http", "@charset"))
