"""Benchmark: a full build by stage (load and validate, charts, page generation, MkDocs render), pages per edition."""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import REPO, make_tree
from generator.commands.build import Timings, build
from generator.site.charts import draw as charts

STAGES = ("load_validate", "charts", "generate", "render", "finish")


def timed(root: Path, runs: int) -> tuple[dict[str, float], dict[int, int], int]:
    """Median seconds per stage over runs (built into a temporary folder, never root/site), pages per edition,
    and the bytes of HTML written."""
    runs_of: list[Timings] = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            charts._width.cache_clear()  # each run as cold as a one-off `python build.py`
            runs_of.append(build(root, Path(tmp) / "site"))
        html = sum(path.stat().st_size for path in (Path(tmp) / "site").rglob("*.html"))
    medians = {stage: statistics.median(getattr(t, stage) for t in runs_of) for stage in STAGES}
    return medians, runs_of[-1].pages, html


def report(name: str, medians: dict[str, float], pages: dict[int, int], html: int, runs: int) -> None:
    """Print one build's figures; the generator's share is everything but the MkDocs render."""
    total = sum(medians.values())
    print(f"{name}: {total:.2f} s (median of {runs} per stage), {html / 1e6:.1f} MB of HTML")
    for stage in STAGES:
        print(f"  {stage:<14} {medians[stage]:7.3f} s  {medians[stage] / total:6.1%}")
    ours = total - medians["render"]
    print(f"  generator's own work: {ours:.3f} s = {ours / total:.1%} of the build")
    print("  pages per edition: " + ", ".join(f"{year}: {count}" for year, count in sorted(pages.items())))


def main() -> None:
    runs = 3
    report("bundled content", *timed(REPO, runs), runs)
    with tempfile.TemporaryDirectory() as tmp:
        report("synthetic, 1,000 initiatives per edition", *timed(make_tree(Path(tmp) / "tree", 1000), 1), 1)


if __name__ == "__main__":
    main()
