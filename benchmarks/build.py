"""Benchmark: full builds of the bundled content (or a scaled copy) cold, with charts cached, unchanged, and after
one edit; CPU and wall per stage, the generator's share, peak memory, what the caches saved.

    python benchmarks/build.py                      # the bundled content, this checkout
    python benchmarks/build.py --factor 10          # the bundled content repeated 10 times (benchmarks/synthetic.py)
    python benchmarks/build.py --code /work/main    # the same, built by another checkout (no caches there)

Each build runs in a fresh interpreter (see measure.py); the content is copied into a temporary root first, so the
repository's own site/ and .cache/ are left alone. Ratios are of figures measured in the same run."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import measure
from benchmarks.synthetic import REPO, scaled_tree

STAGES = ("load_validate", "charts", "generate", "render", "finish")
# The generator's own stages: everything but the renderer (MkDocs), which is the "render" stage.
OURS = ("load_validate", "charts", "generate", "finish")
CACHE = ".cache/levelup"


def copy_of(source: Path, dest: Path, factor: int) -> Path:
    """The content to build: the bundled tree as it is (factor 0) or scaled (1, 10, 100: drafts, no locks)."""
    if factor:
        return scaled_tree(dest, factor, source)
    dest.mkdir(parents=True)
    for name in ("content", "initiatives"):
        shutil.copytree(source / name, dest / name)
    return dest


def edit_one(root: Path) -> Path:
    """Change the body of one initiative of the newest edition (a draft), as an editor would."""
    newest = max((root / "initiatives").iterdir())
    page = sorted(p for p in newest.glob("*/*.md") if p.name != "index.md")[0]
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence from the editor.\n", encoding="utf-8")
    return page


def row(name: str, run: measure.Run) -> str:
    stage_cpu = {s: run.stage_cpu(s) for s in STAGES}
    ours = sum(stage_cpu[s] for s in OURS)
    startup = run.cpu - sum(stage_cpu.values())
    drawn = run.timings.get("charts_drawn", "-")
    rendered = run.timings.get("editions_rendered", "-")
    return (
        f"| {name} | {run.wall:.2f} | {run.cpu:.2f} | "
        + " | ".join(f"{stage_cpu[s]:.2f}" for s in STAGES)
        + f" | {startup:.2f} | {ours / run.cpu:.0%} | {(ours + startup) / run.cpu:.0%} | "
        f"{measure.megabytes(run.peak_rss)} / {measure.megabytes(run.peak_pss)} | {drawn} | {rendered} |"
    )


HEADER = (
    "| build | wall s | CPU s | "
    + " | ".join(f"{s} CPU" for s in STAGES)
    + " | start-up CPU | generator stages' share | generator incl. start-up | peak RSS / PSS | charts drawn"
    " | editions rendered |\n|" + "---|" * (len(STAGES) + 9)
)


def scenarios(code: Path, factor: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_of(REPO, Path(tmp) / "root", factor)
        out = Path(tmp) / "site"
        results: dict[str, list[measure.Run]] = {}

        def measured(name: str) -> measure.Run:
            result = measure.build(root, out, code)
            results.setdefault(name, []).append(result)
            return result

        for _ in range(runs):
            shutil.rmtree(root / ".cache", ignore_errors=True)
            measured("cold (no cache)")
            shutil.rmtree(root / CACHE / "editions", ignore_errors=True)
            measured("charts cached, every edition rendered")
            measured("no-op rebuild")
        edit_one(root)
        measured("one draft initiative edited")
        pages = results["cold (no cache)"][0].pages
        label = f"{factor}x scaled" if factor else "bundled"
        print(f"\n{label} content, {pages} pages, built by {code} (median of {runs} by total CPU)\n")
        print(HEADER)
        medians = {}
        for name, runs_of in results.items():
            runs_of.sort(key=lambda r: r.cpu)
            medians[name] = runs_of[len(runs_of) // 2]
            print(row(name, medians[name]))
        cold = medians["cold (no cache)"]
        for name in ("no-op rebuild", "one draft initiative edited"):
            run = medians[name]
            print(f"\n{name}: {run.cpu / cold.cpu:.0%} of a cold build's CPU, {run.wall / cold.wall:.0%} of its wall")
        print(f"CPU per page (cold): {cold.cpu / max(pages, 1) * 1000:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--code", type=Path, default=REPO, help="the checkout whose generator builds (default: this)")
    parser.add_argument("--factor", type=int, default=0, help="scale the content (0: the bundled content as it is)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    scenarios(args.code.resolve(), args.factor, args.runs)


if __name__ == "__main__":
    main()
