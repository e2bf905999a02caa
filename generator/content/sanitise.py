"""The allowlist of HTML that content may produce, enforced by nh3 (Ammonia) and explained element by element."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

# What Markdown with the site's extensions produces (tables, lists, links, images, admonitions, details,
# definition lists, headings with permalinks), plus a few inline tags an editor may type. Nothing else.
ALLOWED_TAGS = frozenset(
    "a abbr b blockquote br caption code dd del details div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i img "  # noqa: SIM905
    "ins kbd li mark ol p pre s small span strong sub summary sup table tbody td tfoot th thead tr u ul".split()
)
# attr_list ({: ...}) and raw HTML may set only these on any element.
GLOBAL_ATTRIBUTES = frozenset({"id", "class"})
TAG_ATTRIBUTES = {
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "title"}),
    "abbr": frozenset({"title"}),
    "th": frozenset({"style"}),  # Markdown tables align columns with style="text-align: ..."
    "td": frozenset({"style"}),
    "ol": frozenset({"start"}),
    "details": frozenset({"open"}),
}
LINK_SCHEMES = frozenset({"https", "mailto"})
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())  # noqa: SIM905

_ID = re.compile(r"[\w-]+")
_CLASS = re.compile(r"[\w-]+(?:[\t\n\f\r ]+[\w-]+)*[\t\n\f\r ]*")
_ALIGN = re.compile(r"text-align: (?:left|right|center);")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_SPLITS = re.compile(r"[\t\n\r]")
_EDGES = "".join(map(chr, range(0x21)))

_TAG_HINTS = (
    ({"script", "noscript", "template"}, "remove it: content cannot run script"),
    (
        {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "fencedframe"},
        "link to the page instead of embedding it",
    ),
    ({"style", "link", "font", "center", "marquee"}, "remove it: the site's stylesheet decides how content looks"),
    (
        {"form", "input", "button", "select", "textarea", "option", "label", "fieldset", "output", "isindex"},
        "remove it: link to the form on its own site instead",
    ),
    ({"meta", "base", "title", "html", "head", "body"}, "remove it: this belongs to the page template, not to content"),
    (
        {"svg", "math", "video", "audio", "source", "track", "picture", "canvas", "map", "area", "image"},
        "use a Markdown image of a file on this site: ![what it shows](picture.png)",
    ),
)


@dataclass(frozen=True)
class Finding:
    """One thing the sanitiser would remove or rewrite; key identifies it, needles (regexes, best first) find it
    in a source line."""

    key: tuple[str, ...]
    message: str
    hint: str
    needles: tuple[str, ...] = ()


def url_scheme(value: str) -> str | None:
    """The scheme a browser reads in a URL attribute (after the edge spaces and inner tabs/newlines it ignores)."""
    match = _SCHEME.match(_SPLITS.sub("", value.strip(_EDGES)))
    return match.group(1).lower() if match else None


def is_local(value: str) -> bool:
    """True when a URL stays on this site: no scheme, and not //host (browsers read \\ as / here)."""
    url = _SPLITS.sub("", value.strip(_EDGES))
    return url_scheme(url) is None and not re.match(r"[/\\]{2}", url)


def _path(url: str) -> str:
    """The part of a URL before its query or fragment, as a browser reads it."""
    url = _SPLITS.sub("", url.strip(_EDGES))
    return url[: min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))]


def show(text: str, limit: int = 60) -> str:
    """Text for a message: control characters made visible, long text cut."""
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def value_problem(tag: str, attr: str, value: str) -> tuple[str, str] | None:
    """(message, hint) when an allowed attribute carries a value the allowlist refuses."""
    if attr == "id" and (not _ID.fullmatch(value) or value.startswith("__")):
        return f"id '{show(value)}' is not allowed", "use letters, digits and hyphens; ids starting __ are the site's"
    if attr == "class" and not _CLASS.fullmatch(value):
        return f"class '{show(value)}' is not allowed", "class names are letters, digits and hyphens"
    if attr in ("href", "src") and url_scheme(value) is None and any(map(_SCHEME.match, _path(value).split("/"))):
        # ./javascript:x names a file here, but a link moved to another page can lose the folders before any part
        # of its path (its ./ included), and a part that begins like a scheme then reads as one.
        hint = "no page or picture of this site has a colon in its name; link to https:// addresses in full"
        return f"address '{show(value)}' has a colon in its path", hint
    if tag == "a" and attr == "href":
        scheme = url_scheme(value)
        if scheme is not None and scheme not in LINK_SCHEMES:
            hint = "links may go to https:// or mailto: addresses, or to pages of this site"
            return f"a link to '{show(value)}' is not allowed", hint
    if tag == "img" and attr == "src" and not is_local(value):
        hint = "save the image in the content folder and refer to it by a relative path"
        if url_scheme(value) in ("http", "https", None):
            why = "loading it would tell that host who reads the page"
            return f"image '{show(value)}' is on another host: {why}", hint
        return f"image address '{show(value)}' is not allowed: images must be files of this site", hint
    if attr == "style" and not _ALIGN.fullmatch(value):
        return f"style '{show(value)}' is not allowed", "remove it: the site's stylesheet decides how content looks"
    if attr == "start" and not value.isdigit():
        return f"list start '{show(value)}' is not a number", "start a numbered list with the number itself: 3. ..."
    return None


def _keep(tag: str, attr: str, value: str) -> str | None:
    return value if value_problem(tag, attr, value) is None else None


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={"*": set(GLOBAL_ATTRIBUTES), **{t: set(a) for t, a in TAG_ATTRIBUTES.items()}},
    attribute_filter=_keep,
    url_schemes=set(LINK_SCHEMES),
    strip_comments=False,
    link_rel=None,
)


def clean(html: str) -> str:
    """The HTML with everything outside the allowlist removed (nh3 parses it as browsers do)."""
    return _CLEANER.clean(html)


def _attribute_finding(tag: str, attr: str, value: str) -> Finding | None:
    needle = rf"(?i)(?<![\w:-]){re.escape(attr)}(?![\w-])"
    if attr not in GLOBAL_ATTRIBUTES and attr not in TAG_ATTRIBUTES.get(tag, ()):
        if attr.startswith("on"):
            message = f"event attribute '{show(attr)}' on <{tag}> would run script"
            hint = "remove it: content cannot run script"
        elif attr == "srcset":
            message, hint = f"'srcset' on <{tag}> would load other images", "use one image: ![what it shows](file.png)"
        elif attr == "style":
            message, hint = f"'style' on <{tag}> is not allowed", "remove it: the site's stylesheet decides the look"
        else:
            message = f"attribute '{show(attr)}' on <{tag}> is not allowed"
            hint = "remove it: content may set only id and class, e.g. {: #an-id .a-class } after a paragraph"
        return Finding(("attr", tag, attr), message, hint, (needle,))
    problem = value_problem(tag, attr, value)
    if problem is None:
        return None
    # Found by its text if written as it reads, else at the attribute (raw HTML) or the link's "](" (Markdown).
    written = (re.escape(value.strip(_EDGES)[:20]),) if value.strip(_EDGES) else ()
    needles = (*written, rf"(?i)(?<![\w:-]){re.escape(attr)}\s*=", r"\]\(")
    return Finding(("value", tag, attr, value), *problem, needles=needles)


Token = tuple[str, ...]


class _Walk(HTMLParser):
    """Reads HTML as tokens, and notes every element and attribute outside the allowlist."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[Token] = []
        self.findings: list[Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tbody" and not attrs:
            return  # browsers add <tbody> to a table that has none: not a change worth refusing
        first: dict[str, str] = {}
        for name, value in attrs:
            first.setdefault(name, value or "")
        self.tokens.append(("start", tag, *(f"{k}={v}" for k, v in sorted(first.items()))))
        if tag not in ALLOWED_TAGS:
            hint = next((h for tags, h in _TAG_HINTS if tag in tags), "write it in Markdown instead")
            message = f"HTML element <{show(tag)}> is not allowed"
            self.findings.append(Finding(("tag", tag), message, hint, (f"(?i)<{re.escape(tag)}",)))
            return
        for name, value in attrs:  # every copy: a browser reads the first, but a second one is no more welcome
            finding = _attribute_finding(tag, name, value or "")
            if finding is not None:
                self.findings.append(finding)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # HTML ignores the self-closing slash: <div/> opens a div, as a browser reads it.
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and tag != "tbody":
            self.tokens.append(("end", tag))

    def handle_data(self, data: str) -> None:
        # The parser may hand text over in pieces; whitespace is compared collapsed (a browser shows it so).
        if self.tokens and self.tokens[-1][0] == "text":
            data = self.tokens.pop()[1] + data
        self.tokens.append(("text", data))

    def close(self) -> None:
        super().close()
        texts = ((kind, " ".join(rest[0].split())) if kind == "text" else (kind, *rest) for kind, *rest in self.tokens)
        self.tokens = [token for token in texts if token != ("text", "")]

    def handle_comment(self, data: str) -> None:
        self.tokens.append(("comment", data))

    def handle_decl(self, decl: str) -> None:
        self.tokens.append(("declaration", decl))

    def handle_pi(self, data: str) -> None:
        self.tokens.append(("declaration", data))

    def unknown_decl(self, data: str) -> None:
        self.tokens.append(("declaration", data))


def _read(html: str) -> _Walk:
    walk = _Walk()
    walk.feed(html)
    walk.close()
    return walk


def _as_html(token: Token | None) -> str:
    if token is None:
        return "nothing"
    kind, *rest = token
    if kind == "start":
        return "<" + " ".join([rest[0], *rest[1:]]) + ">"
    if kind == "end":
        return f"</{rest[0]}>"
    if kind == "comment":
        return f"<!--{rest[0]}-->"
    return rest[0] if kind == "text" else f"<!{rest[0]}>"


def _needles(token: Token | None) -> tuple[str, ...]:
    if token is None or token[0] == "end":
        return ()
    if token[0] == "start":
        return (f"(?i)<{re.escape(token[1])}",)
    return (re.escape(token[1][:20]),) if token[0] == "text" else (re.escape("<!"),)


def listed(html: str) -> list[Finding]:
    """Elements, attributes and values outside the allowlist, as Python's HTML parser reads them."""
    return _read(html).findings


def _open_at(tokens: list[Token], end: int) -> list[str]:
    """The elements open before tokens[end], as the tokens nest them."""
    stack: list[str] = []
    for token in tokens[:end]:
        if token[0] == "start" and token[1] not in VOID:
            stack.append(token[1])
        elif token[0] == "end" and token[1] in stack:
            del stack[len(stack) - 1 - stack[::-1].index(token[1]) :]
    return stack


def findings(html: str) -> list[Finding]:
    """Everything in an HTML fragment that the sanitiser would change, in document order."""
    raw = _read(html)
    if raw.findings:
        return raw.findings
    # Nothing outside the allowlist as Python reads it; nh3 reads HTML as a browser does. If the cleaned HTML
    # reads differently, the two parsers disagree (a parser trick) or the HTML is broken: refuse it either way.
    # Most fragments come back from nh3 unchanged, and the same text reads as the same tokens: no second parse.
    tidied = clean(html)
    if tidied == html:
        return []
    cleaned = _read(tidied).tokens
    if cleaned == raw.tokens:
        return []
    return [_difference(raw.tokens, cleaned)]


def _difference(raw: list[Token], cleaned: list[Token]) -> Finding:
    """The first place where the cleaned HTML reads differently, described so that an editor can fix it."""
    ops = difflib.SequenceMatcher(None, raw, cleaned, autojunk=False).get_opcodes()
    _, i1, i2, j1, j2 = next(op for op in ops if op[0] != "equal")
    removed, added = raw[i1:i2], cleaned[j1:j2]
    hint = "close every element you open and quote attribute values, or write plain Markdown"
    key = ("rewritten", str(removed[:1] or added[:1]))
    for token in removed:
        if token[0] == "end" and token[1] not in _open_at(raw, raw.index(token, i1)):
            message = f"</{token[1]}> closes an element that is not open"
            return Finding(key, message, hint, (f"(?i)</{re.escape(token[1])}",))
    for token in added:
        if token[0] == "end":
            # The parser closes an element here that the text leaves open: point at where it was opened.
            message = f"<{token[1]}> is not closed, or is closed in the wrong place"
            return Finding(key, message, hint, (f"(?i)<{re.escape(token[1])}(?![\\w-])",))
    written = removed[0] if removed else None
    read = added[0] if added else None
    message = f"the sanitiser would rewrite '{show(_as_html(written))}' as '{show(_as_html(read))}'"
    return Finding(key, message, hint, _needles(written))
