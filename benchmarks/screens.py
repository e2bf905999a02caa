"""Compares two built sites screen by screen: every page type of the bundled content, at 390 and 1280 px, light and
dark, plus the states scripts make (search results, the edition selector open, the phone's menu) and print.

    python benchmarks/screens.py BEFORE_SITE AFTER_SITE [--out DIR]

Prints one line per screen: identical, or how many pixels differ (and writes both screenshots and a diff image to
--out for each that differs). Each screen is taken in a fresh browser context with animations off."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageChops
from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.weight import CHROMIUM, served

PAGES = [
    "2025/",
    "2025/goals/",
    "2025/goals/01-strong-foundations-in-early-years/",
    "2025/goals/08-good-health-and-well-being/",
    "2025/initiatives/essex-pedal-power/",
    "2025/initiatives/active-essex-local-delivery-pilot/",
    "2025/explore/",
    "2025/explore/?words=bike&sort=2&order=descending",
    "2025/places/",
    "2025/places/harlow/",
    "2025/data/",
    "2025/changes/",
    "2025/changes/2022/",
    "2025/print/",
    "2025/about/",
    "2025/accessibility/",
    "2025/editors-guide/",
    "2025/methodology/",
    "2025/no/such/page/",
    "2022/",
    "2022/corrections/",
    "2022/initiatives/essex-pedal-power/",
    "no/such/page/",
]
# Chromium stalls on a taller window: a longer page (the whole edition to print) is compared down to here only.
TALLEST = 12000
VIEWPORTS = {"390": {"width": 390, "height": 844}, "1280": {"width": 1280, "height": 800}}


def _search(page: Page) -> None:
    page.keyboard.press("/")
    page.keyboard.type("Pedal")
    page.locator(".md-search-result__link", has_text="Essex Pedal Power").first.wait_for(timeout=30000)
    page.wait_for_timeout(300)


def _versions(page: Page) -> None:
    page.focus(".md-version__current")  # opens the list as hovering does (:focus-within); a hover is intercepted
    page.wait_for_timeout(400)


def _drawer(page: Page) -> None:
    page.click("label.md-header__button[for=__drawer]")
    page.wait_for_timeout(400)


def _print(page: Page) -> None:
    page.emulate_media(media="print")


# name -> (page, viewports, action); full-page screenshots except where the state is a fixed overlay.
STATES: dict[str, tuple[str, list[str], Callable[[Page], None]]] = {
    "search": ("2025/", ["390", "1280"], _search),
    "versions": ("2025/", ["1280"], _versions),
    "drawer": ("2025/goals/01-strong-foundations-in-early-years/", ["390"], _drawer),
    "print initiative": ("2025/initiatives/essex-pedal-power/", ["1280"], _print),
    "print edition": ("2025/print/", ["1280"], _print),
}


def shoot(base: str, path: str, viewport: str, scheme: str, action: Callable[[Page], None] | None, browser) -> bytes:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme)
    page = context.new_page()
    page.goto(base + path, wait_until="networkidle")
    # The same for both sites, so only real differences show: no transitions (the search box's placeholder fades
    # in, caught at a different moment each time); a whole page is taken in a window as tall as the page (a
    # full-page screenshot resizes the window, and Material then scrolls its sidebar after a delay that varies),
    # with the sidebars scrolled to their top.
    page.add_style_tag(content="*,*::before,*::after,::placeholder{transition:none!important}")
    if action is not None:
        action(page)
    if action is None or action is _print:
        height = min(page.evaluate("document.documentElement.scrollHeight"), TALLEST)
        page.set_viewport_size({"width": VIEWPORTS[viewport]["width"], "height": height})
    page.wait_for_timeout(600)
    page.evaluate("document.querySelectorAll('.md-sidebar__scrollwrap').forEach(e => { e.scrollTop = 0; })")
    page.wait_for_timeout(100)
    png = page.screenshot(animations="disabled", caret="hide")
    context.close()
    return png


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--out", type=Path, default=Path("/tmp/screens"))
    parser.add_argument("--states-only", action="store_true", help="only the states scripts make, and print")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    pages = [] if args.states_only else PAGES
    screens = [(p, v, s, None, p) for p in pages for v in VIEWPORTS for s in ("light", "dark")]
    screens += [(p, v, s, a, n) for n, (p, vs, a) in STATES.items() for v in vs for s in ("light", "dark")]
    differ = 0
    with served(args.before.resolve()) as one, served(args.after.resolve()) as two, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for path, viewport, scheme, action, name in screens:
            a, b = (shoot(base, path, viewport, scheme, action, browser) for base in (one, two))
            label = f"{name} {viewport} {scheme}"
            if a == b:
                print(f"identical  {label}")
                continue
            ia, ib = (Image.open(__import__("io").BytesIO(x)).convert("RGB") for x in (a, b))
            if ia.size != ib.size:
                pixels = f"size {ia.size} -> {ib.size}"
            else:
                box = ImageChops.difference(ia, ib).getbbox()
                if box is None:
                    print(f"identical  {label} (same pixels)")
                    continue
                diff = ImageChops.difference(ia, ib).convert("L").point(lambda v: 255 if v else 0)
                pixels = f"{diff.histogram()[255]} pixels in {box}"
            differ += 1
            stem = args.out / label.replace("/", "_").replace(" ", "_").replace("?", "_")
            ia.save(f"{stem}.before.png")
            ib.save(f"{stem}.after.png")
            print(f"DIFFERENT  {label}: {pixels}")
        browser.close()
    print(f"{differ} of {len(screens)} screens differ")


if __name__ == "__main__":
    main()
