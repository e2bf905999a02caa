"""In headless Chromium, served with the headers the build writes (site/_headers): no page type breaks the
Content-Security-Policy, and the policy is really enforced (a policy without the hashes is violated)."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURES, VALID
from playwright.sync_api import Browser, sync_playwright
from test_browser import CHROMIUM, EDITION_PAGE_TYPES, FLAGS, PAGE_TYPES, SHOWN

from generator.commands.build import build

pytestmark = pytest.mark.browser

# Collected from the first moment of every document, before any of the page's own scripts run.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e => {
  const where = e.sourceFile + ":" + e.lineNumber;
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + where);
});
"""


def _headers_file(site: Path) -> list[tuple[str, str]]:
    """The headers site/_headers gives every path (/*), as a host that reads the file would send them."""
    text = (site / "_headers").read_text(encoding="utf-8")
    return re.findall(r"^  ([\w-]+): (.*)$", text, re.MULTILINE)


def _handler(site: Path, headers: list[tuple[str, str]]) -> type[http.server.SimpleHTTPRequestHandler]:
    class WithHeaders(http.server.SimpleHTTPRequestHandler):
        def end_headers(self) -> None:
            for name, value in headers:
                self.send_header(name, value)
            super().end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    return functools.partial(WithHeaders, directory=str(site))  # type: ignore[return-value]


def _serve(site: Path, headers: list[tuple[str, str]]) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(site, headers))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def _built(tmp: Path, fixture: Path) -> Path:
    root = tmp / "project"
    shutil.copytree(fixture, root)
    build(root)
    return root / "site"


@pytest.fixture(scope="module")
def valid_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _built(tmp_path_factory.mktemp("csp"), VALID)


@pytest.fixture(scope="module")
def secured(valid_site: Path) -> Iterator[str]:
    yield from _serve(valid_site, _headers_file(valid_site))


@pytest.fixture(scope="module")
def secured_three(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = _built(tmp_path_factory.mktemp("csp"), FIXTURES / "three-editions")
    yield from _serve(site, _headers_file(site))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


def _violations(browser: Browser, url: str, status: int = 200) -> tuple[list[str], dict[str, str]]:
    """What the page reported as blocked, and the headers its document came with."""
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == status, url
    page.wait_for_timeout(200)  # a report is dispatched as a task after the blocked action
    found = list(page.evaluate("window.__violations")) + console
    context.close()
    return found, response.headers


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_page_type_breaks_the_policy(secured: str, browser: Browser, kind: str) -> None:
    # A page that is not found comes with the 404 status, and the same headers.
    found, headers = _violations(browser, secured + PAGE_TYPES[kind], 404 if kind.startswith("not found") else 200)
    assert (
        "sha256-" in headers["content-security-policy"]
        and "frame-ancestors 'none'" in headers["content-security-policy"]
    )
    assert headers["x-content-type-options"] == "nosniff"
    assert found == []


@pytest.mark.parametrize("kind", list(EDITION_PAGE_TYPES))
def test_no_edition_page_type_breaks_the_policy(secured_three: str, browser: Browser, kind: str) -> None:
    found, _ = _violations(browser, secured_three + EDITION_PAGE_TYPES[kind])
    assert found == []


def test_the_root_redirect_and_a_missing_page_keep_the_policy(secured: str, browser: Browser) -> None:
    assert _violations(browser, secured)[0] == []
    assert _violations(browser, secured + "2021/404.html")[0] == []


def test_explore_filters_and_version_selector_work_under_the_policy(secured: str, browser: Browser) -> None:
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    page.goto(secured + "2021/explore/", wait_until="networkidle")
    page.select_option("#filter-status", "active")
    assert page.locator(SHOWN).count() == 2
    page.wait_for_selector(".md-version__current")
    assert page.evaluate("window.__violations") == []
    context.close()


def test_the_policy_is_enforced_a_policy_without_hashes_is_violated(valid_site: Path, browser: Browser) -> None:
    # The control: the same pages with the hashes left out must report Material's inline scripts as blocked.
    stripped = [(name, re.sub(r" 'sha256-[^']+'", "", value)) for name, value in _headers_file(valid_site)]
    server = _serve(valid_site, stripped)
    url = next(server)
    try:
        found, _ = _violations(browser, url + "2021/")
        assert any(v.startswith("script-src") for v in found), found
    finally:
        next(server, None)
