"""The editor's guide shows the real site: its screenshots are taken here, of the bundled content built afresh.

Why this design: pixels differ between machines (fonts, anti-aliasing), so an exact comparison would fail on
every other computer, and no comparison would let a picture go stale. Each screenshot is one window of a fixed
size; the test takes it again and fails when the committed picture is missing, has other dimensions, or
differs from the fresh one by more than TOLERANCE on average over a 64-pixel-wide greyscale copy (another
page, a changed layout, heading or colour does; another sans-serif font, as on another machine, does not).
The fast loop checks the other half: the guide shows each screenshot and no other picture. After an
intended change to the site, refresh them:

    LEVELUP_SCREENSHOTS=update python -m pytest -q tests/test_guide_screenshots.py
"""

from __future__ import annotations

import io
import os

import pytest
from conftest import REPO
from PIL import Image, ImageChops, ImageStat
from playwright.sync_api import Browser
from test_browser import VIEWPORTS, _axe, _elsewhere, _open, browser, bundled  # noqa: F401  (the fixtures, shared)

pytestmark = pytest.mark.browser

IMAGES = REPO / "content" / "pages" / "images"
# name -> (page of the bundled site, viewport): what the guide shows.
SHOTS = {
    "guide-initiative.png": ("2025/initiatives/social-supermarkets/", "desktop"),
    "guide-initiative-phone.png": ("2025/initiatives/social-supermarkets/", "phone"),
    "guide-changes.png": ("2025/changes/", "desktop"),
    "guide-corrections.png": ("2022/corrections/", "desktop"),
    "guide-draft-home.png": ("2025/", "desktop"),
}
# Mean difference in grey levels (0-255) over the small copy. Measured on the initiative page at 1280 px: the
# same page again 0.0; in DejaVu Sans instead of Liberation Sans (another machine's fonts) 2.4; in a serif
# font 3.9; another initiative (same layout, other words) 4.6; the changes page 6.2; the corrections log 23.7.
TOLERANCE = 3.0
# The corrections log of the published 2022 edition grows with every correction, the one that would record a new
# picture of it included (the picture is a file of the site pages, which the 2022 lock covers): refreshing it can
# never catch up. The picture shows what a log entry looks like; it is checked to still show the log page, which
# another kind of page is far from (the initiative page: 23.7).
TOLERANCES = {"guide-corrections.png": 12.0}
SMALL = 64


def difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference of two pictures' small greyscale copies, in grey levels."""
    height = round(SMALL * a.height / a.width)
    small = [im.convert("L").resize((SMALL, height), Image.Resampling.BOX) for im in (a, b)]
    return float(ImageStat.Stat(ImageChops.difference(*small)).mean[0])


def _shot(browser: Browser, url: str, viewport: str) -> bytes:  # noqa: F811
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme="light")  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    png = page.screenshot(animations="disabled", caret="hide")
    context.close()
    return png


@pytest.mark.parametrize("name", list(SHOTS))
def test_screenshot_is_current(bundled: str, browser: Browser, name: str) -> None:  # noqa: F811
    path, viewport = SHOTS[name]
    fresh = _shot(browser, bundled + path, viewport)
    target = IMAGES / name
    if os.environ.get("LEVELUP_SCREENSHOTS") == "update":
        target.write_bytes(fresh)
    assert target.is_file(), f"{target} is missing: run LEVELUP_SCREENSHOTS=update on this test"
    new, old = Image.open(io.BytesIO(fresh)), Image.open(target)
    size = VIEWPORTS[viewport]
    assert new.size == (size["width"], size["height"])
    assert old.size == new.size, f"{name} is {old.size}, the page now gives {new.size}: refresh the screenshots"
    assert difference(old, new) <= TOLERANCES.get(name, TOLERANCE), f"{name} no longer shows the page: refresh them"


def test_a_changed_page_is_noticed(bundled: str, browser: Browser) -> None:  # noqa: F811
    # The tolerance must catch a real change: even another initiative, in the same layout, is beyond it.
    initiative = Image.open(io.BytesIO(_shot(browser, bundled + SHOTS["guide-initiative.png"][0], "desktop")))
    other = Image.open(io.BytesIO(_shot(browser, bundled + "2025/initiatives/digital-inclusion/", "desktop")))
    again = Image.open(io.BytesIO(_shot(browser, bundled + SHOTS["guide-initiative.png"][0], "desktop")))
    assert difference(initiative, again) < 1.0
    assert difference(initiative, other) > TOLERANCE


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("path", ["2025/editors-guide/", "2025/accessibility/"])
def test_guide_and_statement_axe(bundled: str, browser: Browser, path: str, viewport: str, scheme: str) -> None:  # noqa: F811
    # The bundled site's own pages, with their real screenshots: alt text, contrast, headings, at both widths.
    page, requests = _open(browser, bundled + path, viewport, scheme)
    width = page.evaluate("document.documentElement.scrollWidth")
    violations, report = _axe(page)
    page.context.close()
    assert violations == 0, report
    assert _elsewhere(requests, bundled) == []
    assert width <= VIEWPORTS[viewport]["width"]
