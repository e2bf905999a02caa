"""A stylesheet cut to the rules a site can use: a rule stays unless its selector needs a class, id, element or
attribute value that occurs nowhere in the built pages and is named nowhere in their scripts.

An allowlist, decided per selector: what a selector needs is read from its tokens (tinycss2), and anything this
module does not understand needs nothing, so it is kept. Pseudo-classes, attribute names alone and everything inside
:not() need nothing (the browser or a script can change them); :is(), :where() and :has() need one of their
alternatives. At-rules other than @media, @supports, @container and @layer blocks are kept whole."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import tinycss2
from tinycss2 import ast

# Conditional group rules: their rules are cut like the top level's, and the group goes when none is left.
_GROUPS = {"media", "supports", "container", "layer"}
# Functional pseudo-classes that match when one selector of their argument does.
_ANY_OF = {"is", "where", "matches", "-webkit-any", "-moz-any", "has"}
# A selector list keeps its other selectors when one is dropped, unless a browser might find one of them invalid:
# then dropping a selector could make a rule the browser ignored apply (a vendor prefix is the usual cause).
_VENDOR = ("-webkit-", "-moz-", "-ms-", "-o-")


@dataclass(frozen=True)
class Vocabulary:
    """What can occur in a site's pages: names in the built HTML, or named by the scripts they load."""

    classes: frozenset[str]
    ids: frozenset[str]
    elements: frozenset[str]  # lower case
    values: frozenset[str]  # attribute values in the pages; words and strings in the scripts
    prefixes: tuple[str, ...] = ()  # starts of names a script completes at run time ("md-tag--" + a kind)
    properties: frozenset[str] = frozenset()  # custom properties (--x) named outside the stylesheets being cut
    # Attributes that say what language the text is in and which way it runs (dir, lang): only pages set them
    # (Material writes them from the site's language; its script reads dir, never sets it), so their values
    # come from the pages alone, not from every string of a script ("rtl" is one, in a comparison).
    page_only: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def has_class(self, name: str) -> bool:
        """Whether an element can have this class (or id)."""
        return name in self.classes or name.startswith(self.prefixes)

    def has_id(self, name: str) -> bool:
        return name in self.ids or name.startswith(self.prefixes)


class _Unknown(Exception):
    """A selector this module cannot read: it is kept."""


def _split(tokens: Sequence[Any]) -> list[list[Any]]:
    """A selector list's selectors (split at top-level commas), without comments."""
    parts: list[list[Any]] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        elif token.type != "comment":
            parts[-1].append(token)
    return parts


def _attribute_ok(block: ast.SquareBracketsBlock, vocab: Vocabulary) -> bool:
    """[name], [name=value], [name~=value], ...: only an exact or word value can rule a selector out."""
    tokens = [t for t in block.content if t.type not in ("whitespace", "comment")]
    if len(tokens) < 3 or tokens[0].type != "ident":
        return True
    operator = tokens[1]
    if operator.type != "literal" or operator.value not in ("=", "~="):
        return True  # ^=, $=, *=, |= and anything odder: kept
    value = tokens[2]
    if value.type not in ("ident", "string"):
        return True
    flags = [t for t in tokens[3:] if t.type == "ident"]
    if flags and flags[0].lower_value == "i":
        return True  # case-insensitive: kept rather than compared loosely
    values = vocab.page_only.get(tokens[0].lower_value, vocab.values)
    if operator.value == "~=":
        return any(value.value in v.split() for v in values)
    return value.value in values


def _selector_ok(tokens: Sequence[Any], vocab: Vocabulary) -> bool:
    """Whether one complex selector can match an element of the site."""
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind == "literal" and token.value == "." and i + 1 < len(tokens) and tokens[i + 1].type == "ident":
            if not vocab.has_class(tokens[i + 1].value):
                return False
            i += 2
            continue
        if kind == "literal" and token.value == ":":
            i += 1
            if i < len(tokens) and tokens[i].type == "literal" and tokens[i].value == ":":
                i += 1  # a pseudo-element: needs nothing
            elif i < len(tokens) and tokens[i].type == "function" and tokens[i].lower_name in _ANY_OF:
                arguments = tokens[i].arguments
                if not any(_selector_ok(_relative(s), vocab) for s in _split(arguments) if s):
                    return False
            i += 1  # the pseudo-class's name or function: needs nothing beyond the above
            continue
        if kind == "hash":
            if not vocab.has_id(token.value):
                return False
        elif kind == "ident":
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            namespaced = following is not None and following.type == "literal" and following.value == "|"
            if not namespaced and token.lower_value not in vocab.elements:
                return False
        elif kind == "[] block":
            if not _attribute_ok(token, vocab):
                return False
        elif kind not in ("whitespace", "literal"):
            raise _Unknown(kind)
        i += 1
    return True


def _relative(tokens: list[Any]) -> list[Any]:
    """A :has() argument without its leading combinator ('> .x' reads as '.x')."""
    rest = [t for t in tokens if t.type != "whitespace"] if tokens else []
    if rest and rest[0].type == "literal" and rest[0].value in (">", "+", "~"):
        return tokens[tokens.index(rest[0]) + 1 :]
    return tokens


def _occurs(selector: list[Any], vocab: Vocabulary) -> bool:
    try:
        return _selector_ok(selector, vocab)
    except _Unknown:
        return True


def _prelude(rule: ast.QualifiedRule, vocab: Vocabulary) -> str | None:
    """The rule's selector list as kept (None: nothing in it can match), in its own text where unchanged."""
    selectors = _split(rule.prelude)
    kept = [s for s in selectors if _occurs(s, vocab)]
    if not kept:
        return None
    whole: str = tinycss2.serialize(rule.prelude)
    if len(kept) == len(selectors) or any(v in whole for v in _VENDOR):
        return whole
    return ",".join(tinycss2.serialize(s).strip() for s in kept)


def _rules(nodes: Sequence[Any], vocab: Vocabulary) -> list[str]:
    out = []
    for node in nodes:
        if node.type == "qualified-rule":
            prelude = _prelude(node, vocab)
            if prelude is not None:
                out.append(f"{prelude}{{{tinycss2.serialize(node.content)}}}")
        elif node.type == "at-rule" and node.lower_at_keyword in _GROUPS and node.content is not None:
            inner = _rules(tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True), vocab)
            if inner:
                out.append(f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}{{{''.join(inner)}}}")
        elif node.type == "at-rule":
            out.append(node.serialize())
        # A parse error is left out, as a browser leaves it out.
    return out


# Every edition of a build cuts the same Material stylesheets: each is parsed once (the parse is only read).
@functools.lru_cache(maxsize=4)
def _parsed(css: str) -> tuple[Any, ...]:
    return tuple(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))


def prune(css: str, vocab: Vocabulary) -> str:
    """css without the rules (and selectors) that can match nothing in a site of this vocabulary."""
    return "".join(_rules(_parsed(css), vocab))


_VAR = re.compile(r"var\(\s*(--[\w-]+)")


def _without_properties(css: str, used: frozenset[str], prefixes: tuple[str, ...]) -> str:
    """css without the declarations of custom properties that nothing uses (and rules left empty by that)."""

    def unused(node: Any) -> bool:
        return (
            node.type == "declaration"
            and node.name.startswith("--")
            and node.name not in used
            and (not node.name.startswith(prefixes))
        )

    def rules(nodes: Sequence[Any]) -> list[str]:
        out = []
        for node in nodes:
            if node.type == "qualified-rule":
                declarations = tinycss2.parse_blocks_contents(node.content, skip_comments=True, skip_whitespace=True)
                if not any(unused(d) for d in declarations):
                    out.append(node.serialize())
                elif kept := [d.serialize() for d in declarations if not unused(d)]:
                    out.append(f"{tinycss2.serialize(node.prelude)}{{{';'.join(kept)}}}")
            elif node.type == "at-rule" and node.lower_at_keyword in _GROUPS and node.content is not None:
                if inner := rules(tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True)):
                    out.append(f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}{{{''.join(inner)}}}")
            else:
                out.append(node.serialize())
        return out

    return "".join(rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)))


def prune_sheets(sheets: Mapping[str, str], vocab: Vocabulary) -> dict[str, str]:
    """Stylesheets that are loaded together, each cut to the vocabulary; then custom properties that no kept rule,
    no other stylesheet, page or script uses are left out too (until none is left to leave out)."""
    cut = {name: prune(css, vocab) for name, css in sheets.items()}
    prefixes = tuple(p for p in vocab.properties if p.endswith("-"))
    used = frozenset(vocab.properties | {name for css in cut.values() for name in _VAR.findall(css)})
    while True:
        cut = {name: _without_properties(css, used, prefixes) for name, css in cut.items()}
        # A pass keeps exactly the declarations that `used` keeps: with `used` unchanged, another pass (a parse
        # of every sheet) would leave out nothing more.
        again = frozenset(vocab.properties | {name for css in cut.values() for name in _VAR.findall(css)})
        if again == used:
            return cut
        used = again
