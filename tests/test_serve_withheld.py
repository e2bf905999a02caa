"""serve holds its preview to the publish gate: a page or file that would run script or load from another host
is replaced before the server shows it, and the problem is reported at its line in the theme (or at the page, with
its content file); fixed, the page is shown again (serve/withheld.py). In-process with a stand-in renderer that
writes what MkDocs would; the spawned run is in test_serve.py's style at the end."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from serving import Serve
from standins import PROLOG

from generator.content.theme import TOOL_THEME
from generator.serve import overlay
from generator.serve.preview import Preview
from generator.serve.session import Session, draw_here

TRACKER = '<img src="https://tracker.example/p.gif" alt="">'
OVERLAY = f'<script src="/{overlay.SCRIPT}"></script>'


class _Rendering:
    """Writes the preview's site as MkDocs would (a full build empties the folder first): the overlay script, and
    each page (path -> HTML) it is given."""

    url = "http://127.0.0.1:8000/"

    def __init__(self, site_dir: Callable[[], Path], pages: dict[str, str]) -> None:
        self.site_dir, self.pages, self.builds = site_dir, pages, 0

    def build(self, dirty: bool) -> list[str]:
        self.builds += 1
        site = self.site_dir()
        if not dirty:  # as MkDocs does
            shutil.rmtree(site, ignore_errors=True)
        (site / overlay.FOLDER).mkdir(parents=True, exist_ok=True)
        (site / overlay.SCRIPT).write_text(str(overlay.assets()[overlay.SCRIPT]), encoding="utf-8")
        for rel, html in self.pages.items():
            path = site / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.unlink(missing_ok=True)
            path.write_text(html, encoding="utf-8")
        return []


def _page(body: str) -> str:
    return f"{PROLOG.rstrip()}<title>t</title></head><body>\n{body}\n{OVERLAY}</body></html>\n"


def _preview(root: Path, tmp_path: Path, pages: dict[str, str]) -> tuple[Preview, _Rendering, list[str]]:
    said: list[str] = []
    holder: list[Preview] = []
    site = _Rendering(lambda: holder[0].site_dir, pages)
    preview = Preview(Session(root, 2022, draw=draw_here), tmp_path / "staged", site, say=said.append)  # type: ignore[arg-type]
    holder.append(preview)
    return preview, site, said


def _report(preview: Preview) -> dict[str, Any]:
    return json.loads((preview.site_dir / overlay.REPORT).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _own_theme(root: Path, tag: str) -> int:
    """A content tree's own theme whose main.html writes tag in the header; the line it is on."""
    theme = shutil.copytree(TOOL_THEME, root / "theme")
    main = theme / "overrides/main.html"
    text = main.read_text(encoding="utf-8").replace("{% block header %}", f"{{% block header %}}\n  {tag}", 1)
    main.write_text(text, encoding="utf-8")
    return text[: text.index(tag)].count("\n") + 1


def test_a_page_the_gate_refuses_is_withheld_and_reported_at_the_themes_line(project: Path, tmp_path: Path) -> None:
    line = _own_theme(project, TRACKER)
    good = _page("<p>Fine</p>")
    pages = {"index.html": _page(f"  {TRACKER}"), "about/index.html": good, "assets/evil.js": "alert(1)\n"}
    preview, site, said = _preview(project, tmp_path, pages)
    preview.rebuild()
    index = (preview.site_dir / "index.html").read_text(encoding="utf-8")
    assert "tracker.example" not in index and "Not shown in the preview" in index and OVERLAY in index
    assert (preview.site_dir / "about/index.html").read_text(encoding="utf-8") == good  # the overlay passes
    assert (preview.site_dir / "assets/evil.js").read_bytes() == b""
    # Dated 1970, so MkDocs' next --dirty build renders or copies them again.
    assert (preview.site_dir / "index.html").stat().st_mtime == 0
    problems = _report(preview)["problems"]
    assert problems == [
        "preview/assets/evil.js:1:1: error: a script file that Material and the bundled theme do not ship",
        f'theme/overrides/main.html:{line}:3: error: <img src="https://tracker.example/p.gif">: loads from another '
        "host (only files of this site) (remove it from the theme; written here, it is in 1 built file, the first "
        "preview/index.html:2)",
    ]
    assert all(p in said for p in problems)
    assert said[-1].startswith("2 errors: the preview does not show the pages that have them")
    assert "this page updates" in _report(preview)["note"].lower()
    # A round that renders nothing still has them.
    preview.rebuild()
    assert site.builds == 1 and _report(preview)["problems"] == problems
    # Fixed: shown again, nothing reported.
    pages.update({"index.html": good})
    del pages["assets/evil.js"]
    (project / "theme/overrides/main.html").write_text(
        (project / "theme/overrides/main.html").read_text(encoding="utf-8").replace(TRACKER, ""), encoding="utf-8"
    )
    preview.session.changed([project / "theme"])
    preview.rebuild()
    assert site.builds == 2
    assert (preview.site_dir / "index.html").read_text(encoding="utf-8") == good
    assert _report(preview) == {"problems": []} and said[-1].startswith("Updated in")


def test_a_refused_link_is_replaced_not_written_through(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.html"
    outside.write_text("keep me", encoding="utf-8")
    preview, _, _ = _preview(project, tmp_path, {})
    preview.rebuild()
    link = preview.site_dir / "linked.html"
    os.symlink(outside, link)
    preview.withholding.passed = frozenset()
    assert [p.message for p in preview.withholding.check(preview.site_dir, theme=_theme(project), sources=dict)] == [
        "a symbolic link (a published file must be a file)"
    ]
    assert not link.is_symlink() and "Not shown in the preview" in link.read_text(encoding="utf-8")
    assert outside.read_text(encoding="utf-8") == "keep me"


def _theme(root: Path) -> Any:
    from generator.content.theme import load_theme

    return load_theme(root)


@pytest.mark.slow
def test_serve_withholds_what_the_build_would_refuse(project: Path) -> None:
    line = _own_theme(project, TRACKER)
    serve = Serve(project)
    try:
        assert serve.url, serve.output
        status, page = serve.get("")
        assert status == 200 and "Not shown in the preview" in page and "tracker.example" not in page
        assert f"theme/overrides/main.html:{line}:3: error: " in serve.output
        main = project / "theme/overrides/main.html"
        main.write_text(main.read_text(encoding="utf-8").replace(TRACKER, ""), encoding="utf-8")
        assert serve.wait_for(lambda: "Not shown in the preview" not in serve.get("")[1]), serve.output
        assert "Audit 2022" in serve.get("")[1]
        assert "Traceback" not in serve.output
    finally:
        serve.stop()


def test_a_check_that_cannot_finish_shows_no_page_and_says_so(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fail closed: whatever stops the check, no page it had not passed stays to be served; the next round
    renders and checks every page again."""
    import generator.serve.withheld as withheld

    pages = {"index.html": _page(TRACKER)}
    preview, site, _ = _preview(project, tmp_path, pages)

    def broken(**kwargs: object) -> list[object]:
        raise UnicodeEncodeError("utf-8", "x\udcff", 1, 2, "surrogates not allowed")

    monkeypatch.setattr(withheld, "folder_findings", broken)
    preview.rebuild()
    assert not (preview.site_dir / "index.html").exists()
    assert "could not check its pages, so it shows none" in _report(preview)["problems"][0]
    preview.rebuild()  # rendered again, and again it cannot be checked: still nothing shown, and still said
    assert site.builds == 2
    assert not (preview.site_dir / "index.html").exists() and _report(preview)["problems"]
    monkeypatch.undo()
    pages["index.html"] = _page("<p>Fine</p>")
    preview.rebuild()  # rendered and checked again from the start
    assert site.builds == 3 and (preview.site_dir / "index.html").read_text(encoding="utf-8") == pages["index.html"]
    assert _report(preview) == {"problems": []}


def test_a_file_name_near_the_limit_is_withheld_like_any_other(project: Path, tmp_path: Path) -> None:
    long = f"assets/{'a' * 245}.js"
    preview, _, _ = _preview(project, tmp_path, {"index.html": _page(TRACKER), long: "alert(1)\n"})
    preview.rebuild()
    assert (preview.site_dir / long).read_bytes() == b""
    assert "Not shown in the preview" in (preview.site_dir / "index.html").read_text(encoding="utf-8")


def test_the_gates_problems_stay_said_while_the_content_has_errors(project: Path, tmp_path: Path) -> None:
    _own_theme(project, TRACKER)
    preview, _, _ = _preview(project, tmp_path, {"index.html": _page(f"  {TRACKER}")})
    preview.rebuild()
    site = project / "content/site.yml"
    site.write_text(site.read_text(encoding="utf-8") + "language: [\n", encoding="utf-8")
    preview.rebuild()
    problems = _report(preview)["problems"]
    assert any(p.startswith("content/site.yml:") for p in problems)
    assert any(p.startswith("theme/overrides/main.html:") for p in problems)  # the page is still withheld: why


def test_the_reload_script_goes_at_the_very_end_of_a_page() -> None:
    """MkDocs would put it before the last '</body>', here inside a script's text, where its '</script>' would end
    that script early and make the rest markup."""
    from generator.render.mkdocs_live import _LocalServer

    page = b'<body><script type="application/json">{"a": "</body><img src=x onerror=alert(1)>"}</script></BODY>'
    served = _LocalServer._inject_js_into_html(_LocalServer.__new__(_LocalServer), page, 7)
    assert served.startswith(page) and served[len(page) :].startswith(b"<script>") and served.endswith(b"</script>")
