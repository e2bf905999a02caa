"""The publish gate: every file this build would publish is read back as a browser would (pages and SVG with the
standard library's HTML parser, stylesheets with tinycss2), and nothing is published or cached while one of them could
run script other than Material's and the bundled theme's, or make a request to another host. It looks at the output,
not at the inputs, so it holds whatever put the markup there: content, labels, templates, a content tree's own theme,
a later rewrite of a link, or a combination of values each of which passed its own check.

What it lets through is an allowlist: known elements; URLs with no scheme and no host (links may also go to http,
https, mailto and tel addresses); data: URLs in stylesheets for images and fonts only; script files byte-identical to
those Material or the bundled theme ship; inline scripts Material's templates and the bundled theme make
(known_scripts.py, recorded from a build of the bundled site); a few kinds of file. Where the parser might read a
page otherwise than a browser (a comment or <style> holding markup, a tag it cannot read), the page is refused."""

from __future__ import annotations

import functools
import gzip
import hashlib
import importlib.util
import io
import json
import os
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import tinycss2

from ..content.problems import Problem
from ..content.theme import TOOL_THEME, Theme
from ..errors import OutputError
from . import known_scripts

# Elements a page or an SVG file may hold, by local name (html.parser lowercases; a prefix such as rdf: is dropped):
# HTML's, SVG's, the metadata matplotlib writes into its SVG (RDF, Dublin Core, Creative Commons) and a sitemap's.
HTML_ELEMENTS = frozenset(
    "a abbr acronym address area article aside audio b bdi bdo big blockquote body br button canvas caption "  # noqa: SIM905
    "center cite code col colgroup data datalist dd del details dfn dialog div dl dt em fieldset figcaption "
    "figure font footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i img input ins kbd label legend li "
    "link main map mark menu meta meter nav nobr ol optgroup option output p picture pre progress q rp "
    "rt ruby s samp script search section select slot small source span strike strong style sub summary sup table "
    "tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr".split()
)
SVG_ELEMENTS = frozenset(
    "svg g defs symbol use image path rect circle ellipse line polyline polygon text tspan textpath title desc "  # noqa: SIM905
    "metadata clippath mask pattern marker lineargradient radialgradient stop filter switch view a style script "
    "animatemotion animatetransform mpath feblend fecolormatrix fecomponenttransfer fecomposite feconvolvematrix "
    "fediffuselighting fedisplacementmap fedistantlight fedropshadow feflood fefunca fefuncb fefuncg fefuncr "
    "fegaussianblur feimage femerge femergenode femorphology feoffset fepointlight fespecularlighting fespotlight "
    "fetile feturbulence".split()
)
METADATA_ELEMENTS = frozenset(
    "rdf work agent creator format type date description rights license publisher subject contributor identifier "  # noqa: SIM905
    "source relation coverage language urlset url loc lastmod changefreq priority".split()
)
ELEMENTS = HTML_ELEMENTS | SVG_ELEMENTS | METADATA_ELEMENTS
# Elements never published, and why (the bundled site uses none of them).
REFUSED = {
    "base": "changes the address every link and resource of the page starts from",
    "iframe": "embeds another page",
    "frame": "embeds another page",
    "frameset": "embeds other pages",
    "object": "embeds another document or plugin",
    "embed": "embeds another document or plugin",
    "applet": "embeds a plugin",
    "portal": "embeds another page",
    "fencedframe": "embeds another page",
    "foreignobject": "embeds HTML in SVG",
    "set": "an SVG animation can turn an address into script",
    "animate": "an SVG animation can turn an address into script",
}
# Attributes holding one URL (by local name: xlink:href is href); each must name a file of this site, except a
# link's href. srcset, imagesrcset and ping hold several.
URL_ATTRIBUTES = frozenset(
    "href src action formaction poster data cite background manifest longdesc lowsrc dynsrc codebase classid "  # noqa: SIM905
    "archive usemap profile icon srcset imagesrcset ping".split()
)
# Attributes whose values every browser takes as text, names or numbers: never an address, script or CSS.
TEXT_ATTRIBUTES = frozenset(
    "class id role title alt lang dir tabindex hidden for name type value placeholder autocomplete autocapitalize "  # noqa: SIM905
    "autocorrect spellcheck required checked selected disabled method charset scope colspan rowspan start open "
    "width height viewbox xmlns d x y rx ry cx cy r x1 x2 y1 y2 points transform version preserveaspectratio "
    "aria-label aria-labelledby aria-describedby aria-hidden aria-expanded aria-live aria-current aria-controls "
    "data-md-level data-md-toggle data-md-scrollfix data-md-type data-md-color-media data-md-color-scheme "
    "data-md-color-primary data-md-color-accent".split()
)
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# <link rel=...> values that only describe a page: their href is never fetched, so it may be another site's page.
DESCRIPTIVE_RELS = frozenset({"canonical", "alternate", "prev", "next", "author", "license", "help"})
# What a <link> may be: those, a stylesheet and an icon (preconnect, prefetch, manifest and the like are refused).
LINK_RELS = DESCRIPTIVE_RELS | {"stylesheet", "icon", "shortcut"}
# <meta http-equiv> values a page may set (refresh only to a page of this site).
HTTP_EQUIV = frozenset({"content-type", "content-language", "x-ua-compatible", "default-style", "refresh"})
# Script types that are data a browser never runs.
DATA_SCRIPTS = frozenset({"application/json", "application/ld+json"})
# Material's components (data-md-component) its script drives, as the bundled site has them; others fetch from
# elsewhere (source: the repository's facts from the link's host).
COMPONENTS = frozenset(
    "announce container content dialog header header-title header-topic logo main outdated palette search "  # noqa: SIM905
    "search-query search-result sidebar skip toc top".split()
)
# The media types of data: URLs a stylesheet may hold (Material's icons are data:image/svg+xml): an image or font
# cannot run script or load anything.
CSS_DATA = ("image/", "font/")
# CSS functions whose string arguments are addresses; at-rules that hold rules rather than declarations.
_URL_FUNCTIONS = frozenset(
    {"url", "src", "image", "image-set", "-webkit-image-set", "cross-fade", "-webkit-cross-fade"}
)
_GROUPING = frozenset(
    {"media", "supports", "layer", "container", "scope", "starting-style", "document", "-moz-document"}
)
# Kinds of file an edition may hold: checked (pages, SVG and XML, stylesheets, scripts) or inert (data, pictures,
# fonts: no browser runs them). Anything else (.xhtml, .pdf, .htaccess) is refused.
CHECKED = frozenset({"html", "htm", "svg", "xml", "css", "js"})
INERT = frozenset({"json", "map", "csv", "txt", "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "woff", "woff2"})
# A compressed file (sitemap.xml.gz) is checked as what it holds, read whole up to this size; a larger one is refused.
GZIP_LIMIT = 64 * 1024 * 1024

_SQUEEZE = {c: None for c in [*range(0x21), 0x7F]}
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# Material's inline scripts differ by page only in this path (`__md_scope=new URL("../..",location)`): a plain path,
# which may not lead to another host.
_PATH_LITERAL = re.compile(r'new URL\("((?!//)[A-Za-z0-9._~%/-]*)",location\)')
_SHOWN = 70
# What may follow a tag's name for a browser to read it as the tag (the end of the text too).
_TAG_ENDS = frozenset({"", " ", "\t", "\n", "\f", "\r", "/", ">"})


@dataclass(frozen=True, order=True)
class Finding:
    """One thing in one built file that may not be published: the file (relative to the folder checked), where in it,
    and what it is."""

    file: str
    line: int
    col: int
    what: str


# ---------------------------------------------------------------------------------------------------------- URLs


def squeezed(url: str) -> str:
    """A URL as the gate reads it: every ASCII space and control character removed (a browser ignores some, and
    removing all can only find more schemes), backslashes as slashes (browsers read \\\\host as //host)."""
    return url.translate(_SQUEEZE).replace("\\", "/")


def _read(url: str) -> tuple[str | None, bool]:
    """The URL's scheme (lowercase, or None for a relative URL), and whether it names a file of this site: no
    scheme, and no //host."""
    url = squeezed(url)
    match = _SCHEME.match(url)
    return (match.group()[:-1].lower(), False) if match else (None, not url.startswith("//"))


def same_site(url: str) -> bool:
    """True when the URL names a file of this site: no scheme, and no //host."""
    return _read(url)[1]


def _shown(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _tag(name: str, attribute: str = "", value: str | None = None) -> str:
    """An element as a message shows it: <name attribute="value">."""
    if not attribute:
        return f"<{name}>"
    return f"<{name} {attribute}>" if value is None else f'<{name} {attribute}="{_shown(value)}">'


def _link(tag: str, name: str, value: str, attrs: list[tuple[str, str | None]]) -> str:
    """A <link> as a message shows it: what it is for (rel) and the address."""
    rel = _values(attrs).get("rel")
    return _tag(tag, name, value) if rel is None else f'<{tag} rel="{_shown(rel)}" {name}="{_shown(value)}">'


def _refresh_target(content: str) -> str | None:
    """Where <meta http-equiv=refresh content=...> sends the reader (HTML's declarative refresh steps), or None."""
    rest = content.lstrip(" \t\n\f\r").lstrip("0123456789").lstrip("0123456789.")
    if not rest or rest[0] not in ";, \t\n\f\r":
        return None
    rest = rest.lstrip(" \t\n\f\r")
    rest = rest[1:] if rest[:1] in (";", ",") else rest
    rest = rest.lstrip(" \t\n\f\r")
    if rest[:3].lower() == "url":
        after = rest[3:].lstrip(" \t\n\f\r")
        if after[:1] == "=":
            rest = after[1:].lstrip(" \t\n\f\r")
    if rest[:1] in ("'", '"'):
        rest = rest[1:].split(rest[0], 1)[0]
    return rest


# ----------------------------------------------------------------------------------------------------------- CSS


def css_findings(text: str, *, declarations: bool = False) -> Iterator[tuple[int, int, str]]:
    """Each URL in a stylesheet (or, with declarations, a style attribute's value) that loads from another host, or a
    data: URL that is not an image or a font: (line, column, what) within text."""
    if not _css_like(text):
        return
    try:
        if declarations:
            yield from _css_tokens(tinycss2.parse_component_value_list(text, skip_comments=True), values=True)
        else:
            yield from _css_rules(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True))
    except RecursionError:  # blocks nested a thousand deep (a content tree's own theme): the walk recurses
        yield 1, 1, "CSS nested deeper than the publish gate reads"


def _css_rules(rules: Iterable[Any]) -> Iterator[tuple[int, int, str]]:
    for rule in rules:
        if rule.type == "qualified-rule":  # a selector's strings are matched, never fetched
            yield from _css_tokens(rule.content, values=True)
        elif rule.type == "at-rule" and rule.lower_at_keyword != "namespace":  # a namespace's URL only names it
            yield from _css_tokens(rule.prelude, imports=rule.lower_at_keyword == "import")
            if rule.content is None:
                continue
            if rule.lower_at_keyword in _GROUPING:
                yield from _css_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
            else:  # @font-face, @page and the like hold declarations
                yield from _css_tokens(rule.content, values=True)


def _css_tokens(
    tokens: Iterable[Any], *, imports: bool = False, values: bool = False, urls: bool = False
) -> Iterator[tuple[int, int, str]]:
    """The URLs among tokens: url(...) tokens, strings in url(), image-set() and the like (urls), the address of an
    @import, and in declarations (values) any string naming another host: a var() can put one into image-set()."""
    after_import = imports
    for token in tokens:
        kind = token.type
        if kind == "url" or (kind == "string" and (after_import or urls)):
            yield from _css_url(token, token.value, "url", after_import)
        elif kind == "string" and values and _elsewhere(token.value):
            yield from _css_url(token, token.value, "", False)
        elif kind == "function":
            yield from _css_tokens(token.arguments, values=values, urls=token.lower_name in _URL_FUNCTIONS)
        elif kind in ("() block", "[] block", "{} block"):
            yield from _css_tokens(token.content, values=values or kind == "{} block")
        # @import inside a block is ignored by browsers; its address is still not allowed to leave the site.
        if kind == "at-keyword":
            after_import = token.lower_value == "import"
        elif kind == "literal" and token.value == ";":
            after_import = False


def _elsewhere(text: str) -> bool:
    """Whether a CSS string names another host (http, https or //host): substituted by var() into image-set() or
    src(), a browser would fetch it. Other strings (content: "Note:") are words."""
    found, here = _read(text)
    return not here and found in (None, "http", "https")


def _css_url(token: Any, url: str, form: str, imported: bool) -> Iterator[tuple[int, int, str]]:
    where = token.source_line, token.source_column
    shown = f"@import '{_shown(url)}'" if imported else f"{form}('{_shown(url)}')" if form else f"'{_shown(url)}'"
    found, here = _read(url)
    if found == "data" and not imported:
        media = squeezed(url)[5:].split(",", 1)[0].split(";", 1)[0].lower()
        if not media.startswith(CSS_DATA):
            yield *where, f"{shown}: a data: URL in a stylesheet may only be an image or a font"
    elif not here:
        source = "another host" if found in (None, "http", "https") else f"a '{found}:' address"
        yield *where, f"{shown}: loads from {source} (a stylesheet may only load files of this site)"


# ------------------------------------------------------------------------------------------------------- scripts


def script_digest(text: str) -> str:
    """The sha256 by which an inline script is known: its text with Material's per-page path literal left out."""
    return hashlib.sha256(_PATH_LITERAL.sub('new URL("",location)', text).encode("utf-8")).hexdigest()


@cache
def shipped_scripts() -> frozenset[str]:
    """The sha256 of every script file Material's theme and the bundled theme ship, as installed."""
    spec = importlib.util.find_spec("material")
    folders = [TOOL_THEME / "assets"]
    if spec is not None and spec.submodule_search_locations:
        folders.append(Path(next(iter(spec.submodule_search_locations))) / "templates" / "assets")
    return frozenset(hashlib.sha256(p.read_bytes()).hexdigest() for f in folders for p in f.rglob("*.js"))


# --------------------------------------------------------------------------------------------------------- pages


class _Markup(HTMLParser):
    """One page or SVG file, read once; what may not be published is collected in found."""

    def __init__(self, folder: _Folder, file: str, text: str, xml: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.folder, self.file, self.text, self.xml = folder, file, text, xml
        self.dir = posixpath.dirname(file)
        self.found: list[Finding] = []
        self.line, self.line_start = 1, 0  # a line of the text and where it starts: index() moves them on
        # The <script> or <style> open (its name, attributes and where it starts), its text so far and where that is.
        self.raw: tuple[str, dict[str, str], tuple[int, int]] | None = None
        self.chunks: list[str] = []
        self.text_at = (1, 0)

    def add(self, what: str, at: tuple[int, int] | None = None) -> None:
        line, offset = at or self.getpos()
        self.found.append(Finding(self.file, line, offset + 1, what))

    # The parser's callbacks.

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        local = self.element(tag, attrs)
        if local in ("script", "style"):
            self.raw = local, _values(attrs), self.getpos()
            self.chunks = []
        elif local in ("title", "textarea") and not self.xml:
            self.escapable(local)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        local = self.element(tag, attrs)
        # A browser ignores the slash: what follows is the element's text, which the parser reads as markup.
        if local in ("script", "style") and not self.xml:
            self.add(f"<{tag} .../>: a self-closed <{local}> (a browser reads what follows as its text)")
        elif local in ("title", "textarea") and not self.xml:
            self.escapable(local)

    def handle_endtag(self, tag: str) -> None:
        if self.raw is not None and _local(tag) == self.raw[0]:
            at = self.index()
            if self.text[at : at + 2 + len(tag)].lower() != f"</{tag}":
                # The parser also ends the element at </ script>; a browser reads that as more of its text.
                self.add(f"</ {tag}>: an end tag a browser does not read as one (the <{tag}> goes on)")
            self.raw_text("".join(self.chunks))
            self.raw = None

    def handle_data(self, data: str) -> None:
        if self.raw is not None:
            if not self.chunks:
                self.text_at = self.getpos()
            self.chunks.append(data)
        elif data[:1] == "<" and self.unread():
            self.add(f"'{_shown(data)}': markup the gate cannot read as a browser would")

    def handle_comment(self, data: str) -> None:
        # A browser ends a comment at --!> too, and reads <!--> as a whole one: markup in a comment may be live.
        if "<" in data or ">" in data:
            self.add(f"<!--{_shown(data)}-->: a comment holding markup (a browser may end it elsewhere)")

    def handle_decl(self, decl: str) -> None:
        if "[" in decl:  # an internal subset: XML entities can expand into markup the parser never sees
            self.add(f"<!{_shown(decl)}>: a document type with its own declarations")

    def handle_pi(self, data: str) -> None:
        if not (self.xml and data.startswith("xml ")):  # <?xml-stylesheet href=...?> loads a stylesheet
            self.add(f"<?{_shown(data)}>: a processing instruction")

    def unknown_decl(self, data: str) -> None:
        self.add(f"<![{_shown(data)}]>: a CDATA or marked section (a browser may read it otherwise)")

    def close(self) -> None:
        super().close()
        if self.cdata_elem is not None and self.raw is not None:
            self.add(f"<{self.raw[0]}>: no end tag (its text runs to the end of the file)", self.raw[2])

    def index(self) -> int:
        """Where in the text the parser is (getpos() counts lines and columns; the parser only moves forward)."""
        line, offset = self.getpos()
        while self.line < line:
            self.line_start = self.text.index("\n", self.line_start) + 1
            self.line += 1
        return self.line_start + offset

    def unread(self) -> bool:
        """Whether the data just handed over starts at a '<' of the text that opens a tag (the parser gave up on
        it), not at an entity such as &lt;."""
        at = self.index()
        after = self.text[at + 1 : at + 2]
        return self.text[at : at + 1] == "<" and after.isascii() and after.isalpha()

    def escapable(self, kind: str) -> None:
        """A <title> or <textarea>: a browser reads its text up to the first </title> as text, where the parser reads
        markup (<textarea><p title="</textarea><img onerror=...>"> is an image to a browser): it may hold no '<'."""
        start = self.index() + len(self.get_starttag_text() or "")
        low, closing = self.text.lower(), f"</{kind}"
        end = low.find(closing, start)
        while end >= 0 and low[end + len(closing) : end + len(closing) + 1] not in _TAG_ENDS:
            end = low.find(closing, end + 1)
        if "<" in self.text[start : end if end >= 0 else len(self.text)]:
            self.add(f"<{kind}>: markup in its text (a browser reads it as text up to </{kind}>)")

    # The checks.

    def element(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        """Check a start tag; its local name."""
        local = tag if ":" not in tag else tag.rpartition(":")[2]
        if local not in ELEMENTS:
            self.add(f"<{tag}>: {REFUSED.get(local, 'an element the publish gate does not know')}")
        for name, value in attrs:
            if name not in TEXT_ATTRIBUTES:  # most attributes of a page: skipped at the cost of one lookup
                self.attribute(tag, local, name, value or "", attrs)
        if local in ("meta", "script", "link"):
            self.special(tag, local, _values(attrs))
        if ("id", "__config") in attrs and local != "script":
            self.add(f'<{tag} id="__config">: Material reads its settings from the first element of this id')
        return local

    def special(self, tag: str, local: str, values: dict[str, str]) -> None:
        """The elements that load or set what the page does: <meta http-equiv>, <script>, <link>."""
        if local == "meta":
            self.meta(tag, values)
        elif local == "script" and self.xml:
            self.add(f"<{tag}>: script in an SVG or XML file")
        elif local == "script":
            for name, value in values.items():
                if name in ("src", "href", "xlink:href") and same_site(value):
                    self.script_file(tag, name, value)
        elif not (rel := values.get("rel", "")).split() or set(rel.lower().split()) - LINK_RELS:
            self.add(f'<{tag} rel="{_shown(rel)}">: a kind of link the publish gate does not allow')

    def attribute(self, tag: str, local: str, name: str, value: str, attrs: list[tuple[str, str | None]]) -> None:
        short = _local(name)
        if short[:2] == "on" or name[:2] == "on":
            self.add(f"{_tag(tag, name, value)}: an event handler attribute (it runs script)")
        elif short in URL_ATTRIBUTES:
            self.url_attribute(tag, local, name, short, value, attrs)
        elif name == "xml:base" or name == "srcdoc":
            what = "changes where the file's addresses lead" if name == "xml:base" else "holds a page of its own"
            self.add(f"{_tag(tag, name, value)}: {what}")
        elif name == "data-md-component":
            if value not in COMPONENTS:
                self.add(f"{_tag(tag, name, value)}: a Material component the publish gate does not know")
        elif name == "style" or "(" in value or "\\" in value:  # SVG's presentation attributes (fill=url()) are CSS
            for _, _, what in css_findings(value, declarations=True):
                self.add(f"{_tag(tag, name)}: {what}")

    def url_attribute(
        self, tag: str, local: str, name: str, short: str, value: str, attrs: list[tuple[str, str | None]]
    ) -> None:
        # A link may lead to another site; an address the page fetches, or a link in an SVG file, may not.
        link = short == "href" and not self.xml and (local in ("a", "area") or (local == "link" and _describes(attrs)))
        for url in _urls(short, value):
            found, here = _read(url)
            shown = _tag(tag, name, value) if local != "link" else _link(tag, name, value, attrs)
            if link:
                if found is not None and found not in LINK_SCHEMES:
                    self.add(f"{shown}: a link to a '{found}:' address (only http, https, mailto or tel)")
            elif not here:
                where = "another host" if found in (None, "http", "https") else f"a '{found}:' address"
                self.add(f"{shown}: loads from {where} (only files of this site)")

    def meta(self, tag: str, values: dict[str, str]) -> None:
        equiv = values.get("http-equiv")
        if equiv is None:
            return
        if equiv.strip().lower() not in HTTP_EQUIV:
            self.add(f"{_tag(tag, 'http-equiv', equiv)}: a header the publish gate does not allow")
        elif equiv.strip().lower() == "refresh":
            target = _refresh_target(values.get("content", ""))
            if target is not None and not same_site(target):
                self.add(f"{_tag(tag, 'content', values.get('content', ''))}: a refresh to another site")

    def script_file(self, tag: str, name: str, url: str) -> None:
        target = self.folder.target(self.dir, url)
        if target is None or not self.folder.shipped(target):
            self.add(f"{_tag(tag, name, url)}: not a script Material or the bundled theme ships")

    def raw_text(self, text: str) -> None:
        kind, values, at = self.raw or ("", {}, (1, 0))
        if f"</{kind}" in text.lower():
            self.add(f"<{kind}>: '</{kind}' in its text (a browser may end the element there)", at)
        if kind == "style":
            if _markup_in(text):
                self.add("<style>: markup in its text (inside <svg> a browser reads it as elements)", at)
            line0, offset0 = self.text_at
            for line, col, what in css_findings(text):
                self.add(f"<style>: {what}", (line0 + line - 1, col - 1 if line > 1 else offset0 + col - 1))
        elif not self.xml:
            self.inline_script(text, values, at)

    def inline_script(self, text: str, values: dict[str, str], at: tuple[int, int]) -> None:
        kind = values.get("type", "").strip().lower()
        if "src" in values or "href" in values or "xlink:href" in values:
            if text.strip():
                self.add("<script src=...> with text of its own", at)
        elif kind in DATA_SCRIPTS:
            if values.get("id") == "__config":
                self.material_config(text, at)
        elif script_digest(text) not in known_scripts.INLINE:
            shown = _shown(" ".join(text.split()))
            self.add(f"<script>{shown}</script>: an inline script Material and the bundled theme do not make", at)

    def material_config(self, text: str, at: tuple[int, int]) -> None:
        """Material's settings name the folder it loads from (base) and its search worker: both of this site."""
        try:
            config = json.loads(text)
        except (ValueError, RecursionError):
            self.add('<script id="__config">: Material\'s settings are not JSON', at)
            return
        if not isinstance(config, dict):
            return
        base, worker = config.get("base"), config.get("search")
        if isinstance(base, str) and not same_site(base):
            self.add(f'<script id="__config">: "base": "{_shown(base)}" loads from another host', at)
        if isinstance(worker, str):
            target = self.folder.target(self.dir, worker) if same_site(worker) else None
            if target is None or not self.folder.shipped(target):
                self.add(f'<script id="__config">: "search": "{_shown(worker)}" is not a script Material ships', at)


def _local(name: str) -> str:
    """A name without its prefix (xlink:href -> href): XML may bind any prefix to HTML's or SVG's namespace."""
    return name.rpartition(":")[2] if ":" in name else name


def _values(attrs: list[tuple[str, str | None]]) -> dict[str, str]:
    return {name: value or "" for name, value in attrs}


def _describes(attrs: list[tuple[str, str | None]]) -> bool:
    """Whether a <link>'s rel only describes the page (canonical, prev, ...): then its address is not fetched."""
    rels = set(_values(attrs).get("rel", "").lower().split())
    return bool(rels) and rels <= DESCRIPTIVE_RELS


def _urls(attribute: str, value: str) -> list[str]:
    """The URLs an attribute holds: srcset's candidates (each URL before its size; a comma inside a URL only makes
    more, shorter URLs to check), ping's and archive's space-separated ones, or the one value."""
    if attribute in ("srcset", "imagesrcset"):
        return [part.split()[0] for part in value.split(",") if part.split()]
    return value.split() if attribute in ("ping", "archive") else [value]


def _css_like(text: str) -> bool:
    """Whether CSS could hold a URL: a function that takes one (url(), image-set(), src(), ...), an @import, or an
    escape, which may spell either."""
    if "\\" in text:
        return True
    low = text.lower()
    return "url(" in low or "image" in low or "src(" in low or "cross-fade(" in low or "@import" in low


def _markup_in(text: str) -> bool:
    """Whether text holds '<' before a letter, '/', '!' or '?': what a browser may read as a tag."""
    at = text.find("<")
    while at >= 0:
        after = text[at + 1 : at + 2]
        if after and (after in "/!?" or (after.isascii() and after.isalpha())):
            return True
        at = text.find("<", at + 1)
    return False


def _unbounded(text: str) -> tuple[int, str] | None:
    """Where a construct opens whose end is nowhere after it, and what: html.parser would look for the end again at
    each such opening, so a page full of them would take hours. The page is refused instead of read."""
    if (opened := text.find("<![")) >= 0:
        return opened, "<![: a CDATA or marked section (a browser may read it otherwise)"
    if (opened := text.rfind("<!--")) > text.rfind("-->"):
        return opened, "<!--: a comment with no end"
    if (opened := text.rfind("<")) > text.rfind(">"):
        return opened, "'<': a tag with no end"
    return None


# ---------------------------------------------------------------------------------------------------------- files


@dataclass
class Verdicts:
    """Pages the gate passed in an earlier build (by key), and those it passes now. A page's key is a digest of
    its bytes, its place, and every file of its edition's folder that it could load as a script or stylesheet (all
    but pages and drawings): the same key, the same verdict, without parsing the page again."""

    known: frozenset[str] = frozenset()
    passed: set[str] = field(default_factory=set)


# Parsed, and remembered: pages and drawings (most of the gate's time). Every other file of a folder is in the key.
_REMEMBERED = frozenset({"html", "htm", "svg"})


class _Folder:
    """A folder of the built site being checked: where it is, the URL path it is served at (/2022/, or the site's
    own path for the top files), and what its script files are."""

    def __init__(self, path: Path, prefix: str, verdicts: Verdicts | None = None) -> None:
        self.path = path
        self.prefix = prefix
        self.digests: dict[str, bool] = {}
        self.verdicts = verdicts

    @functools.cached_property
    def context(self) -> str:
        """A digest of the folder's place and of every file in it that a page could load (not pages, drawings)."""
        digest = hashlib.sha256(self.prefix.encode())
        for rel, link in _walk(self.path):
            if rel.rpartition(".")[2].lower() not in _REMEMBERED:
                content = b"link" if link else hashlib.sha256((self.path / rel).read_bytes()).digest()
                digest.update(f"\0{rel}\0".encode() + content)
        return digest.hexdigest()

    def remembered(self, rel: str, suffix: str) -> list[Finding]:
        """The findings in a page or drawing: none if an earlier build passed it with this key; else checked."""
        assert self.verdicts is not None
        raw = (self.path / rel).read_bytes()
        key = hashlib.sha256(f"{self.context}\0{rel}\0".encode() + raw).hexdigest()
        found = [] if key in self.verdicts.known else self.checked(rel, suffix, raw)
        if not found:
            self.verdicts.passed.add(key)
        return found

    def target(self, page_dir: str, url: str) -> str | None:
        """The file of this folder a same-site URL on a page in page_dir names, or None when it names none."""
        path = unquote(urlsplit(squeezed(url)).path)
        if path.startswith("/"):
            if not path.startswith(self.prefix):
                return None
            path = path[len(self.prefix) :]
        else:
            path = posixpath.join(page_dir, path)
        path = posixpath.normpath(path)
        return None if path == ".." or path.startswith(("../", "/")) else path

    def shipped(self, rel: str) -> bool:
        """Whether the file at rel is byte-identical to a script Material or the bundled theme ships."""
        if rel not in self.digests:
            file = self.path / rel
            try:
                ok = file.is_file() and not file.is_symlink() and _sha256(file) in shipped_scripts()
            except OSError:
                ok = False
            self.digests[rel] = ok
        return self.digests[rel]

    def findings(self, rel: str, data: bytes | None = None) -> list[Finding]:
        """Every finding in the file at rel (its bytes as given, or read)."""
        suffix = rel.rpartition(".")[2].lower() if "." in posixpath.basename(rel) else ""
        if suffix in INERT:
            return []
        if suffix not in CHECKED and suffix != "gz":
            return [Finding(rel, 1, 1, f"a file of a kind the publish gate does not allow ('{_shown(suffix)}')")]
        if suffix == "js":
            if self.shipped(rel) if data is None else hashlib.sha256(data).hexdigest() in shipped_scripts():
                return []
            return [Finding(rel, 1, 1, "a script file that Material and the bundled theme do not ship")]
        if data is None and self.verdicts is not None and suffix in _REMEMBERED:
            return self.remembered(rel, suffix)
        return self.checked(rel, suffix, (self.path / rel).read_bytes() if data is None else data)

    def checked(self, rel: str, suffix: str, raw: bytes) -> list[Finding]:
        """Every finding in a file's bytes (not a script file: those are compared whole)."""
        if suffix == "gz":
            return self.compressed(rel, raw)
        text = raw.decode("utf-8", errors="replace")
        if suffix == "css":
            return [Finding(rel, line, col, what) for line, col, what in css_findings(text)]
        return self.markup(rel, text, xml=suffix in ("svg", "xml"))

    def compressed(self, rel: str, raw: bytes) -> list[Finding]:
        inner = rel[: -len(".gz")]
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(raw)) as stream:
                data = stream.read(GZIP_LIMIT + 1)
        except (OSError, EOFError):
            return [Finding(rel, 1, 1, "a .gz file that does not decompress")]
        if len(data) > GZIP_LIMIT:
            return [Finding(rel, 1, 1, "a .gz file larger than the publish gate reads")]
        return [Finding(rel, f.line, f.col, f"(decompressed) {f.what}") for f in self.findings(inner, data)]

    def markup(self, rel: str, text: str, xml: bool) -> list[Finding]:
        if (unbounded := _unbounded(text)) is not None:
            at, what = unbounded
            line = text.count("\n", 0, at) + 1
            return [Finding(rel, line, at - (text.rfind("\n", 0, at) + 1) + 1, what)]
        page = _Markup(self, rel, text, xml)
        page.feed(text)
        page.close()
        return page.found


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _walk(folder: Path) -> Iterator[tuple[str, bool]]:
    """Every file under folder, in order, as (relative path, whether it is a link); folders of any depth."""
    pending = [""]
    while pending:
        under = pending.pop()
        with os.scandir(folder / under if under else folder) as entries:
            found = sorted(entries, key=lambda e: e.name)
        for entry in found:
            rel = f"{under}/{entry.name}" if under else entry.name
            if entry.is_dir(follow_symlinks=False):
                pending.append(rel)
            else:
                yield rel, entry.is_symlink()


def folder_findings(
    *, folder: Path, prefix: str, names: Iterable[str] | None = None, verdicts: Verdicts | None = None
) -> list[Finding]:
    """Every finding in the files of a built folder served at the URL path prefix: all of them, or only names.
    With verdicts, pages passed before under the same key are not parsed again (and those passed now are noted)."""
    checked = _Folder(folder, prefix, verdicts)
    found: list[Finding] = []
    files = _walk(folder) if names is None else ((n, (folder / n).is_symlink()) for n in sorted(names))
    for rel, link in files:
        if link:
            found.append(Finding(rel, 1, 1, "a symbolic link (a published file must be a file)"))
        else:
            found.extend(checked.findings(rel))
    return found


def text_findings(*, name: str, text: str, folder: Path | None = None, prefix: str = "/") -> list[Finding]:
    """Every finding in one file's text, as if it were the file name of folder (for script files it loads)."""
    return _Folder(folder or Path(os.devnull), prefix).findings(name, text.encode("utf-8"))


# ------------------------------------------------------------------------------------------------------ problems


def gate(
    *,
    staged: Path,
    site: Path,
    root: Path,
    editions: Iterable[int],
    top: Iterable[str],
    site_url: str,
    theme: Theme,
    pages: Callable[[int], Mapping[str, str]],
    verdicts: Verdicts | None = None,
) -> list[Problem]:
    """Every problem in what a build staged to publish as site: each edition it rendered (the whole folder) and the
    top files. One problem per thing refused, at the first file that has it (saying how many others do), with the
    file it was made from: a theme asset, or the content file of a page (pages: an edition's generated docs path ->
    content file, asked for only when the edition has a problem)."""
    url_root = urlsplit(site_url).path or "/"
    shown = site.relative_to(root).as_posix() if site.is_relative_to(root) else str(site)
    assets = {f"assets/{name}": f"{theme.folder}/assets/{name}" for name in theme.assets}
    problems: list[Problem] = []
    try:
        for year in editions:
            if findings := folder_findings(folder=staged / str(year), prefix=f"{url_root}{year}/", verdicts=verdicts):
                problems += problems_of(findings, shown=f"{shown}/{year}", sources={**assets, **pages(year)})
        findings = folder_findings(folder=staged, prefix=url_root, names=top)
    except OSError as error:  # the staging folder changed under the build: not a problem of the content
        raise OutputError(
            f"the built site in {staged} could not be read ({error}); {site} was left as it was"
        ) from None
    return problems + problems_of(findings, shown=shown, sources={})


def problems_of(findings: Iterable[Finding], *, shown: str, sources: Mapping[str, str]) -> list[Problem]:
    """One problem per distinct finding, at the first file that has it (shown: where the files will be published);
    sources: which content or theme file each generated docs file comes from."""
    grouped: dict[str, list[Finding]] = {}
    for finding in sorted(findings):
        grouped.setdefault(finding.what, []).append(finding)
    problems = []
    for what, found in grouped.items():
        first, others = found[0], len({f.file for f in found} - {found[0].file})
        also = f"; also in {others} other file{'s' if others > 1 else ''}" if others else ""
        made = _source(first.file, sources)
        hint = f"{'page made from' if first.file.endswith('.html') else 'from'} {made}" if made else ""
        problems.append(Problem(f"{shown}/{first.file}", first.line, first.col, f"{what}{also}", hint=hint))
    return problems


def _source(file: str, sources: Mapping[str, str]) -> str | None:
    """The content file a built file was made from: a page <p>/index.html from the docs <p>/index.md or <p>.md,
    another file from the docs file of its own name."""
    if file.endswith(".html"):
        folder = posixpath.dirname(file)
        names = ["index.md"] if not folder else [f"{folder}/index.md", f"{folder}.md"]
        if posixpath.basename(file) != "index.html":
            names = [f"{file[: -len('.html')]}.md"]
    else:
        names = [file]
    return next((sources[n] for n in names if n in sources), None)
