"""Benchmark: validate and build time on hostile inputs, each one file overlaid on the small valid fixture.

Each measurement runs in its own process group with a CPU-time limit per process (--timeout, default 60 s)
and a 4 GB address space limit, so a billion-laughs file on an old generator is reported, not fatal to the
machine. Times are CPU seconds of the process and its children (the renderer, chart workers); wall seconds
are shown in brackets, since a shared machine inflates them. `--code DIR` measures another checkout (e.g.
the commit before these limits) with the same inputs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "valid"
sys.path.insert(0, str(REPO / "tests"))

from conftest import relock  # noqa: E402  (the tests' helper: locks brought up to the files, as a correction does)

INITIATIVE = "initiatives/2022/03-good-jobs/job-fairs.md"
GOAL_PAGE = "initiatives/2022/01-early-years/index.md"
GOALS = "content/goals.yml"
PLACES = "content/places.yml"
# A content tree's own theme: the bundled one, copied in, with one override changed.
OVERRIDE = "theme/overrides/main.html"
MEMORY = 4 * 1024**3


def initiative(
    extra: str = "",
    title: str = "Job fairs",
    body: str = "The council plans five job fairs.\n",
    summary: str = "Fairs that bring employers to town centres.",
) -> str:
    """The fixture's job-fairs initiative with a changed title, summary, body and extra front matter."""
    return (
        f"---\nid: job-fairs\ntitle: {title}\ngoal: 3\nstatus: planned\n"
        f"summary: {summary}\nplaces: [Northtown]\n"
        f"source: Exampleshire audit update, 2022\nlast_reported: 2022\n{extra}---\n{body}"
    )


def goal_page(values: list[str], label: str = "Children") -> str:
    """A goal page whose figures (all in one unit, so they are charted) have the given values."""
    row = "  - {{label: {} {}, value: {}, unit: people, kind: actual}}\n"
    metrics = "".join(row.format(label, i, value) for i, value in enumerate(values))
    return f"---\ngoal: 1\nmetrics:\n{metrics}---\nNarrative.\n"


def goals(title: str) -> str:
    """goals.yml with the first goal's title replaced."""
    text = (FIXTURE / GOALS).read_text(encoding="utf-8")
    return text.replace("title: Early years", f"title: {title}", 1)


def many_goals(count: int) -> str:
    """goals.yml with count goals: the fixture's three, then more."""
    text = (FIXTURE / GOALS).read_text(encoding="utf-8")
    more = "".join(
        f"  - {{number: {n}, slug: goal-{n}, title: Goal number {n}, definition: Definition {n}.}}\n"
        for n in range(4, count + 1)
    )
    return text + more


def override(tail: str) -> str:
    """The bundled theme's main.html with tail written at the end of its scripts block: the end of every page."""
    text = (REPO / OVERRIDE).read_text(encoding="utf-8")
    scripts = text.index("{% endblock %}", text.index("{% block scripts %}"))
    return text[:scripts] + tail + text[scripts:]


def laughs() -> str:
    levels = ['lol0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    levels += [f"lol{n}: &a{n} [{','.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    return initiative("\n".join(levels) + "\n")


def places(count: int, note: str = "", notes: int = 0, towns: int = 0) -> str:
    """The fixture's places.yml with count more districts, notes outside places with a long note each, and
    towns spread over the new districts."""
    # The fixture's districts have tiles on the map (rows 1-2), so each new one gets its own tile below them.
    rows = "".join(
        f"  - {{name: District {i}, kind: district, grid: {{row: {3 + i // 20}, col: {1 + i % 20}}}}}\n"
        for i in range(count)
    )
    rows += "".join(f"  - {{name: Outside {i}, kind: outside, note: '{note}'}}\n" for i in range(notes))
    rows += "".join(f"  - {{name: Town {i}, kind: town, district: District {i % count}}}\n" for i in range(towns))
    return (FIXTURE / PLACES).read_text(encoding="utf-8") + rows


# name -> (file, content); content is built lazily, some inputs are 20 MB.
CASES: dict[str, tuple[str, Callable[[], str]]] = {
    "billion laughs (9 levels of 9 aliases, 1 KB)": (INITIATIVE, laughs),
    "alias to itself": (INITIATIVE, lambda: initiative("partners: &p [*p]\n")),
    "100,000-deep flow nesting": (INITIATIVE, lambda: initiative("partners: " + "[" * 100_000 + "]" * 100_000 + "\n")),
    "600-deep block nesting": (INITIATIVE, lambda: initiative("x:\n" + "".join(" " * i + "-\n" for i in range(600)))),
    "title: !!timestamp": (INITIATIVE, lambda: initiative(title="!!timestamp")),
    "!!python/object/apply tag": (INITIATIVE, lambda: initiative(title='!!python/object/apply:os.system ["true"]')),
    "20 MB file": (INITIATIVE, lambda: initiative(body="Plain words. " * 1_600_000)),
    "1 MB of YAML (16 notes of 64,000 characters)": (PLACES, lambda: places(0, note="a " * 32_000, notes=16)),
    "70 KB body": (INITIATIVE, lambda: initiative(body="Plain words. " * 5_500)),
    "20,001 YAML values": (INITIATIVE, lambda: initiative("extra: [" + "0," * 20_000 + "0]\n")),
    "19,900 YAML values (under the cap)": (INITIATIVE, lambda: initiative("extra: [" + "0," * 19_900 + "0]\n")),
    "19,900 text values (under the cap)": (INITIATIVE, lambda: initiative("extra: [" + "ab," * 19_900 + "a]\n")),
    "9,990 unknown fields": (INITIATIVE, lambda: initiative("".join(f"k{i}: 1\n" for i in range(9_990)))),
    "4,000-character title": (INITIATIVE, lambda: initiative(title="W" * 4_000)),
    "4,000-character unbroken goal title": (GOALS, lambda: goals("W" * 4_000)),
    "300-character unbroken goal title (charted)": (GOALS, lambda: goals("W" * 300)),
    "100 figures with 300-character labels (charted)": (GOAL_PAGE, lambda: goal_page(["5"] * 100, "L" * 290)),
    "400-digit integer": (GOAL_PAGE, lambda: goal_page(["9" * 400, "1"])),
    "1.0e+308 figure": (GOAL_PAGE, lambda: goal_page(["1.0e+308", "1"])),
    "10^15 figures (the largest allowed, charted)": (GOAL_PAGE, lambda: goal_page(["1000000000000000", "1"])),
    ".inf figure": (GOAL_PAGE, lambda: goal_page([".inf", "1"])),
    "sexagesimal 1:1:1:... (10,000 parts)": (GOAL_PAGE, lambda: goal_page(["1:" * 10_000 + "0", "1"])),
    "NUL in the body": (INITIATIVE, lambda: initiative(body="Five job\x00fairs.\n")),
    "escaped \\0 in the title": (INITIATIVE, lambda: initiative(title='"Job\\0fairs"')),
    "'[' x 100,000 in the body": (INITIATIVE, lambda: initiative(body="[" * 100_000)),
    "'[' x 60,000 in the body": (INITIATIVE, lambda: initiative(body="[" * 60_000)),
    "'[' x 1,413 in the body (at the work limit)": (INITIATIVE, lambda: initiative(body="[" * 1_413)),
    "'[a](' x 706 in the body (at the work limit)": (INITIATIVE, lambda: initiative(body="[a](" * 706)),
    "'<a ' x 40,000 (120 KB) in the body": (INITIATIVE, lambda: initiative(body="<a " * 40_000)),
    "'<a ' x 21,000 (63 KB) in the body": (INITIATIVE, lambda: initiative(body="<a " * 21_000)),
    "'<a ' x 577 in the body (at the work limit)": (INITIATIVE, lambda: initiative(body="<a " * 577)),
    "'<![CDATA[' x 235 in the body (at the work limit)": (INITIATIVE, lambda: initiative(body="<![CDATA[" * 235)),
    "'<a>' x 16,000 on one line": (INITIATIVE, lambda: initiative(body="<a>" * 16_000)),
    "'1. ' x 600 (nested lists)": (INITIATIVE, lambda: initiative(body="1. " * 600 + "x\n")),
    "'**a ' x 1,000 (nested emphasis)": (INITIATIVE, lambda: initiative(body="**a " * 1_000 + "b" + " c**" * 1_000)),
    "'[' x 1,413 in the summary": (INITIATIVE, lambda: initiative(summary="'" + "[" * 1_413 + "'")),
    "'[' x 632 in the summary": (INITIATIVE, lambda: initiative(summary="'" + "[" * 632 + "'")),
    "'[' x 631 in the summary (at the work limit)": (INITIATIVE, lambda: initiative(summary="'" + "[" * 631 + "'")),
    "'#' x 32,000 lines (headings)": (INITIATIVE, lambda: initiative(body="#\n" * 32_000)),
    "'#' x 200 lines (at the heading limit)": (INITIATIVE, lambda: initiative(body="#\n" * 200)),
    "'a\\n: b' x 10,000 (definitions)": (INITIATIVE, lambda: initiative(body="a\n: b\n" * 10_000)),
    "'[x]: <y>\\n[x]' x 5,000 (references)": (INITIATIVE, lambda: initiative(body="[x]: <y>\n[x]\n" * 5_000)),
    "'\\{' x 32,000 in one paragraph": (INITIATIVE, lambda: initiative(body="\\{" * 32_000)),
    "'\\{' x 10,000 in one paragraph (at the copy limit)": (INITIATIVE, lambda: initiative(body="\\{" * 10_000)),
    "64 KB of one-line paragraphs": (INITIATIVE, lambda: initiative(body="a\n\n" * 21_000)),
    "'<' x 60,000 then '\"' ending every page (theme override)": (OVERRIDE, lambda: override("<" * 60_000 + '"')),
    # Relative links, each followed to its page (site/links.py) and found by rendering the body with marks.
    "'[a](nope-N.md)' x 3,400 paragraphs (broken links)": (
        INITIATIVE,
        lambda: initiative(body="".join(f"[a](nope-{n}.md)\n\n" for n in range(3_400))),
    ),
    "'[a](reading-start.md#pN) ' x 2,000 (parts of a page)": (
        INITIATIVE,
        lambda: initiative(body="".join(f"[a](reading-start.md#p{n}) " for n in range(2_000))),
    ),
    "32,000 q's then '](a' x 6,000": (INITIATIVE, lambda: initiative(body="q" * 32_000 + "\n\n" + "](a\n\n" * 6_000)),
    "'<a href=../x/>a</a>' x 2,800 paragraphs (unquoted raw HTML)": (
        INITIATIVE,
        lambda: initiative(body="<a href=../x/>a</a>\n\n" * 2_800),
    ),
    "21 goals": (GOALS, lambda: many_goals(21)),
    "20 goals (the most allowed, charted)": (GOALS, lambda: many_goals(20)),
    "501 places, all districts": (PLACES, lambda: places(498)),
    "41 districts": (PLACES, lambda: places(39)),
    "40 districts (the most allowed, charted)": (PLACES, lambda: places(38)),
    "501 places: 40 districts and 458 towns": (PLACES, lambda: places(38, towns=458)),
    "500 places: 40 districts and 457 towns (the most allowed)": (PLACES, lambda: places(38, towns=457)),
}


def _child(code: str, stage: str, root: str) -> None:
    sys.path.insert(0, code)
    from generator.commands.build import build
    from generator.content.check import check
    from generator.errors import ContentError, LevelupError

    before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    try:
        if stage == "validate":
            checked = check(Path(root))
            problems = list(checked.problems)
            with contextlib.suppress(ImportError):  # what `levelup validate` adds once the content is sound
                from generator.content.theme import load_theme
                from generator.site.links import link_problems

                if checked.project is not None:
                    problems += link_problems(checked.project, load_theme(Path(root)))
            errors = [p for p in problems if p.severity == "error"]
            outcome = f"refused: {errors[0].text().split(': ', 2)[-1]}" if errors else "accepted"
        else:
            build(Path(root), Path(root) / "out")
            outcome = "built"
    except ContentError as exc:
        errors = [p for p in exc.problems if p.severity == "error"]
        outcome = f"{type(exc).__name__}: {errors[0].text().split(': ', 2)[-1] if errors else ''}"
    except LevelupError as exc:
        outcome = f"{type(exc).__name__}: {exc}"
    except MemoryError:
        outcome = f"out of memory (over {MEMORY // 1024**3} GB)"
    except BaseException as exc:  # the point is to see what a hostile input does
        outcome = f"internal error: {type(exc).__name__}: {str(exc)[:80]}"
    after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum(a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime for a, b in zip(after, before, strict=True))
    print(json.dumps({"cpu": cpu, "wall": time.perf_counter() - wall, "outcome": outcome}))


def _limits(cpu: int) -> None:
    # Inherited by the renderer and chart workers: each process may use cpu seconds and MEMORY bytes.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def measure(code: Path, stage: str, root: Path, timeout: float) -> tuple[str, str]:
    """(seconds, outcome) of one stage on one tree, in a fresh process group that is killed afterwards."""
    command = [sys.executable, __file__, "--child", str(code), stage, str(root)]
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: _limits(int(timeout)),
    ) as child:
        try:
            out, err = child.communicate(timeout=20 * timeout)  # a backstop; the CPU limit acts first
        except subprocess.TimeoutExpired:
            out, err = "", "wall-clock backstop"
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGKILL)  # the renderer and chart workers too
            child.wait()
    try:
        result = json.loads(out.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        if child.returncode in (-signal.SIGXCPU, -signal.SIGKILL) or "backstop" in err:
            return f"> {timeout:.0f}", "over the time limit"
        return "-", f"crashed (exit {child.returncode}): {err.strip().splitlines()[-1:]}"
    if result["cpu"] >= timeout:  # a renderer or chart worker hit the limit, and the build failed for it
        return f"> {timeout:.0f}", f"over the time limit ({result['outcome']})"
    return f"{result['cpu']:.2f} ({result['wall']:.1f})", result["outcome"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--code", type=Path, default=REPO, help="the checkout whose generator is measured")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--only", default="", help="run the cases whose name contains this")
    args = parser.parse_args()
    print(f"generator: {args.code}; seconds are CPU (wall); limit {args.timeout:.0f} s per run")
    print("| input | size | validate s | build s | outcome |\n|---|---|---|---|---|")
    for name, (rel, content) in CASES.items():
        if args.only not in name:
            continue
        with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
            root = Path(tmp) / "tree"
            shutil.copytree(FIXTURE, root)
            if rel.startswith("theme/"):
                shutil.copytree(REPO / "theme", root / "theme")
            text = content()
            (root / rel).write_text(text, encoding="utf-8")
            # The fixture's 2021 edition is published and its lock covers the site-wide files: an input there is
            # measured as if recorded as a correction, not refused for the lock.
            relock(root)
            size = len(text.encode("utf-8"))
            validated, outcome = measure(args.code, "validate", root, args.timeout)
            built, built_outcome = measure(args.code, "build", root, args.timeout)
        if outcome == "accepted" or built_outcome != outcome.replace("refused", "ContentError", 1):
            outcome = f"{outcome}; build: {built_outcome}"
        shown = outcome.replace("|", "\\|")
        shown = shown if len(shown) <= 160 else shown[:157] + "..."
        print(f"| {name} | {size / 1024:,.1f} KB | {validated} | {built} | {shown} |", flush=True)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        _child(*sys.argv[2:])
    else:
        main()
