"""Reading, unit by unit: front matter split at its exact lines, decoding with positions, links out of the root."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from conftest import relock, unreadable

from generator.content.enums import DocumentKind
from generator.content.problems import Problem
from generator.content.read import IMAGE_LIMIT, Sources, _decode, escaping_link, load, split_front_matter

NO_FRONT = "start the file with a line '---', then the fields, then another '---'"


def test_front_matter_is_split_at_its_closing_line() -> None:
    assert split_front_matter("---\na: 1\nb: 2\n---\nBody\nmore", "x.md") == ("a: 1\nb: 2", "Body\nmore", 5, [])
    assert split_front_matter("--- \na: 1\n...  \nBody", "x.md") == ("a: 1", "Body", 4, [])
    assert split_front_matter("---\n---\n", "x.md") == ("", "", 3, [])
    assert split_front_matter("---\na: ---\n---", "x.md") == ("a: ---", "", 4, [])


def test_without_front_matter_or_without_its_end() -> None:
    assert split_front_matter("a: 1\n---\n", "x.md") == (
        None,
        "a: 1\n---\n",
        1,
        [Problem("x.md", 1, 1, "file has no front matter", hint=NO_FRONT)],
    )
    assert split_front_matter("", "x.md")[3][0].message == "file has no front matter"
    assert split_front_matter("---\na: 1\n", "x.md") == (
        None,
        "",
        1,
        [Problem("x.md", 1, 1, "front matter is not closed", hint="add a line '---' after the last field")],
    )


def test_decoding_names_the_first_bad_byte_and_its_position() -> None:
    assert _decode(b"\xef\xbb\xbfa\r\nb\rc", "x") == ("a\nb\nc", [])
    assert _decode(b"ok\nab\xe9cd", "x") == (
        None,
        [Problem("x", 2, 3, "file is not valid UTF-8 (byte 0xe9)", hint="save the file as UTF-8")],
    )
    assert _decode(b"\xff", "x")[1][0].position() == ("x", 1, 1)
    assert _decode(b"a\nbb\ncc\xe9", "x")[1][0].position() == ("x", 3, 3)  # counted from the last line feed


def test_a_link_out_of_the_root_or_dangling_is_found(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "in").mkdir(parents=True)
    (root / "in/file.md").write_text("x", encoding="utf-8")
    (tmp_path / "outside.md").write_text("x", encoding="utf-8")
    (root / "inside-link").symlink_to(root / "in")
    (root / "out-link.md").symlink_to(tmp_path / "outside.md")
    (root / "dangling.md").symlink_to(root / "missing.md")
    assert escaping_link(root, root / "in/file.md") is None
    assert escaping_link(root, root / "inside-link/file.md") is None
    assert escaping_link(root, root / "out-link.md") == root / "out-link.md"
    assert escaping_link(root, root / "dangling.md") == root / "dangling.md"
    (root / "loop").symlink_to(root / "loop")
    assert escaping_link(root, root / "loop") == root / "loop"


def test_only_png_and_jpeg_files_with_lowercase_names_are_pictures(project: Path) -> None:
    from generator.content.check import check

    images = project / "content/pages/images"
    images.mkdir(parents=True)
    (images / "folder.png").mkdir()
    (images / "Upper.png").write_bytes(b"\x89PNG\r\n\x1a\nxx")
    (images / "ok.png").write_bytes(b"\x89PNG\r\n\x1a\nxx")
    checked = check(relock(project))
    why = "warning: file is ignored: images/ holds .png and .jpg pictures with lowercase names such as my-chart.png"
    assert [p.text() for p in checked.problems if "images" in p.path] == [
        f"content/pages/images/Upper.png:1:1: {why}",
        f"content/pages/images/folder.png:1:1: {why}",
    ]
    assert checked.project is not None
    assert checked.project.images == (("ok.png", b"\x89PNG\r\n\x1a\nxx"),)


PNG = b"\x89PNG\r\n\x1a\n"


def read_errors(sources: Sources, under: str) -> list[str]:
    return [p.text() for p in sources.problems if p.path.startswith(under)]


def test_a_picture_counts_as_a_file_read_and_is_read_whole_up_to_the_limit(project: Path) -> None:
    images = project / "content/pages/images"
    images.mkdir(parents=True)
    before = load(project).files
    (images / "notes.txt").write_text("x", encoding="utf-8")  # ignored, not read
    exact = PNG + b"\x00" * (IMAGE_LIMIT - len(PNG))
    (images / "exact.png").write_bytes(exact)
    sources = load(project)
    assert sources.files == before + 1
    assert sources.images == {"exact.png": exact}
    assert read_errors(sources, "content/pages/images/exact") == []


def test_a_picture_over_the_limit_is_an_error(project: Path) -> None:
    images = project / "content/pages/images"
    images.mkdir(parents=True)
    (images / "big.png").write_bytes(PNG + b"\x00" * (IMAGE_LIMIT + 1 - len(PNG)))
    sources = load(project)
    hint = "save it smaller (a screenshot of one window is usually under 300 KB)"
    assert read_errors(sources, "content/pages/images") == [
        f"content/pages/images/big.png:1:1: error: image is over 2 MB ({hint})"
    ]
    assert sources.images == {}


def test_a_picture_that_cannot_be_read_is_named_with_the_reason(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    images = project / "content/pages/images"
    images.mkdir(parents=True)
    (images / "locked.png").write_bytes(PNG)
    unreadable(monkeypatch, "locked.png")
    sources = load(project)
    assert read_errors(sources, "content/pages/images") == [
        "content/pages/images/locked.png:1:1: error: cannot read file: Permission denied"
    ]
    assert sources.images == {}


def test_a_stored_tree_is_read_back_as_it_was_checked(project: Path) -> None:
    from generator.checkstore import CheckStore
    from generator.content.check import check

    fresh = load(project)
    assert fresh.digests == {}  # only with a store
    check(project, store=CheckStore(project))
    store = CheckStore(project)
    stored = load(project, store=store)
    assert stored.documents == fresh.documents and stored.problems == fresh.problems == []
    assert stored.files == fresh.files
    assert len(store.kept) == len(fresh.documents)  # every one of them came from the store
    texts = {d.path: (project / d.path).read_text(encoding="utf-8") for d in fresh.documents}
    assert stored.digests == {rel: hashlib.sha256(text.encode()).hexdigest() for rel, text in texts.items()}


def test_a_file_that_passed_is_not_checked_against_the_limits_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.checkstore import DOCUMENTS, CheckStore
    from generator.content import limits
    from generator.content.check import check
    from generator.seal import FOLDER

    fresh = load(project)
    check(project, store=CheckStore(project))
    (project / FOLDER / DOCUMENTS).unlink()  # the store knows the files passed, but not what reading gave
    checked: list[str] = []
    real = limits.markdown_problems
    monkeypatch.setattr(limits, "markdown_problems", lambda rel, *rest: checked.append(rel) or real(rel, *rest))
    assert load(project, store=CheckStore(project)).documents == fresh.documents and checked == []
    about = project / "content/pages/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    site = project / "content/site.yml"
    site.write_text(site.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert load(project, store=CheckStore(project)).problems == [] and checked == [
        "content/site.yml",
        "content/pages/about.md",
    ]


def test_every_file_is_counted_and_each_reading_problem_named_at_its_place(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.content import limits

    before = load(project).files
    pages = project / "content/pages"
    (pages / "empty.md").write_text(" \n\n", encoding="utf-8")
    (pages / "locked.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    (pages / "control.md").write_text("---\ntitle: x\n---\nab\x01c\n", encoding="utf-8")
    (pages / "big.md").write_bytes(b"x" * (limits.FILE_LIMIT + 1))
    real = limits.read_bytes

    def read_bytes(path: Path) -> tuple[bytes, int]:
        if path.name == "locked.md":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(limits, "read_bytes", read_bytes)
    sources = load(project)
    assert sources.files == before + 4
    assert read_errors(sources, "content/pages/") == [
        "content/pages/big.md:1:1: error: the file is 1,025 KB; the limit is 1,024 KB (split it into smaller files)",
        "content/pages/control.md:4:3: error: control character U+0001 is not allowed "
        "(delete it; only tabs and line breaks may be used)",
        "content/pages/empty.md:1:1: error: file is empty",
        "content/pages/locked.md:1:1: error: cannot read file: Permission denied",
    ]


def test_a_file_of_exactly_the_size_limit_is_read(project: Path) -> None:
    from generator.content import limits

    text = "---\ntitle: x\n---\n"
    (project / "content/pages/full.md").write_text(text + "x" * (limits.FILE_LIMIT - len(text)), encoding="utf-8")
    messages = [p.message for p in load(project).problems if p.path == "content/pages/full.md"]
    assert len(messages) == 1 and messages[0].startswith("the body is")


LINK = (
    "error: symbolic link leads outside the content folder (or nowhere); it is not followed "
    "(copy the file into the content folder instead of linking to it)"
)


def test_links_out_of_the_tree_are_each_named_once_and_not_followed(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside / "pictures").mkdir(parents=True)
    (outside / "page.md").write_text("---\ntitle: Out\n---\nBody\n", encoding="utf-8")
    (outside / "pictures/a.png").write_bytes(PNG)
    (outside / "pictures/b.png").write_bytes(PNG)
    pages = project / "content/pages"
    (pages / "out.md").symlink_to(outside / "page.md")
    (pages / "gone.md").symlink_to(pages / "missing.md")
    (pages / "alias.md").symlink_to(pages / "about.md")  # inside the tree: read like any file
    (pages / "images").symlink_to(outside / "pictures")
    sources = load(project)
    assert [p.text() for p in sources.problems] == [
        f"content/pages/gone.md:1:1: {LINK}",
        f"content/pages/out.md:1:1: {LINK}",
        f"content/pages/images:1:1: {LINK}",
    ]
    assert sources.images == {}
    pages_read = [d.path for d in sources.of_kind(DocumentKind.PAGE) if d.edition is None]
    assert pages_read == ["content/pages/about.md", "content/pages/alias.md"]
    assert [d.path for d in sources.of_kind(DocumentKind.SITE)] == ["content/site.yml"]


def test_a_content_folder_that_is_a_link_out_is_one_error(project: Path, tmp_path: Path) -> None:
    shutil.move(project / "content", tmp_path / "elsewhere")
    (project / "content").symlink_to(tmp_path / "elsewhere")
    sources = load(project)
    assert [p.text() for p in sources.problems if p.path.startswith("content")] == [f"content:1:1: {LINK}"]
    assert [d.path for d in sources.documents if d.path.startswith("content")] == []


def test_a_missing_or_dangling_file_an_empty_front_matter_and_every_problem_of_a_page(project: Path) -> None:
    from generator.content import limits

    pages = project / "content/pages"
    (pages / "bare.md").write_text("---\n---\nBody\n", encoding="utf-8")
    (pages / "both.md").write_text("---\ntitle: [x\n---\n" + "x" * (limits.BODY_LIMIT + 1), encoding="utf-8")
    (project / "content/goals.yml").unlink()
    (project / "content/site.yml").unlink()
    (project / "content/site.yml").symlink_to(project / "nowhere.yml")
    sources = load(project)
    assert [p.text() for p in sources.problems] == [
        f"content/site.yml:1:1: {LINK}",  # not also missing
        "content/goals.yml:1:1: error: required file is missing (create content/goals.yml)",
        "content/pages/bare.md:2:1: error: front matter is empty",
        "content/pages/both.md:2:10: error: YAML syntax error: expected ',' or ']', but got '<stream end>'",
        "content/pages/both.md:4:1: error: the body is 65 KB; the limit is 64 KB (split it into several pages)",
    ]
    assert [d.path for d in sources.documents if d.path.startswith("content/pages/")] == ["content/pages/about.md"]


def test_initiatives_are_read_past_every_ignored_entry_and_each_is_named(project: Path) -> None:
    from generator.content.fingerprint import current_state

    fresh = load(project)
    initiatives = project / "initiatives"
    (initiatives / "2000").write_text("x", encoding="utf-8")  # each sorts before what is read after it
    (initiatives / "1999").mkdir()
    (initiatives / "2022/00-notes.txt").write_text("x", encoding="utf-8")
    (initiatives / "2022/01-early-years/0-draft.txt").write_text("x", encoding="utf-8")
    (initiatives / "2022/01-early-years/a-folder.md").mkdir()
    sources = load(project)
    ignored = "warning: file is ignored:"
    assert [p.text() for p in sources.problems] == [
        "initiatives/1999:1:1: error: no edition 1999 in content/ (create content/1999/edition.yml, or move these "
        "files)",
        f"initiatives/2000:1:1: {ignored} initiatives/ holds one folder per edition year",
        f"initiatives/2022/00-notes.txt:1:1: {ignored} initiatives belong in a goal folder such as 01-<goal-slug>/",
        f"initiatives/2022/01-early-years/0-draft.txt:1:1: {ignored} only .md files are read here",
        f"initiatives/2022/01-early-years/a-folder.md:1:1: {ignored} only .md files are read here",
    ]
    assert sources.documents == fresh.documents
    read = [(d.kind, d.edition, d.folder) for d in sources.documents if d.path.startswith("initiatives/2022/01-")]
    assert read == [(DocumentKind.GOAL_PAGE, 2022, "01-early-years"), (DocumentKind.INITIATIVE, 2022, "01-early-years")]
    pages = [(d.path, d.kind, d.edition) for d in sources.documents if d.path.startswith("content/2021/")]
    assert pages == [
        ("content/2021/edition.yml", DocumentKind.EDITION, 2021),
        ("content/2021/foreword.md", DocumentKind.PAGE, 2021),
        ("content/2021/lock.yml", DocumentKind.LOCK, 2021),
    ]
    assert sources.fingerprints == {2021: current_state(project, 2021)} and sources.fingerprints[2021]


def test_the_markdown_in_text_fields_is_held_to_the_limits_yaml_files_and_front_matter(project: Path) -> None:
    site = project / "content/site.yml"
    text = site.read_text(encoding="utf-8")
    quoted = 'footer: "' + "> " * 40 + 'x"'  # a quote 40 deep
    site.write_text(text.replace("footer: Published by Exampleshire Council.", quoted), encoding="utf-8")
    about = project / "content/pages/about.md"
    text = about.read_text(encoding="utf-8")
    about.write_text(text.replace("title: About this site", quoted.replace("footer", "title")), encoding="utf-8")
    nested = "error: this line is nested 40 levels deep (lists, quotes, indentation); the limit is 10"
    assert [p.text() for p in load(project).problems] == [
        f"content/site.yml:6:9: {nested} (flatten the list or quote)",
        f"content/pages/about.md:2:8: {nested} (flatten the list or quote)",
    ]
