"""serve in headless Chromium: an open page shows a save by itself; a file with errors puts a banner with
path:line:col on the page (its text never read as HTML), and fixing the file takes the banner away."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright
from serving import Serve
from test_browser import CHROMIUM, FLAGS, WCAG

pytestmark = pytest.mark.browser

INITIATIVE = "initiatives/2022/01-early-years/reading-start.md"
BANNER = "#levelup-problems"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


def _text(page: Page) -> str:
    try:
        return str(page.evaluate("document.body ? document.body.innerText : ''"))
    except Exception:  # between the old document and the reloaded one
        return ""


def _until(test: object, timeout: float = 60) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if test():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def test_the_open_page_follows_saves_and_shows_errors_as_text(project: Path, browser: Browser) -> None:
    serve = Serve(project)
    try:
        assert serve.url, serve.output
        page = browser.new_page()
        page.goto(serve.url + "initiatives/reading-start/", wait_until="load")
        file = project / INITIATIVE
        good = file.read_text(encoding="utf-8")

        file.write_text(good.replace("title: Reading Start", "title: Reading Start Again"), encoding="utf-8")
        assert _until(lambda: "Reading Start Again" in _text(page)), serve.output  # no reload by hand

        hostile = good.replace("status: active", 'status: "<img src=x onerror=window.pwned=1>"')
        file.write_text(hostile, encoding="utf-8")
        assert _until(lambda: page.locator(BANNER).count() == 1), serve.output
        banner = page.locator(BANNER)
        assert banner.get_attribute("role") == "alert"
        text = banner.inner_text()
        assert f"{INITIATIVE}:6:9: error: status: text '<img src=x onerror=window.pwned=1>' is not allowed" in text
        assert page.locator(BANNER + " img").count() == 0 and page.evaluate("window.pwned") is None
        assert "Reading Start Again" in _text(page)  # the last good page stays
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
        assert results.violations_count == 0, results.generate_report()

        file.write_text(good, encoding="utf-8")
        assert _until(lambda: "Reading Start Again" not in _text(page) and "Reading Start" in _text(page))
        assert _until(lambda: page.locator(BANNER).count() == 0)
        page.close()
    finally:
        assert serve.stop() == 0
