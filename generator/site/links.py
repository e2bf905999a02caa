"""Relative links and pictures in the text of pages, checked against every edition that shows the text, so that
`validate` reports a broken one at its line before any renderer runs (MkDocs would stop the build with it)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ..content.model import Edition, Project
from ..content.problems import Problem
from ..content.theme import Theme
from .paths import Target, content_pages, links, target, url_folder

if TYPE_CHECKING:  # the docs tree is made only for a link the model does not answer: validate imports none of it
    import jinja2

    from .pages import Context, Doc

# How to write each kind of link, from a text whose page is `up` folders below the edition's root ("../").
_HINTS = {
    "page": "link to a page by its file name as this text's page sees it: {up}initiatives/other-id.md, {up}about.md,"
    " {up}goals/01-strong-foundations-in-early-years.md; a picture of content/pages/images/ as {up}images/name.png",
    "part": "a heading's id is its text in lowercase with hyphens for spaces: '## Our partners' is #our-partners",
    "out": "link to another site by its full https:// address",
    "other": "MkDocs reads a link to a file only within its own edition: link to another edition by its address,"
    " as its readers see it: {site}2022/initiatives/other-id/",
}
# At most this many broken links reported per file, as for the other checks (limits.REPORT_LIMIT).
LIMIT = 20


@dataclass(frozen=True)
class _Text:
    """A body as a page shows it: the page it was written for (its old flat path), the text and where it lies."""

    written_for: str
    body: str
    path: str
    line: int
    links: tuple[int, ...]


def page_texts(project: Project, edition: Edition) -> Iterator[_Text]:
    """Every body an edition's pages show, with the page it was written for and where it lies."""
    folders = {g.number: g.folder for g in project.goals}
    for i in edition.initiatives:
        yield _Text(f"initiatives/{i.id}.md", i.body, i.pos.path, i.body_line, i.link_offsets)
    for g in edition.goal_pages:
        yield _Text(f"goals/{folders[g.goal]}.md", g.body, g.pos.path, g.body_line, g.link_offsets)
    for p in (*edition.pages, *project.pages):
        yield _Text(f"{p.slug}.md", p.body, p.pos.path, p.body_line, p.link_offsets)


@dataclass
class _Edition:
    """What a link of one edition may lead to. Its content pages and pictures, from the model, answer most links;
    the whole docs tree (every page type's pages and files) is made only for a link they do not answer, and a
    page's ids only for a link to a part of it."""

    project: Project
    edition: Edition
    theme: Theme
    env: Callable[[], jinja2.Environment]  # the theme's, made once for every edition, when a page's ids are asked
    failures: list[Problem]  # a template that failed on a page whose ids were asked (shared by every edition)
    ids: dict[str, set[str]] = field(default_factory=dict)  # by page

    @cached_property
    def _known(self) -> set[str]:
        return {*content_pages(self.project, self.edition), *(f"images/{name}" for name, _ in self.project.images)}

    @cached_property
    def _ctx(self) -> Context:
        from .charts.data import describe
        from .charts.specs import edition_specs
        from .pages import Context

        charts = edition_specs(self.project, self.edition, self.theme.labels).map(describe)
        return Context(self.project, self.edition, self.theme, charts)

    @cached_property
    def _tree(self) -> tuple[dict[str, Doc], set[str], set[str]]:
        """The docs pages, the other files MkDocs reads, and the drawings (placed after MkDocs has run: only a
        link MkDocs does not check, an address, may lead to one)."""
        from .charts import chart_files
        from .pages import Doc, docs

        pages, files = {}, {f"assets/{name}" for name in self.theme.assets}
        for item in docs(self._ctx):
            if isinstance(item, Doc):
                pages[item.path] = item
            else:
                files.add(item.path)
        charts = self._ctx.charts.all()
        files |= set(chart_files(charts))
        return pages, files, {f"charts/{c.spec.slug}{n}.svg" for c in charts for n in _SVGS[c.narrow]}

    @cached_property
    def _folders(self) -> dict[str, str]:
        """Each page by its URL's folder: about.md is served at about/, goals/index.md at goals/."""
        return {"" if p == "index.md" else p.removesuffix(".md").removesuffix("/index"): p for p in self._tree[0]}

    def page(self, found: Target) -> str | None:
        """The docs page a link leads to, "" for another file of the edition, None for nothing there. Names are
        read %-decoded, as MkDocs and a web server read them."""
        path = unquote(found.path)
        if found.kind != "url" and path in self._known:
            return path if found.kind == "doc" else ""
        docs, files, drawings = self._tree
        if found.kind == "doc":
            return path if path in docs else None
        if found.kind == "file":
            return "" if path in files else None
        if not found.slash and (path in files or path in drawings):
            return ""
        folder = path.removesuffix("index.html").rstrip("/") if path.endswith("index.html") else path
        return self._folders.get("" if folder == "." else folder)

    def has_id(self, page: str, part: str) -> bool:
        """Whether the page's Markdown, rendered as the site renders it, holds the id (a heading's, for example).
        Once a template has failed or run out of bounds on a page (a failure, reported at the template's line, as
        the build would), no more pages are rendered and every part passes: each could take as long again."""
        if self.failures:
            return True
        if page not in self.ids:
            from ..content.markup import attributes, to_html
            from ..runaway import watched
            from .pages import render
            from .templating import template_problem

            doc = self._tree[0][page]
            try:
                with watched() as watch, watch.page():
                    markdown = render(self.env(), self._ctx.common(), doc)
            except Exception as exc:  # a theme is code: any failure in it is reported at its file and line
                self.failures.append(template_problem(exc, self.theme, doc.template, doc.path))
                return True
            self.ids[page] = attributes(to_html(markdown)[0]).ids
        return part in self.ids[page]


_SVGS = {False: ("",), True: ("", "-narrow")}


def _where(text: _Text, offset: int) -> tuple[int, int]:
    before = text.body[:offset]
    return text.line + before.count("\n"), offset - before.rfind("\n")


def _broken(found: Target, edition: _Edition, editions: dict[str, _Edition]) -> tuple[str, str] | None:
    """What is wrong with a link's target in one edition (the kind of hint and the message), or None."""
    if found.path == "..":
        return None  # the site's own root: it sends readers to the latest edition
    if found.path.startswith("../"):
        if found.kind != "url":
            return "other", "leads to a file of another edition, which MkDocs cannot link to"
        year, _, rest = found.path.removeprefix("../").partition("/")
        if year not in editions:
            return "out", "leads out of the site"
        edition, found = editions[year], replace(found, path=rest or ".")
    page = edition.page(found)
    if page is None:
        return "page", f"leads to no page or file of the {edition.edition.year} edition"
    # A #part is checked where MkDocs checks it, on a link to a page's file: on an address it could be an id the
    # page's template (not its Markdown) makes, and MkDocs and browsers let a missing one pass.
    part = unquote(found.tail.partition("#")[2]) if found.kind == "doc" else ""
    if part and page and not edition.has_id(page, part):
        shown = part if len(part) <= 80 else part[:77] + "..."
        of = f"{page} of the {edition.edition.year} edition"
        return "part", f"leads to a part that {of} does not have (no heading or id '{shown}')"
    return None


def _environment(theme: Theme) -> jinja2.Environment:
    from .templating import environment

    return environment(theme)


def link_problems(project: Project, theme: Theme) -> list[Problem]:
    """An error at each relative link or picture of a body that leads to no page, file or part of a page in an
    edition that shows it."""
    env = cache(lambda: _environment(theme))
    failures: list[Problem] = []
    editions = {str(e.year): _Edition(project, e, theme, env, failures) for e in project.editions}
    editions["latest"] = editions[str(project.latest.year)]  # the site's folder for the latest published edition
    problems: dict[tuple[str, int, int], Problem] = {}
    for edition in project.editions:
        for text in page_texts(project, edition):
            for offset, link, markdown in links(text.body, text.links):
                found = target(link, text.written_for, markdown)
                if found is None or (broken := _broken(found, editions[str(edition.year)], editions)) is None:
                    continue
                line, col = _where(text, offset)
                shown = link if len(link) <= 80 else link[:77] + "..."
                # From the page's file to the edition's root, and from its address to the site's root.
                up, site = "../" * text.written_for.count("/"), "../" * (url_folder(text.written_for).count("/") + 2)
                hint = _HINTS[broken[0]].format(up=up, site=site)
                message = f"the link '{shown}' {broken[1]}"
                problems.setdefault((text.path, line, col), Problem(text.path, line, col, message, hint=hint))
    return [*_capped(sorted(problems.values())), *failures]


def _capped(problems: list[Problem]) -> list[Problem]:
    """The first LIMIT of each file's problems, then one line that says how many more there are."""
    out: list[Problem] = []
    for path in dict.fromkeys(p.path for p in problems):
        mine = [p for p in problems if p.path == path]
        out += mine[:LIMIT]
        if len(mine) > LIMIT:
            first = mine[LIMIT]
            more = f"{len(mine) - LIMIT} more broken links in this file"
            out.append(Problem(path, first.line, first.col, more, hint="fix the ones above, then validate again"))
    return out
