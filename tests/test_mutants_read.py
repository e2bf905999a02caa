"""Reading, unit by unit: front matter split at its exact lines, decoding with positions, links out of the root."""

from __future__ import annotations

from pathlib import Path

from generator.content.problems import Problem
from generator.content.read import _decode, escaping_link, split_front_matter

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
    checked = check(project)
    why = "warning: file is ignored: images/ holds .png and .jpg pictures with lowercase names such as my-chart.png"
    assert [p.text() for p in checked.problems if "images" in p.path] == [
        f"content/pages/images/Upper.png:1:1: {why}",
        f"content/pages/images/folder.png:1:1: {why}",
    ]
    assert checked.project is not None
    assert checked.project.images == (("ok.png", b"\x89PNG\r\n\x1a\nxx"),)
