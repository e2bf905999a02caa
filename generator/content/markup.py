"""The site's Markdown dialect, in one place: the renderer's config and the sanitiser both read it from here."""

from __future__ import annotations

import hashlib
import html.parser
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


# A link or image address in Markdown, or an href/src in raw HTML, in any case, quoted or not (validate refuses
# reference definitions); and addresses that do not depend on the page they are on (a scheme, a root path).
ADDRESS = re.compile(r"(\]\(\s*<?|\b(?i:href|src)\s*=\s*[\"']?)([^)\s\"'>]*)")
PAGE_FREE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|/")


class _Attributes(html.parser.HTMLParser):
    """What the elements of rendered HTML hold (never the text, comments or attribute values that merely look like
    markup): the addresses of links and pictures, and the ids a link's #part can name (an id, or an <a name>)."""

    def __init__(self) -> None:
        super().__init__()
        self.addresses: set[str] = set()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None and name in ("href", "src"):
                self.addresses.add(value)
            elif value is not None and (name == "id" or (name == "name" and tag == "a")):
                self.ids.add(value)


def attributes(rendered: str) -> _Attributes:
    """The addresses and ids of rendered HTML's elements."""
    found = _Attributes()
    found.feed(rendered)
    found.close()
    return found


def link_offsets(body: str) -> tuple[int, ...]:
    """Where the relative addresses that the site's Markdown makes links or pictures of start in a body: not one
    in a code span, a code block, a comment or plain text, or after an escape, where it is text to show.

    Markdown itself decides: each address is swapped for a numbered mark of plain letters and digits, which changes
    no parse, the body rendered, and the marks looked for in the href and src of its elements. The mark comes from
    a digest of the body, so no body can hold it. An address holding a character that swapping could change the
    parse of (` or \\) stays as written, and is a link if an element has it."""
    matches = [m for m in ADDRESS.finditer(body) if m.group(2) and not PAGE_FREE.match(m.group(2))]
    if not matches:
        return ()
    mark, salt = "", 0
    while not mark or mark in body:
        mark = "z" + hashlib.sha256(f"{salt}\0{body}".encode()).hexdigest()[:16]
        salt += 1
    pieces: list[str] = []
    at, kept = 0, {}
    for n, match in enumerate(matches):
        address = match.group(2)
        swap = "`" not in address and "\\" not in address
        pieces += [body[at : match.start(2)], f"{mark}{n}{mark}" if swap else address]
        if not swap:
            kept[n] = address
        at = match.end(2)
    found = attributes(to_html("".join([*pieces, body[at:]]))[0]).addresses
    made = {int(digits) for a in found if (digits := _marked(a, mark)) is not None}
    made |= {n for n, address in kept.items() if address in found}
    return tuple(matches[n].start(2) for n in sorted(made))


def _marked(address: str, mark: str) -> str | None:
    inner = address.removeprefix(mark).removesuffix(mark)
    return inner if len(inner) == len(address) - 2 * len(mark) and inner.isdigit() else None
