"""The publish gate's reading of a page or SVG file, with the standard library's HTML parser: each element,
attribute, address and inline script against the allowlist; markup the parser might read otherwise than a browser
is refused."""

from __future__ import annotations

import bisect
import functools
import json
import posixpath
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from .. import known_scripts
from .allowlist import (
    _TAG_ENDS,
    ATTRIBUTES,
    COMPONENTS,
    DATA_SCRIPTS,
    DESCRIPTIVE_RELS,
    ELEMENTS,
    HTTP_EQUIV,
    LINK_RELS,
    LINK_SCHEMES,
    MATERIAL_FEATURES,
    PLAIN_NAME,
    REFUSED,
    TEXT_ATTRIBUTES,
    URL_ATTRIBUTES,
    Finding,
    _read,
    _refresh_target,
    _shown,
    _tag,
    same_site,
    script_digest,
)
from .css import css_findings

if TYPE_CHECKING:
    from .files import _Folder

# --------------------------------------------------------------------------------------------------------- pages

# A start tag as a browser and html.parser read it alike: HTML's five spaces between attributes (the parser's
# pattern takes any Unicode space, a browser only these), one '=' before a value (the parser takes '==' as one,
# a browser starts the value at the second), a name and an unquoted value holding no space of any kind, no quote and
# nothing a browser reads otherwise; a quoted value holds anything but its quote. Any other start tag is refused:
# where a browser ends it and its values differs, and markup the gate read as a value can be live.
# SVG's and MathML's elements whose content a browser reads as HTML (the standard's integration points).
_HTML_INSIDE = frozenset({"desc", "title", "foreignobject", "annotation-xml"})
_SPACE = "[ \t\n\f\r]"
# Possessive throughout: each part takes what it can and never gives it back, so a tag that fails at its end is
# refused in time linear in its length (a value may hold '/', which also separates attributes).
_PLAIN_TAG = re.compile(
    rf"""<[a-zA-Z][^\t\n\r\f />\x00]*+
    (?>(?:(?:{_SPACE}|/(?!>))++|(?<=["']))
       [^\s"'<>/=\x00]++
       (?:{_SPACE}*+={_SPACE}*+(?:"[^"]*+"|'[^']*+'|[^\s"'<>=`\x00]++))?+
    )*+
    (?:{_SPACE}|/(?!>))*+/?>""",
    re.VERBOSE,
)
# An end tag as both read it: an ASCII name, then HTML's spaces. A browser reads attributes in an end tag too (a
# quoted '>' does not end it); the parser ends it at the first '>', strips any Unicode space from its name
# (</svg\v> ends an <svg> to it, not to a browser) and the gate reads a name without its prefix (</x:svg>).
_PLAIN_END = re.compile(f"</[a-zA-Z][a-zA-Z0-9._-]*+{_SPACE}*+>")
# In an SVG file an XML parser reads it, which refuses a file whose end tag is not its start tag's name, prefix too.
_PLAIN_END_XML = re.compile(f"</[a-zA-Z][a-zA-Z0-9._:-]*+{_SPACE}*+>")
# The one XML declaration a browser and the gate read alike: any other encoding could turn the bytes into markup.
_XML_DECL = re.compile(
    r"""xml\ version=(["'])1\.[0-9]\1 (?:\ encoding=(["'])utf-8\2)? (?:\ standalone=(["'])(?:yes|no)\3)? \ ?\?""",
    re.IGNORECASE | re.VERBOSE,
)


class _Markup(HTMLParser):
    """One page or SVG file, read once; what may not be published is collected in found."""

    def __init__(self, folder: _Folder, file: str, text: str, xml: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.folder, self.file, self.text, self.xml = folder, file, text, xml
        self.dir = posixpath.dirname(file)
        self.found: list[Finding] = []
        # The parser gives up on a tag and hands it over as text at a character it does not expect (before any of
        # it is read), or once the text has ended, in close(); text it hands over otherwise starts with a '<' only
        # where it came from an entity (&lt;b) or before a character that starts no tag, so a lone '<' costs no look
        # at the page.
        self.closing = False
        # Open <svg> elements: in them (and in an SVG file) a browser decodes entities in a <style>'s text and reads
        # a <script>'s as markup. In an open <desc>, <title> or <foreignObject> (points), a browser reads elements
        # as HTML, and an </svg> after one of them closes nothing: once such an element opens there, the page
        # counts as in an <svg> to its end.
        self.foreign = 0
        self.points = 0
        self.stays_foreign = False
        self.line, self.line_start = 1, 0  # a line of the text and where it starts: index() moves them on
        # The <script> or <style> open (its name, attributes and where it starts), its text so far and where that is.
        self.raw: tuple[str, dict[str, str], tuple[int, int]] | None = None
        self.chunks: list[str] = []
        self.text_at = (1, 0)
        self.text_ends: dict[str, list[int]] = {}  # ends(): where a browser ends a <title>'s or <textarea>'s text

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
        at, local = self.index(), _local(tag)
        if local in _HTML_INSIDE and self.points:
            self.points -= 1
        elif local == "svg" and self.foreign and not self.points and not self.stays_foreign:
            self.foreign -= 1
        ends_raw = self.raw is not None and local == self.raw[0]
        if ends_raw and self.text[at : at + 2 + len(tag)].lower() != f"</{tag}":
            # The parser also ends the element at </ script>; a browser reads that as more of its text.
            self.add(f"</ {tag}>: an end tag a browser does not read as one (the <{tag}> goes on)")
        elif not (_PLAIN_END_XML if self.xml else _PLAIN_END).match(self.text, at):
            self.add(f"</{tag} ...>: an end tag a browser may read otherwise than the gate (where it ends)")
        if ends_raw:
            self.raw_text("".join(self.chunks))
            self.raw = None

    def handle_data(self, data: str) -> None:
        if self.raw is not None:
            if not self.chunks:
                self.text_at = self.getpos()
            self.chunks.append(data)
        elif data[:1] == "<" and (self.closing or (data[1:2].isascii() and data[1:2].isalpha())) and self.unread():
            self.add(f"'{_shown(data)}': markup the gate cannot read as a browser would")

    def handle_comment(self, data: str) -> None:
        # A browser ends a comment at --!> too, and reads <!--> as a whole one: markup in a comment may be live.
        if "<" in data or ">" in data:
            self.add(f"<!--{_shown(data)}-->: a comment holding markup (a browser may end it elsewhere)")
        at = self.index()
        if self.text.startswith("<!--", at) and not self.text.startswith("-->", at + 4 + len(data)):
            # The parser also ends one at '-- >'; a browser reads on to the next '-->', over what the gate read.
            self.add(f"<!--{_shown(data)}: a comment a browser may end elsewhere (only at '-->')")

    def handle_decl(self, decl: str) -> None:
        if "[" in decl:  # an internal subset: XML entities can expand into markup the parser never sees
            self.add(f"<!{_shown(decl)}>: a document type with its own declarations")

    def handle_pi(self, data: str) -> None:
        if not self.xml or not data.startswith("xml "):  # <?xml-stylesheet href=...?> loads a stylesheet
            self.add(f"<?{_shown(data)}>: a processing instruction")
        elif not _XML_DECL.fullmatch(data):
            self.add(f"<?{_shown(data)}>: an XML declaration other than version, UTF-8 and standalone")

    def unknown_decl(self, data: str) -> None:
        self.add(f"<![{_shown(data)}]>: a CDATA or marked section (a browser may read it otherwise)")

    def close(self) -> None:
        self.closing = True
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
        ends = self.ends(kind)
        after = bisect.bisect_left(ends, start)
        end = ends[after] if after < len(ends) else len(self.text)
        if self.text.find("<", start, end) >= 0:
            self.add(f"<{kind}>: markup in its text (a browser reads it as text up to </{kind}>)")

    def ends(self, kind: str) -> list[int]:
        """Where a browser ends a <title>'s or <textarea>'s text: each </title (any case of its ASCII letters, as
        a browser compares them) before a character that ends a tag name; found once per page, so a page of
        thousands of them is read in linear time."""
        if kind not in self.text_ends:
            follows = "".join(re.escape(c) for c in sorted(_TAG_ENDS) if c)  # and "": the end of the text
            name = re.compile(f"</{kind}(?=[{follows}]|\\Z)", re.IGNORECASE | re.ASCII)
            self.text_ends[kind] = [found.start() for found in name.finditer(self.text)]
        return self.text_ends[kind]

    # The checks.

    def element(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        """Check a start tag; its local name."""
        local = _local(tag)
        if not _plain(self.get_starttag_text() or ""):
            self.add(f"<{tag} ...>: a start tag a browser may read otherwise than the gate (where its attributes end)")
        if local not in ELEMENTS:
            self.add(f"<{tag}>: {REFUSED.get(local, 'an element the publish gate does not know')}")
        if len(names := {name for name, _ in attrs}) < len(attrs):
            # A browser keeps the first of two attributes of one name, and the checks below would read the last.
            twice = _repeated(name for name, _ in attrs)
            self.add(f"{_tag(tag, twice)}: an attribute given twice (a browser keeps the first)")
        if "class" in names and "mermaid" in _values(attrs)["class"].split():
            # Material draws a <pre class="mermaid"> with a script it loads from unpkg.com.
            self.add(f'<{tag} class="mermaid">: Material loads a script from another host to draw it')
        if self.points:
            self.stays_foreign = True
        if local == "svg":
            self.foreign += 1
        elif self.foreign and local in _HTML_INSIDE:
            self.points += 1
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
        elif not (short in ATTRIBUTES or short in TEXT_ATTRIBUTES or _open_named(name)):
            self.add(f"{_tag(tag, name, value)}: an attribute the publish gate does not know")
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
        if "charset" in values and values["charset"].strip().lower() not in ("utf-8", "utf8"):
            # The gate reads every file as UTF-8; a browser told otherwise may read markup the gate never saw.
            self.add(f"{_tag(tag, 'charset', values['charset'])}: a page in another encoding than UTF-8")
        content = values.get("content", "").lower()
        # A browser finds "charset", spaces, '=' anywhere in it; only the plain form of UTF-8 is let through.
        if "charset" in content and not _UTF8_CONTENT.fullmatch(content.strip(" \t\n\f\r")):
            self.add(f"{_tag(tag, 'content', values['content'])}: a page in another encoding than UTF-8")
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
        if kind == "script" and "<!--" in text:
            # After '<!--' a browser reads '<script' in a script's text as nested: its first end tag ends nothing.
            self.add("<script>: '<!--' in its text (a browser may read the script on past its end tag)", at)
        if kind == "style":
            if _markup_in(text):
                self.add("<style>: markup in its text (inside <svg> a browser reads it as elements)", at)
            if "&" in text and (self.xml or self.foreign):
                self.add("<style>: '&' in its text (in SVG a browser reads it as the start of a character)", at)
            line0, offset0 = self.text_at
            for line, col, what in css_findings(text):
                self.add(f"<style>: {what}", (line0 + line - 1, col - 1 if line > 1 else offset0 + col - 1))
        elif self.foreign and (_markup_in(text) or "&" in text):
            self.add("<script>: markup or '&' in its text (inside <svg> a browser reads it as markup)", at)
        elif not self.xml:
            self.inline_script(text, values, at)

    def inline_script(self, text: str, values: dict[str, str], at: tuple[int, int]) -> None:
        kind = values.get("type", "").strip().lower()
        if "src" in values or "href" in values or "xlink:href" in values:
            if text.strip():
                self.add("<script src=...> with text of its own", at)
        elif kind in DATA_SCRIPTS:
            if "<" in text:  # a script that copies its text into a page (Material's previews do) builds the markup
                self.add("<script>: markup in a data script's text (a script copying it into a page builds it)", at)
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
            self.add('<script id="__config">: Material\'s settings are not a JSON object', at)
            return
        depth = self.dir.count("/") + 1 if self.dir else 0
        home = ("/".join([".."] * depth) or ".", self.folder.prefix)  # the edition's folder, as Material writes it
        for problem in _config_problems(config, home):
            self.add(f'<script id="__config">: {problem}', at)
        worker = config.get("search")
        if worker is not None:
            target = self.folder.target(self.dir, worker) if isinstance(worker, str) and same_site(worker) else None
            if target is None or not self.folder.shipped(target):
                self.add(f'<script id="__config">: "search": "{_shown(worker)}" is not a script Material ships', at)


# A <meta> content naming UTF-8, in the one form let through ("text/html; charset=utf-8").
_UTF8_CONTENT = re.compile("[a-z/+.-]*;?[ \t\n\f\r]*charset=utf-8")
# Material's settings (its base.html, block config): what each may be. Material shows its translations, and with
# some features a page's titles, as HTML; it loads the search index and the editions' list from base.
_CONFIG_KEYS = frozenset({"annotate", "base", "features", "search", "tags", "translations", "version"})


def _config_problems(config: dict[str, object], home: tuple[str, ...]) -> list[str]:
    """What in Material's settings could make its script show markup or load from elsewhere."""
    problems = [f'"{_shown(key)}": a setting the publish gate does not allow' for key in config.keys() - _CONFIG_KEYS]
    if config.get("base") not in home or not same_site(str(config.get("base"))):
        problems.append(f'"base": "{_shown(str(config.get("base")))}" is not the way to this edition\'s folder')
    features = config.get("features", [])
    if not isinstance(features, list) or any(f not in MATERIAL_FEATURES for f in features):
        problems.append(f'"features": {_shown(str(features))}: a feature the publish gate does not allow')
    words = config.get("translations", {})
    if not isinstance(words, dict) or any(not isinstance(w, str) or "<" in w for w in words.values()):
        problems.append('"translations": not plain text (Material shows them as HTML)')
    for key in ("annotate", "tags"):
        if config.get(key) is not None:
            problems.append(f'"{key}": a setting the publish gate does not allow (only null)')
    version = config.get("version")
    if version is not None and not (
        isinstance(version, dict)
        and version.get("provider") == "mike"
        and set(version) <= {"provider", "default"}
        and all(isinstance(d, str) and PLAIN_NAME.fullmatch(d) for d in _names(version.get("default", [])))
    ):
        problems.append(f'"version": {_shown(str(version))}: only mike, with plain names of editions')
    return problems


def _names(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]


# Most start tags of a site are the same few thousand (Material's navigation on every page).
@functools.lru_cache(maxsize=65_536)
def _plain(tag: str) -> bool:
    """Whether a start tag's text is one a browser and the parser read alike (_PLAIN_TAG)."""
    return _PLAIN_TAG.fullmatch(tag) is not None


def _repeated(names: Iterable[str]) -> str:
    """The first name given twice (in one pass: a tag of 40,000 attributes is read in linear time)."""
    seen: set[str] = set()
    for name in names:
        if name in seen:
            return name
        seen.add(name)
    return ""


def _open_named(name: str) -> bool:
    """Attributes of open-ended names that no browser fetches from and no script of the site reads: aria-*, and the
    namespace declarations and xml: attributes of an SVG file."""
    return name.startswith(("aria-", "xmlns:", "xml:"))


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


def _markup_in(text: str) -> bool:
    """Whether text holds '<' before a letter, '/', '!' or '?': what a browser may read as a tag."""
    at = text.find("<")
    while at >= 0:
        after = text[at + 1 : at + 2]
        if after and (after in "/!?" or (after.isascii() and after.isalpha())):
            return True
        at = text.find("<", at + 1)
    return False


# C0 controls but HTML's spaces, and DEL: ESC switches a browser told ISO-2022-JP to read quotes and '>' as parts
# of letters, and the parser stops a tag's name at NUL where a browser reads on.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _control(text: str) -> tuple[int, str] | None:
    """Where the first control character is: a file holding one is refused before it is read."""
    if (found := _CONTROL.search(text)) is None:
        return None
    return found.start(), f"a control character (U+{ord(found.group()):04X}): a browser may read the file otherwise"


# How a page starts: a doctype (without one a browser compares ids in any case and takes a stylesheet of any type),
# then UTF-8 declared before anything else, within the first 1,024 bytes a browser looks through for a declaration
# (one written in a script's text there would count, and another encoding can join a '\\' to the letter before).
_PROLOG = re.compile(
    r"""[ \t\n\f\r]*+<!doctype\ html>[ \t\n\f\r]*+
    (?:<html(?:\ [a-z-]++="[^"<>&]*+")*+>[ \t\n\f\r]*+)?(?:<head>[ \t\n\f\r]*+)?<meta\ charset="utf-8">""",
    re.IGNORECASE | re.ASCII | re.VERBOSE,
)
PROLOG_LIMIT = 1024


def _prolog(text: str) -> str | None:
    """What is wrong with how a page starts (_PROLOG), or None."""
    found = _PROLOG.match(text)
    if found is not None and len(text[: found.end()].encode("utf-8")) <= PROLOG_LIMIT:
        return None
    want = '<!doctype html>, <html ...>, <head> and <meta charset="utf-8">, in its first 1,024 bytes'
    return f"a page that does not start with {want} (a browser may read it in another encoding or mode)"


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


def _link(tag: str, name: str, value: str, attrs: list[tuple[str, str | None]]) -> str:
    """A <link> as a message shows it: what it is for (rel) and the address."""
    rel = _values(attrs).get("rel")
    return _tag(tag, name, value) if rel is None else f'<{tag} rel="{_shown(rel)}" {name}="{_shown(value)}">'
