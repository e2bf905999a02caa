"""The Jinja2 environment pages are rendered in: sandboxed (a content tree may bring its own theme), strict."""

from __future__ import annotations

import html
import re
import traceback
from collections.abc import Mapping
from typing import Any

import jinja2

from .. import runaway
from ..content.problems import Problem
from ..content.theme import Theme
from ..editions import words
from ..sandbox import Sandbox
from .figures import funding_text, funding_words, metric_text, metric_words
from .paths import relocate


def environment(theme: Theme) -> jinja2.Environment:
    """A sandboxed, strict Jinja2 environment over the theme's templates, with the filters pages use."""

    def source(name: str) -> tuple[str, str, Any] | None:
        # Each template's file name is its theme path, so errors and tracebacks name the theme file.
        text = theme.templates.get(name)
        return None if text is None else (text, theme.template_path(name), lambda: True)

    env = Sandbox(
        loader=jinja2.FunctionLoader(source),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown; HTML parts escape explicitly with |e
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    labels = theme.labels
    env.filters.update(
        cell=cell,
        alt=lambda text: re.sub(r"[\[\]\n]", " ", str(text)),
        yamlstr=yaml_string,
        metric=lambda m: metric_text(m, labels),
        funding=lambda f: funding_text(f, labels),
        metric_words=lambda m: metric_words(m, labels),
        funding_words=lambda f: funding_words(f, labels),
        relocate=relocate,
        shift_headings=shift_headings,
        date=lambda iso: long_date(str(iso), labels),
        worddiff=lambda old, new: words.diff(old or "", new or "") or (),
        plain=plain,
    )
    return env


def template_problem(exc: Exception, theme: Theme, template: str, page: str) -> Problem:
    """A failure while rendering a page, at the theme file and line where it happened."""
    files = {theme.template_path(name) for name in theme.templates}
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename in files:
        where = (exc.filename, exc.lineno or 1)
    else:
        # Jinja rewrites tracebacks so template frames carry the template's file name and line.
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename in files]
        where = (frames[-1].filename, frames[-1].lineno or 1) if frames else (theme.template_path(template), 1)
    detail = exc.message if isinstance(exc, jinja2.TemplateError) and exc.message else str(exc) or type(exc).__name__
    if isinstance(exc, RecursionError):
        detail = "a macro or include calls itself without end"
    if isinstance(exc, MemoryError):  # the bound runaway.watched() sets on the address space
        detail = runaway.too_much_memory()
    hint = f"while rendering {page}"
    if isinstance(exc, jinja2.exceptions.SecurityError):
        hint = f"templates may use only the page's variables and filters; {hint}"
    return Problem(where[0], where[1], 1, f"the template failed: {detail}", hint=hint)


# Everything but printable characters YAML reads as themselves: a line break in a title must not end the front matter.
_YAML_ESCAPE = re.compile('[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|["\\\\]')


def yaml_string(text: Any) -> str:
    """Text as one double-quoted YAML scalar, whatever characters it holds."""

    def escape(match: re.Match[str]) -> str:
        char = match.group(0)
        return "\\" + char if char in '"\\' else f"\\u{ord(char):04x}"

    return '"' + _YAML_ESCAPE.sub(escape, str(text)) + '"'


def long_date(iso: str, labels: Mapping[str, Mapping[str, str]]) -> str:
    """'2026-11-23' -> '23 November 2026', with the month names of labels.yml."""
    year, month, day = iso.split("-")
    return f"{int(day)} {labels['months'][str(int(month))]} {year}"


def cell(text: Any) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def shift_headings(body: str, under: int = 1) -> str:
    """Demote a body's headings so its highest sits just below a heading of level `under` (the page's title is 1),
    never beyond level 6; a body that already starts low enough is left as it is."""
    levels = [len(m) for m in re.findall(r"^(#{1,6}) ", body, flags=re.MULTILINE)]
    by = under + 1 - min(levels, default=under + 1)
    if by <= 0:
        return body
    return re.sub(r"^(#{1,6}) ", lambda m: "#" * min(6, len(m.group(1)) + by) + " ", body, flags=re.MULTILINE)


def plain(text: Any) -> str:
    """Text shown as typed: HTML escaped, and Markdown's emphasis, code and link marks and attribute-list braces
    taken literally (texts joined on one line, each checked alone, must not make a `{onclick=...}` together)."""
    return re.sub(r"([\\`*_\[\]{}])", r"\\\1", html.escape(str(text), quote=False))
