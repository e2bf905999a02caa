"""Benchmark: our generated docs trees built by MkDocs + Material and by Zensical: time, and what differs.

    python -m venv /tmp/zvenv && /tmp/zvenv/bin/pip install zensical==0.0.73    # once, apart from our packages
    python benchmarks/zensical.py --zensical /tmp/zvenv/bin/zensical [--factor 10] [--only zensical]

The build runs up to the renderer as `levelup build` does (stage.py: same docs trees, same mkdocs.yml), then each
edition is built by `mkdocs build --strict` and by `zensical build` (which reads the same mkdocs.yml), one after
the other. Reported per renderer: exit codes, wall and CPU seconds, warnings, pages, bytes, and every link in the
built HTML to a page or file of an edition that the renderer's own output does not have."""

from __future__ import annotations

import argparse
import html.parser
import os
import posixpath
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import REPO, scaled_tree
from generator.commands.stage import epoch, stage_editions
from generator.content.check import read_project
from generator.content.theme import load_theme
from generator.site.charts.specs import draw_all, edition_specs


@dataclass
class Result:
    """One renderer over every edition."""

    name: str
    wall: float = 0.0
    cpu: float = 0.0
    codes: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pages: set[str] = field(default_factory=set)
    size: int = 0
    broken: list[tuple[str, str]] = field(default_factory=list)


def stage(root: Path, staged: Path) -> tuple[list[int], int]:
    """Every edition's docs tree and mkdocs.yml under staged/_src/<year>/, as the build writes them."""
    project, _ = read_project(root)
    theme = load_theme(root)
    specs = {e.year: edition_specs(project, e, theme.labels) for e in project.editions}
    drawn = draw_all(list(dict.fromkeys(spec for s in specs.values() for spec in s.all())))
    charts = {year: s.map(drawn.__getitem__) for year, s in specs.items()}
    stage_editions(project, theme, charts, staged)
    return [e.year for e in project.editions], epoch(project)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def render(name: str, command: list[str], staged: Path, years: list[int], stamp: int, out: Path) -> Result:
    """Build each edition with command + [config file] into out/<year>/."""
    result = Result(name)
    out.mkdir(parents=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(stamp), "NO_MKDOCS_2_WARNING": "1"}
    for year in years:
        source = staged / "_src" / str(year)
        cfg = yaml.safe_load((source / "mkdocs.yml").read_text(encoding="utf-8"))
        cfg["site_dir"] = f"site-{name}"  # Zensical wants it inside the config's folder
        (source / f"{name}.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
        wall, cpu = time.perf_counter(), _children_cpu()
        done = subprocess.run(
            [*command, str(source / f"{name}.yml")], cwd=source, env=env, capture_output=True, text=True, check=False
        )
        result.wall += time.perf_counter() - wall
        result.cpu += _children_cpu() - cpu
        result.codes.append(done.returncode)
        lines = (done.stdout + done.stderr).splitlines()
        result.warnings += [f"{year}: {line.strip()}" for line in lines if "WARNING" in line or "Error" in line]
        if done.returncode:
            result.warnings += [f"{year}: {line}" for line in lines[-3:]]
        if (source / f"site-{name}").is_dir():
            shutil.move(source / f"site-{name}", out / str(year))
    if out.is_dir():
        result.pages = {p.relative_to(out).as_posix() for p in out.rglob("index.html")}
        result.size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        result.broken = broken_links(out, years)
    return result


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"a": "href", "img": "src", "source": "srcset"}.get(tag)
        self.links += [v.split()[0] for k, v in attrs if k == wanted and v]


def broken_links(out: Path, years: list[int]) -> list[tuple[str, str]]:
    """(page, link) for every relative link that names nothing in out (other than a file of the versions root)."""
    editions = {str(y) for y in years}
    broken = []
    for page in sorted(out.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        here = page.parent.relative_to(out).as_posix()
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            # An absolute path is from the top of the versioned site (the 404 page's links).
            target = posixpath.normpath(posixpath.join(here, parts.path)).lstrip("/")
            if target.split("/")[0] not in editions and "/" not in target:
                continue  # the versions root (versions.json, the redirect) is written by the build, not a renderer
            path = out / target
            if not (path.is_file() or (path / "index.html").is_file()):
                broken.append((page.relative_to(out).as_posix(), link))
    return list(dict.fromkeys(broken))


def report(results: list[Result]) -> None:
    for r in results:
        print(
            f"{r.name}: exit {r.codes}, {r.wall:.1f} s wall, {r.cpu:.1f} s CPU, {len(r.pages)} pages, "
            f"{r.size / 1e6:.1f} MB, {len(r.warnings)} warning/error lines, {len(r.broken)} broken links"
        )
        for line in r.warnings[:5]:
            print(f"    {line[:200]}")
        # What kind of link breaks: the page's type and the link's own form, with names and numbers taken out.
        kinds = Counter(
            (page.split("/")[1] if page.count("/") > 1 else "home", re.sub(r"[^./]+(?=/|$|\.)", "*", link))
            for page, link in r.broken
        )
        for (kind, form), count in kinds.most_common(12):
            print(f"    {count} broken on {kind} pages, links like {form}")
        by_page = Counter(page for page, _ in r.broken)
        for page, count in by_page.most_common(6):
            example = next(link for p, link in r.broken if p == page)
            print(f"    {count} broken in {page}, e.g. {example}")
    if len(results) < 2:
        return
    a, b = results
    print(f"pages only in {a.name}: {len(a.pages - b.pages)}, only in {b.name}: {len(b.pages - a.pages)}")
    for page in sorted(a.pages ^ b.pages)[:5]:
        print(f"    {page}")
    if a.cpu:
        print(f"{b.name} / {a.name}: {b.wall / max(a.wall, 1e-9):.2f} wall, {b.cpu / a.cpu:.2f} CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--zensical", default=shutil.which("zensical") or "zensical", help="the zensical executable")
    parser.add_argument("--factor", type=int, default=0, help="scale the content (0: the bundled content as it is)")
    parser.add_argument("--only", choices=["mkdocs", "zensical"], help="build with this renderer alone (large factors)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = scaled_tree(Path(tmp) / "root", args.factor) if args.factor else REPO
        staged = Path(tmp) / "staged"
        years, stamp = stage(root, staged)
        mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f"]
        commands = {"mkdocs": mkdocs, "zensical": [args.zensical, "build", "-f"]}
        results = [
            render(name, command, staged, years, stamp, Path(tmp) / name)
            for name, command in commands.items()
            if args.only in (None, name)
        ]
        label = f"{args.factor}x scaled" if args.factor else "bundled"
        print(f"{label} content, editions {years}")
        report(results)


if __name__ == "__main__":
    main()
