"""Nothing lost, whatever fails: killed swaps, damaged staging, concurrent builds, signals, full or read-only output.

Most tests run real builds in real processes and kill or signal them; a short patch, run before the CLI in that
process, pauses it at the exact moment under test (see `launch`). Where MkDocs is not what is under test, the
stand-ins of standins.py keep them fast."""

from __future__ import annotations

import errno
import os
import pickle
import re
import resource
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from conftest import REPO, VALID, tree
from standins import Copying, Done, DrawnOnce

from generator import write
from generator.cli import main
from generator.commands.build import build
from generator.errors import BusyError, OutputError
from generator.render.mkdocs import watch

JOB_FAIRS = "initiatives/2022/03-good-jobs/job-fairs.md"

PRELUDE = """
import os, sys, time
from pathlib import Path
MARKS = Path(sys.argv.pop(1))
def pause(name):
    (MARKS / name).write_text(str(os.getpid()))
    time.sleep(600)
"""
DRAWN = """
import pickle, generator.commands.build, standins
generator.commands.build.Drawing = standins.DrawnOnce(pickle.loads((MARKS / "charts.pickle").read_bytes()))
"""
COPYING = """
generator.commands.build.MkDocs = standins.Copying
"""
MAIN = """
from generator.cli import main
sys.exit(main(sys.argv[1:]))
"""


def launch(
    marks: Path, *args: str, patch: str = "", fast: bool = False, draw: bool = False, **popen: object
) -> subprocess.Popen[str]:
    """The CLI in a new process (and session, so its children can be found), after `patch` has run in it.

    Charts come from the test's cache unless `draw`; with `fast`, the stand-in renderer replaces MkDocs."""
    code = PRELUDE + ("" if draw else DRAWN) + (COPYING if fast else "") + textwrap.dedent(patch) + MAIN
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), str(REPO / "tests")]))
    command = [sys.executable, "-c", code, str(marks), *args]
    popen = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE} | popen
    return subprocess.Popen(command, text=True, env=env, start_new_session=True, **popen)  # type: ignore[call-overload, no-any-return]


def wait_for(mark: Path, process: subprocess.Popen[str], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not mark.exists():
        if process.poll() is not None:
            pytest.fail(f"the build ended ({process.returncode}) before {mark.name}: {process.communicate()}")
        assert time.monotonic() < deadline, f"never reached {mark.name}"
        time.sleep(0.02)


def kill(process: subprocess.Popen[str]) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


def session(sid: int) -> list[tuple[int, str]]:
    """Every live process in a session (pid, command line), read from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, ValueError):
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z" and int(fields[3]) == sid:
            found.append((int(entry.name), cmdline))
    return found


def quiet(out: str, last: re.Pattern[str] | None = None) -> bool:
    """Standard output holds nothing but the content's warnings (and, if given, a last line matching `last`)."""
    lines = out.splitlines()
    if last is not None and (not lines or not last.fullmatch(lines.pop())):
        return False
    return all(": warning: " in line for line in lines)


def stages(root: Path) -> list[str]:
    return sorted(p.name for p in (root / ".build").glob(write.STAGE_PREFIX + "*"))


CHARTS = DrawnOnce()


@pytest.fixture(autouse=True)
def _charts_drawn_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("generator.commands.build.Drawing", CHARTS)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("faults") / "project"
    shutil.copytree(VALID, root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("generator.commands.build.Drawing", CHARTS)
        build(root)
    return root


@pytest.fixture
def built(reference: Path, tmp_path: Path) -> Path:
    """A project with a built site whose content has since changed, so the next build publishes a different site."""
    root = tmp_path / "project"
    shutil.copytree(reference, root)
    page = root / JOB_FAIRS
    page.write_text(page.read_text().replace("The council plans", "The council now plans"))
    (tmp_path / "marks").mkdir()
    (tmp_path / "marks" / "charts.pickle").write_bytes(pickle.dumps(CHARTS.drawn))
    return root


@pytest.fixture
def marks(built: Path) -> Path:
    return built.parent / "marks"


# --- the swap ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("moment", ["before", "after"])
def test_a_kill_at_the_swap_leaves_a_complete_site(built: Path, marks: Path, moment: str) -> None:
    old = tree(built / "site")
    patch = f"""
    import generator.write as w
    exchange = w._exchange
    def paused(a, b):
        if {moment!r} == "before":
            pause("swap")
        swapped = exchange(a, b)
        assert swapped, "this file system cannot exchange"
        pause("swap")
    w._exchange = paused
    """
    process = launch(marks, "build", "--root", str(built), patch=patch, fast=True)
    wait_for(marks / "swap", process)
    kill(process)
    left = tree(built / "site")
    assert not (built / ".site.old").exists()
    assert stages(built), "the killed build's staging folder is still there"
    build(built, renderer=Copying())  # the next run: cleans up and builds the same content
    assert stages(built) == []
    new = tree(built / "site")
    assert new != old
    assert left == (old if moment == "before" else new)


@pytest.mark.parametrize("moment", ["between", "after"])
def test_a_kill_in_the_two_step_swap_is_recovered_by_the_next_run(built: Path, marks: Path, moment: str) -> None:
    """Where a one-step exchange is unavailable: two renames, and the next run repairs a kill between them."""
    old = tree(built / "site")
    patch = f"""
    import generator.write as w
    w._exchange = lambda a, b: False
    rename = os.rename
    def paused(src, dst):
        rename(src, dst)
        if Path(dst).name == (".site.old" if {moment!r} == "between" else "site"):
            pause("swap")
    os.rename = paused
    """
    process = launch(marks, "build", "--root", str(built), patch=patch, fast=True)
    wait_for(marks / "swap", process)
    kill(process)
    assert (built / ".site.old").is_dir()
    assert (built / "site").exists() == (moment == "after")
    page = built / JOB_FAIRS
    good = page.read_text()
    page.write_text(good.replace("status: planned", "status: maybe"))
    assert main(["build", "--root", str(built)]) == 1  # the content is now wrong; the site is repaired anyway
    assert not (built / ".site.old").exists()
    restored = tree(built / "site")
    page.write_text(good)
    build(built, renderer=Copying())
    assert restored == (old if moment == "between" else tree(built / "site"))


def test_the_two_step_swap_publishes_and_removes_the_old_site(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = tree(built / "site")
    monkeypatch.setattr(write, "_exchange", lambda a, b: False)
    build(built, renderer=Copying())
    assert tree(built / "site") != old
    assert sorted(p.name for p in built.iterdir() if "site" in p.name) == ["site"]
    assert stages(built) == []


# --- a complete site or none ---------------------------------------------------------------------------------


class Damaging(Copying):
    """A renderer whose output loses a page, and has a page emptied and a copied file cut short."""

    def start(self, config_file: Path, epoch: int) -> Done:
        done = super().start(config_file, epoch)
        site = config_file.parents[2] / "site" / config_file.parent.name
        if site.name == "2021":
            (site / "goals/index.html").unlink()
        else:
            (site / "explore/index.html").write_bytes(b"")
            csv = site / "charts/status-by-goal.csv"
            csv.write_bytes(csv.read_bytes()[:10])
        return done


def test_an_incomplete_site_is_never_published(built: Path) -> None:
    old = tree(built / "site")
    with pytest.raises(OutputError) as caught:
        build(built, renderer=Damaging())
    pattern = (
        rf"the built site in {re.escape(str(built))}/\.build/build-\w+/site is incomplete \(3 of (\d+) expected"
        rf" files missing or damaged, e\.g\. 2021/goals/index\.html\); {re.escape(str(built / 'site'))} was left"
        " as it was"
    )
    assert (match := re.fullmatch(pattern, str(caught.value))), str(caught.value)
    assert tree(built / "site") == old
    assert stages(built) == []
    build(built, renderer=Copying())  # the stand-in renders nothing but the expected files
    assert int(match.group(1)) == len(tree(built / "site"))


@pytest.mark.parametrize("written", [False, True])
def test_staging_deleted_while_mkdocs_runs(built: Path, marks: Path, written: bool) -> None:
    """The staging folder vanishes before MkDocs writes anything, or after it has written some pages.

    The build and its renderers are frozen (SIGSTOP to the whole process group) at the moment under test, so a
    fast machine cannot finish first and no renderer writes while the folder is deleted."""
    old = tree(built / "site")
    process = launch(marks, "build", "--root", str(built))
    while not any(" mkdocs build " in cmd for _, cmd in session(process.pid)):
        assert process.poll() is None, process.communicate()
    os.killpg(process.pid, signal.SIGSTOP)
    try:
        (stage,) = (built / ".build").glob(write.STAGE_PREFIX + "*")
        while written and not any(p.suffix == ".html" for p in (stage / "site").rglob("*")):
            os.killpg(process.pid, signal.SIGCONT)  # a few milliseconds of work at a time, then look again
            time.sleep(0.005)
            os.killpg(process.pid, signal.SIGSTOP)
        shutil.rmtree(stage)
    finally:
        os.killpg(process.pid, signal.SIGCONT)  # never leave the build frozen, whatever failed above
    out, err = process.communicate()
    assert process.returncode == 1, (out, err)
    assert quiet(out) and len(err.splitlines()) == 1 and err.startswith("levelup: "), (out, err)
    assert "was removed or changed during the build" in err or "is incomplete" in err
    assert tree(built / "site") == old


# --- one build at a time ----------------------------------------------------------------------------------------


def test_concurrent_builds_take_turns(built: Path, marks: Path) -> None:
    """A first build holds the lock until three more are waiting for it; then all four finish, one at a time."""
    patch = """
    import generator.commands.build as b
    unpaused = b._build
    def held(*args):
        (MARKS / "holding").write_text("")
        while not (MARKS / "go").exists():
            time.sleep(0.02)
        return unpaused(*args)
    b._build = held
    """
    first = launch(marks, "build", "--root", str(built), patch=patch, fast=True)
    wait_for(marks / "holding", first)
    logs = [marks / f"stderr-{n}" for n in range(3)]
    others = [launch(marks, "build", "--root", str(built), fast=True, stderr=log.open("w")) for log in logs]
    waiting = f"levelup: waiting up to 300 s for another build (pid {first.pid}) to finish (it holds "
    deadline = time.monotonic() + 120
    while not all(log.read_text().startswith(waiting) for log in logs):
        assert time.monotonic() < deadline and all(p.poll() is None for p in others), [p.read_text() for p in logs]
        time.sleep(0.05)
    (marks / "go").write_text("")
    results = [(p.wait(timeout=120), p.communicate()[0]) for p in [first, *others]]
    done = re.compile(rf"Built 2 editions \(\d+ pages\) into {re.escape(str(built / 'site'))}")
    assert all(code == 0 and quiet(out, done) for code, out in results), results
    assert all(len(log.read_text().splitlines()) == 1 for log in logs)  # one message each, nothing else
    published = tree(built / "site")
    build(built, renderer=Copying())
    assert tree(built / "site") == published
    assert stages(built) == []


def test_a_busy_root_exits_2_naming_the_lock_and_the_holder(built: Path, marks: Path) -> None:
    old = tree(built / "site")
    patch = """
    import generator.commands.build as b
    b.replace_site = lambda staged, site: pause("holding")
    """
    holder = launch(marks, "build", "--root", str(built), patch=patch, fast=True)
    wait_for(marks / "holding", holder)
    held = stages(built)
    lock = built / ".build" / "lock"
    busy = launch(marks, "build", "--root", str(built), "--wait", "0")
    assert busy.wait() == 2
    assert busy.communicate() == (
        "",
        f"levelup: another build (pid {holder.pid}) holds the lock {lock}; try again when it has finished\n",
    )
    told: list[str] = []
    started = time.monotonic()
    with pytest.raises(BusyError) as caught:
        build(built, renderer=Copying(), wait=0.5, on_wait=told.append)
    assert time.monotonic() - started >= 0.5
    assert told == [f"waiting up to 0.5 s for another build (pid {holder.pid}) to finish (it holds {lock})"]
    assert str(caught.value).startswith(f"another build (pid {holder.pid}) holds the lock {lock}")
    assert stages(built) == held, "a build that did not get the lock touched another build's staging folder"
    kill(holder)  # the kernel releases the lock of a killed build
    build(built, renderer=Copying(), wait=0)
    assert stages(built) == [] and tree(built / "site") != old


# --- signals: children never outlive the build ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("signum", "to_group"), [(signal.SIGTERM, False), (signal.SIGINT, False), (signal.SIGINT, True)]
)
def test_a_signal_while_mkdocs_runs_stops_everything(built: Path, marks: Path, signum: int, to_group: bool) -> None:
    old = tree(built / "site")
    process = launch(marks, "build", "--root", str(built))
    while not any(" mkdocs build " in cmd for _, cmd in session(process.pid)):
        assert process.poll() is None, process.communicate()
        time.sleep(0.01)
    (os.killpg if to_group else os.kill)(process.pid, signum)  # to the group: what Ctrl-C in a terminal does
    out, err = process.communicate(timeout=60)
    name = signal.Signals(signum).name
    assert (process.returncode, quiet(out), err) == (128 + signum, True, f"levelup: stopped by {name}\n")
    assert session(process.pid) == []
    assert tree(built / "site") == old
    assert stages(built) == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_while_charts_draw_stops_every_worker(built: Path, marks: Path, signum: int) -> None:
    patch = """
    import generator.site.charts.specs as specs
    def slow(spec):
        (MARKS / f"worker-{os.getpid()}").write_text("")
        time.sleep(600)
    specs.render = slow
    """
    shutil.rmtree(built / ".cache")  # the reference build's charts are cached: without the cache, they are drawn
    process = launch(marks, "build", "--root", str(built), patch=patch, draw=True)
    while not list(marks.glob("worker-*")):  # the build draws in one worker, while it generates and renders
        assert process.poll() is None, process.communicate()
        time.sleep(0.02)
    workers = {int(p.name.split("-")[1]) for p in marks.glob("worker-*")}
    assert workers and (process.pid not in workers or (os.cpu_count() or 1) < 2)  # drawn in worker processes
    os.killpg(process.pid, signum)
    out, err = process.communicate(timeout=60)
    name = signal.Signals(signum).name
    assert (process.returncode, quiet(out), err) == (128 + signum, True, f"levelup: stopped by {name}\n")
    assert session(process.pid) == []


def test_a_killed_build_takes_its_children_with_it(built: Path, marks: Path) -> None:
    """kill -9 cannot be caught: the kernel ends MkDocs (PR_SET_PDEATHSIG) so it does not write on into staging."""
    process = launch(marks, "build", "--root", str(built))
    while not (children := [pid for pid, cmd in session(process.pid) if " mkdocs build " in cmd]):
        assert process.poll() is None, process.communicate()
        time.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate()
    deadline = time.monotonic() + 10
    while [pid for pid, _ in session(process.pid) if pid in children] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [pid for pid, _ in session(process.pid) if pid in children] == []


# --- full disk, read-only output ---------------------------------------------------------------------------------


def test_a_full_disk_is_one_line_naming_the_file(
    built: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tree(built / "site")
    write_text = Path.write_text

    def full(self: Path, *args: object, **kwargs: object) -> int:
        if self.name == "index.md" and self.parent.name == "explore":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # as a write into an open file: no file name
        return write_text(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", full)
    assert main(["build", "--root", str(built)]) == 1
    out, err = capsys.readouterr()
    stage = stages(built)
    assert quiet(out) and err.startswith(f"levelup: cannot write {built / '.build'}/build-") and stage == []
    assert err.endswith("/_src/2021/docs/explore/index.md: No space left on device\n") and len(err.splitlines()) == 1
    assert tree(built / "site") == old


def _largest(site: Path) -> int:
    return max(p.stat().st_size for p in site.rglob("*") if p.is_file())


@pytest.mark.parametrize("writer", ["ours", "mkdocs"])
def test_a_file_size_limit_fails_cleanly_at_either_writer(built: Path, marks: Path, writer: str) -> None:
    """RLIMIT_FSIZE makes real writes fail (EFBIG), as a full disk would, even as root."""
    old = tree(built / "site")
    limit = 2000 if writer == "ours" else _largest(built / "site") - 1

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    process = launch(marks, "build", "--root", str(built), preexec_fn=limited)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 1 and quiet(out) and len(err.splitlines()) == 1, (out, err)
    # Ours writes the docs trees and the theme's overrides (a copied Material partial is over 2,000 bytes).
    where = ("/_src/", "/_overrides/") if writer == "ours" else ("/site/",)
    assert err.startswith(f"levelup: cannot write {built / '.build'}/build-") and any(w in err for w in where), err
    assert err.endswith(": File too large\n")
    assert tree(built / "site") == old and stages(built) == []


def test_a_file_where_a_folder_must_be_fails_before_any_work(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What a read-only output looks like even to root: the folder cannot be made."""
    old = tree(built / "site")
    (tmp_path / "a-file").write_text("")
    with pytest.raises(OutputError) as caught:
        build(built, tmp_path / "a-file" / "site")
    assert str(caught.value) == f"cannot write {tmp_path / 'a-file'}: it is a file, not a folder"
    shutil.rmtree(built / ".build")
    (built / ".build").write_text("")
    assert main(["build", "--root", str(built)]) == 1
    assert capsys.readouterr().err == f"levelup: cannot write {built / '.build'}: it is a file, not a folder\n"
    assert tree(built / "site") == old


def test_a_read_only_site_folder_fails_at_the_swap_and_keeps_the_old_site(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tree(built / "site")

    def read_only(a: Path, b: Path) -> bool:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(b))

    monkeypatch.setattr(write, "_exchange", read_only)
    with pytest.raises(OutputError) as caught:
        build(built, renderer=Copying())
    assert str(caught.value) == f"cannot write {built / 'site'}: Read-only file system"
    assert tree(built / "site") == old and stages(built) == []


# --- the renderer's processes --------------------------------------------------------------------------------


def _python(code: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_renders_drain_their_output_at_once(tmp_path: Path) -> None:
    """A waits for B to end; B prints 4 MB first. Read one after the other, B would fill its pipe and never end."""
    done = tmp_path / "b-done"
    a = watch(_python(f"import os, time\nwhile not os.path.exists({str(done)!r}): time.sleep(0.01)\n"))
    b = watch(_python(f"for _ in range(40000): print('y' * 99)\nopen({str(done)!r}, 'w').close()"))
    finished: list[object] = []
    waiter = threading.Thread(target=lambda: finished.extend([a.finish(), b.finish()]), daemon=True)
    waiter.start()
    waiter.join(timeout=60)
    try:
        assert not waiter.is_alive(), "the renders stalled on a full pipe"
        assert len("".join(b.output).splitlines()) == 40000
    finally:
        a.stop()
        b.stop()


def test_stop_ends_a_render_and_is_harmless_after_it(tmp_path: Path) -> None:
    job = watch(_python("import time\ntime.sleep(600)"))
    job.stop()
    assert job.process.returncode is not None
    job.stop()


def test_expected_files_are_what_mkdocs_publishes() -> None:
    """Pages become index.html at their URL; other files are copied; MkDocs leaves dotfiles and templates/ out."""
    from generator.commands.stage import expected_files as _expected

    docs: dict[str, str | bytes] = {
        "index.md": "# Home",
        "goals/01-x.md": "# Goal",
        "charts/c.svg": "<svg>£</svg>",
        "data/d.csv": b"a,b\n",
        "assets/.DS_Store": b"\0",
        ".hidden/x.css": "",
        "templates/t.html": "",
    }
    assert _expected(2021, docs) == {
        "2021/index.html": None,
        "2021/goals/01-x/index.html": None,
        "2021/charts/c.svg": 13,  # bytes, not characters
        "2021/data/d.csv": 4,
    }
