"""Benchmark: `validate` on the bundled content and on a synthetic tree of 1,000 initiatives."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import REPO, make_tree
from generator.content.check import check


def timed(root: Path, runs: int = 5) -> tuple[float, int, int]:
    """Median seconds of check(root) over runs, with file and problem counts."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        checked = check(root)
        times.append(time.perf_counter() - start)
    return statistics.median(times), checked.files, len(checked.problems)


def main() -> None:
    bundled = timed(REPO)
    with tempfile.TemporaryDirectory() as tmp:
        synthetic = timed(make_tree(Path(tmp) / "tree", 1000))
    print(f"bundled content:      {bundled[0]:.3f} s median of 5 ({bundled[1]} files, {bundled[2]} problems)")
    print(f"1,000 initiatives:    {synthetic[0]:.3f} s median of 5 ({synthetic[1]} files, {synthetic[2]} problems)")
    print(f"per initiative file:  {synthetic[0] / 1000 * 1000:.2f} ms")


if __name__ == "__main__":
    main()
