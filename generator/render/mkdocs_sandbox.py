"""A MkDocs hook (mkdocs.yml `hooks:`): Material's templates and a content tree's own overrides render in the
sandbox the pages' templates render in (generator/sandbox.py), within the same bounds on work.

MkDocs renders themes in a plain Jinja environment, where an override could run any Python in the build
(`lipsum.__globals__`). MkDocs loads a hook by its file, as a module of its own: imports here are absolute."""

from __future__ import annotations

from contextlib import ExitStack
from typing import Any

import jinja2

from generator import runaway
from generator.sandbox import Sandbox, checked_gettext

# What a Jinja environment is made of that its constructor does not take: copied as they are.
_TABLES = ("filters", "tests", "globals", "policies")


def sandboxed(env: jinja2.Environment) -> jinja2.Environment:
    """The same environment (loader, settings, extensions, filters, globals, translations, compiled-template cache),
    sandboxed."""
    if isinstance(env, Sandbox):
        return env
    new = Sandbox(
        trim_blocks=env.trim_blocks,
        lstrip_blocks=env.lstrip_blocks,
        newline_sequence=env.newline_sequence,
        keep_trailing_newline=env.keep_trailing_newline,
        extensions=list(env.extensions),
        optimized=env.optimized,
        undefined=env.undefined,
        finalize=env.finalize,
        autoescape=env.autoescape,
        loader=env.loader,
        auto_reload=env.auto_reload,
        bytecode_cache=env.bytecode_cache,
    )
    for table in _TABLES:
        mine = getattr(new, table)
        for name, value in getattr(env, table).items():
            mine.setdefault(name, value)  # the sandbox's own stay (its range refuses ranges of a billion)
    if "_" in new.globals:
        new.globals["_"] = checked_gettext
    # What extensions set on the environment (the i18n extension's gettext settings), and what a caller replaced
    # on the instance (serve's list_templates): everything the new environment does not have of its own.
    own = vars(new)
    for name, value in vars(env).items():
        if name not in own:
            setattr(new, name, value)
    return new


def on_env(env: jinja2.Environment, config: Any, files: Any) -> jinja2.Environment:
    """MkDocs' event: the theme's environment, just made, before any page is rendered."""
    return sandboxed(env)


# Each page is read and rendered within runaway's bounds: its own time budget, and an address space that may
# grow by runaway.GROWTH meanwhile (per page: MkDocs keeps every page it has read, so its size grows with the
# edition, but no one page may take a gigabyte). MkDocs reads every page first (on_pre_page to on_page_content),
# then renders each (on_page_context to on_post_page), and renders the static templates (404.html, sitemap.xml)
# between on_pre_template and on_post_template: each of these spans is watched.
_span = ExitStack()


def _start() -> None:
    _span.close()
    watch = _span.enter_context(runaway.watched())
    _span.enter_context(watch.page())


def on_pre_page(page: Any, config: Any, files: Any) -> Any:
    """MkDocs' event before a page is read and its Markdown converted."""
    _start()
    return page


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """MkDocs' event once a page's Markdown is converted."""
    _span.close()
    return html


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """MkDocs' event just before a page's template is rendered."""
    _start()
    return context


def on_post_page(output: str, page: Any, config: Any) -> str:
    """MkDocs' event after a page's template is rendered."""
    _span.close()
    return output


def on_pre_template(template: Any, template_name: str, config: Any) -> Any:
    """MkDocs' event before a static template (404.html, sitemap.xml) is rendered."""
    _start()
    return template


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """MkDocs' event after a static template is rendered."""
    _span.close()
    return output_content


def on_post_build(config: Any) -> None:
    """MkDocs' event at the end of a build."""
    _span.close()


def on_build_error(error: Exception) -> None:
    """MkDocs' event when a build fails (a page's template raised): the timer and the bound end with it, not in the
    interpreter's shutdown, where their clean-up would fail and hide the error."""
    _span.close()
