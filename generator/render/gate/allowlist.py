"""What the publish gate lets through: elements, attributes, link schemes and kinds of file it knows, how it reads
an address, and the scripts Material and the bundled theme ship and write."""

from __future__ import annotations

import hashlib
import importlib.util
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .. import known_scripts

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
# The other attributes a page or SVG file may hold, by local name: each is read as CSS where it holds '(' or '\\'
# (SVG's fill="url(#p)"); aria-* are too. Any other is refused, as a browser may fetch what it names
# (attributionsrc sends a request to its address), and Material's script acts on data-* attributes of its own
# (data-preview copies a part of another page into this one).
ATTRIBUTES = frozenset(
    "content http-equiv rel media sizes target download hreflang datetime loading decoding crossorigin "  # noqa: SIM905
    "referrerpolicy integrity async defer nomodule accept accesskey contenteditable draggable enterkeyhint inert "
    "inputmode translate abbr headers label list max min maxlength minlength multiple pattern readonly size step "
    "wrap cols rows span summary align valign bgcolor border cellpadding cellspacing color face frame rules nowrap "
    "clear compact noshade reversed kind srclang default controls autoplay loop muted playsinline preload shape "
    "coords ismap form novalidate enctype high low optimum popover popovertarget popovertargetaction slot part "
    "itemprop itemscope itemtype itemid style resource about space markdown "
    "fill fill-opacity fill-rule stroke stroke-width stroke-linecap stroke-linejoin stroke-dasharray "
    "stroke-dashoffset stroke-miterlimit stroke-opacity clip-rule clip-path mask filter marker-start marker-mid "
    "marker-end opacity font-size font-family font-weight font-style font-variant text-anchor dominant-baseline "
    "alignment-baseline baseline-shift letter-spacing word-spacing text-decoration text-rendering visibility "
    "display stop-color stop-opacity patternunits patterncontentunits patterntransform gradientunits "
    "gradienttransform spreadmethod offset dx dy rotate textlength lengthadjust markerwidth markerheight refx refy "
    "orient markerunits clippathunits maskunits maskcontentunits shape-rendering image-rendering paint-order "
    "vector-effect mix-blend-mode overflow clip cursor pointer-events fr fx fy pathlength in in2 result "
    "stddeviation mode operator flood-color flood-opacity lighting-color color-interpolation "
    "color-interpolation-filters focusable "
    # The bundled theme's own data attributes (the explore page's filters, its tables' labels).
    "data-areas data-count data-explore-reset data-goal data-label data-status data-search-exclude".split()
)
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# A name Material's script builds addresses from (an edition, an alias): letters, digits and . _ - only.
PLAIN_NAME = re.compile(r"[A-Za-z0-9._-]+")
# <link rel=...> values that only describe a page: their href is never fetched, so it may be another site's page
# (Material fetches the sitemap beside an alternate's address, so that is fetched and of this site).
DESCRIPTIVE_RELS = frozenset({"canonical", "author", "license", "help"})
# What a <link> may be: those, a stylesheet, an icon, and the page before or after (which a browser may fetch ahead,
# so only of this site); preconnect, prefetch, manifest and the like are refused.
LINK_RELS = DESCRIPTIVE_RELS | {"stylesheet", "icon", "shortcut", "prev", "next", "alternate"}
# <meta http-equiv> values a page may set (refresh only to a page of this site).
HTTP_EQUIV = frozenset({"content-type", "content-language", "x-ua-compatible", "default-style", "refresh"})
# Material's features a site may turn on (mkdocs_config sets them): none shows a page's text as HTML (tooltips would
# show every title attribute so).
MATERIAL_FEATURES = ("navigation.indexes", "navigation.prune", "navigation.top", "search.highlight", "toc.follow")
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


# ------------------------------------------------------------------------------------------------------- scripts


def script_digest(text: str) -> str:
    """The sha256 by which an inline script is known: its text with Material's per-page path literal left out."""
    return hashlib.sha256(_PATH_LITERAL.sub('new URL("",location)', text).encode("utf-8")).hexdigest()


@cache
def shipped_scripts() -> frozenset[str]:
    """The sha256 of every script file Material's theme ships, as installed, and of the bundled theme's, as
    recorded (known_scripts.THEME_FILES)."""
    spec = importlib.util.find_spec("material")
    found: set[str] = set(known_scripts.THEME_FILES)
    if spec is not None and spec.submodule_search_locations:
        folder = Path(next(iter(spec.submodule_search_locations))) / "templates" / "assets"
        found.update(hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*.js"))
    return frozenset(found)
