"""The site's Markdown dialect, in one place: the renderer's config and the sanitiser both read it from here."""

from __future__ import annotations

import re
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


# A link or image address in Markdown, or an href/src in raw HTML (validate refuses reference definitions); and
# addresses that do not depend on the page they are on (a scheme, a root path).
ADDRESS = re.compile(r"(\]\(\s*<?|\b(?:href|src)=[\"'])([^)\s\"'>]*)")
PAGE_FREE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|/")


def link_offsets(body: str) -> tuple[int, ...]:
    """Where the relative addresses that the site's Markdown makes links or pictures of start in a body: not one
    in a code span, a code block or after an escape, where it is text to show. Markdown itself decides: each
    address is swapped for a numbered mark of plain letters and digits, which changes no parse, and the body
    rendered; the marks found in href and src are links. An address holding a character that could change the
    parse (` or \\) is kept, and counted a link."""
    matches = [m for m in ADDRESS.finditer(body) if m.group(2) and not PAGE_FREE.match(m.group(2))]
    if not matches:
        return ()
    mark = "z" + "q" * (max(map(len, re.findall("q+", body)), default=0) + 1)  # longer than any q-run: not in body
    pieces: list[str] = []
    at, kept = 0, set()
    for n, match in enumerate(matches):
        address = match.group(2)
        swap = "`" not in address and "\\" not in address
        pieces += [body[at : match.start(2)], f"{mark}{n}{mark}" if swap else address]
        kept |= set() if swap else {n}
        at = match.end(2)
    html = to_html("".join([*pieces, body[at:]]))[0]
    made = kept | {int(n) for n in re.findall(rf"""(?:href|src)=["']{mark}(\d+){mark}["']""", html)}
    return tuple(matches[n].start(2) for n in sorted(made))
