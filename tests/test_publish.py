"""publish: a lock over normalised text, validation that names every changed file, and public corrections
with old -> new values that reach the built pages and the corrections log."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, REPO, VALID, relock

from generator import write
from generator.cli import main
from generator.commands import publish
from generator.commands.build import build
from generator.content import theme as theme_module
from generator.content.check import check
from generator.content.fingerprint import own_theme, sha256, site_wide_paths
from generator.content.theme import TOOL_THEME
from generator.errors import ContentError, UsageError
from generator.site.history import _picture, notices
from generator.site.pages import corrections

EVERY_SITE_WIDE = ["content/goals.yml", "content/places.yml", "content/site.yml", "content/pages/", "theme/"]
OUTDOOR = "initiatives/2022/02-school-years/outdoor-centres.md"
NOTE = "The participants figure is over 62,000, as the update says; the page said 61,000."


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The valid fixture in a Git repository, with its draft 2022 edition published on 1 June 2022."""
    root = tmp_path / "project"
    shutil.copytree(VALID, root)
    git(root, "init", "-q")
    commit(root, "content")
    assert publish.run(root=root, year=2022, today=datetime.date(2022, 6, 1)) == 0
    commit(root, "publish 2022")
    return root


def validate(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["validate", "--root", str(root)])
    return code, capsys.readouterr().out


def test_publish_writes_a_readable_lock_and_marks_the_edition_published(repo: Path) -> None:
    lock_text = (repo / "content/2022/lock.yml").read_text()
    assert lock_text.startswith("# The published 2022 edition, frozen by `levelup publish 2022`.")
    lock = yaml.safe_load(lock_text)
    assert (lock["edition"], lock["published"], lock["algorithm"]) == (2022, "2022-06-01", "sha256")
    files = sorted(p.relative_to(repo).as_posix() for p in repo.glob("*/2022/**/*") if p.is_file())
    # The edition's own files, and the site-wide files its pages show (goal titles and definitions, places).
    shared = ["content/goals.yml", "content/pages/about.md", "content/places.yml", "content/site.yml"]
    assert sorted(lock["files"]) == sorted([*(f for f in files if not f.endswith("lock.yml")), *shared])
    assert lock["site_wide"] == EVERY_SITE_WIDE
    assert lock["files"][OUTDOOR] == sha256((repo / OUTDOOR).read_bytes())
    assert lock["files"]["content/goals.yml"] == sha256((repo / "content/goals.yml").read_bytes())
    assert "status: published" in (repo / "content/2022/edition.yml").read_text()


def test_the_end_to_end_correction(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert validate(repo, capsys)[0] == 0
    page = repo / OUTDOOR
    page.write_text(
        page.read_text().replace("value: 61000", "value: 62000").replace("finished their", "completed their")
    )
    (repo / "content/2022/notes.md").write_text("---\ntitle: Notes\n---\nAdded after publishing.\n")
    (repo / "initiatives/2022/03-good-jobs/job-fairs.md").unlink()
    code, out = validate(repo, capsys)
    assert code == 1
    hint = 'record it as a public correction: levelup publish 2022 --correction "what was wrong and what it says now"'
    assert f"{OUTDOOR}:1:1: error: this file of the published 2022 edition has changed since it was published " in out
    assert "content/2022/notes.md:1:1: error: this file was added to the published 2022 edition" in out
    assert (
        "initiatives/2022/03-good-jobs/job-fairs.md:1:1: error: this file of the published 2022 edition was removed"
        in out
    )
    assert out.count(hint) == 3
    # Keep only the correction to the figure: undo the rest.
    (repo / "content/2022/notes.md").unlink()
    git(repo, "checkout", "--", "initiatives/2022/03-good-jobs/job-fairs.md")
    assert validate(repo, capsys)[1].count(": error: ") == 1
    assert publish.run(root=repo, year=2022, correction=NOTE, today=datetime.date(2023, 2, 14)) == 0
    capsys.readouterr()
    code, out = validate(repo, capsys)
    assert (code, out.splitlines()[-1]) == (0, "0 errors, 2 warnings in 20 files")
    log = yaml.safe_load((repo / "content/2022/corrections.yml").read_text())
    assert log == {
        "corrections": [
            {
                "date": "2023-02-14",
                "note": NOTE,
                "files": [
                    {
                        "path": OUTDOOR,
                        "change": "changed",
                        "fields": [
                            {"field": "metrics: Participants (people): value", "old": "61000", "new": "62000"},
                            {
                                "field": "body",
                                "old": "The centres finished their programme in 2022.",
                                "new": "The centres completed their programme in 2022.",
                            },
                        ],
                    }
                ],
            }
        ]
    }
    lock = yaml.safe_load((repo / "content/2022/lock.yml").read_text())
    assert (lock["published"], lock["updated"]) == ("2022-06-01", "2023-02-14")
    assert lock["files"][OUTDOOR] == sha256(page.read_bytes())
    assert lock["corrections"] == sha256((repo / "content/2022/corrections.yml").read_bytes())

    build(repo, tmp_path / "site")
    html = (tmp_path / "site/2022/initiatives/outdoor-centres/index.html").read_text()
    assert "<strong>Updated 14 February 2023:</strong> The participants figure is over 62,000" in html
    assert "<td>metrics: Participants (people): value</td>\n<td>61000</td>\n<td>62000</td>" in html
    assert '<del><span class="visually-hidden">[removed: </span>finished' in html
    assert '<ins><span class="visually-hidden">[added: </span>completed' in html
    assert 'href="../../corrections/#correction-1"' in html
    corrections = (tmp_path / "site/2022/corrections/index.html").read_text()
    assert "14 February 2023: correction 1" in corrections and "The participants figure is over 62,000" in corrections
    assert "<td>61000</td>\n<td>62000</td>" in corrections
    assert 'href="../initiatives/outdoor-centres/"' in corrections
    home = (tmp_path / "site/2022/index.html").read_text()
    assert "Published on 1 June 2022. Corrected 1 time since, most recently on 14 February 2023" in home
    # Pages the correction did not touch carry no notice.
    assert "Updated 14 February 2023" not in (tmp_path / "site/2022/initiatives/reading-start/index.html").read_text()


def test_a_second_correction_is_appended(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = repo / OUTDOOR
    page.write_text(page.read_text().replace("status: completed", "status: ended"))
    publish.run(root=repo, year=2022, correction="It ended; it was not completed.", today=datetime.date(2023, 1, 2))
    commit(repo, "correction 1")  # the next correction finds the text this one published in Git
    page.write_text(page.read_text().replace("status: ended", "status: completed"))
    publish.run(root=repo, year=2022, correction="It was completed after all.", today=datetime.date(2023, 1, 3))
    log = yaml.safe_load((repo / "content/2022/corrections.yml").read_text())["corrections"]
    assert [(c["date"], c["files"][0]["fields"]) for c in log] == [
        ("2023-01-02", [{"field": "status", "old": "completed", "new": "ended"}]),
        ("2023-01-03", [{"field": "status", "old": "ended", "new": "completed"}]),
    ]
    assert validate(repo, capsys)[0] == 0


def test_git_line_ending_conversion_and_a_bom_do_not_break_the_lock(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in repo.glob("*/2022/**/*"):
        if path.is_file():
            path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert validate(repo, capsys)[0] == 0


def test_hidden_files_are_not_part_of_an_edition(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "initiatives/2022/.DS_Store").write_bytes(b"\x00\x01binary")
    assert validate(repo, capsys)[0] == 0


def test_a_hand_edited_corrections_log_or_lock_fails(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = repo / "content/2022/corrections.yml"
    log.write_text(
        "corrections:\n  - {date: '2022-07-01', note: Quietly added, files: [{path: x, change: added, fields: []}]}\n"
    )
    code, out = validate(repo, capsys)
    assert code == 1
    assert "content/2022/corrections.yml:1:1: error: the corrections log of the published 2022 edition differs" in out
    log.unlink()
    lock = repo / "content/2022/lock.yml"
    lock.write_text(lock.read_text().replace("files:\n", "files:\n  ../../etc/passwd: " + "a" * 64 + "\n"))
    code, out = validate(repo, capsys)
    assert "content/2022/lock.yml:17:3: error: '../../etc/passwd' is not a file of the 2022 edition" in out
    assert "../../etc/passwd:1:1" not in out  # one error for the entry, at its line, not a second as a lost file
    assert out.count("error:") == 1, out


def test_a_locked_edition_cannot_go_back_to_draft(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edition = repo / "content/2022/edition.yml"
    edition.write_text(edition.read_text().replace("status: published", "status: draft"))
    code, out = validate(repo, capsys)
    assert code == 1
    assert (
        "content/2022/edition.yml:3:9: error: edition 2022 is locked (content/2022/lock.yml) but not published" in out
    )
    assert main(["publish", "2022", "--correction", "Back to draft", "--root", str(repo)]) == 1
    assert "nothing was written" in capsys.readouterr().out
    assert "corrections.yml" not in {p.name for p in (repo / "content/2022").iterdir()}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["publish", "2022"], "the 2022 edition was already published on 2022-06-01"),
        (["publish", "2022", "--correction", "Nothing"], "nothing to correct: every file of the 2022 edition matches"),
        (["publish", "2021", "--correction", "A note"], "nothing to correct: every file of the 2021 edition matches"),
        (["publish", "2030"], "there is no 2030 edition"),
        (["publish", "2022", "--correction", "  "], "--correction needs a note"),
        (["publish", "2022", "--correction", "See <script>alert(1)</script>"], "must be plain text"),
    ],
)
def test_wrong_publishes_are_refused(
    repo: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts}
    assert main([*args, "--root", str(repo)]) == 2
    assert message in capsys.readouterr().err
    assert before == {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts}


def test_publish_refuses_an_edition_with_errors(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = project / "initiatives/2022/03-good-jobs/job-fairs.md"
    page.write_text(page.read_text().replace("status: planned", "status: maybe"))
    assert main(["publish", "2022", "--root", str(project)]) == 1
    out = capsys.readouterr().out
    assert "initiatives/2022/03-good-jobs/job-fairs.md:5:9: error: status:" in out and "nothing was written" in out
    assert not (project / "content/2022/lock.yml").exists()
    assert "status: draft" in (project / "content/2022/edition.yml").read_text()


def test_publish_refuses_scaffold_placeholders(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["new", "initiative", "--edition", "2022", "--goal", "3", "--title", "Job clubs", "--root", str(project)])
        == 0
    )
    capsys.readouterr()
    assert main(["publish", "2022", "--root", str(project)]) == 1
    out = capsys.readouterr().out
    assert "initiatives/2022/03-good-jobs/job-clubs.md:1:1: error: summary still has the scaffold's TODO: text" in out
    assert not (project / "content/2022/lock.yml").exists()


def test_a_correction_needs_the_published_text_in_git(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "project"
    shutil.copytree(VALID, root)  # no Git repository: the published text cannot be found
    publish.run(root=root, year=2022, today=datetime.date(2022, 6, 1))
    page = root / OUTDOOR
    page.write_text(page.read_text().replace("value: 61000", "value: 62000"))
    assert main(["publish", "2022", "--correction", NOTE, "--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert f"{OUTDOOR}:1:1: error: the published text of this file is not in the Git history" in out
    assert not (root / "content/2022/corrections.yml").exists()


def test_lock_and_log_are_replaced_together_or_not_at_all(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    page = repo / OUTDOOR
    page.write_text(page.read_text().replace("value: 61000", "value: 62000"))
    lock_before = (repo / "content/2022/lock.yml").read_bytes()
    real = write._temporary
    calls: list[Path] = []

    def full_disk(path: Path, content: str | bytes) -> Path:
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(path, content)

    monkeypatch.setattr(write, "_temporary", full_disk)
    assert main(["publish", "2022", "--correction", NOTE, "--root", str(repo)]) == 1
    assert "No space left on device; nothing was changed" in capsys.readouterr().err
    assert (repo / "content/2022/lock.yml").read_bytes() == lock_before
    assert not (repo / "content/2022/corrections.yml").exists()
    assert not [p for p in (repo / "content/2022").iterdir() if p.name.endswith(".tmp")]


def test_the_three_edition_fixture_is_locked_and_corrected(tmp_path: Path) -> None:
    # Its 2021 and 2022 editions were published with `publish`, and 2021 corrected once, by the commands themselves.
    # Validated in a copy: validate keeps a check store in the root it checks, never to be left among the fixtures.
    three = tmp_path / "three-editions"
    shutil.copytree(FIXTURES / "three-editions", three)
    assert main(["validate", "--root", str(three)]) == 0
    log = yaml.safe_load((three / "content/2021/corrections.yml").read_text())["corrections"]
    assert [f["field"] for f in log[0]["files"][0]["fields"]] == ["metrics: Participants (people): value", "body"]


def test_a_draft_edition_has_nothing_to_correct(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["publish", "2022", "--correction", "A note", "--root", str(project)]) == 2
    assert "the 2022 edition is not published, so there is nothing to correct" in capsys.readouterr().err


def test_a_site_wide_file_is_locked_by_every_published_edition(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A goal's definition shows on the goal pages of every edition: changing it is a correction to each published
    one, recorded field by field, not a silent change to what was published."""
    goals = repo / "content/goals.yml"
    goals.write_text(goals.read_text().replace("Give every child the best start.", "Give every child a good start."))
    code, out = validate(repo, capsys)
    assert code == 1
    for year in (2021, 2022):
        assert (
            f"goals.yml:1:1: error: this site-wide file, which the published {year} edition shows, has changed" in out
        )
    for year in (2021, 2022):
        note = "Goal 1's definition now reads as the framework states it."
        assert publish.run(root=repo, year=year, correction=note, today=datetime.date(2023, 3, 1)) == 0
        log = yaml.safe_load((repo / f"content/{year}/corrections.yml").read_text())["corrections"]
        assert log[-1]["files"] == [
            {
                "path": "content/goals.yml",
                "change": "changed",
                "fields": [
                    {
                        "field": "goals: 1 (early-years): definition",
                        "old": "Give every child the best start.",
                        "new": "Give every child a good start.",
                    }
                ],
            }
        ]
    capsys.readouterr()
    assert validate(repo, capsys)[0] == 0
    build(repo, tmp_path / "site")
    corrections = (tmp_path / "site/2022/corrections/index.html").read_text()
    assert "Give every child the best start." in corrections and "Give every child a good start." in corrections
    assert 'href="../goals/"' in corrections  # the log links the file to the page that lists the goals
    # The pages it changed say so: the goal's own page and the goals index.
    changed = ("goals/01-early-years/index.html", "goals/index.html")
    _notices(tmp_path / "site/2022", changed, "goals/02-school-years/index.html", "1 March 2023", "Goal 1's definition")


def _notices(site: Path, changed: tuple[str, ...], unchanged: str, date: str, note: str) -> None:
    """Each page a correction changed shows its notice (date and the note's start); another page does not."""
    for page in changed:
        assert f"<strong>Updated {date}:</strong> {note}" in (site / page).read_text(), page
    assert f"Updated {date}" not in (site / unchanged).read_text()


def test_a_lock_written_before_site_wide_files_were_locked_is_brought_up_to_date_without_a_correction(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An older lock (no site_wide list) gets one warning; publish YEAR adds the files as they were when the lock
    was committed, records no correction, and a change made since is then an error, corrected with its old
    value. A correction under the older lock leaves them alone (it once swept them in as 'added')."""
    lock = repo / "content/2022/lock.yml"
    shared = ("site_wide:", "- content/", "  content/goals.yml", "  content/places.yml", "  content/site.yml")
    shared += ("  content/pages/", "- theme/", "  theme/")
    for older in (lock, repo / "content/2021/lock.yml"):
        older.write_text("".join(line for line in older.read_text().splitlines(True) if not line.startswith(shared)))
    commit(repo, "locks written by an older levelup")
    code, out = validate(repo, capsys)
    assert code == 0  # a warning: a tree published with an older levelup still builds
    for year in (2021, 2022):
        every = "content/goals.yml, content/places.yml, content/site.yml or content/pages/"
        assert out.count(f"warning: content/{year}/lock.yml does not cover {every}") == 1
    page = repo / OUTDOOR
    page.write_text(page.read_text().replace("value: 61000", "value: 62000"))
    assert publish.run(root=repo, year=2022, correction=NOTE, today=datetime.date(2023, 2, 14)) == 0
    log = yaml.safe_load((repo / "content/2022/corrections.yml").read_text())["corrections"]
    assert [f["path"] for f in log[-1]["files"]] == [OUTDOOR]
    commit(repo, "correction")
    goals = repo / "content/goals.yml"
    goals.write_text(goals.read_text().replace("Give every child the best start.", "Give every child a good start."))
    capsys.readouterr()
    assert publish.run(root=repo, year=2022) == 0
    assert "no correction was recorded" in capsys.readouterr().out
    assert yaml.safe_load((repo / "content/2022/corrections.yml").read_text())["corrections"] == log
    locked = yaml.safe_load(lock.read_text())
    assert locked["site_wide"] == EVERY_SITE_WIDE
    code, out = validate(repo, capsys)  # goals.yml as committed with the lock: the edit since is a change
    assert code == 1 and "content/goals.yml:1:1: error: this site-wide file, which the published 2022 edition" in out
    assert publish.run(root=repo, year=2022, correction="Goal 1 reads as the framework states it.") == 0
    fields = yaml.safe_load((repo / "content/2022/corrections.yml").read_text())["corrections"][-1]["files"]
    assert fields[0]["fields"][0]["old"] == "Give every child the best start."


@pytest.mark.slow
def test_the_site_settings_and_pages_are_locked_by_every_published_edition(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The site's settings (its footer, say) and the site pages show in every edition: an edit to either, a page
    added or a picture added, is a correction to each published edition, and the page it changed says so."""
    about = repo / "content/pages/about.md"
    about.write_text(about.read_text().replace("one edition a year", "one edition every year"))
    site = repo / "content/site.yml"
    site.write_text(site.read_text().replace("Published by Exampleshire Council.", "Published by the council."))
    (repo / "content/pages/images").mkdir()
    (repo / "content/pages/images/map.png").write_bytes(b"\x89PNG\r\n\x1a\nxx")
    code, out = validate(repo, capsys)
    assert code == 1
    for year in (2021, 2022):
        shown = f"the published {year} edition shows"
        assert f"content/pages/about.md:1:1: error: this site-wide file, which {shown}, has changed" in out
        assert f"content/site.yml:1:1: error: this site-wide file, which {shown}, has changed" in out
        assert f"content/pages/images/map.png:1:1: error: {shown} this site-wide file, but its lock does not" in out
    for year in (2021, 2022):
        note = "The About page and the footer are worded more plainly, and a map is added."
        assert publish.run(root=repo, year=year, correction=note, today=datetime.date(2023, 4, 3)) == 0
        files = yaml.safe_load((repo / f"content/{year}/corrections.yml").read_text())["corrections"][-1]["files"]
        assert [(f["path"], f["change"]) for f in files] == [
            ("content/pages/about.md", "changed"),
            ("content/pages/images/map.png", "added"),
            ("content/site.yml", "changed"),
        ]
        assert files[2]["fields"] == [
            {"field": "footer", "old": "Published by Exampleshire Council.", "new": "Published by the council."}
        ]
        assert files[0]["fields"][0]["field"] == "body"
    assert validate(repo, capsys)[0] == 0
    build(repo, tmp_path / "site")
    # The site page and the edition's home (the settings show on every page) say so; another page does not.
    changed = ("about/index.html", "index.html")
    _notices(tmp_path / "site/2022", changed, "goals/index.html", "3 April 2023", "The About page and the footer")


def test_a_lock_that_covers_the_goals_and_places_only_is_brought_up_to_date(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A lock written when only the goals and places were locked: one warning naming the site's settings and
    pages; publish YEAR adds them as they were when the lock was committed (a page added since is then 'added'),
    and records no correction."""
    lock = repo / "content/2022/lock.yml"
    for older in (lock, repo / "content/2021/lock.yml"):
        lines = older.read_text().splitlines(True)
        gone = ("- content/site.yml", "- content/pages/", "  content/site.yml", "  content/pages/")
        older.write_text("".join(line for line in lines if not line.startswith(gone)))
    commit(repo, "locks written by the previous levelup")
    (repo / "content/pages/privacy.md").write_text("---\ntitle: Privacy\n---\nNo cookies.\n")
    code, out = validate(repo, capsys)
    assert code == 0
    for year in (2021, 2022):
        assert (
            f"content/{year}/lock.yml:1:1: warning: content/{year}/lock.yml does not cover content/site.yml or " in out
        )
    assert "content/pages/, whose words the published 2022 edition shows" in out
    added = "content/pages/privacy.md:1:1: error: the published 2022 edition shows this site-wide file, but"
    assert publish.run(root=repo, year=2022) == 0
    printed = capsys.readouterr().out
    assert "content/pages/about.md: locked as it was when content/2022/lock.yml was added to Git" in printed
    assert "privacy.md" not in printed
    assert not (repo / "content/2022/corrections.yml").exists()
    locked = yaml.safe_load(lock.read_text())
    assert locked["site_wide"] == EVERY_SITE_WIDE
    assert locked["files"]["content/pages/about.md"] == sha256((repo / "content/pages/about.md").read_bytes())
    code, out = validate(repo, capsys)
    assert code == 1 and added in out and "content/2022/lock.yml does not cover" not in out


def test_a_picture_shown_through_a_linked_images_folder_is_locked(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reader follows content/pages/images when it is a link inside the tree: so does the lock."""
    (repo / "imgs").mkdir()
    (repo / "imgs/chart.png").write_bytes(b"\x89PNG\r\n\x1a\nred")
    (repo / "imgs/notes.txt").write_text("shown nowhere")
    os.symlink("../../imgs", repo / "content/pages/images")
    relock(repo)
    commit(repo, "a picture")
    assert validate(repo, capsys)[0] == 0
    for year in (2021, 2022):
        locked = yaml.safe_load((repo / f"content/{year}/lock.yml").read_text())["files"]
        assert "content/pages/images/chart.png" in locked
        assert "content/pages/images/notes.txt" not in locked  # ignored by the reader: shown nowhere, not locked
    (repo / "imgs/chart.png").write_bytes(b"\x89PNG\r\n\x1a\nblue")
    code, out = validate(repo, capsys)
    assert code == 1 and "content/pages/images/chart.png:1:1: error: this site-wide file, which the published" in out


def test_the_older_lock_upgrade_keeps_its_hashes_and_takes_the_files_as_published(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An edit committed after publishing, then the lock's site_wide list cut short (by hand, or an older levelup
    and a later correction): publish YEAR keeps the hash the lock has and takes the others as they were when the
    lock was added to Git, so the edit is an error, not locked as it now stands."""
    about = repo / "content/pages/about.md"
    about.write_text(about.read_text().replace("one edition a year", "one edition a year, and met every target"))
    commit(repo, "an edit after publishing")
    site = repo / "content/site.yml"
    site.write_text(site.read_text().replace("Published by Exampleshire Council.", "Published by the council."))
    commit(repo, "another")
    for lock in (repo / "content/2022/lock.yml", repo / "content/2021/lock.yml"):
        lines = lock.read_text().splitlines(True)
        cut = ("- content/pages/", "- content/site.yml", "  content/site.yml")
        lock.write_text("".join(line for line in lines if not line.startswith(cut)))
    commit(repo, "the lists cut short")
    assert publish.run(root=repo, year=2022) == 0
    code, out = validate(repo, capsys)
    assert code == 1
    assert "content/pages/about.md:1:1: error: this site-wide file, which the published 2022 edition shows" in out
    assert "content/site.yml:1:1: error: this site-wide file, which the published 2022 edition shows" in out


def test_the_older_lock_upgrade_refuses_a_shallow_history(repo: Path, tmp_path: Path) -> None:
    lock = repo / "content/2022/lock.yml"
    lock.write_text("".join(line for line in lock.read_text().splitlines(True) if "content/pages/" not in line))
    commit(repo, "an older lock")
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    with pytest.raises(UsageError, match="the Git history here is shallow"):
        publish.run(root=clone, year=2022)


def test_the_older_lock_upgrade_works_in_a_folder_whose_name_is_not_ascii(tmp_path: Path) -> None:
    top = tmp_path / "repo"
    root = top / "audité"
    shutil.copytree(VALID, root)
    git(top, "init", "-q")
    lock = root / "content/2021/lock.yml"
    lock.write_text("".join(line for line in lock.read_text().splitlines(True) if "content/pages/" not in line))
    commit(top, "content")
    assert publish.run(root=root, year=2021) == 0
    assert "content/pages/about.md" in yaml.safe_load(lock.read_text())["files"]
    assert check(root).problems and not [p for p in check(root).problems if p.severity == "error"]


def test_a_file_that_cannot_be_read_is_an_error_at_its_path_not_an_internal_error(repo: Path) -> None:
    os.symlink("nowhere.yml", repo / "initiatives/2022/01-early-years/gone.yml")
    with pytest.raises(ContentError) as raised:
        publish.run(root=repo, year=2022, correction="A note.", today=datetime.date(2023, 5, 1))
    assert [p.path for p in raised.value.problems] == ["initiatives/2022/01-early-years/gone.yml"]


def test_a_corrected_picture_is_recorded_by_its_versions_and_noticed_on_each_page_that_showed_it(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A picture has no fields: its correction names each version by size and the start of its sha256 (not 'no
    field changed'), and records the files whose text shows it (in Markdown or raw HTML, %-encoded, through an
    edition's folder or from the site's root). Their pages carry its notice, one per correction however many of
    the page's files it changed, and keep it when the text later stops showing the picture; the log's heading for
    it leads to the first of them."""
    images = repo / "content/pages/images"
    images.mkdir()
    first, second = b"\x89PNG\r\n\x1a\nfirst", b"\x89PNG\r\n\x1a\nsecond!"
    (images / "map.png").write_bytes(first)
    (images / "key.png").write_bytes(b"\x89PNG\r\n\x1a\nkey")
    about = repo / "content/pages/about.md"
    shown_by = {
        "content/pages/about.md": "![The districts](images/map.png)\n\n![The key](images/key.png)",
        "initiatives/2022/01-early-years/index.md": "![The districts](../%69mages/map.png)",
        "initiatives/2022/01-early-years/reading-start.md": '<img src="../../../2021/images/map.png" alt="Map">',
        "initiatives/2022/02-school-years/outdoor-centres.md": '<img src="/2022/images/map.png" alt="The districts">',
        "initiatives/2022/03-good-jobs/job-fairs.md": '<img src="../../images/map.png" alt="Where the fairs were">',
    }
    for rel, text in shown_by.items():
        (repo / rel).write_text((repo / rel).read_text() + f"\n{text}\n")
    (repo / "initiatives/2022/02-school-years/index.md").write_text(
        (repo / "initiatives/2022/02-school-years/index.md").read_text() + "\n`![in code](../images/map.png)`\n"
    )
    for year in (2021, 2022):
        assert publish.run(root=repo, year=year, correction="A map is added.", today=datetime.date(2023, 4, 3)) == 0
    commit(repo, "a map")
    log = yaml.safe_load((repo / "content/2022/corrections.yml").read_text())["corrections"]
    was = f"13 bytes, sha256 {sha256(first)[:12]}..."
    picture = {"path": "content/pages/images/map.png", "change": "added"}
    fields = [{"field": "picture", "old": None, "new": was}]
    entries = {f["path"]: f for f in log[-1]["files"]}
    assert entries[picture["path"]] == {**picture, "fields": fields, "shown_by": list(shown_by)}
    assert entries["content/pages/images/key.png"]["shown_by"] == ["content/pages/about.md"]

    (images / "map.png").write_bytes(second)
    code, out = validate(repo, capsys)
    assert code == 1 and "content/pages/images/map.png:1:1: error: this site-wide file" in out
    for year in (2021, 2022):
        assert publish.run(root=repo, year=year, correction="The map is redrawn.", today=datetime.date(2023, 5, 9)) == 0
    commit(repo, "the map redrawn")
    files = yaml.safe_load((repo / "content/2022/corrections.yml").read_text())["corrections"][-1]["files"]
    now = f"15 bytes, sha256 {sha256(second)[:12]}..."
    fields = [{"field": "picture", "old": was, "new": now}]
    assert files == [{**picture, "change": "changed", "fields": fields, "shown_by": list(shown_by)}]

    # The key goes: the About page no longer shows it, and keeps the notices of the corrections that did.
    about.write_text(about.read_text().replace("\n![The key](images/key.png)\n", "\n"))
    (images / "key.png").unlink()
    for year in (2021, 2022):
        assert publish.run(root=repo, year=year, correction="The key is removed.", today=datetime.date(2023, 6, 1)) == 0
    project = check(repo).project
    assert project is not None
    edition = next(e for e in project.editions if e.year == 2022)
    shown = {
        page: [(n.correction.note, [f.path.rsplit("/", 1)[-1] for f in n.files]) for n in found]
        for page, found in notices(edition).items()
    }
    assert shown["about.md"] == [
        ("A map is added.", ["about.md", "key.png", "map.png"]),
        ("The map is redrawn.", ["map.png"]),
        ("The key is removed.", ["about.md"]),  # the page's own text no longer shows it
    ]
    assert shown["initiatives/job-fairs.md"] == [
        ("A map is added.", ["map.png", "job-fairs.md"]),  # in the correction's order
        ("The map is redrawn.", ["map.png"]),
    ]
    redrawn = [page for page, found in shown.items() if ("The map is redrawn.", ["map.png"]) in found]
    assert redrawn == [
        "about.md",
        "goals/01-early-years.md",
        "initiatives/reading-start.md",
        "initiatives/outdoor-centres.md",
        "initiatives/job-fairs.md",
    ]
    # A picture's address in code is text, not a picture: that page's notice is of its own text only.
    assert shown["goals/02-school-years.md"] == [("A map is added.", ["index.md"])]
    newest = corrections.log(project, edition)[1]
    assert newest[0].note == "The map is redrawn." and [(f.path, page) for f, page in newest[1]] == [
        ("content/pages/images/map.png", "about.md")
    ]


@pytest.fixture
def themed_repo(tmp_path: Path) -> Path:
    """The valid fixture with its own copy of the bundled theme, in Git, its 2022 edition published by this levelup
    (the fixture's 2021 lock predates the theme's locking, and is brought up to date as published)."""
    root = tmp_path / "project"
    shutil.copytree(VALID, root)
    shutil.copytree(TOOL_THEME, root / "theme")
    (root / "theme/.notes.txt").write_text("not part of the theme")
    (root / "theme/README.md").write_text("Notes on the theme.")
    git(root, "init", "-q")
    commit(root, "content")
    assert publish.run(root=root, year=2021) == 0  # covers the theme as it was when the 2021 lock was committed
    assert publish.run(root=root, year=2022, today=datetime.date(2022, 6, 1)) == 0
    commit(root, "publish 2022")
    return root


def test_a_trees_own_theme_is_locked_and_its_changes_are_public_corrections(
    themed_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The tree's own theme words and lays out every page: a label reworded or a template edited is a correction
    to every published edition, each file recorded by its versions (size and sha256: its text, shown in the log by
    whichever templates the tree has, could read as markup), with a notice on the edition's home. Files the theme's
    reader never reads (hidden ones, one beside labels.yml) are not locked."""
    root = themed_repo
    for year in (2021, 2022):
        lock = yaml.safe_load((root / f"content/{year}/lock.yml").read_text())
        assert "theme/" in lock["site_wide"] and "theme/labels.yml" in lock["files"]
        assert "theme/templates/initiative.md.j2" in lock["files"] and "theme/.notes.txt" not in lock["files"]
        assert "theme/README.md" not in lock["files"]
    assert validate(root, capsys)[0] == 0
    labels = root / "theme/labels.yml"
    old_labels = labels.read_bytes()
    labels.write_text(labels.read_text().replace("  active: Active\n", "  active: Completed\n", 1))
    template = root / "theme/templates/initiative.md.j2"
    old_template = template.read_bytes()
    template.write_text(template.read_text() + "\n<p>Figures are as {{ '{year}' }} reported them.</p>\n")
    (root / "theme/.notes.txt").write_text("still not part of the theme")
    (root / "theme/README.md").write_text("Notes on the theme, edited.")
    code, out = validate(root, capsys)
    assert code == 1
    for year in (2021, 2022):
        changed = f"error: this site-wide file, which the published {year} edition shows, has changed since then"
        assert f"theme/labels.yml:1:1: {changed}" in out
        assert f"theme/templates/initiative.md.j2:1:1: {changed}" in out
    assert ".notes.txt" not in out and "README.md" not in out
    note = "An initiative's status read Completed where the source says Active; a sentence on figures is added."
    for year in (2021, 2022):
        assert publish.run(root=root, year=year, correction=note, today=datetime.date(2023, 4, 3)) == 0
    files = yaml.safe_load((root / "content/2022/corrections.yml").read_text())["corrections"][-1]["files"]
    assert [(f["path"], f["change"]) for f in files] == [
        ("theme/labels.yml", "changed"),
        ("theme/templates/initiative.md.j2", "changed"),
    ]

    def version(raw: bytes) -> str:
        return f"{len(raw):,} bytes, sha256 {sha256(raw)[:12]}..."

    assert [f["fields"] for f in files] == [
        [{"field": "file", "old": version(old_labels), "new": version(labels.read_bytes())}],
        [{"field": "file", "old": version(old_template), "new": version(template.read_bytes())}],
    ]
    assert validate(root, capsys)[0] == 0
    project = check(root).project
    assert project is not None
    edition = next(e for e in project.editions if e.year == 2022)
    [home] = notices(edition)["index.md"]
    assert home.correction.note == note and [f.path for f in home.files] == [f["path"] for f in files]
    assert [page for _, page in corrections.log(project, edition)[0][1]] == ["index.md", "index.md"]


def test_a_theme_added_to_a_tree_with_a_published_edition_is_a_correction(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A theme of the tree's own, added after publishing, changes the published pages: each file of it is an
    added site-wide file until recorded, and is recorded by its size and sha256, not as pages of template text."""
    shutil.copytree(TOOL_THEME, repo / "theme")
    code, out = validate(repo, capsys)
    assert code == 1
    added = "error: the published 2022 edition shows this site-wide file, but its lock does not cover it"
    assert f"theme/labels.yml:1:1: {added}" in out and f"theme/overrides/main.html:1:1: {added}" in out
    # The 2021 lock predates the theme's locking: a warning, which publish 2021 answers.
    assert "content/2021/lock.yml does not cover theme/, whose words the published 2021 edition shows" in out
    assert publish.run(root=repo, year=2022, correction="The site has its own theme.") == 0
    files = yaml.safe_load((repo / "content/2022/corrections.yml").read_text())["corrections"][-1]["files"]
    labels = next(f for f in files if f["path"] == "theme/labels.yml")
    raw = (TOOL_THEME / "labels.yml").read_bytes()
    assert labels["change"] == "added" and labels["fields"] == [
        {"field": "file", "old": None, "new": f"{len(raw):,} bytes, sha256 {sha256(raw)[:12]}..."}
    ]


def test_the_bundled_theme_is_no_trees_own_and_is_not_locked() -> None:
    """levelup's checkout is also the bundled content's tree: its theme/ is levelup's code, not the content's."""
    assert not own_theme(REPO)
    assert not [p for p in site_wide_paths(REPO) if p.startswith("theme/")]
    lock = yaml.safe_load((REPO / "content/2022/lock.yml").read_text())
    assert not [p for p in lock["files"] if p.startswith("theme/")]


def _without_theme_in_lock(root: Path, year: int) -> None:
    """The year's lock as an older levelup wrote it, before the theme was locked: no theme/ name, no theme file."""
    lock = root / f"content/{year}/lock.yml"
    lock.write_text("".join(line for line in lock.read_text().splitlines(True) if "theme/" not in line))


def test_the_older_lock_upgrade_takes_the_theme_as_published_even_when_it_is_gone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A theme the tree had when its lock was committed is locked as it was then, though it was removed since (the
    removal is then an error); a tree that never had one gets nothing, and a correction made since is not undone."""
    root = tmp_path / "project"
    shutil.copytree(VALID, root)
    shutil.copytree(TOOL_THEME, root / "theme")
    git(root, "init", "-q")
    assert publish.run(root=root, year=2022, today=datetime.date(2022, 6, 1)) == 0
    _without_theme_in_lock(root, 2022)
    commit(root, "published by an older levelup, with its own theme")
    git(root, "rm", "-r", "-q", "theme")
    (root / "notes.txt").write_text("A file added after the lock: the lock's commit is the one that added it.")
    commit(root, "the theme removed")
    assert publish.run(root=root, year=2022) == 0
    assert "theme/labels.yml" in yaml.safe_load((root / "content/2022/lock.yml").read_text())["files"]
    code, out = validate(root, capsys)
    assert code == 1 and "theme/labels.yml:1:1: error: this site-wide file, which the published 2022 edition" in out

    plain = tmp_path / "plain"
    shutil.copytree(VALID, plain)
    git(plain, "init", "-q")
    assert publish.run(root=plain, year=2022, today=datetime.date(2022, 6, 1)) == 0
    commit(plain, "published")
    (plain / "content/pages/about.md").unlink()
    for year in (2021, 2022):
        assert publish.run(root=plain, year=year, correction="The About page is gone.") == 0
    _without_theme_in_lock(plain, 2022)
    commit(plain, "the About page removed, by an older levelup")
    assert publish.run(root=plain, year=2022) == 0
    files = yaml.safe_load((plain / "content/2022/lock.yml").read_text())["files"]
    assert not [p for p in files if p.startswith("theme/") or p == "content/pages/about.md"]
    assert validate(plain, capsys)[0] == 0


def test_in_a_checkout_of_levelup_the_upgrade_leaves_the_bundled_theme_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """There the theme/ beside the content is levelup's own: an older lock that lacks only theme/ gets nothing."""
    root = tmp_path / "levelup"
    shutil.copytree(VALID, root)
    shutil.copytree(TOOL_THEME, root / "theme")
    monkeypatch.setattr(theme_module, "TOOL_THEME", root / "theme")  # this tree stands for the checkout
    git(root, "init", "-q")
    assert publish.run(root=root, year=2022, today=datetime.date(2022, 6, 1)) == 0
    assert not [p for p in yaml.safe_load((root / "content/2022/lock.yml").read_text())["files"] if "theme/" in p]
    _without_theme_in_lock(root, 2022)
    commit(root, "published by an older levelup")
    assert publish.run(root=root, year=2022) == 0
    lock = yaml.safe_load((root / "content/2022/lock.yml").read_text())
    assert "theme/" in lock["site_wide"] and not [p for p in lock["files"] if p.startswith("theme/")]
    assert "locked as they are now" not in capsys.readouterr().out
    assert validate(root, capsys)[0] == 0


def test_the_older_lock_upgrade_takes_a_linked_file_as_the_file_it_showed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Git keeps a link, not its file: a theme file that was a link when the lock was committed is locked as the
    file it led to, so replacing the link with a copy (as the error for links says) changes nothing."""
    root = tmp_path / "project"
    shutil.copytree(VALID, root)
    shutil.copytree(TOOL_THEME, root / "theme")
    git(root, "init", "-q")
    assert publish.run(root=root, year=2022, today=datetime.date(2022, 6, 1)) == 0
    lock = root / "content/2022/lock.yml"
    _without_theme_in_lock(root, 2022)
    print_css = root / "theme/assets/print.css"
    print_css.symlink_to("extra.css")
    commit(root, "published by an older levelup, which followed links")
    print_css.unlink()
    shutil.copyfile(root / "theme/assets/extra.css", print_css)
    commit(root, "the link replaced by a copy")
    assert publish.run(root=root, year=2022) == 0
    files = yaml.safe_load(lock.read_text())["files"]
    assert files["theme/assets/print.css"] == sha256((root / "theme/assets/extra.css").read_bytes())
    assert validate(root, capsys)[0] == 0


@pytest.mark.parametrize(
    ("address", "page", "markdown", "root", "name"),
    [
        ("images/map.png", "about.md", True, "/", "map.png"),
        ("../%69mages/map.png", "goals/01-x.md", True, "/", "map.png"),
        ("../../../2021/images/map.png", "initiatives/x.md", False, "/", "map.png"),
        ("../../../latest/images/map.png", "initiatives/x.md", False, "/", "map.png"),  # the newest edition's folder
        ("/latest/images/map.png", "initiatives/x.md", False, "/", "map.png"),
        ("/our%20audit/2022/images/map.png", "initiatives/x.md", False, "/our audit/", "map.png"),
        ("/2022/images/map.png", "initiatives/x.md", False, "/our audit/", None),  # not under the site's root
        ("../../../1999/images/map.png", "initiatives/x.md", False, "/", None),  # no such edition
        ("../images/sub/map.png", "initiatives/x.md", True, "/", None),
    ],
)
def test_a_pictures_address_is_read_as_the_links_check_reads_it(
    address: str, page: str, markdown: bool, root: str, name: str | None
) -> None:
    assert _picture(address, page, markdown, {"2021", "2022", "latest"}, root) == name


def test_an_older_lock_not_in_git_is_brought_up_to_date_with_the_files_as_they_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without Git there is no published text to take: the site-wide files are locked as they are, and it says so."""
    root = tmp_path / "project"
    shutil.copytree(VALID, root)
    shutil.copytree(TOOL_THEME, root / "theme")
    assert publish.run(root=root, year=2022, today=datetime.date(2022, 6, 1)) == 0
    lock = root / "content/2022/lock.yml"
    _without_theme_in_lock(root, 2022)
    capsys.readouterr()
    assert publish.run(root=root, year=2022) == 0
    assert "theme/: locked as they are now (the lock is not in Git)" in capsys.readouterr().out
    files = yaml.safe_load(lock.read_text())["files"]
    assert files["theme/labels.yml"] == sha256((root / "theme/labels.yml").read_bytes())


def test_a_correction_that_would_make_the_log_unreadable_is_refused_and_nothing_is_written(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The log keeps each corrected body whole, old and new: corrections of long bodies fill it up to the reader's
    limit. The one that would pass it is refused before anything is written, not by validate afterwards."""
    pages = sorted((repo / "initiatives/2022").glob("*/*.md"))

    def rewrite(version: int) -> None:
        for page in pages:
            head, _, _ = page.read_text(encoding="utf-8").rpartition("---\n")
            words = "Families read together in the library, with rhymes for babies. " * 4
            body = "\n".join(f"Paragraph {n} of version {version}. {words}\n" for n in range(200))
            page.write_text(f"{head}---\n{body}", encoding="utf-8")

    for version in (1, 2):
        rewrite(version)
        assert main(["publish", "2022", "--correction", f"Version {version}.", "--root", str(repo)]) == 0
        commit(repo, f"correction {version}")
    assert validate(repo, capsys)[0] == 0
    log, lock = repo / "content/2022/corrections.yml", repo / "content/2022/lock.yml"
    before = log.read_bytes(), lock.read_bytes()
    assert 600_000 < len(before[0]) < 1024 * 1024
    rewrite(3)
    capsys.readouterr()
    assert main(["publish", "2022", "--correction", "Version 3.", "--root", str(repo)]) == 1
    out = capsys.readouterr().out
    assert "content/2022/corrections.yml:1:1: error: the file is 1," in out
    assert "the limit is 1,024 KB (nothing was changed; content/2022/corrections.yml and content/2022/lock.yml" in out
    assert (log.read_bytes(), lock.read_bytes()) == before
    assert not [p for p in (repo / "content/2022").iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("name", [b"a\x01b.txt", b"a\xffb.txt"], ids=["control", "not-utf-8"])
def test_a_file_name_a_lock_cannot_hold_is_named_before_anything_is_written(
    project: Path, name: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    stray = os.path.join(os.fsencode(project / "content/2022"), name)
    with open(stray, "wb") as handle:
        handle.write(b"notes\n")
    assert main(["publish", "2022", "--root", str(project)]) == 1
    out = capsys.readouterr().out
    assert "cannot be locked (rename it, or move it out of the edition)" in out
    assert out.count("error:") == 1 and "lock.yml" not in out
    assert not (project / "content/2022/lock.yml").exists()
    os.remove(stray)
    assert main(["publish", "2022", "--root", str(project)]) == 0


def test_a_correction_note_with_a_control_character_is_refused_as_the_note(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = repo / OUTDOOR
    page.write_text(page.read_text().replace("value: 61000", "value: 62000"))
    assert main(["publish", "2022", "--correction", "The figure\x01 was wrong.", "--root", str(repo)]) == 2
    assert "the correction note must be plain text (no control characters)" in capsys.readouterr().err
    assert not (repo / "content/2022/corrections.yml").exists()
