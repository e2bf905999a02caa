"""Benchmark: the least a cold build's generator stages can cost while charts are drawn by matplotlib (DESIGN.md)
and the publish gate reads every page with the standard library's HTML parser, and the share of the build that
least would be (issue 11, goal 1: at most 30% cold).

    python benchmarks/floor.py              # the bundled content, this checkout; one cold build and three probes

One cold build of a copy of the bundled content (measure.build: CPU of the build and all its children); then,
each in a fresh interpreter: importing matplotlib as the chart worker does; drawing every chart the build drew
(imported already, so drawing alone); and html.parser with no checks at all over every page and SVG file the build
published. The floor counts those three alone, as if loading, validating, generating pages, cutting stylesheets,
compacting pages and every check of the gate cost nothing; the rest of the build (MkDocs' render and start-up) is as
measured."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import measure
from benchmarks.build import OURS, STAGES, copy_of
from benchmarks.synthetic import REPO

# Each probe prints "CPU <seconds>" for the work it names, timed inside its own process.
_IMPORT = """
import time
started = time.process_time()
import matplotlib.figure, matplotlib.backends.backend_svg
print("CPU", time.process_time() - started)
"""

_DRAW = """
import sys, time
from pathlib import Path
from generator.content.check import read_project
from generator.content.theme import load_theme
from generator.site.charts import draw
from generator.site.charts.specs import edition_specs
root = Path(sys.argv[1])
project, _ = read_project(root)
labels = load_theme(root).labels
specs = list(dict.fromkeys(s for e in project.editions for s in edition_specs(project, e, labels).all()))
started = time.process_time()
with draw.settings():
    charts = [draw.render(spec) for spec in specs]
print("CPU", time.process_time() - started)
print("CHARTS", len(specs))
"""

_PARSE = """
import sys, time
from html.parser import HTMLParser
from pathlib import Path
files = [p for p in Path(sys.argv[1]).rglob("*") if p.suffix in (".html", ".svg") and p.is_file()]
texts = [p.read_text(encoding="utf-8") for p in files]
started = time.process_time()
for text in texts:
    parser = HTMLParser(convert_charrefs=True)
    parser.feed(text)
    parser.close()
print("CPU", time.process_time() - started)
print("FILES", len(texts))
print("MEGABYTES", sum(map(len, texts)) / 1e6)
"""


def probe(script: str, *args: str) -> dict[str, float]:
    """Run a probe in a fresh interpreter; the figures it printed."""
    result = measure.run(["-c", script, *args])
    if result.returncode:
        raise RuntimeError(result.output[-3000:])
    return {line.split()[0]: float(line.split()[1]) for line in result.output.splitlines() if line[:1].isupper()}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_of(REPO, Path(tmp) / "root", 0)
        site = Path(tmp) / "site"
        build = measure.build(root, site)
        stage = {s: build.stage_cpu(s) for s in STAGES}
        ours = sum(stage[s] for s in OURS)
        rest = build.cpu - ours  # MkDocs' render and start-up
        imported = probe(_IMPORT)["CPU"]
        drawn = probe(_DRAW, str(root))
        parsed = probe(_PARSE, str(site))
    least = imported + drawn["CPU"] + parsed["CPU"]
    print(f"\nbundled content, {build.pages} pages, built cold by {REPO}\n")
    print("| figure | CPU s |\n|---|---|")
    print(f"| the whole cold build (the build and every child) | {build.cpu:.2f} |")
    for name in STAGES:
        print(f"| stage: {name} | {stage[name]:.2f} |")
    print(f"| generator stages ({', '.join(OURS)}) | {ours:.2f} ({ours / build.cpu:.0%} of the build) |")
    print(f"| the rest: MkDocs' render and start-up | {rest:.2f} |")
    print(f"| importing matplotlib (as the chart worker does) | {imported:.2f} |")
    print(f"| drawing the {drawn['CHARTS']:.0f} charts, both widths (imported already) | {drawn['CPU']:.2f} |")
    files = f"{parsed['FILES']:.0f} files, {parsed['MEGABYTES']:.1f} million characters"
    print(f"| html.parser alone, no check, over every page and SVG file ({files}) | {parsed['CPU']:.2f} |")
    print(f"| the floor: those three, everything else of ours free | {least:.2f} |")
    print(f"\nthe floor's share of a build: {least / (least + rest):.0%} (goal: at most 30%)")
    print(f"the generator stages' share now: {ours / build.cpu:.0%}")


if __name__ == "__main__":
    main()
