"""Relative links and pictures in the text of pages: validate reports each broken one at its line and column
(MkDocs stopped the build on them, at line 1 of the file, after validate had passed them), and accepts every kind
that works on the built site."""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO, relock
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.commands.build import build
from generator.commands.validate import run as validate
from generator.content.check import read_project
from generator.content.markup import to_html
from generator.content.theme import load_theme
from generator.errors import ContentError
from generator.site.links import link_problems
from generator.site.paths import links, relocate

READING = "initiatives/2022/01-early-years/reading-start.md"  # in the 2022 edition only, goal 1
ABOUT = "content/pages/about.md"  # a site page: in the 2021 and the 2022 edition

# Links from Reading Start's text that lead somewhere on the built site: every kind an editor may write.
GOOD = [
    "[another initiative](outdoor-centres.md)",
    "[its goal](../goals/01-early-years.md)",
    "[a site page](../about.md)",
    "[a part of this page](#how-it-works)",
    "[a part of another page](../goals/01-early-years.md#initiatives)",
    "[by address](../../explore/)",
    "[the open data](../data/initiatives.csv)",
    "[the same page in 2021](../../../2021/initiatives/reading-start/)",
    '<a href="../outdoor-centres/">in HTML</a>',
    "[the edition's home](../../)",
    "[the site's root](../../../)",
    "[the latest edition](../../../latest/initiatives/reading-start/)",
    "[%-encoded](outdoor%2Dcentres.md)",
    '<a href="../../explore/index.html">a page file by its address</a>',
    '<img src="../../charts/goal-01-status.svg" alt="a drawing, by its address">',
    "[a part the page's template makes](../../explore/#__toc)",
    '<a HREF="../outdoor-centres/">in HTML in capitals</a>',
    "<a href=../outdoor-centres/>in HTML unquoted</a>",
]
# Links that lead nowhere, each with what validate says about it.
BAD = [
    ("![a chart](images/nope.png)", "leads to no page or file of the 2022 edition"),
    ("[x](../nope.md)", "leads to no page or file of the 2022 edition"),
    # An address is relative to the page's URL (initiatives/reading-start/), not to its file.
    ("[x](../explore/)", "leads to no page or file of the 2022 edition"),
    ("[x](#nope)", "does not have (no heading or id 'nope')"),
    ("[x](../about.md#nope)", "leads to a part that about.md of the 2022 edition does not have"),
    ("[x](../../../2020/)", "leads out of the site"),
    ("[x](../../../../elsewhere/)", "leads out of the site"),
    ("[x](../../../2021/initiatives/nobody/)", "leads to no page or file of the 2021 edition"),
    # MkDocs resolves a link to a file within its own edition only, and places the drawings after it has run.
    ("[x](../../../2021/initiatives/reading-start.md)", "leads to a file of another edition"),
    ("[x](../charts/goal-01-status.svg)", "leads to no page or file of the 2022 edition"),
    # Text that only looks like an id: in an attribute's value, in a comment.
    ("[x](#ghost \"see id='ghost'\")", "no heading or id 'ghost'"),
    ('<!-- <span id="ghost"></span> --> [x](#ghost)', "no heading or id 'ghost'"),
    # MkDocs checks a page file's parts against its Markdown alone: Material's own ids are not there.
    ("[x](../explore.md#__toc)", "no heading or id '__toc'"),
]


def _append(root: Path, rel: str, text: str) -> int:
    """Add text at the end of a file's body; the line it starts on."""
    path = root / rel
    before = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(before + text + "\n", encoding="utf-8")
    return before.count("\n") + 1


def _found(root: Path) -> list[tuple[str, int, int, str]]:
    project, _ = read_project(root)
    return sorted((p.path, p.line, p.col, p.message) for p in link_problems(project, load_theme(root)))


def test_every_kind_of_working_link_passes(project: Path) -> None:
    _append(project, READING, "## How it works\n\n" + "\n".join(f"- {link}" for link in GOOD))
    assert _found(project) == []


@pytest.mark.parametrize(("link", "message"), BAD, ids=[link for link, _ in BAD])
def test_a_broken_link_is_reported_at_its_line_and_column(project: Path, link: str, message: str) -> None:
    line = _append(project, READING, f"Read more: {link}, then go on.")
    target = re.search(r"\]\(([^)\s]*)", link)
    assert target is not None
    col = len("Read more: ") + target.start(1) + 1
    found = _found(project)
    assert [(p, n, c) for p, n, c, _ in found] == [(READING, line, col)]
    assert found[0][3].startswith(f"the link '{target.group(1)}' ") and message in found[0][3]


def test_a_site_page_is_checked_in_every_edition_once(project: Path) -> None:
    # Only an edition with an earlier one has a page of what changed: from the 2021 edition's About page the
    # link leads nowhere. A link broken in both editions is one error.
    text = "See [what changed](changes/index.md) and [nothing](nothing.md)."
    line = _append(project, ABOUT, text)
    found = _found(relock(project))
    columns = [text.index("changes/") + 1, text.index("nothing.md") + 1]
    assert [(p, n, c) for p, n, c, _ in found] == [(ABOUT, line, c) for c in columns]
    assert "no page or file of the 2021 edition" in found[0][3]
    assert "no page or file of the 2021 edition" in found[1][3]


def test_validate_prints_the_error_and_fails(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = _append(project, READING, "![a chart](images/nope.png)")
    assert validate(root=project) == 1
    out = capsys.readouterr().out
    assert f"{READING}:{line}:12: error: the link 'images/nope.png' leads to no page or file" in out
    assert "a picture of content/pages/images/ as ../images/name.png" in out  # what to write instead


def test_the_build_refuses_before_rendering(project: Path) -> None:
    line = _append(project, READING, "[x](#nope)")
    with pytest.raises(ContentError) as raised:
        build(project)
    assert [p.position() for p in raised.value.problems] == [(READING, line, 5)]
    assert not (project / "site").exists()


def test_a_template_that_fails_on_a_page_asked_for_ids_is_reported_at_its_line_once(project: Path) -> None:
    """The ids of a page come from rendering its template: a tree's own template that fails there is reported at
    its line, as the build would report it, and no more pages are rendered (each could run as long: a template
    that loops for the minute runaway.py allows would cost a minute a link)."""
    shutil.copytree(REPO / "theme", project / "theme")
    template = project / "theme" / "templates" / "initiative.md.j2"
    lines = template.read_text(encoding="utf-8").count("\n")
    template.write_text(template.read_text(encoding="utf-8") + "{{ 1 // 0 }}\n", encoding="utf-8")
    _append(project, READING, "[x](#nope) [y](outdoor-centres.md#nope) [z](job-fairs.md#nope)")
    found = _found(project)
    assert found == [
        ("theme/templates/initiative.md.j2", lines + 1, 1, "the template failed: integer division or modulo by zero")
    ]


@pytest.mark.slow
def test_the_links_that_pass_work_on_the_built_site(project: Path) -> None:
    """MkDocs builds the tree with every kind of link that passed, and each lands on a file of the built site."""
    _append(project, READING, "## How it works\n\n" + "\n".join(f"- {link}" for link in GOOD))
    build(project)
    page = project / "site" / "2022" / "initiatives" / "reading-start" / "index.html"
    html = page.read_text(encoding="utf-8")
    heading = html.index('id="how-it-works"')
    listed = html[html.index("<ul>", heading) : html.index("</ul>", heading)]
    addresses = re.findall(r"""(?i)(?:href|src)=["']?([^"'\s>]*)""", listed)
    assert len(addresses) == len(GOOD), addresses
    for address in addresses:
        path, _, part = address.partition("#")
        landed = Path(posixpath.normpath(page.parent / path)) if path else page
        landed = landed / "index.html" if landed.is_dir() else landed
        assert landed.is_file(), address
        if part:
            assert f'id="{part}"' in landed.read_text(encoding="utf-8"), address


def test_links_in_code_are_shown_not_moved_or_followed(project: Path) -> None:
    """An editor's example of a link, in a code span or a fenced block, is text: relocate leaves it as written
    (it rewrote examples before) and validate does not follow it; the link after it is moved and checked."""
    body = "Write `[a goal](../goals/01-x.md)` like this:\n\n```\n[a goal](../goals/01-x.md)\n```\n\n[real](../nope.md)"
    moved = relocate(body, "initiatives/x.md", "initiatives/x/index.md")
    assert moved == body.replace("(../nope.md)", "(../../nope.md)")
    assert [link for _, link, _ in links(body)] == ["../nope.md"]
    line = _append(project, READING, body)
    assert [(p, n) for p, n, _, _ in _found(project)] == [(READING, line + 6)]


# Backticks, fences, escapes, indented code, lists, quotes, headings and raw HTML around links (L).
TOKENS = ["`", "``", "```", "~~~", "\n", "\n\n", " a", "a ", "\\`", "\\", "    ", "- ", "> ", "# ", "<b>", "</b>", "L"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40))
def test_the_links_found_are_the_links_markdown_makes(tokens: list[str]) -> None:
    """Whatever the code, escapes and blocks around them, links() yields exactly the links that the site's
    Markdown renders as links (each L is a link to a file of its own name): relocate moves, and validate follows,
    those and only those."""
    parts, n = [], 0
    for token in tokens:
        if token == "L":
            n += 1
            token = f"[x](f{n}.md)"
        parts.append(token)
    body = "".join(parts)
    html, _ = to_html(body)
    assert sorted(link for _, link, _ in links(body)) == sorted(re.findall(r'<a href="(f\d+\.md)"', html)), body


def test_addresses_in_text_or_code_that_only_look_like_html_are_not_links() -> None:
    body = 'Write `<img src="../../images/your-picture.png">`; the words src=\'../nope\' and href="zz" are text.'
    assert list(links(body)) == []
    assert relocate(body, "initiatives/x.md", "print/index.md") == body


def test_the_mark_that_finds_links_stays_short_whatever_the_body(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each address is swapped for a mark while Markdown finds the links: a mark as long as the body's longest run
    of one letter made 6,000 addresses after 32,000 q's a 190 MB text (52 s, 2.6 GB)."""
    from generator.content import markup

    rendered: list[int] = []
    real = markup.to_html
    monkeypatch.setattr(markup, "to_html", lambda text: rendered.append(len(text)) or real(text))
    body = "q" * 32_000 + "\n\n" + "[a](b.md)\n\n" * 3_000
    assert len(markup.link_offsets(body)) == 3_000
    assert rendered[0] < len(body) + 50 * 3_000  # each mark under 25 characters; it was 32,001


def test_the_root_of_the_site_from_a_site_page_is_one_slash() -> None:
    # From about.md, written at the edition's root and served at /2025/about/, ../../ is the site's root.
    assert relocate("[home](../../)", "about.md", "about.md", "/2025/") == "[home](/)"
    assert relocate('<a href="../..">home</a>', "about.md", "about.md", "/2025/") == '<a href="/">home</a>'


def test_at_most_twenty_broken_links_are_listed_per_file(project: Path) -> None:
    _append(project, READING, " ".join(f"[x](nope-{n}.md)" for n in range(25)))
    found = _found(project)
    assert len(found) == 21 and found[-1][3] == "5 more broken links in this file"
