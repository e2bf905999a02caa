"""site/ on any static host: self-contained, working under a sub-path (/audit/) behind a plain static server with
every internal href, src and srcset resolving (anchors included), and carrying its security headers as ready files."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import FIXTURES

from generator.commands.build import build
from generator.render.scripts import scripts_in
from generator.site.headers import HEADERS_FILE, NGINX_FILE, header_files, headers, policy, script_hash

PREFIX = "/audit/"


class _Links(HTMLParser):
    """A page's internal references, its ids, its inline scripts (all of them) and Material's __config."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()
        self.scripts: list[tuple[bool, str]] = []  # (inside the article, text) of inline scripts a browser runs
        self.config: dict[str, object] = {}
        self._script: tuple[dict[str, str | None], list[str]] | None = None
        self._article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name in ("id", "name"):
            if found.get(name):
                self.ids.add(str(found[name]))
        if tag == "article":
            self._article += 1
        for name in ("href", "src"):
            if found.get(name) is not None:
                self.refs.append(str(found[name]))
        # <picture><source srcset>: each candidate's URL (the narrow drawing of a chart, which a phone fetches).
        self.refs += [part.split()[0] for part in str(found.get("srcset") or "").split(",") if part.strip()]
        if tag == "meta" and (found.get("http-equiv") or "").lower() == "refresh":
            self.refs.append(str(found.get("content") or "").split("url=", 1)[1])
        if tag == "script" and found.get("src") is None:
            self._script = (found, [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._article -= 1
        if tag == "script" and self._script is not None:
            attrs, parts = self._script
            text = "".join(parts)
            if attrs.get("id") == "__config":
                self.config = json.loads(text)
            elif (attrs.get("type") or "") in ("", "text/javascript", "module"):
                self.scripts.append((self._article > 0, text))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1].append(data)


class _SubPath(http.server.SimpleHTTPRequestHandler):
    """A plain static server that publishes the site only under /audit/ (anything else is not found)."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return "/nonexistent-outside-the-prefix"
        return super().translate_path("/" + path[len(PREFIX) :])

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three-edition fixture, published at https://audit.example.org/audit/: site_url names the sub-path,
    which MkDocs' 404 pages need (a host serves them at any depth, so their links start at the root)."""
    root = tmp_path_factory.mktemp("hosting") / "three"
    shutil.copytree(FIXTURES / "three-editions", root)
    settings = root / "content/site.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("https://audit.example.org/", "https://audit.example.org" + PREFIX), "utf-8")
    build(root)
    return root / "site"


@pytest.fixture(scope="module")
def host(site: Path) -> Iterator[str]:
    handler = functools.partial(_SubPath, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def _parse(html: bytes) -> _Links:
    links = _Links()
    links.feed(html.decode("utf-8"))
    return links


def test_every_internal_href_and_src_resolves_under_a_sub_path(site: Path, host: str) -> None:
    pages = {PREFIX + p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html")}
    parsed: dict[str, _Links] = {}

    def page(path: str) -> _Links:
        if path not in parsed:
            status, body = _fetch(host + path)
            assert status == 200, path
            parsed[path] = _parse(body)
        return parsed[path]

    broken: list[str] = []
    checked = narrow = 0
    for path in sorted(pages):
        links = page(path)
        refs = list(links.refs)
        if links.config:  # what Material's scripts fetch: the search worker, versions.json, each sitemap
            base = urljoin(host + path, str(links.config["base"]) + "/")
            refs += [str(links.config["search"]), urljoin(base, "../versions.json"), urljoin(base, "sitemap.xml")]
        for ref in refs:
            url = urljoin(host + path, ref)
            parts = urlsplit(url)
            if parts.scheme in ("mailto", "tel", "data") or f"{parts.scheme}://{parts.netloc}" != host:
                continue  # another host: content links out, and the canonical address of the published site
            checked += 1
            narrow += parts.path.endswith("-narrow.svg")
            if not parts.path.startswith(PREFIX):
                broken.append(f"{path}: {ref} leaves {PREFIX}")
            elif parts.path.endswith("/") or parts.path.endswith(".html"):
                target = page(parts.path) if _fetch(host + parts.path)[0] == 200 else None
                if target is None:
                    broken.append(f"{path}: {ref} is not found")
                elif parts.fragment and unquote(parts.fragment) not in target.ids:
                    broken.append(f"{path}: {ref} names no anchor in its page")
            elif _fetch(host + parts.path)[0] != 200:
                broken.append(f"{path}: {ref} is not found")
    assert broken == [], "\n".join(broken)
    assert checked > 1000 and len(pages) > 40
    assert narrow > 10  # the charts' narrow drawings, named only in srcset, were checked too
    assert _fetch(host + "/2023/")[0] == 404  # the server publishes nothing outside the prefix


def test_the_site_is_self_contained(site: Path) -> None:
    # No link, script, style or image from another host: everything a page needs is in site/.
    outside = set()
    for path in site.rglob("*.html"):
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", path.read_text(encoding="utf-8")):
            for url in re.findall(r"""(?:src|href)=["']?(https?:)?//([^/"'\s>]+)""", tag):
                if 'rel="canonical"' not in tag:
                    outside.add((path.relative_to(site).as_posix(), url[1]))
    assert outside == set()
    assert not [p for p in site.rglob("*") if p.is_symlink()]


def test_the_headers_files_name_every_inline_script_the_pages_run(site: Path) -> None:
    outside, inside = set(), set()
    for path in site.rglob("*.html"):
        links = _parse(path.read_bytes())
        outside.update(text for in_article, text in links.scripts if not in_article)
        inside.update(text for in_article, text in links.scripts if in_article)
        # The build's quick scan agrees with a real HTML parser on every page.
        assert sorted(scripts_in(path.read_text(encoding="utf-8"))) == sorted(t for a, t in links.scripts if not a)
    assert outside and not inside
    assert (site / HEADERS_FILE).read_text(encoding="utf-8") == header_files(outside)[HEADERS_FILE]
    assert (site / NGINX_FILE).read_text(encoding="utf-8") == header_files(outside)[NGINX_FILE]


def test_the_policy_allows_inline_script_only_by_hash() -> None:
    text = policy(["alert(1)", "alert(2)", "alert(1)"])
    directives = dict(part.split(" ", 1) for part in text.split("; "))
    assert directives["script-src"] == " ".join(["'self'", *sorted([script_hash("alert(1)"), script_hash("alert(2)")])])
    assert "unsafe" not in directives["script-src"] and "unsafe-eval" not in text
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert script_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"  # sha256 of nothing


def test_netlify_and_nginx_files_carry_the_same_headers() -> None:
    files = header_files(["x()"])
    netlify = dict(re.findall(r"^  ([\w-]+): (.*)$", files[HEADERS_FILE], re.MULTILINE))
    nginx = dict(re.findall(r'^add_header ([\w-]+) "(.*)" always;$', files[NGINX_FILE], re.MULTILINE))
    assert netlify == nginx == dict(headers(["x()"]))
    assert set(netlify) >= {
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Permissions-Policy",
    }
    assert files[HEADERS_FILE].splitlines()[1] == "/*"
    assert '"' not in "".join(nginx.values())  # nothing could end nginx's quoted value early
