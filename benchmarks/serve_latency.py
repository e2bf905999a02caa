"""Benchmark: save-to-updated-page of `levelup serve` on the bundled content, in headless Chromium.

Starts serve on a temporary copy of the bundled content, opens an initiative page, then 10 times rewrites the
initiative's title and measures from the write until the open page's text shows the new title; also when serve
said it had updated (the rest is the browser reloading the page)."""

from __future__ import annotations

import math
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from serving import Serve  # noqa: E402  (the tests' helper: serve in a subprocess)

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"]
FILE = "initiatives/2025/02-successful-school-years/essex-activate.md"
PAGE = "initiatives/essex-activate/"
EDITS = 10


def shows(page: Page, text: str) -> bool:
    """Whether the page's text has text in it now."""
    try:
        return bool(page.evaluate("t => document.body !== null && document.body.innerText.includes(t)", text))
    except Exception:  # the page is reloading: its old document is gone
        return False


def measure(page: Page, file: Path, serve: Serve) -> tuple[list[float], list[float]]:
    """Seconds from each write to the page showing it, and to serve saying it had updated."""
    original = file.read_text(encoding="utf-8")
    shown, updated = [], []
    try:
        for n in range(EDITS):
            title = f"Essex ActivAte edit {n} {time.time_ns()}"
            text = re.sub(r"^title: .*$", f"title: {title}", original, count=1, flags=re.MULTILINE)
            clock = time.perf_counter()
            file.write_text(text, encoding="utf-8")
            while not shows(page, title):
                if time.perf_counter() - clock > 30:
                    raise SystemExit(f"edit {n} did not show within 30 s:\n{serve.output}")
                time.sleep(0.005)
            shown.append(time.perf_counter() - clock)
            time.sleep(0.3)  # let the page settle, as between an editor's saves
            updated.append((serve.updated_after(clock) or math.nan) - clock)
    finally:
        file.write_text(original, encoding="utf-8")
    return shown, updated


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in ("content", "initiatives"):
            shutil.copytree(REPO / name, root / name)
        serve = Serve(root)
        if not serve.url:
            raise SystemExit(f"serve did not start:\n{serve.output}")
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                page = browser.new_page()
                page.goto(serve.url + PAGE, wait_until="load")
                shown, updated = measure(page, root / FILE, serve)
                browser.close()
        finally:
            serve.stop()
    load = os.getloadavg()[0]
    print(f"save to updated page, {EDITS} edits of {FILE} (bundled content, headless Chromium, load {load:.1f}):")
    print("  page shows it (s): " + " ".join(f"{t:.2f}" for t in shown))
    print("  serve updated (s): " + " ".join(f"{t:.2f}" for t in updated))
    print(f"  median {statistics.median(shown):.2f} s, worst {max(shown):.2f} s")


if __name__ == "__main__":
    main()
