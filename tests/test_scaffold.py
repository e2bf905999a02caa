"""new initiative / new edition: files that validate and build, unique ids, and nothing overwritten."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import yaml

from generator import write
from generator.cli import main
from generator.commands import publish
from generator.commands.build import build
from generator.content.read import SCHEMA_DIR
from generator.editions.scaffold import slug


def new(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["new", *args, "--root", str(root)])
    out = capsys.readouterr()
    return code, out.out, out.err


def front(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text().split("---\n")[1])
    assert isinstance(data, dict)
    return data


def snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_new_initiative_writes_a_valid_commented_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = new(project, capsys, "initiative", "--edition", "2022", "--goal", "3", "--title", "Job clubs")
    assert (code, out) == (0, "initiatives/2022/03-good-jobs/job-clubs.md\n")
    path = project / "initiatives/2022/03-good-jobs/job-clubs.md"
    text = path.read_text()
    schema = re.search(r"^# yaml-language-server: \$schema=(\S+)$", text, re.M)
    assert schema and (path.parent / schema.group(1)).resolve() == (SCHEMA_DIR / "initiative.schema.json").resolve()
    assert front(path) == {
        "id": "job-clubs",
        "title": "Job clubs",
        "goal": 3,
        "status": "not-stated",
        "summary": "TODO: one or two plain-English sentences on what it does and for whom.",
        "source": "Exampleshire audit update, 2022",
        "last_reported": 2022,
    }
    assert "# status" not in text and "# one of: planned | in-development" in text  # each field says what it takes
    assert main(["validate", "--root", str(project)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "0 errors, 2 warnings in 19 files"


@pytest.mark.parametrize(
    ("title", "ident"),
    [
        ("Reading Start", "reading-start-2"),  # taken in this edition
        ("Family hubs", "family-hubs-2"),  # taken in another edition: the same id would mean the same initiative
        ("Café & crèche: phase 2!", "cafe-creche-phase-2"),
        ("東京", "initiative"),
        ("A " * 100, "a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a"),
    ],
)
def test_ids_are_unique_slugs_of_the_title(
    project: Path, capsys: pytest.CaptureFixture[str], title: str, ident: str
) -> None:
    code, out, _ = new(project, capsys, "initiative", "--edition", "2022", "--goal", "1", "--title", title)
    assert (code, out) == (0, f"initiatives/2022/01-early-years/{ident}.md\n")
    assert front(project / out.strip())["title"] == " ".join(title.split())
    assert main(["validate", "--root", str(project)]) == 0


def test_slug_never_exceeds_its_limit() -> None:
    assert len(slug("x" * 10_000, set())) == 60
    assert slug("x" * 10_000, {"x" * 60}) == "x" * 60 + "-2"


def test_an_explicit_id_may_reuse_another_editions_id(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ("initiative", "--edition", "2022", "--goal", "1", "--title", "Family hubs", "--id", "family-hubs")
    assert new(project, capsys, *args)[:2] == (0, "initiatives/2022/01-early-years/family-hubs.md\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--edition", "2021", "--goal", "1", "--title", "X"], "the 2021 edition is published"),
        (["--edition", "2030", "--goal", "1", "--title", "X"], "there is no 2030 edition"),
        (["--edition", "2022", "--goal", "9", "--title", "X"], "there is no goal 9"),
        (["--edition", "2022", "--goal", "1", "--title", "   "], "--title must not be empty"),
        (["--edition", "2022", "--goal", "1", "--title", "x" * 10_000], "the title is 10000 characters"),
        (["--edition", "2022", "--goal", "1", "--title", "<script>alert(1)</script>"], "must be plain text"),
        (["--edition", "2022", "--goal", "1", "--title", "X", "--id", "Not A Slug"], "is not a lowercase slug"),
        (["--edition", "2022", "--goal", "1", "--title", "X", "--id", "reading-start"], "already has an initiative"),
        (["--goal", "1", "--title", "X"], "usage: new initiative"),
    ],
)
def test_wrong_new_initiatives_write_nothing(
    project: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = snapshot(project)
    code, _, err = new(project, capsys, "initiative", *args)
    assert code == 2 and message in err
    assert snapshot(project) == before


def test_new_edition_copies_the_newest_as_a_draft(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = new(project, capsys, "edition", "2023")
    assert code == 0 and "Started the 2023 edition from 2022" in out
    assert "3 initiatives carried forward" in out
    edition = (project / "content/2023/edition.yml").read_text()
    assert edition.startswith("# Started from the 2022 edition by `levelup new edition 2023`")
    assert yaml.safe_load(edition) | {"metrics": None} == {
        "year": 2023,
        "title": "Audit 2023",
        "status": "draft",
        "source": "Exampleshire audit update, 2022",
        "summary": "The second audit, carrying the first forward and adding what is new.",
        "metrics": None,
    }
    old = sorted(p.relative_to(project / "initiatives/2022") for p in (project / "initiatives/2022").rglob("*.md"))
    new_files = sorted(
        p.relative_to(project / "initiatives/2023") for p in (project / "initiatives/2023").rglob("*.md")
    )
    assert old == new_files
    for rel in old:  # carried forward as they are: last_reported and status unchanged
        assert (project / "initiatives/2023" / rel).read_bytes() == (project / "initiatives/2022" / rel).read_bytes()
    assert main(["validate", "--root", str(project)]) == 0


def test_scaffolds_validate_and_build(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(project, capsys, "edition", "2023")[0] == 0
    assert new(project, capsys, "initiative", "--edition", "2023", "--goal", "2", "--title", "Swim school")[0] == 0
    build(project, tmp_path / "site")
    site = tmp_path / "site/2023"
    assert "TODO: say in plain English" in (site / "initiatives/swim-school/index.html").read_text()
    changes = (site / "changes/index.html").read_text()
    assert "Swim school" in changes  # new in 2023
    assert "3 initiatives are in the 2023 edition as an earlier edition reported them" in changes


def test_new_edition_from_a_published_one_leaves_its_lock_behind(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    publish.run(root=project, year=2022, today=datetime.date(2022, 6, 1))
    assert new(project, capsys, "edition", "2023")[0] == 0
    assert sorted(p.name for p in (project / "content/2023").iterdir()) == ["edition.yml"]
    assert "status: draft" in (project / "content/2023/edition.yml").read_text()
    assert main(["validate", "--root", str(project)]) == 0


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("2021", "content/2021/ already exists"),
        ("1999", "later than the newest one (2022)"),
        ("99999", "is not a year"),
    ],
)
def test_wrong_new_editions_write_nothing(
    project: Path, capsys: pytest.CaptureFixture[str], year: str, message: str
) -> None:
    before = snapshot(project)
    code, _, err = new(project, capsys, "edition", year)
    assert code == 2 and message in err
    assert snapshot(project) == before


def test_new_edition_never_overwrites(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "initiatives/2023").mkdir()
    (project / "initiatives/2023/notes.txt").write_text("mine")
    before = snapshot(project)
    code, _, err = new(project, capsys, "edition", "2023")
    assert code == 2 and "initiatives/2023/ already exists; refusing to overwrite it" in err
    assert snapshot(project) == before


def test_a_failed_new_edition_leaves_nothing_behind(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(project)
    real = write.write_files
    calls: list[Path] = []

    def full_disk(base: Path, files: dict[str, str | bytes]) -> None:
        calls.append(base)
        if len(calls) == 2:  # content/2023 is staged; initiatives/2023 hits a full disk
            raise OSError(28, "No space left on device")
        real(base, files)

    monkeypatch.setattr(write, "write_files", full_disk)
    code, _, err = new(project, capsys, "edition", "2023")
    assert code == 1 and "cannot write the 2023 edition: No space left on device; nothing was written" in err
    assert snapshot(project) == before
    assert sorted(p.name for p in project.rglob("*") if p.name.startswith(".")) == []
