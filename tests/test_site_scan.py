"""An independent check of the built bundled site, page by page, with Python's HTML parser: no event handlers,
no script URLs, and nothing loaded from another host. It shares no code with the validator or with the publish gate
(render/gate/), which every build runs on the same pages."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import bundled_copy

import generator.commands.build as build_module
from generator.commands.build import build
from generator.errors import RenderError

# Attributes that hold a URL, and those of them that make the browser fetch something.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "background", "cite", "ping", "xlink:href"}
FETCHED = {"src", "poster", "data", "background", "srcset"}
# <link rel=...> values that only describe a page; every other rel may fetch.
DESCRIPTIVE_RELS = {"canonical", "alternate", "prev", "next", "author", "license", "help", "search"}
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "livescript:", "data:text/html")
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.IGNORECASE)
CSS_IMPORT = re.compile(r"@import\s+['\"]([^'\"]*)", re.IGNORECASE)


def squeezed(value: str) -> str:
    """A URL as a browser reads its scheme: entities decoded, whitespace and control characters removed."""
    return re.sub(r"[\x00-\x20\x7f]", "", html.unescape(value)).lower()


def offsite(value: str) -> bool:
    """True for a URL that names another host (any scheme, or //host, or \\\\host)."""
    url = squeezed(value).replace("\\", "/")
    return url.startswith("//") or (bool(re.match(r"[a-z][a-z0-9+.-]*:", url)) and not url.startswith("data:"))


class Scan(HTMLParser):
    """Collects every violation on one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in URL_ATTRIBUTES and squeezed(value).startswith(SCRIPT_SCHEMES):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in FETCHED and name != "srcset" and offsite(value):
                self.found.append(f"<{tag} {name}={value!r}> loads from another host")
            if name == "srcset" and any(offsite(part.split()[0]) for part in value.split(",") if part.strip()):
                self.found.append(f"<{tag} srcset={value!r}> loads from another host")
            if name == "style":
                self.css(value, tag)
        rels = set(values.get("rel", "").lower().split())
        if tag == "link" and rels - DESCRIPTIVE_RELS and offsite(values.get("href", "")):
            self.found.append(f"<link rel={values['rel']!r} href={values['href']!r}> loads from another host")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            target = values.get("content", "").partition("=")[2]
            if offsite(target) or squeezed(target).startswith(SCRIPT_SCHEMES):
                self.found.append(f"<meta refresh to {target!r}>")
        if tag == "base":
            self.found.append("<base> changes where every link goes")
        self.in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.css(data, "style")

    def css(self, text: str, where: str) -> None:
        for url in [*CSS_URL.findall(text), *CSS_IMPORT.findall(text)]:
            if offsite(url):
                self.found.append(f"CSS in <{where}> loads {url!r}")


def scan(text: str) -> list[str]:
    page = Scan()
    page.feed(text)
    page.close()
    return page.found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled content, built in a temporary folder (conftest.bundled_copy)."""
    root = bundled_copy(tmp_path_factory.mktemp("scan"))
    build(root)
    return root / "site"


def test_the_scanner_finds_what_it_looks_for() -> None:
    hostile = (
        '<p onclick="x">a</p><a href="jav&#x09;ascript:alert(1)">b</a><img src="https://evil.example/t.png">'
        '<img src="a.png" srcset="//evil.example/t.png 2x"><link rel="stylesheet" href="https://evil.example/x.css">'
        '<div style="background:url(https://evil.example/t.png)"></div><style>@import "https://evil.example/y.css";'
        '</style><meta http-equiv="refresh" content="0;url=https://evil.example/"><base href="https://evil.example/">'
    )
    assert len(scan(hostile)) == 9
    fine = '<a href="https://example.org/">x</a><img src="../charts/a.svg"><link rel="canonical" href="https://x/">'
    assert scan(fine) == []


def test_no_built_page_runs_script_or_loads_from_another_host(site: Path) -> None:
    pages = sorted([*site.rglob("*.html"), *site.rglob("*.svg")])
    assert len(pages) > 250
    problems = {page.relative_to(site).as_posix(): scan(page.read_text(encoding="utf-8")) for page in pages}
    assert {path: found for path, found in problems.items() if found} == {}


def test_no_stylesheet_loads_from_another_host(site: Path) -> None:
    sheets = sorted(site.rglob("*.css"))
    assert sheets
    for sheet in sheets:
        text = sheet.read_text(encoding="utf-8")
        assert [u for u in [*CSS_URL.findall(text), *CSS_IMPORT.findall(text)] if offsite(u)] == [], sheet


def test_without_the_validator_the_payloads_reach_the_page(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The threat is real: with the HTML check switched off, the publish gate (render/gate/) refuses the build and
    names each payload; with the gate switched off too, they are published and the scan sees each."""
    from generator.content import rules

    monkeypatch.setattr(rules, "check_script", lambda doc: iter(()))
    monkeypatch.setattr(build_module, "link_problems", lambda project, theme: [])  # src=x leads to no file
    page = project / "initiatives/2022/03-good-jobs/job-fairs.md"
    payloads = [
        '<img alt=">" src=x onerror=alert(1)>',
        'A paragraph.\n{: onmouseover="alert(1)" }',
        "[more](jav&#x09;ascript:alert(1))",
        "![pixel](https://evil.example/t.png)",
    ]
    text = page.read_text(encoding="utf-8").replace("title: Job fairs", 'title: "Job fairs <b onclick=alert(2)>"')
    page.write_text(text + "\n" + "\n\n".join(payloads) + "\n", encoding="utf-8")
    with pytest.raises(RenderError) as refused:
        build(project, tmp_path / "site")
    gated = "\n".join(problem.text() for problem in refused.value.problems)
    for payload in ('<img onerror="alert(1)">', '<p onmouseover="alert(1)">', "ascript:", "evil.example", "onclick"):
        assert payload in gated, gated
    assert not (tmp_path / "site").exists()
    monkeypatch.setattr(build_module, "gate", lambda **kwargs: [])
    build(project, tmp_path / "site")
    found = scan((tmp_path / "site/2022/initiatives/job-fairs/index.html").read_text(encoding="utf-8"))
    assert any("onerror" in f for f in found) and any("onmouseover" in f for f in found)
    assert any("ascript" in f for f in found) and any("evil.example" in f for f in found)
    assert any("onclick" in f for f in found)
