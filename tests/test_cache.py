"""The build's caches: a rebuild of unchanged content draws and renders nothing and publishes the same bytes as a
build without any cache; damaged, partial or unwritable caches are ignored, never trusted."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from conftest import VALID, tree
from standins import Copying

from generator import write
from generator.cache import FOLDER, Cache
from generator.commands.build import build
from generator.seal import KEY_FILE, Seal

JOB_FAIRS = "initiatives/2022/03-good-jobs/job-fairs.md"


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], int]:
    """The fixture built once with no cache: its root (site and cache), the site's files, the charts it drew."""
    root = tmp_path_factory.mktemp("cache") / "project"
    shutil.copytree(VALID, root)
    timings = build(root)
    assert sorted(timings.editions_rendered) == [2021, 2022]
    return root, tree(root / "site"), timings.charts_drawn


@pytest.fixture
def root(reference: tuple[Path, dict[str, str], int], tmp_path: Path) -> Path:
    """A copy of the reference, its cache sealed again under the copy's own key (a copied key is not trusted)."""
    shutil.copytree(reference[0], tmp_path / "project")
    reseal(reference[0] / FOLDER, tmp_path / "project" / FOLDER)
    return tmp_path / "project"


def reseal(original: Path, copy: Path) -> None:
    """Seal every entry of copy (a copy of the cache folder original) under copy's key, as its own build would."""
    old, new = Seal(original), Seal(copy)
    (copy / KEY_FILE).unlink()
    sealed = [*copy.glob("charts/*.json"), *copy.glob("stylesheets/*.json"), *copy.glob("editions/*/manifest.json")]
    for path in sealed:
        name = path.relative_to(copy).as_posix()
        payload = old.open(name, path.read_bytes())
        assert payload is not None
        path.write_bytes(new.seal(name, payload) or b"")


def entries(root: Path, kind: str) -> list[str]:
    folder = root / FOLDER / kind
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_a_rebuild_of_unchanged_content_draws_and_renders_nothing(
    root: Path, reference: tuple[Path, dict[str, str], int]
) -> None:
    timings = build(root)
    assert (timings.charts_drawn, timings.editions_rendered) == (0, [])
    assert tree(root / "site") == reference[1]


def test_cached_and_uncached_builds_are_byte_identical(root: Path, reference: tuple[Path, dict[str, str], int]) -> None:
    build(root)  # warm
    assert tree(root / "site") == reference[1]
    shutil.rmtree(root / ".cache")  # safe to delete: the next build draws and renders everything again
    timings = build(root)
    assert timings.charts_drawn == reference[2] > 0 and sorted(timings.editions_rendered) == [2021, 2022]
    assert tree(root / "site") == reference[1]


def test_editing_a_draft_initiative_renders_only_its_edition(root: Path, tmp_path: Path) -> None:
    page = root / JOB_FAIRS
    page.write_text(page.read_text().replace("The council plans", "The council now plans"))
    before = entries(root, "editions")
    timings = build(root)
    assert (timings.charts_drawn, timings.editions_rendered) == (0, [2022])
    after = entries(root, "editions")
    assert len(after) == 2 and len(set(before) & set(after)) == 1  # the 2022 entry replaced, not added to
    fresh = tmp_path / "fresh"
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns(".cache", "site"))
    build(fresh)
    assert tree(root / "site") == tree(fresh / "site")


def test_a_changed_chart_is_drawn_again(root: Path) -> None:
    page = root / JOB_FAIRS
    page.write_text(page.read_text().replace("status: planned", "status: active"))
    timings = build(root)
    # 2021 too: its "not in the 2021 edition" page for job-fairs lists the initiative's status in 2022.
    assert timings.charts_drawn > 0 and sorted(timings.editions_rendered) == [2021, 2022]


def test_damaged_entries_are_ignored_and_made_again(root: Path, reference: tuple[Path, dict[str, str], int]) -> None:
    charts = root / FOLDER / "charts"
    cut = sorted(charts.iterdir())[0]
    cut.write_bytes(cut.read_bytes()[:-20])  # a chart entry cut short
    edition = root / FOLDER / "editions" / entries(root, "editions")[0]
    page = edition / "files" / "index.html"
    # Changed in place: the site's copy is the same file (a hard link), as a tool that edits site/ would do.
    with page.open("r+b") as handle:
        handle.write(b"<!-- changed -->")
    timings = build(root)
    assert timings.charts_drawn == 1 and len(timings.editions_rendered) == 1
    assert tree(root / "site") == reference[1]


def test_partial_entries_are_ignored_and_removed(root: Path, reference: tuple[Path, dict[str, str], int]) -> None:
    """What a build killed while writing the cache leaves: temporary files, an entry without its manifest."""
    editions = root / FOLDER / "editions"
    for name in entries(root, "editions"):
        (editions / name / "manifest.json").unlink()
    (editions / ".abc.tmp").mkdir()
    (root / FOLDER / "charts" / ".x.json.tmp").write_bytes(b"{")
    timings = build(root)
    assert sorted(timings.editions_rendered) == [2021, 2022]
    assert tree(root / "site") == reference[1]
    assert not [n for n in entries(root, "editions") + entries(root, "charts") if n.endswith(".tmp")]
    assert build(root).editions_rendered == []


def test_a_cache_that_cannot_be_written_only_costs_time(
    root: Path, reference: tuple[Path, dict[str, str], int]
) -> None:
    shutil.rmtree(root / ".cache")
    (root / ".cache").write_text("not a folder")
    timings = build(root)
    assert sorted(timings.editions_rendered) == [2021, 2022] and timings.charts_drawn == reference[2]
    assert tree(root / "site") == reference[1]


def test_a_renderer_that_cannot_say_what_its_output_depends_on_is_never_cached(root: Path) -> None:
    shutil.rmtree(root / ".cache")
    build(root, renderer=Copying())
    assert entries(root, "editions") == [] and entries(root, "charts") != []


def test_cached_files_are_copied_where_they_cannot_be_linked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "a.html"
    source.write_text("page")

    def no_links(src: object, dst: object) -> None:
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

    monkeypatch.setattr(os, "link", no_links)
    write.place_files(tmp_path / "site", {"x/a.html": source})
    copy = tmp_path / "site" / "x" / "a.html"
    assert copy.read_text() == "page" and copy.stat().st_ino != source.stat().st_ino


def _plant(root: Path, year_page: str, html: bytes) -> None:
    """Replace one page in every cached edition that has it, with a manifest whose sha256s all match (the
    format an attacker can compute without the key), as someone who can write the cache folder could."""
    import hashlib
    import json

    for name in entries(root, "editions"):
        entry = root / FOLDER / "editions" / name
        page = entry / "files" / year_page
        if not page.is_file():
            continue
        page.unlink()  # a new file: the old one is also the published site's (a hard link)
        page.write_bytes(html)
        payload = (entry / "manifest.json").read_bytes().partition(b"\n")[2]
        manifest = json.loads(payload)
        manifest[year_page] = hashlib.sha256(html).hexdigest()
        payload = json.dumps(manifest, sort_keys=True).encode()
        (entry / "manifest.json").write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)


def test_a_planted_edition_entry_is_rendered_again_not_published(
    root: Path, reference: tuple[Path, dict[str, str], int]
) -> None:
    _plant(root, "index.html", b"<html><script>alert('planted')</script></html>")
    timings = build(root)
    assert sorted(timings.editions_rendered) == [2021, 2022]
    assert not [p for p in (root / "site").rglob("*.html") if b"planted" in p.read_bytes()]
    assert tree(root / "site") == reference[1]


def test_a_planted_chart_entry_is_drawn_again_not_published(
    root: Path, reference: tuple[Path, dict[str, str], int]
) -> None:
    import hashlib
    import json

    for path in sorted((root / FOLDER / "charts").iterdir()):
        entry = json.loads(path.read_bytes().partition(b"\n")[2])
        entry["svg"] = entry["narrow_svg"] = "<svg><script>alert('planted')</script></svg>"
        payload = json.dumps(entry, ensure_ascii=False, sort_keys=True).encode()
        path.write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    timings = build(root)
    assert timings.charts_drawn == reference[2]
    assert not [p for p in (root / "site").rglob("*") if p.is_file() and b"planted" in p.read_bytes()]
    assert tree(root / "site") == reference[1]


def test_stylesheets_cut_before_are_not_cut_again(
    root: Path, reference: tuple[Path, dict[str, str], int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Editions rendered again (here: their entries removed) take Material's stylesheets as an earlier build cut
    them for the same sheets and vocabulary, and publish the same site."""
    import generator.render.stylesheets as stylesheets

    assert len(entries(root, "stylesheets")) == 2  # one cut per edition
    shutil.rmtree(root / FOLDER / "editions")

    def refuse(*_: object) -> None:
        raise AssertionError("cut again")

    monkeypatch.setattr(stylesheets, "prune_sheets", refuse)
    timings = build(root)
    assert sorted(timings.editions_rendered) == [2021, 2022]
    assert tree(root / "site") == reference[1]


def test_a_build_that_renders_no_edition_keeps_the_stylesheet_cuts(root: Path) -> None:
    cuts = entries(root, "stylesheets")
    assert build(root).editions_rendered == [] and entries(root, "stylesheets") == cuts != []
    (root / JOB_FAIRS).write_text((root / JOB_FAIRS).read_text() + "\nOne more sentence.\n")
    assert build(root).editions_rendered == [2022]
    assert len(entries(root, "stylesheets")) == 1  # the cut 2022 used; 2021's (not looked up) went


def test_a_planted_stylesheet_entry_is_cut_again_not_published(
    root: Path, reference: tuple[Path, dict[str, str], int]
) -> None:
    import hashlib
    import json

    for path in sorted((root / FOLDER / "stylesheets").iterdir()):
        names = json.loads(path.read_bytes().partition(b"\n")[2])
        entry = {name: "body{background:url(https://evil.example/planted)}" for name in names}
        payload = json.dumps(entry, sort_keys=True).encode()
        path.write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    shutil.rmtree(root / FOLDER / "editions")
    assert sorted(build(root).editions_rendered) == [2021, 2022]
    assert not [p for p in (root / "site").rglob("*") if p.is_file() and b"planted" in p.read_bytes()]
    assert tree(root / "site") == reference[1]


def test_a_stylesheet_entry_for_other_sheets_is_not_used(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.store_cut("k", {"assets/stylesheets/main.css": "a{b:c}"})
    assert cache.cut("k", frozenset({"assets/stylesheets/main.css"})) == {"assets/stylesheets/main.css": "a{b:c}"}
    assert cache.cut("k", frozenset({"assets/stylesheets/main.css", "assets/stylesheets/palette.css"})) is None
    assert cache.cut("k", frozenset({"assets/stylesheets/other.css"})) is None
    assert cache.cut("another key", frozenset({"assets/stylesheets/main.css"})) is None


def test_a_cloned_cache_is_not_trusted(root: Path, reference: tuple[Path, dict[str, str], int], tmp_path: Path) -> None:
    """The whole cache folder copied (a restored CI cache, a cloned runner): its key is another file, so every
    entry is made again, and the site is the same."""
    clone = tmp_path / "clone"
    shutil.copytree(root / ".cache", clone)
    shutil.rmtree(root / ".cache")
    shutil.copytree(clone, root / ".cache")
    timings = build(root)
    assert timings.charts_drawn == reference[2] and sorted(timings.editions_rendered) == [2021, 2022]
    assert tree(root / "site") == reference[1]
    assert build(root).editions_rendered == []  # sealed afresh under the new key


def _compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja compiles from source from now on."""
    import jinja2

    compiled: list[str] = []
    real = jinja2.Environment.compile

    def compile(self: jinja2.Environment, source: str, name: str | None = None, *args: object, **kw: object) -> object:
        compiled.append(str(name))
        return real(self, source, name, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", compile)
    return compiled


def test_templates_are_compiled_once_for_every_edition_and_then_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "project"
    shutil.copytree(VALID, root)
    compiled = _compiles(monkeypatch)
    build(root, renderer=Copying())
    assert compiled and len(compiled) == len(set(compiled))  # one environment: no template compiled twice
    first = tree(root / "site")
    compiled.clear()
    build(root, renderer=Copying())
    assert compiled == [] and tree(root / "site") == first
    assert entries(root, "templates") != []


def test_planted_compiled_templates_are_not_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Template bytecode is code: an entry not sealed with this checkout's key is compiled afresh, never run."""
    import jinja2

    root = tmp_path / "project"
    shutil.copytree(VALID, root)
    build(root, renderer=Copying())
    reference = tree(root / "site")
    import pickle

    magic = jinja2.bccache.bc_magic
    for path in (root / FOLDER / "templates").iterdir():
        old = path.read_bytes()
        checksum = pickle.loads(old[65 + len(magic) :])  # the real source's checksum, which Jinja checks
        bucket = jinja2.bccache.Bucket(jinja2.Environment(), "x", checksum)
        bucket.code = jinja2.Environment().compile("<script>alert('planted')</script>", "x")
        path.write_bytes(old[:64] + b"\n" + bucket.bytecode_to_string())  # the old seal, new code
    compiled = _compiles(monkeypatch)
    build(root, renderer=Copying())
    assert compiled != [] and tree(root / "site") == reference
