"""Reading a published text back from Git, in a small repository of its own: which versions are tried, in which
order, how many, and which files can be read as content at all."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from generator.content import history
from generator.content.fingerprint import sha256
from generator.content.history import _blobs, parse_content, published_text

REL = "content/a b.yml"  # a space, and --literal-pathspecs: the name is not a pattern


def _git(root: Path, *args: str) -> str:
    command = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


def _commit(root: Path, text: str) -> str:
    path = root / REL
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    _git(root, "add", "--", REL)
    _git(root, "commit", "-q", "-m", text)
    return _git(root, "rev-parse", f"HEAD:{REL}")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    _git(tmp_path, "init", "-q")
    return tmp_path


def test_versions_are_the_index_then_commits_newest_first_without_deletions(repo: Path) -> None:
    first = _commit(repo, "v: 1\n")
    second = _commit(repo, "v: 2\n")
    (repo / REL).write_text("v: 3\n", encoding="utf-8")
    _git(repo, "add", "--", REL)
    staged = _git(repo, "rev-parse", f":{REL}")
    assert _blobs(repo, REL) == [staged, second, first]
    _git(repo, "rm", "-q", "--cached", "--", REL)
    _git(repo, "commit", "-q", "-m", "gone")
    assert _blobs(repo, REL) == [second, first]  # the deletion's all-zero id is no version


def test_at_most_max_versions_are_tried(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _commit(repo, "v: 1\n")
    newest = _commit(repo, "v: 2\n")
    monkeypatch.setattr(history, "MAX_VERSIONS", 1)
    assert _blobs(repo, REL) == [newest]  # the index holds the newest commit's blob


def test_the_published_text_is_found_by_its_fingerprint(repo: Path) -> None:
    _commit(repo, "v: 1\n")
    _commit(repo, "v: 2\n")
    _commit(repo, "v: 3\n")
    assert published_text(repo, REL, sha256(b"v: 1\n")) == b"v: 1\n"
    assert published_text(repo, REL, sha256(b"v: 2\r\n")) == b"v: 2\n"  # fingerprints are of normalised text
    assert published_text(repo, REL, sha256(b"v: 9\n")) is None
    assert published_text(repo, "content/other.yml", sha256(b"v: 1\n")) is None


def test_outside_a_repository_nothing_is_found(tmp_path: Path) -> None:
    assert _blobs(tmp_path, REL) == []
    assert published_text(tmp_path, REL, sha256(b"v: 1\n")) is None
    assert history._git(tmp_path / "missing", "status") is None


@pytest.mark.parametrize(
    ("rel", "raw", "parsed"),
    [
        ("a.md", b"---\ntitle: x\n---\nBody\n", ({"title": "x"}, "Body\n")),
        ("a.md", b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nBody\r\n", ({"title": "x"}, "Body\n")),
        ("a.yml", b"a: 1\n", ({"a": 1}, None)),
        ("a.yaml", b"a: 1\n", ({"a": 1}, None)),
        ("a.yml", b"- a\n", None),
        ("a.yml", b"a: [1\n", None),
        ("a.yml", b"a: 1\na: 2\n", None),
        ("a.yml", b"\xff", None),
        ("a.txt", b"a: 1\n", None),
        ("a.md", b"no front matter\n", None),
        ("a.md", b"---\n- a\n---\nx\n", None),
        ("a.md", b"---\na: [\n---\nx\n", None),
    ],
)
def test_content_is_read_as_fields_and_body_or_not_at_all(
    rel: str, raw: bytes, parsed: tuple[dict[str, object], str | None] | None
) -> None:
    assert parse_content(rel, raw) == parsed


def test_only_the_file_asked_for_is_listed(repo: Path) -> None:
    ours = _commit(repo, "v: 1\n")
    (repo / "content/other.yml").write_text("w: 1\n", encoding="utf-8")
    _git(repo, "add", "--", "content/other.yml")
    assert _blobs(repo, REL) == [ours]  # the index holds another file too, and a later commit does not touch ours
    _git(repo, "commit", "-q", "-m", "other")
    assert _blobs(repo, REL) == [ours]


def test_a_name_that_starts_with_a_dash_is_a_name_not_an_option(repo: Path) -> None:
    (repo / "-v.yml").write_text("v: 1\n", encoding="utf-8")
    _git(repo, "add", "--", "-v.yml")
    first = _git(repo, "rev-parse", ":-v.yml")
    assert _blobs(repo, "-v.yml") == [first]  # in the index only
    _git(repo, "commit", "-q", "-m", "dash")
    (repo / "-v.yml").write_text("v: 2\n", encoding="utf-8")
    _git(repo, "add", "--", "-v.yml")
    second = _git(repo, "rev-parse", ":-v.yml")
    _git(repo, "commit", "-q", "-m", "dash 2")
    assert _blobs(repo, "-v.yml") == [second, first]


def test_a_file_deleted_from_the_work_tree_keeps_its_versions(repo: Path) -> None:
    first = _commit(repo, "v: 1\n")
    second = _commit(repo, "v: 2\n")
    _git(repo, "rm", "-q", "--", REL)  # gone from the index and the disc: the name is no longer a path git can see
    _git(repo, "commit", "-q", "-m", "gone")
    assert not (repo / REL).exists()
    assert _blobs(repo, REL) == [second, first]


def test_versions_on_other_branches_are_found(repo: Path) -> None:
    first = _commit(repo, "v: 1\n")
    main = _git(repo, "rev-parse", "--abbrev-ref", "HEAD")
    _git(repo, "checkout", "-q", "-b", "draft")
    draft = _commit(repo, "v: draft\n")
    _git(repo, "checkout", "-q", main)
    assert draft in _blobs(repo, REL)
    assert _blobs(repo, REL)[0] == first  # the index (the checked-out branch) first
    assert published_text(repo, REL, sha256(b"v: draft\n")) == b"v: draft\n"


def test_a_version_made_by_a_merge_is_found(repo: Path) -> None:
    _commit(repo, "v: 1\n")
    main = _git(repo, "rev-parse", "--abbrev-ref", "HEAD")
    _git(repo, "checkout", "-q", "-b", "side")
    _commit(repo, "v: side\n")
    _git(repo, "checkout", "-q", main)
    _commit(repo, "v: main\n")
    subprocess.run(["git", "-C", str(repo), "merge", "-q", "side"], capture_output=True)  # a conflict, resolved by hand
    merged = _commit(repo, "v: merged\n")  # the merge commit: log --raw shows no diff for it
    _commit(repo, "v: after\n")  # its only trace in the log is as this commit's old version
    assert merged in _blobs(repo, REL)
    assert published_text(repo, REL, sha256(b"v: merged\n")) == b"v: merged\n"


def test_a_git_that_hangs_is_given_up_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "git"
    fake.write_text("#!/bin/sh\nexec sleep 3\n", encoding="utf-8")  # would succeed, with no output, after 3 s
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    monkeypatch.setattr(history, "GIT_TIMEOUT", 0.2)
    assert history._git(tmp_path, "status") is None


def test_a_pretty_format_in_the_git_config_adds_nothing_to_the_versions(repo: Path) -> None:
    _git(repo, "config", "format.pretty", "format:%s")  # log would print each subject at the start of a line
    path = repo / REL
    path.parent.mkdir(parents=True)
    path.write_text("v: 1\n", encoding="utf-8")
    _git(repo, "add", "--", REL)
    _git(repo, "commit", "-q", "-m", ":100644 100644 1111111111 2222222222 M")  # a subject that looks like a diff
    assert _blobs(repo, REL) == [_git(repo, "rev-parse", f"HEAD:{REL}")]
