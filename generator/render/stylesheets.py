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
from .elements import elements

# Material's own stylesheets, under each edition (the theme's extra.css and explore.css are ours: left whole).
STYLESHEETS = "assets/stylesheets"

# A start tag with its attributes (quoted values may hold '>'), and one attribute of it.
# Atomic groups: a tag left open (no '>') costs one pass, not one per way of splitting its text.
_TAG = re.compile(r"""<([A-Za-z][^\s/>]*)((?>[^>"']+|"[^"]*"|'[^']*')*)>""")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
# As `<script\b[^>]*>(.*?)</script\s*>` would find scripts' texts, in linear time (elements.py).
_SCRIPT = re.compile(r"<(script)\b", re.IGNORECASE)
_SCRIPT_END = re.compile(r"</script\s*>", re.IGNORECASE)
_SRC = re.compile(r"""<script\b[^>]*\ssrc\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
# In a script: every word that could name a class, id, element or attribute value, and every string's text.
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_STRING = re.compile(r""""([^"\\\n]*)"|'([^'\\\n]*)'""")
# A custom property named anywhere (a page's style attribute, a script's setProperty, another stylesheet's var()).
_PROPERTY = re.compile(r"--[\w-]+")
# Attributes whose values come from the pages only (css_prune.Vocabulary.page_only says why).
PAGE_ONLY = ("dir", "lang")
# Elements the HTML parser adds where the markup leaves them out.
_IMPLIED = {"html", "head", "body", "tbody"}


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
        self.tags.update(_TAG.findall(page))
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
        for src in _SRC.findall(text):
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
