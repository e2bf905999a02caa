"""The site's Markdown dialect, in one place: the renderer's config and the sanitiser both read it from here."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Markdown loads only when a text is rendered: a fully stored tree renders none (checkstore.py)
    import markdown

# The extensions MkDocs is configured with (mkdocs.yml form). Validation renders content with exactly these,
# so what it checks is the HTML the site will publish. MkDocs adds toc, tables and fenced_code whatever the config
# says: they are listed, so that validation (and Zensical) read ``` blocks as MkDocs does.
MARKDOWN_EXTENSIONS: list[Any] = [
    "tables",
    "fenced_code",
    "attr_list",
    "md_in_html",
    "admonition",
    "def_list",
    "pymdownx.details",
    {"toc": {"permalink": True}},
]

_local = threading.local()


def _converter() -> markdown.Markdown:
    # Loading extensions costs more than converting a short text, so each thread keeps one converter.
    md: markdown.Markdown | None = getattr(_local, "md", None)
    if md is None:
        import markdown

        names = [e if isinstance(e, str) else next(iter(e)) for e in MARKDOWN_EXTENSIONS]
        configs = {k: v for e in MARKDOWN_EXTENSIONS if isinstance(e, dict) for k, v in e.items()}
        md = markdown.Markdown(extensions=names, extension_configs=configs)
        _local.md = md
    return md


def to_html(text: str) -> tuple[str, dict[str, str]]:
    """Markdown text as the site renders it: (HTML, link reference definitions by label)."""
    md = _converter()
    md.reset()
    html = md.convert(text)
    references = {label: str(ref[0]) for label, ref in md.references.items()}
    return html, references
