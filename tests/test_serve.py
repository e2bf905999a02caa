"""serve: a re-check with the memo equals a cold one; a save regenerates and renders only what it changed;
errors reach the terminal and the page and keep the last good pages; Ctrl-C leaves nothing behind."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import VALID, relock
from serving import Serve, children

from generator.content.check import load_checked
from generator.content.memo import Memo
from generator.content.problems import ERROR, Problem
from generator.content.theme import load_theme
from generator.errors import OutputError, UsageError
from generator.render.mkdocs_live import _LocalServer
from generator.serve import overlay
from generator.serve import preview as preview_module
from generator.serve.preview import Preview
from generator.serve.session import Session, draw_here
from generator.serve.watch import Watcher
from generator.site.charts.specs import edition_specs
from generator.site.pages import edition_docs
from generator.write import clear_stale_previews, sync_files

INITIATIVE = "initiatives/2022/01-early-years/reading-start.md"


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _same_as_cold(root: Path, memo: Memo) -> None:
    sources, problems, project = load_checked(root, memo=memo)
    cold_sources, cold_problems, cold_project = load_checked(root)
    assert problems == cold_problems
    assert project == cold_project
    assert sources.files == cold_sources.files


def test_a_check_with_the_memo_finds_what_a_cold_check_finds(project: Path) -> None:
    memo = Memo()
    _same_as_cold(project, memo)
    steps = [
        lambda: _edit(project, INITIATIVE, "title: Reading Start", "title: Reading Start Again"),
        lambda: _edit(project, INITIATIVE, "status: active", "status: [broken"),  # YAML syntax error
        lambda: _edit(project, INITIATIVE, "status: [broken", "status: actve"),  # schema error
        lambda: _edit(project, INITIATIVE, "status: actve", "status: active"),
        lambda: shutil.copy(project / INITIATIVE, project / "initiatives/2022/01-early-years/copy.md"),  # duplicate id
        lambda: (project / "initiatives/2022/01-early-years/copy.md").unlink(),
        lambda: (project / "content/2021/foreword.md").write_bytes(b"---\ntitle: \xff\n---\n"),  # not UTF-8
        lambda: (project / "content/2021/foreword.md").write_text("---\ntitle: Foreword\n---\nBack.\n"),  # lock
    ]
    for step in steps:
        step()
        _same_as_cold(project, memo)


def test_the_memo_forgets_files_that_are_gone(project: Path) -> None:
    memo = Memo()
    load_checked(project, memo=memo)
    (project / "initiatives/2022/03-good-jobs/job-fairs.md").unlink()
    load_checked(project, memo=memo)
    assert not any("job-fairs" in str(key) for key in memo.reads)
    assert len(memo.checks) == len(load_checked(project)[0].documents)


def test_a_file_saved_again_unchanged_is_not_parsed_again(project: Path) -> None:
    memo = Memo()
    first, _, _ = load_checked(project, memo=memo)
    _edit(project, INITIATIVE, "title: Reading Start", "title: Reading Start Again")
    second, _, _ = load_checked(project, memo=memo)
    before = {d.path: d for d in first.documents}
    for doc in second.documents:
        assert (doc is before[doc.path]) == (doc.path != INITIATIVE), doc.path


def test_the_preview_generates_what_the_build_generates(project: Path) -> None:
    outcome = Session(project, 2022).check()
    assert outcome.generated is not None
    _, _, model = load_checked(project)
    assert model is not None
    theme = load_theme(project)
    edition = model.edition(2022)
    assert edition is not None
    specs = edition_specs(model, edition, theme.labels)
    built = edition_docs(model, edition, theme, specs.map(draw_here([*specs.all()]).__getitem__))
    assert outcome.generated.docs == built


def test_a_save_redraws_only_the_charts_it_changed(project: Path) -> None:
    drawn: list[Any] = []

    def draw(specs: Any) -> Any:
        specs = list(specs)
        drawn.extend(specs)
        return draw_here(specs)

    session = Session(project, 2022, draw=draw)
    assert session.check().generated is not None
    first = len(drawn)
    assert first > 0
    drawn.clear()
    _edit(project, INITIATIVE, "title: Reading Start", "title: Reading Start Again")
    assert session.check([project / INITIATIVE]).generated is not None
    assert drawn == []  # no chart shows a title
    _edit(project, INITIATIVE, "status: active", "status: pilot")
    assert session.check([project / INITIATIVE]).generated is not None
    assert 0 < len(drawn) < first
    assert all("status" in spec.slug or "changes" in spec.slug for spec in drawn)


def test_errors_come_as_the_validator_words_them_and_generate_nothing(project: Path) -> None:
    session = Session(project, None)
    _edit(project, INITIATIVE, "status: active", "status: [broken")
    outcome = session.check()
    assert outcome.generated is None
    assert outcome.problems == load_checked(project)[1]
    assert [p.path for p in outcome.problems if p.severity == ERROR] == [INITIATIVE]


def test_a_broken_link_is_shown_at_its_line_and_generates_nothing(project: Path) -> None:
    session = Session(project, None)
    _edit(project, INITIATIVE, "Libraries give families", "See [the plan](nope.md). Libraries give families")
    outcome = session.check()
    assert outcome.generated is None
    assert [(p.path, p.message) for p in outcome.problems if p.severity == ERROR] == [
        (INITIATIVE, "the link 'nope.md' leads to no page or file of the 2022 edition")
    ]


def test_an_edition_that_is_not_there_is_a_problem(project: Path) -> None:
    outcome = Session(project, 1999).check()
    assert outcome.generated is None
    assert [p.message for p in outcome.problems if p.severity == ERROR] == ["there is no 1999 edition"]


def test_a_change_in_the_trees_own_theme_is_read(project: Path) -> None:
    shutil.copytree(Path(__file__).parent.parent / "theme", project / "theme")
    session = Session(project, 2022)
    assert session.check().generated is not None
    labels = project / "theme/labels.yml"
    labels.write_text(labels.read_text(encoding="utf-8").replace("status:", "status: [", 1), encoding="utf-8")
    outcome = session.check([labels])
    assert outcome.generated is None
    assert any(p.path == "theme/labels.yml" for p in outcome.problems)


def test_sync_writes_only_what_differs_and_removes_what_is_gone(tmp_path: Path) -> None:
    before = {"a.md": "a", "b.md": "b", "c.md": "c"}
    assert sync_files(tmp_path, before, {}) == {"a.md", "b.md", "c.md"}
    old = (tmp_path / "a.md").stat().st_mtime_ns
    time.sleep(0.01)
    assert sync_files(tmp_path, {"a.md": "a", "b.md": "B", "d.md": "d"}, before) == {"b.md", "c.md", "d.md"}
    assert (tmp_path / "a.md").stat().st_mtime_ns == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md", "d.md"]


class _Site:
    """Stands in for MkDocs: records each build."""

    url = "http://127.0.0.1:1/"

    def __init__(self) -> None:
        self.builds: list[bool] = []

    def build(self, dirty: bool) -> list[str]:
        self.builds.append(dirty)
        return []


def _preview(root: Path, tmp_path: Path) -> tuple[Preview, _Site, list[str]]:
    site, said = _Site(), []
    preview = Preview(Session(root, 2022, draw=draw_here), tmp_path / "staged", site, say=said.append)  # type: ignore[arg-type]
    return preview, site, said


def _report(preview: Preview) -> dict[str, Any]:
    return json.loads((preview.site_dir / overlay.REPORT).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_a_save_writes_and_renders_only_the_pages_it_changed(project: Path, tmp_path: Path) -> None:
    preview, site, _ = _preview(project, tmp_path)
    preview.rebuild()
    assert site.builds == [False]
    page = preview.docs_dir / "initiatives/reading-start/index.md"
    untouched = preview.docs_dir / "initiatives/outdoor-centres/index.md"
    times = {p: p.stat().st_mtime_ns for p in (page, untouched)}
    time.sleep(0.01)
    _edit(project, INITIATIVE, "title: Reading Start", "title: Reading Start Again")
    preview.rebuild()
    assert site.builds == [False, True]  # a partial (--dirty) render
    assert "Reading Start Again" in page.read_text(encoding="utf-8")
    assert page.stat().st_mtime_ns != times[page]
    assert untouched.stat().st_mtime_ns == times[untouched]
    preview.rebuild()  # nothing changed: nothing to render
    assert site.builds == [False, True]


def test_a_change_to_the_navigation_renders_every_page(project: Path, tmp_path: Path) -> None:
    preview, site, _ = _preview(project, tmp_path)
    preview.rebuild()
    _edit(project, "content/pages/about.md", "title: About", "title: About this audit")
    relock(project)
    preview.rebuild()
    assert site.builds == [False, False]


def test_errors_keep_the_last_good_pages_and_reach_page_and_terminal(project: Path, tmp_path: Path) -> None:
    preview, site, said = _preview(project, tmp_path)
    preview.rebuild()
    assert _report(preview) == {"problems": []}
    page = preview.docs_dir / "initiatives/reading-start/index.md"
    good = page.read_text(encoding="utf-8")
    _edit(project, INITIATIVE, "title: Reading Start", 'title: "<img src=x onerror=alert(1)>"\nstatus: [')
    preview.rebuild()
    assert page.read_text(encoding="utf-8") == good
    assert site.builds == [False]
    report = _report(preview)
    assert report["title"] == "1 error in the content"
    assert report["problems"][0].startswith(f"{INITIATIVE}:")
    assert report["problems"][0] in said
    assert "last version without errors" in report["note"]
    _edit(project, INITIATIVE, 'title: "<img src=x onerror=alert(1)>"\nstatus: [', "title: Reading Start")
    preview.rebuild()
    assert _report(preview) == {"problems": []}
    assert said[-1].startswith("Updated in")


def test_the_report_holds_every_error_and_no_warning() -> None:
    problems = [Problem("a.md", 1, 2, "bad"), Problem("b.md", 3, 4, "meh", severity="warning")]  # type: ignore[arg-type]
    report = json.loads(overlay.report(problems, kept=False))
    assert report["problems"] == ["a.md:1:2: error: bad"]
    assert report["title"] == "1 error in the content"


# In a subprocess, as a user runs it: each start costs a first build, so each test does several things.


def _problems(serve: Serve) -> list[str]:
    status, text = serve.get("_levelup/problems.json")
    return list(json.loads(text)["problems"]) if status == 200 else ["(no report)"]


def _stops_cleanly(serve: Serve, root: Path, how: int, then: int | None = None) -> None:
    """One signal (or two in quick succession: then) ends serve with 0 and leaves nothing behind."""
    pid = serve.process.pid
    assert list((root / ".build").glob("serve-*"))
    if then is not None:
        serve.process.send_signal(how)
        time.sleep(0.01)  # the second arrives while the first is cleaning up
        how = then
    assert serve.stop(how) == 0
    assert "Stopped the preview." in serve.output
    assert children(pid) == []
    assert list((root / ".build").glob("serve-*")) == []
    with socket.socket() as probe:  # the port is free again (for a server, which reuses closing connections' ports)
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", int(serve.url.rsplit(":", 1)[1].strip("/"))))


def test_serve_shows_saves_reports_broken_files_and_stops_on_ctrl_c(project: Path) -> None:
    # Started as a shell script starts a background job, SIGINT ignored: Ctrl-C (kill -INT) must stop it all the same.
    serve = Serve(project, sigint_ignored=True)
    try:
        assert serve.url, serve.output
        assert "Reading Start" in serve.get("initiatives/reading-start/")[1]
        _edit(project, INITIATIVE, "title: Reading Start", "title: Reading Start Again")
        assert serve.wait_for(lambda: "Reading Start Again" in serve.get("initiatives/reading-start/")[1])
        breakages = [
            ("status: active", "status: [active"),  # unclosed flow sequence
            ("status: [active", "\tstatus: active"),  # a tab
            ("\tstatus: active", "status: 'active"),  # unclosed quote
        ]
        for old, new in breakages:
            _edit(project, INITIATIVE, old, new)
            assert serve.wait_for(lambda: any(INITIATIVE in p for p in _problems(serve))), serve.output
            assert "Reading Start Again" in serve.get("initiatives/reading-start/")[1]  # the last good page
        (project / INITIATIVE).write_bytes(b"\x00\xff\xfe binary junk")
        assert serve.wait_for(lambda: any(f"{INITIATIVE}:1:" in p for p in _problems(serve))), serve.output
        shutil.copy(VALID / INITIATIVE, project / INITIATIVE)
        assert serve.wait_for(lambda: _problems(serve) == []), serve.output
        assert serve.wait_for(lambda: "Reading Start Again" not in serve.get("initiatives/reading-start/")[1])
        assert f"{INITIATIVE}:" in serve.output  # the terminal showed the errors too
        assert _fetch(serve, "/", "127.0.0.1")[0] == 200
        assert _fetch(serve, "/", "localhost")[0] == 200
        # A page elsewhere whose host name is re-pointed at 127.0.0.1 (DNS rebinding) reads nothing.
        for host in ("attacker.example", "127.0.0.1.attacker.example", ""):
            status, body, _ = _fetch(serve, "/data/initiatives.json", host)
            assert status == 400 and b"Reading Start" not in body, host
        assert _fetch(serve, "/%00", "127.0.0.1")[0] == 404
        # Every answer carries the published site's headers: nothing from another host, no framing, no sniffing.
        for path in ("/", "/no-such-page/", "/data/initiatives.json"):
            headers = _fetch(serve, path, "127.0.0.1")[2]
            policy = headers["content-security-policy"]
            assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy, path
            assert "script-src 'self' 'unsafe-inline';" in policy and "connect-src 'self'" in policy, path
            assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY", path
        assert serve.get("no-such-page/")[0] == 404 and "code 404" not in serve.output  # no line per request
        # The preview's folder removed while serving (rm -rf .build): the next save shows all the same, and the
        # folder made again is locked again, so that a build does not take it for a killed preview's.
        shutil.rmtree(project / ".build")
        _edit(project, INITIATIVE, "title: Reading Start", "title: Reading Start Once More")
        assert serve.wait_for(lambda: "Once More" in serve.get("initiatives/reading-start/")[1]), serve.output
        assert serve.get("")[0] == 200 and _problems(serve) == []
        clear_stale_previews(project)
        assert list((project / ".build").glob("serve-*"))
        assert "Traceback" not in serve.output
        assert serve.process.poll() is None
    finally:
        _stops_cleanly(serve, project, signal.SIGINT)


def _fetch(serve: Serve, path: str, host: str) -> tuple[int, bytes, dict[str, str]]:
    """A GET with the Host header a browser sends for host (with serve's port; none when host is empty): the
    status, body and headers (by lower-case name)."""
    port = int(serve.url.rsplit(":", 1)[1].strip("/"))
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=True)
        if host:
            connection.putheader("Host", f"{host}:{port}")
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read(), {k.lower(): v for k, v in response.getheaders()}
    finally:
        connection.close()


def test_serve_starts_on_content_with_errors_shows_the_fix_and_stops_on_sigterm(project: Path) -> None:
    _edit(project, INITIATIVE, "status: active", "status: [active")
    serve = Serve(project, "--edition", "2021")
    try:
        assert serve.url, serve.output
        assert any(INITIATIVE in p for p in _problems(serve))
        assert "The content has errors" in serve.get("")[1]
        _edit(project, INITIATIVE, "status: [active", "status: active")
        assert serve.wait_for(lambda: "Audit 2021" in serve.get("")[1]), serve.output
        assert _problems(serve) == []
    finally:
        # A second signal while the first is cleaning up (Ctrl-C pressed twice) must not cut the clean-up short.
        _stops_cleanly(serve, project, signal.SIGTERM, then=signal.SIGINT)


def test_serve_refuses_a_port_in_use_and_an_edition_that_is_not_there(project: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        serve = Serve(project, "--port", str(port), timeout=60)
        assert serve.process.wait(timeout=60) == 2
        assert f"cannot serve on 127.0.0.1:{port}" in serve.output
    serve = Serve(project, "--edition", "1999", timeout=120)
    assert serve.process.wait(timeout=120) == 2
    assert "there is no 1999 edition to preview (editions: 2021, 2022)" in serve.output
    assert list((project / ".build").glob("serve-*")) == []


def test_the_waiting_page_and_the_overlay_ship_with_the_package() -> None:
    assert "problems.json" in overlay.assets()[overlay.SCRIPT]
    assert "title: Preview" in str(overlay.waiting_docs()["index.md"])
    assert os.path.basename(overlay.REPORT) == "problems.json"


def test_a_port_taken_during_the_first_build_is_a_usage_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = _LocalServer("127.0.0.1", port, builder=lambda: None, root=".")
        try:
            server.server_bind()
            raise AssertionError("the port was taken")
        except UsageError as exc:
            assert f"cannot serve on 127.0.0.1:{port}" in str(exc)
        finally:
            server.server_close()


def test_a_round_that_cannot_write_or_print_never_raises(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs' server stalls every request after a rebuild that raised: a full disk or a terminal that has gone
    away (serve | head) must cost a message at most."""
    preview, _, said = _preview(project, tmp_path)
    preview.rebuild()
    real = preview_module.write_files

    def full(base: Path, files: Any) -> None:
        raise OutputError(f"cannot write {base}: No space left on device")

    monkeypatch.setattr(preview_module, "write_files", full)
    _edit(project, INITIATIVE, "title: Reading Start", "title: Reading Start Again")
    preview.rebuild()
    assert any("No space left on device" in line for line in said)
    monkeypatch.setattr(preview_module, "write_files", real)

    def gone(text: str) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    preview.say = gone
    _edit(project, INITIATIVE, "title: Reading Start Again", "title: Reading Start")
    preview.rebuild()
    assert _report(preview) == {"problems": []}
    assert "Reading Start Again" not in (preview.docs_dir / "initiatives/reading-start/index.md").read_text("utf-8")


def test_the_watcher_goes_on_when_it_cannot_signal(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    calls: list[int] = []
    said: list[str] = []

    def notify() -> None:
        calls.append(len(calls))
        if len(calls) == 1:
            raise OutputError("cannot write .build/serve-x/signal/rebuild: No space left on device")

    watcher = Watcher(tmp_path, notify, say=said.append)
    watcher.start()
    try:
        deadline = time.monotonic() + 30
        for n in (1, 2):
            # Written again until seen: the watcher's threads may not watch yet when the first write lands.
            seen = len(calls)
            while len(calls) == seen and time.monotonic() < deadline:
                (tmp_path / "content" / f"{n}.yml").write_text(f"x: {time.monotonic()}\n", encoding="utf-8")
                time.sleep(0.2)
        assert len(calls) >= 2, "the watcher stopped after the failed signal"
        assert said and "No space left on device" in said[0]
        assert {p.name for p in watcher.drain()} >= {"1.yml", "2.yml"}
    finally:
        watcher.stop()


def test_the_watcher_goes_on_when_watching_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """watchfiles fails on a file name that is not UTF-8: the failure is said once, the whole tree is read again,
    and the watching goes on (it ended for good, with a traceback, before)."""
    import generator.serve.watch as watch_module

    (tmp_path / "content").mkdir()
    real, failures = watch_module.watchfiles.watch, [0]

    def watch(*paths: Any, **kwargs: Any) -> Any:
        if kwargs.get("recursive", True) and failures[0] < 3:
            failures[0] += 1
            raise RuntimeError('Unable to decode path "content/x\\xFF.md" to string')
        return real(*paths, **kwargs)

    monkeypatch.setattr(watch_module.watchfiles, "watch", watch)
    monkeypatch.setattr(watch_module, "RETRY", 0.01)
    calls: list[int] = []
    said: list[str] = []
    watcher = Watcher(tmp_path, lambda: calls.append(1), say=said.append)
    watcher.start()
    try:
        deadline = time.monotonic() + 30
        while len(calls) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(said) == 1 and "rename any file whose name is not UTF-8" in said[0]  # said once
        assert len(calls) >= 3 and tmp_path / "content" in watcher.drain()  # a round over the whole tree
        seen = len(calls)
        while len(calls) == seen and time.monotonic() < deadline:
            (tmp_path / "content/a.yml").write_text(f"x: {time.monotonic()}\n", encoding="utf-8")
            time.sleep(0.2)
        assert len(calls) > seen, "the watching did not go on"
    finally:
        watcher.stop()


def test_a_problem_naming_a_file_that_is_not_utf8_can_be_written_and_shown() -> None:
    problem = Problem("content/pages/x\udcff.md", 1, 1, "page name 'x\udcff' is not a lowercase slug")
    assert problem.text() == "content/pages/x\\xff.md:1:1: error: page name 'x\\xff' is not a lowercase slug"
    overlay.report([problem], kept=False).encode("utf-8")  # the preview's report file takes it


def test_a_content_folder_made_while_serving_is_watched(tmp_path: Path) -> None:
    """A tree without theme/ (or content/) at the start: the folder, once made, and every later save in it are seen."""
    calls: list[int] = []
    watcher = Watcher(tmp_path, lambda: calls.append(len(calls)))
    watcher.start()

    def seen(path: Path) -> bool:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if path in watcher.drain():
                return True
            time.sleep(0.02)
        return False

    try:
        time.sleep(0.2)  # the watchers have started
        (tmp_path / "theme").mkdir()
        assert seen(tmp_path / "theme")
        time.sleep(0.2)  # the folders are watched anew
        saved = tmp_path / "theme" / "labels.yml"
        saved.write_text("x: 1\n", encoding="utf-8")
        assert seen(saved), "a save in the new folder went unseen"
        assert watcher.paths == [tmp_path / "theme"]
    finally:
        watcher.stop()


def test_a_round_keeps_only_what_its_own_thread_logs() -> None:
    # The server's threads log while a round renders (a request's line, an error of theirs): none of it is a
    # problem of the pages.
    import logging
    import threading

    from generator.render.mkdocs_live import _collected

    with _collected() as messages:
        logging.getLogger("mkdocs.structure.pages").warning("from the round")
        other = threading.Thread(target=lambda: logging.getLogger("mkdocs.plugins").error("from another thread"))
        other.start()
        other.join()
    assert messages == ["from the round"]
