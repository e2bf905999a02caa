"""Every link of the generated docs trees, resolved as MkDocs and as Zensical resolve it: the two land on the same
page or file, and it exists (issue 11). Both rules are written here from what each renderer does:

- MkDocs 1.6 (use_directory_urls) serves x.md and x/index.md at x/. A Markdown link or image (a/href, img/src
  after Markdown) naming a file of the docs tree, from the docs file's folder, becomes that file's URL; any other
  relative link is left as written, so the browser reads it from the page's URL. Raw HTML is never rewritten.
- Zensical 0.0.73 reads every relative link, Markdown or raw HTML (href, src and srcset alike), from the docs
  file's folder, and a .md target becomes its page's URL (measured: benchmarks/zensical.py, and a page of every
  kind of link built by both; its link rewriting is compiled code, so it is checked by behaviour)."""

from __future__ import annotations

import dataclasses
import functools
import html.parser
import posixpath
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest
from conftest import REPO, VALID

from generator.content.check import read_project
from generator.content.markup import MARKDOWN_EXTENSIONS
from generator.content.model import Project
from generator.content.theme import load_theme
from generator.site.charts.specs import edition_charts
from generator.site.pages import edition_docs
from generator.site.paths import doc_path, relocate, to_root
from generator.site.versions import url_of

_MARK = "\ue000"  # put before each Markdown link's target, to tell it from raw HTML's in the HTML


class _MarkMarkdownLinks(markdown.treeprocessors.Treeprocessor):
    # Where MkDocs rewrites links (its own treeprocessor, priority 0): raw HTML is still in the stash here.
    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            key = {"a": "href", "img": "src"}.get(element.tag)
            if key and element.get(key) is not None:
                element.set(key, _MARK + (element.get(key) or ""))


class _Marking(markdown.extensions.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # Python-Markdown's name
        md.treeprocessors.register(_MarkMarkdownLinks(md), "mark-links", 0)


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, bool]] = []  # (target, written in Markdown)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None or (tag, name) not in {("a", "href"), ("img", "src"), ("source", "srcset")}:
                continue
            targets = [c.split()[0] for c in value.split(",") if c.strip()] if name == "srcset" else [value]
            self.links += [(t.removeprefix(_MARK), t.startswith(_MARK)) for t in targets]


def links_of(page: str) -> list[tuple[str, bool]]:
    """Every link, image and srcset target of a generated page, each with whether Markdown (not raw HTML) wrote it."""
    body = page.split("---\n", 2)[2] if page.startswith("---\n") else page
    names = [e if isinstance(e, str) else next(iter(e)) for e in MARKDOWN_EXTENSIONS]
    configs = {k: v for e in MARKDOWN_EXTENSIONS if isinstance(e, dict) for k, v in e.items()}
    md = markdown.Markdown(extensions=[*names, _Marking()], extension_configs=configs)
    parser = _Links()
    parser.feed(md.convert(body))
    return parser.links


def _at(year: int, path: str) -> str:
    """A path from the versions root, without a trailing slash: 2025/goals/01-x; 2025 for an edition's home."""
    return posixpath.normpath(posixpath.join(str(year), path))


def by_mkdocs(year: int, page: str, target: str, in_markdown: bool, files: set[str]) -> str:
    """Where MkDocs sends a relative link of the docs page `page` (a path from the versions root)."""
    if in_markdown:
        file = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
        if file in files:
            return _at(year, url_of(file) if file.endswith(".md") else file)
    return _at(year, posixpath.join(url_of(page), target))


def by_zensical(year: int, page: str, target: str) -> str:
    """Where Zensical sends a relative link of the docs page `page`."""
    file = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
    return _at(year, url_of(file) if file.endswith(".md") else file)


def _with_root(project: Project, root: str) -> Project:
    site = dataclasses.replace(project.site, site_url=f"https://audit.example.org{root}")
    return dataclasses.replace(project, site=site)


@functools.cache
def _trees(source: Path, root: str) -> tuple[str, dict[int, dict[str, str | bytes]]]:
    project, _ = read_project(source)
    assert project is not None
    project = _with_root(project, root)
    theme = load_theme(source)
    trees = {
        e.year: edition_docs(project, e, theme, edition_charts(project, e, theme.labels)) for e in project.editions
    }
    return root, trees


def _problems(source: Path, root: str) -> tuple[int, list[str]]:
    root, trees = _trees(source, root)
    exists = {_at(y, url_of(name) if name.endswith(".md") else name) for y, files in trees.items() for name in files}
    count, problems = 0, []
    for year, files in trees.items():
        for page, text in files.items():
            if not page.endswith(".md") or not isinstance(text, str):
                continue
            for link, in_markdown in links_of(text):
                parts = urlsplit(link)
                if parts.scheme or parts.netloc or not parts.path:
                    continue
                count += 1
                if parts.path.startswith("/"):
                    # Left as written by both: a root path must name this site's folder on its host.
                    where = posixpath.normpath(parts.path.removeprefix(root)) if parts.path.startswith(root) else None
                    if where not in exists:
                        problems.append(f"{year}/{page}: {link} names nothing on the site")
                    continue
                mkdocs = by_mkdocs(year, page, parts.path, in_markdown, set(files))
                zensical = by_zensical(year, page, parts.path)
                if mkdocs != zensical:
                    problems.append(f"{year}/{page}: {link} is {mkdocs} for MkDocs, {zensical} for Zensical")
                elif mkdocs not in exists:
                    problems.append(f"{year}/{page}: {link} names nothing ({mkdocs})")
    return count, problems


@pytest.mark.parametrize("root", ["/", "/audit/"])
def test_every_link_of_the_fixture_lands_on_one_page_under_both_renderers(root: str) -> None:
    count, problems = _problems(VALID, root)
    assert count > 100  # the links were found: every page type links
    assert problems == []


def test_every_link_of_the_bundled_site_lands_on_one_page_under_both_renderers() -> None:
    count, problems = _problems(REPO, "/")
    assert count > 1000
    assert problems == []


def test_pictures_of_charts_have_both_drawings_resolved_alike() -> None:
    # <picture><source srcset> is raw HTML that only Zensical rewrites: the narrow drawing must be found too.
    _, trees = _trees(VALID, "/")
    sources = [
        (page, link)
        for files in trees.values()
        for page, text in files.items()
        if isinstance(text, str) and page.endswith(".md")
        for link, in_markdown in links_of(text)
        if link.endswith("-narrow.svg") and not in_markdown
    ]
    assert sources, "no chart with a narrow drawing in the fixture"
    assert all(page.endswith("index.md") for page, _ in sources)


def test_raw_html_is_told_from_markdown() -> None:
    page = '[a](x.md) ![b](p.png)\n\n<a href="y/">c</a> <picture><source srcset="n.svg 1x, w.svg 2x"></picture>\n'
    assert links_of(page) == [("x.md", True), ("p.png", True), ("y/", False), ("n.svg", False), ("w.svg", False)]


@pytest.mark.parametrize(
    ("target", "in_markdown", "mkdocs", "zensical"),
    [
        ("../x/index.md", True, "2025/x", "2025/x"),
        ("../x/", True, "2025/goals/x", "2025/x"),  # a link to no file: MkDocs leaves it to the URL
        ("../../charts/a.svg", False, "2025/charts/a.svg", "2025/../charts/a.svg"),
    ],
)
def test_the_two_rules_on_a_page_that_is_not_an_index(
    target: str, in_markdown: bool, mkdocs: str, zensical: str
) -> None:
    files = {"x/index.md", "goals/one.md"}
    assert by_mkdocs(2025, "goals/one.md", target, in_markdown, files) == posixpath.normpath(mkdocs)
    assert by_zensical(2025, "goals/one.md", target) == posixpath.normpath(zensical)


@pytest.mark.parametrize(
    ("page", "path", "up"),
    [
        ("index.md", "index.md", ""),
        ("goals/index.md", "goals/index.md", "../"),
        ("goals/01-x.md", "goals/01-x/index.md", "../../"),
        ("explore.md", "explore/index.md", "../"),
        ("corrections.md", "corrections/index.md", "../"),
        ("changes/2022.md", "changes/2022/index.md", "../../"),
        ("about.md", "about.md", ""),  # an About page keeps its name (navigation.indexes)
    ],
)
def test_where_each_page_lies(page: str, path: str, up: str) -> None:
    assert doc_path(page) == path
    assert to_root(path) == up
    assert url_of(path) == url_of(page)  # the same URL as before: only the docs file moved


BODY = (
    "[a](other.md) [b](#part) [c](https://example.org/x) [d](/abs/) [e](../goals/g.md) [f](../explore.md)\n"
    '<a href="sib/">g</a> <img src="pic.png"> <a href="mailto:x@example.org">h</a> ![i](pic.png)'
)


def test_a_body_keeps_its_links_on_its_own_page() -> None:
    out = relocate(BODY, "initiatives/alpha.md", "initiatives/alpha/index.md")
    assert "[a](../other/index.md)" in out and "[b](#part)" in out
    assert "[c](https://example.org/x)" in out and "[d](/abs/)" in out
    assert "[e](../../goals/g/index.md)" in out and "[f](../../explore/index.md)" in out
    # Raw HTML was relative to the page's URL, which is now the docs file's folder too.
    assert '<a href="sib/">' in out and '<img src="pic.png">' in out and 'href="mailto:x@example.org"' in out
    assert "![i](../pic.png)" in out


def test_a_body_on_the_print_page_keeps_its_links_working() -> None:
    out = relocate(BODY, "initiatives/alpha.md", "print/index.md")
    assert "[a](../initiatives/other/index.md)" in out and "[b](../initiatives/alpha/index.md#part)" in out
    assert "[e](../goals/g/index.md)" in out and "[f](../explore/index.md)" in out
    assert '<a href="../initiatives/alpha/sib/">' in out and '<img src="../initiatives/alpha/pic.png">' in out


def test_an_about_page_links_from_raw_html_by_root_path() -> None:
    out = relocate(BODY, "about.md", "about.md", "/audit/2025/")
    assert "[a](other.md)" in out and "[b](#part)" in out and "[f](../explore/index.md)" in out
    assert '<a href="/audit/2025/about/sib/">' in out and '<img src="/audit/2025/about/pic.png">' in out


def test_a_moved_link_never_becomes_a_scheme() -> None:
    # validate refuses a colon in a relative path; were one to get through, moving it must keep it a path.
    out = relocate(
        '[m](./javascript:alert(1)) <a href="./javascript:x">r</a>', "initiatives/a.md", "initiatives/a/index.md"
    )
    assert "](./javascript:alert(1))" in out and 'href="./javascript:x"' in out, out
