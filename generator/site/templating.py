"""The Jinja2 environment pages are rendered in: sandboxed (a content tree may bring its own theme), strict."""

from __future__ import annotations

import re
import traceback
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from ..content.problems import Problem
from ..content.theme import Theme
from .figures import funding_text, metric_text


TEMPLATES = "theme/templates/"


def environment(theme: Theme) -> jinja2.Environment:
    """A sandboxed, strict Jinja2 environment over the theme's templates, with the filters pages use."""
    def source(name: str) -> tuple[str, str, Any] | None:
        # A file name for each template, so an error can say which template and line it came from.
        return (theme.templates[name], TEMPLATES + name, lambda: True) if name in theme.templates else None

    env = SandboxedEnvironment(
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
        shift_headings=shift_headings,
    )
    return env


def template_problem(exc: Exception, name: str) -> Problem:
    """A template that failed to render, as a problem at its file and line (a theme can be wrong or hostile)."""
    path, line = TEMPLATES + name, 1
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        path, line = exc.filename, exc.lineno or 1
    else:
        frames = [(f.f_code.co_filename, n) for f, n in traceback.walk_tb(exc.__traceback__)]
        path, line = next(((p, n) for p, n in reversed(frames) if p.startswith(TEMPLATES)), (path, line))
    sandboxed = isinstance(exc, jinja2.exceptions.SecurityError)
    hint = "templates may use only the page's variables and filters" if sandboxed else "fix the template"
    return Problem(path, line, 1, f"template error: {exc}".splitlines()[0], hint=hint)


# Everything but printable characters YAML reads as themselves: a line break in a title must not end the front matter.
_YAML_ESCAPE = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\"\\\\]")


def yaml_string(text: Any) -> str:
    """Text as one double-quoted YAML scalar, whatever characters it holds."""

    def escape(match: re.Match[str]) -> str:
        char = match.group(0)
        return "\\" + char if char in '"\\' else f"\\u{ord(char):04x}"

    return '"' + _YAML_ESCAPE.sub(escape, str(text)) + '"'


def cell(text: Any) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def shift_headings(body: str) -> str:
    """Demote headings one level when a body uses '# ': the page already has its own title."""
    if not re.search(r"^# ", body, flags=re.MULTILINE):
        return body
    return re.sub(r"^(#{1,5}) ", r"#\1 ", body, flags=re.MULTILINE)
