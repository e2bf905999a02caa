"""Benchmark: page weight, as headless Chromium fetches it on a first visit (empty cache), phone and desktop.

    python benchmarks/weight.py SITE [PAGE ...]     # SITE: a built site/ folder; PAGE: paths under it

Every response the page's load brings (HTML, CSS, scripts, images, the search index, versions.json) is counted
at its uncompressed size, after the network has been idle for half a second, so requests the page makes once
loaded (Material's search index) are counted too. Each page is opened in a fresh browser context."""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """site over HTTP on a free local port."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


def weigh(site: Path, pages: list[str]) -> dict[tuple[str, str], dict[str, int]]:
    """For each page and viewport: bytes by URL (relative to the site) of everything fetched."""
    out: dict[tuple[str, str], dict[str, int]] = {}
    with served(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for page_path in pages:
            for name, viewport in VIEWPORTS.items():
                context = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
                page = context.new_page()
                fetched: dict[str, int] = {}

                def record(response: object, fetched: dict[str, int] = fetched) -> None:
                    try:
                        body = response.body()  # type: ignore[attr-defined]
                    except Exception:  # a redirect or an aborted request has no body
                        return
                    fetched[response.url.removeprefix(base)] = len(body)  # type: ignore[attr-defined]

                page.on("response", record)
                page.goto(base + page_path, wait_until="networkidle")
                page.wait_for_timeout(500)
                out[(page_path, name)] = fetched
                context.close()
        browser.close()
    return out


def report(weights: dict[tuple[str, str], dict[str, int]], top: int = 6) -> None:
    for (page, viewport), fetched in weights.items():
        total = sum(fetched.values())
        print(f"{page} ({viewport}): {total / 1000:.0f} KB in {len(fetched)} requests")
        for url, size in sorted(fetched.items(), key=lambda item: -item[1])[:top]:
            print(f"    {size / 1000:7.1f} KB  {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("pages", nargs="*")
    args = parser.parse_args()
    site = args.site.resolve()
    pages = args.pages
    if not pages:
        versions = sorted(p.name for p in site.iterdir() if p.is_dir() and p.name.isdigit())
        year = versions[-1]
        goal = sorted((site / year / "goals").iterdir())[0].name
        initiative = sorted((site / year / "initiatives").iterdir())[0].name
        pages = [f"{year}/", f"{year}/goals/{goal}/", f"{year}/initiatives/{initiative}/"]
    report(weigh(site, pages))


if __name__ == "__main__":
    main()
