"""The Jinja2 environment pages are rendered in: sandboxed (a content tree may bring its own theme), strict."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from ..content.theme import Theme
from ..editions import words
from .figures import funding_text, metric_text


def environment(theme: Theme) -> jinja2.Environment:
    """A sandboxed, strict Jinja2 environment over the theme's templates, with the filters pages use."""
    env = SandboxedEnvironment(
        loader=jinja2.DictLoader(theme.templates),
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
        yamlstr=lambda text: '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"',
        metric=lambda m: metric_text(m, labels),
        funding=lambda f: funding_text(f, labels),
        shift_headings=shift_headings,
        date=lambda iso: long_date(str(iso), labels),
        worddiff=lambda old, new: words.diff(old or "", new or "") or (),
        plain=plain,
    )
    return env


def long_date(iso: str, labels: Mapping[str, Mapping[str, str]]) -> str:
    """'2026-11-23' -> '23 November 2026', with the month names of labels.yml."""
    year, month, day = iso.split("-")
    return f"{int(day)} {labels['months'][str(int(month))]} {year}"


def cell(text: Any) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def shift_headings(body: str) -> str:
    """Demote headings one level when a body uses '# ': the page already has its own title."""
    if not re.search(r"^# ", body, flags=re.MULTILINE):
        return body
    return re.sub(r"^(#{1,5}) ", r"#\1 ", body, flags=re.MULTILINE)


def plain(text: Any) -> str:
    """Text shown as typed: HTML escaped, and Markdown's emphasis, code and link marks taken literally."""
    return re.sub(r"([\\`*_\[\]])", r"\\\1", html.escape(str(text), quote=False))
