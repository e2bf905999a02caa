"""The editor's guide and the accessibility statement say only what is true: of the tool, the tests and the site."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import test_browser
from conftest import INVALID, REPO, overlay, relock
from test_guide_screenshots import SHOTS

from generator.commands.build import build
from generator.content.check import check
from generator.content.problems import ERROR

GUIDE = REPO / "content" / "pages" / "editors-guide.md"
GOLDEN = Path(__file__).parent / "golden"


def test_the_guide_shows_every_screenshot_and_only_those() -> None:
    # A picture the tests do not take would go stale unnoticed; a screenshot the guide does not show is dead weight.
    shown = re.findall(r"!\[[^\]]+\]\(images/([^)\s]+)\)", GUIDE.read_text(encoding="utf-8"))
    assert sorted(shown) == sorted(SHOTS)
    assert sorted(p.name for p in (REPO / "content/pages/images").iterdir()) == sorted(SHOTS)


def test_the_repository_guide_leads_to_the_page() -> None:
    assert "content/pages/editors-guide.md" in (REPO / "EDITORS_GUIDE.md").read_text(encoding="utf-8")


def test_the_error_the_guide_explains_is_the_one_validate_gives(project: Path) -> None:
    line = (INVALID / "unknown-place" / "expected.txt").read_text(encoding="utf-8").strip()
    errors = [p.text() for p in check(overlay(project, "unknown-place")).problems if p.severity == ERROR]
    assert errors == [line]
    assert f"\n{line}\n" in GUIDE.read_text(encoding="utf-8")


def test_the_guide_and_its_pictures_are_pages_of_every_edition(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(REPO / "tests/fixtures/valid", root)
    shutil.copy(GUIDE, root / "content/pages")
    shutil.copytree(REPO / "content/pages/images", root / "content/pages/images")
    build(relock(root))
    for year in ("2021", "2022"):
        html = (root / f"site/{year}/editors-guide/index.html").read_text(encoding="utf-8")
        for name in SHOTS:
            assert f'src="../images/{name}"' in html
            copied = root / f"site/{year}/images/{name}"
            assert copied.read_bytes() == (REPO / "content/pages/images" / name).read_bytes()


def _statement() -> str:
    return (GOLDEN / "2021" / "accessibility.md").read_text(encoding="utf-8")


def test_the_statement_claims_what_the_browser_tests_check() -> None:
    text = " ".join(_statement().split())
    widths = [str(v["width"]) for v in test_browser.VIEWPORTS.values()]
    assert f"at {widths[0]} and {widths[1]} pixels wide" in text
    assert f"{test_browser.VIEWPORTS['phone']['width']} pixels wide" in text
    versions = {"wcag2": "2.0", "wcag21": "2.1", "wcag22": "2.2"}
    tested = sorted({versions[re.sub(r"a+$", "", tag)] for tag in test_browser.WCAG})
    assert f"against the WCAG {', '.join(tested[:-1])} and {tested[-1]} level A and AA rules" in text
    # Each claim names the test that proves it; a claim without its test must go.
    for claim, proof in {
        "light or a dark colour scheme": "test_axe_finds_nothing",
        "needs scrolling sideways, and no word or number is broken": "test_phone_pages_reflow_without_breaking_words",
        "no page makes a request to any other website": "_elsewhere",
        "explore page without JavaScript": "test_explore_without_javascript_shows_the_whole_table_styled",
    }.items():
        assert claim in text
        assert callable(getattr(test_browser, proof))
    assert any(path.endswith("accessibility/") for path in test_browser.PAGE_TYPES.values())


def test_the_statement_makes_no_claim_the_tests_do_not_support() -> None:
    text = " ".join(_statement().split())
    # Search and the edition selector need JavaScript; nothing tests a keyboard or a screen reader yet.
    assert not re.search(r"(all|every) (pages?|navigation)[^.;]* without JavaScript", text, re.IGNORECASE)
    assert "search needs JavaScript" in text
    assert not re.search(r"you can[^.]*(keyboard|screen reader)", text, re.IGNORECASE)
    assert "fully compliant" not in text


def test_the_statement_has_the_sections_the_regulations_ask_for() -> None:
    headings = re.findall(r"^#+ (.+)$", _statement(), re.MULTILINE)
    for section in (
        "How accessible this website is",
        "Feedback and contact information",
        "Enforcement procedure",
        "Compliance status",
        "Non-accessible content",
        "How we tested this website",
        "Preparation of this accessibility statement",
    ):
        assert section in headings
    text = _statement()
    assert "mailto:access@audit.example.org" in text and "01234 567890" in text
    assert "prepared on 15 January 2026. It was last reviewed on 2 November 2026." in text
    assert "Equality Advisory and Support Service" in text


def test_without_contacts_the_statement_says_where_to_go(project: Path) -> None:
    site = project / "content/site.yml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text[: text.index("accessibility:")], encoding="utf-8")
    build(relock(project))
    html = (project / "site/2021/accessibility/index.html").read_text(encoding="utf-8")
    assert "mailto:" not in html
    assert "through its usual customer contact channels" in html
    assert "does not yet say when it was prepared" in html


def test_a_huge_picture_is_refused_and_read_no_further(project: Path) -> None:
    from generator.content.read import IMAGE_LIMIT

    images = project / "content/pages/images"
    images.mkdir()
    (images / "huge.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * IMAGE_LIMIT)
    (images / "notes.txt").write_text("not a picture", encoding="utf-8")
    problems = [p.text() for p in check(relock(project)).problems if "images/" in p.path]
    assert problems == [
        "content/pages/images/huge.png:1:1: error: image is over 2 MB (save it smaller (a screenshot of one window "
        "is usually under 300 KB))",
        "content/pages/images/notes.txt:1:1: warning: file is ignored: images/ holds .png and .jpg pictures with "
        "lowercase names such as my-chart.png",
    ]
