"""The theme's own stylesheets without their comments and indentation, as every page loads them: the comments say
why, for whoever edits theme/assets; a reader's browser only pays for them. Token by token (tinycss2), so nothing
a browser reads changes: comments go, each run of white space becomes one space, and a space goes entirely where
CSS never needs one (next to ';', ',', '{', '}', and after ':')."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import tinycss2
from tinycss2 import ast

_TIGHT = {";", ",", ":"}


def _tight(token: Any, after: bool) -> bool:
    """Whether a space beside this token (after it, or before it) can go."""
    if token is None or token.type == "{} block":
        return True
    if token.type != "literal":
        return False
    return token.value in (_TIGHT if after else {";", ","})


def _tokens(tokens: Sequence[Any]) -> list[Any]:
    out: list[Any] = []
    for token in tokens:
        if token.type == "comment":
            continue
        if token.type == "whitespace":
            if out and out[-1].type != "whitespace" and not _tight(out[-1], after=True):
                out.append(ast.WhitespaceToken(token.source_line, token.source_column, " "))
            continue
        if out and out[-1].type == "whitespace" and _tight(token, after=False):
            out.pop()
        if token.type == "{} block":
            token = ast.CurlyBracketsBlock(token.source_line, token.source_column, _tokens(token.content))
        elif token.type == "() block":
            token = ast.ParenthesesBlock(token.source_line, token.source_column, _tokens(token.content))
        elif token.type == "[] block":
            token = ast.SquareBracketsBlock(token.source_line, token.source_column, _tokens(token.content))
        elif token.type == "function":
            token = ast.FunctionBlock(token.source_line, token.source_column, token.name, _tokens(token.arguments))
        out.append(token)
    if out and out[-1].type == "whitespace":
        out.pop()
    return out


@functools.lru_cache(maxsize=8)  # every edition loads the same few stylesheets: each is minified once a build
def minified_css(data: bytes) -> bytes:
    """A stylesheet's bytes without comments and needless white space; as they were if not UTF-8, or if nested
    too deep to walk."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    tokens = tinycss2.parse_component_value_list(text, skip_comments=False)
    try:
        minified: str = tinycss2.serialize(_tokens(tokens))
    except RecursionError:  # blocks nested a thousand deep (a content tree's own theme): both walks recurse
        return data
    return minified.encode("utf-8")
