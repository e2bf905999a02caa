"""Benchmark: how validate and a cold build grow with content: per-stage CPU at each scale and its exponent.

    python benchmarks/scaling.py                         # 1x and 10x of the bundled content
    python benchmarks/scaling.py --factors 1 10 100      # 100x: about 10,000 initiatives per edition; minutes
    python benchmarks/scaling.py --code /work/main       # another checkout's generator, for a before/after

Each scale is a fresh copy of the bundled content with its initiatives repeated (synthetic.scaled_tree), validated
and built once, cold (no cache), in fresh interpreters (measure.py). The exponent is the slope of log(CPU) against
log(pages) across the scales: 1 is linear, 2 quadratic. CPU per page and peak memory (all processes) are printed
per scale."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import measure
from benchmarks.synthetic import REPO, scaled_tree

STAGES = ("load_validate", "charts", "generate", "render", "finish")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--code", type=Path, default=REPO, help="the checkout whose generator runs (default: this)")
    args = parser.parse_args()
    code = args.code.resolve()
    pages, validate_cpu, builds = [], [], []
    print(f"built by {code}\n")
    print(
        "| scale | initiatives | pages | validate CPU s | build wall s | build CPU s | "
        + " | ".join(f"{s} CPU" for s in STAGES)
        + " | CPU per page ms | peak RSS / PSS |\n|"
        + "---|" * (len(STAGES) + 8)
    )
    for factor in args.factors:
        with tempfile.TemporaryDirectory() as tmp:
            root = scaled_tree(Path(tmp) / "root", factor)
            initiatives = sum(1 for p in (root / "initiatives").glob("*/*/*.md") if p.name != "index.md")
            checked = measure.validate(root, code)
            run = measure.build(root, Path(tmp) / "site", code)
        pages.append(run.pages)
        validate_cpu.append(checked.cpu)
        builds.append(run)
        print(
            f"| {factor}x | {initiatives} | {run.pages} | {checked.cpu:.2f} | {run.wall:.1f} | {run.cpu:.1f} | "
            + " | ".join(f"{run.stage_cpu(s):.2f}" for s in STAGES)
            + f" | {run.cpu / run.pages * 1000:.1f} | "
            f"{measure.megabytes(run.peak_rss)} / {measure.megabytes(run.peak_pss)} |",
            flush=True,
        )
    if len(pages) > 1:
        print("\nexponent of CPU against pages (1: linear, 2: quadratic):")
        print(f"  validate: {measure.exponent(pages, validate_cpu):.2f}")
        for stage in STAGES:
            print(f"  {stage}: {measure.exponent(pages, [r.stage_cpu(stage) for r in builds]):.2f}")
        print(f"  whole build: {measure.exponent(pages, [r.cpu for r in builds]):.2f}")
        first, last = builds[0], builds[-1]
        drift = (last.cpu / last.pages) / (first.cpu / first.pages) - 1
        print(f"CPU per page at {args.factors[-1]}x vs {args.factors[0]}x: {drift:+.0%}")


if __name__ == "__main__":
    main()
