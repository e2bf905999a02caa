"""Material's stylesheets of a rendered edition, cut to the rules its pages can use (css_prune.py decides): the
vocabulary is read from every built page and from every script a page loads, so what a page or Material's script
can put into the document keeps its rules. Same pages, same stylesheets: the cut is deterministic."""

from __future__ import annotations

import dataclasses
import hashlib
import html
import json
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

from .css_prune import Vocabulary, prune_sheets
from .elements import TagEnds, elements

# Material's own stylesheets, under each edition (the theme's extra.css and explore.css are ours: left whole).
STYLESHEETS = "assets/stylesheets"

# A start tag's name and attributes, as `<([A-Za-z][^\s/>]*)((?>[^>"']+|"[^"]*"|'[^']*')*)>` finds them, when the
# name holds no quote (any tag a browser reads). Tried at a '<' whose tag is left open, that expression scans to
# the end of the text once for each way to end the name: the text's length squared for one '<', cubed for many.
# So the first '<' this cannot settle takes the rest of the text, with no name: _start_tags_from does the page.
_TAG_OR_REST = re.compile(r"""<(?:([A-Za-z][^\s/>"']*+)(?!["'])((?>[^>"']+|"[^"]*"|'[^']*')*+)>|(?=[A-Za-z])(?s:.*))""")
_TAG_START = re.compile(r"<[A-Za-z]")
_NAME_END = re.compile(r"[\s/>]")
# One attribute of a start tag.
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
# As `<script\b[^>]*>(.*?)</script\s*>` would find scripts' texts, in linear time (elements.py).
_SCRIPT = re.compile(r"<(script)\b", re.IGNORECASE)
_SCRIPT_END = re.compile(r"</script\s*>", re.IGNORECASE)
# A script's src (the last before the tag's first '>'), or else the tag up to that '>': so, unlike
# `<script\b[^>]*\ssrc\s*=\s*["']?([^"'\s>]+)` alone, no later '<script' before it scans to it again (and back).
_SRC = re.compile(r"""<script\b(?:[^>]*\ssrc\s*=\s*["']?([^"'\s>]+)|[^>]*+)""", re.IGNORECASE)
# In a script: every word that could name a class, id, element or attribute value, and every string's text.
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_STRING = re.compile(r""""([^"\\\n]*)"|'([^'\\\n]*)'""")
# A custom property named anywhere (a page's style attribute, a script's setProperty, another stylesheet's var()).
_PROPERTY = re.compile(r"--[\w-]+")
# Attributes whose values come from the pages only (css_prune.Vocabulary.page_only says why).
PAGE_ONLY = ("dir", "lang")
# Elements the HTML parser adds where the markup leaves them out.
_IMPLIED = {"html", "head", "body", "tbody"}


def _start_tags(page: str) -> list[tuple[str, str]]:
    """Every start tag's (name, attributes), as the expression in _TAG_OR_REST's comment finds them."""
    tags: list[tuple[str, str]] = _TAG_OR_REST.findall(page)
    return _start_tags_from(page) if tags and not tags[-1][0] else tags


def _start_tags_from(page: str) -> list[tuple[str, str]]:
    """The start tags of page, in linear time.

    The expression ends the name as late as it can for the tag's text (from where the name ends) to end: at the
    first space, '/' or '>' (name_end), or else at the last quote before it from which the text ends."""
    ends = TagEnds(page)
    tags, at, name_end = [], 0, -1
    while (opening := _TAG_START.search(page, at)) is not None:
        at = opening.start() + 1
        if name_end < at + 1:  # every '<' up to name_end has the same one: each character is looked at once
            name_end = stop.start() if (stop := _NAME_END.search(page, at + 1)) else len(page)
        cut, end = name_end, ends.end(name_end)  # where the name ends, and the tag
        if end < 0:
            cut, end = ends.last_ending_before(name_end)
            if cut <= at:
                continue  # left open: not a tag
        tags.append((page[at:cut], page[cut : end - 1]))
        at = end
    return tags


def _script_sources(page: str) -> list[str]:
    """Every script's src, as the expression in _SRC's comment finds them."""
    return [src for src in _SRC.findall(page) if src]


def vocabulary(pages: Iterable[str], scripts: Iterable[str], styles: Iterable[str] = ()) -> Vocabulary:
    """Every class, id, element and attribute value of the pages, and every word and string of the scripts; the
    custom properties that pages, scripts and the other stylesheets (styles) name."""
    found = _Found()
    for page in pages:
        found.add(page)
    return found.vocabulary(scripts, styles)


class _Found:
    """What the pages hold, gathered one page at a time, so an edition of any size is never in memory whole."""

    def __init__(self) -> None:
        self.tags: set[tuple[str, str]] = set()
        self.inline: set[str] = set()
        self.properties: set[str] = set()

    def add(self, page: str) -> None:
        self.tags.update(_start_tags(page))
        scripts = elements(page, _SCRIPT, lambda name: _SCRIPT_END, tag_ends=True)
        self.inline.update(page[script.inner : script.inner_end] for script in scripts)
        self.properties.update(_PROPERTY.findall(page))

    def vocabulary(self, scripts: Iterable[str], styles: Iterable[str]) -> Vocabulary:
        """The vocabulary of the pages added, with the scripts they load and the other stylesheets."""
        properties = set(self.properties)
        for style in styles:
            properties.update(_PROPERTY.findall(style))
        classes: set[str] = set()
        ids: set[str] = set()
        elements = set(_IMPLIED)
        values: set[str] = set()
        page_only: dict[str, set[str]] = {name: set() for name in PAGE_ONLY}
        for name, attributes in self.tags:
            elements.add(name.lower())
            for attribute, double, single, bare in _ATTRIBUTE.findall(attributes):
                value = html.unescape(double or single or bare)
                values.add(value)
                attribute = attribute.lower()
                if attribute == "class":
                    classes.update(value.split())
                elif attribute == "id":
                    ids.add(value)
                elif attribute in page_only:
                    page_only[attribute].add(value)
        words: set[str] = set()
        for script in [*scripts, *sorted(self.inline)]:
            words.update(_WORD.findall(script))
            properties.update(_PROPERTY.findall(script))
            values.update(a or b for a, b in _STRING.findall(script))
        values |= words
        prefixes = tuple(sorted(w for w in words if w.endswith(("-", "_"))))
        return Vocabulary(
            frozenset(classes | words), frozenset(ids | words), frozenset(elements | {w.lower() for w in words}),
            frozenset(values), prefixes, frozenset(properties),
            {name: frozenset(found) for name, found in page_only.items()},
        )  # fmt: skip


class Pages:
    """What an edition's pages hold for the cut, gathered as each page is read, so the pages can be finished and
    written in the same pass and an edition of any size is never in memory whole."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.found = _Found()
        self.scripts: set[Path] = set()
        self._files: dict[str, Path | None] = {}  # a script's path, as the browser resolves it -> the file, if any

    def add(self, page: Path, text: str) -> None:
        """One page (a file under site) and its text."""
        self.found.add(text)
        for src in _script_sources(text):
            parts = urlsplit(html.unescape(src))
            if parts.scheme or parts.netloc:
                continue  # another host: not part of the site (and the CSP would block it)
            # A browser resolves the src against the page's URL by its text alone ('..' removes a segment): so
            # does this, and each distinct script is looked up once (every page loads the same few).
            target = os.path.normpath(os.path.join(page.parent, unquote(parts.path)))
            if target not in self._files:
                self._files[target] = _site_file(self.site, target)
            if (found := self._files[target]) is not None:
                self.scripts.add(found)


def _site_file(site: Path, target: str) -> Path | None:
    """The file at target, if it is one inside site."""
    try:
        path = Path(target).resolve()
    except (OSError, ValueError, RuntimeError):  # a NUL byte, a loop of links: nothing a browser could load
        return None
    return path if path.is_relative_to(site) and path.is_file() else None


class Cuts(Protocol):
    """Where cuts made before are kept (the build's cache): the same sheets and vocabulary give the same cut."""

    def cut(self, key: str, names: frozenset[str]) -> dict[str, str] | None: ...

    def store_cut(self, key: str, sheets: Mapping[str, str]) -> None: ...


def cut_key(sheets: Mapping[str, str], vocab: Vocabulary) -> str:
    """A sha256 of everything a cut depends on: the stylesheets (name and text) and the whole vocabulary."""
    # Every field of the vocabulary, whatever fields it gains: a cut keyed by only some of them could be stale.
    fields = {field.name: _plain(getattr(vocab, field.name)) for field in dataclasses.fields(vocab)}
    parts = {"sheets": sorted(sheets.items()), "vocabulary": fields}
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()


def _plain(value: object) -> object:
    """A vocabulary field as JSON can hold it, in one order: sets sorted, mappings by their keys."""
    if isinstance(value, frozenset | set):
        return sorted(value)
    if isinstance(value, Mapping):
        return {name: _plain(found) for name, found in sorted(value.items())}
    if isinstance(value, tuple):
        return list(value)
    return value


def pruned_stylesheets(pages: Pages, cuts: Cuts | None = None) -> dict[str, str]:
    """Material's stylesheets of the edition rendered into pages.site, cut to what its pages (each added to pages)
    and their scripts can use; relative path -> text. Nothing when the edition has none (another renderer).
    With cuts, a cut made before for the same sheets and vocabulary is taken from there, and a new one kept there."""
    site = pages.site
    paths = sorted((site / STYLESHEETS).glob("*.css"))
    if not paths:
        return {}
    others = [p for p in sorted(site.rglob("*.css")) if p.parent != site / STYLESHEETS]
    vocab = pages.found.vocabulary([_text(p) for p in sorted(pages.scripts)], [_text(p) for p in others])
    sheets = {sheet.relative_to(site).as_posix(): _text(sheet) for sheet in paths}
    if cuts is None:
        return prune_sheets(sheets, vocab)
    key = cut_key(sheets, vocab)
    if (kept := cuts.cut(key, frozenset(sheets))) is not None:
        return kept
    cut = prune_sheets(sheets, vocab)
    cuts.store_cut(key, cut)
    return cut


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")
