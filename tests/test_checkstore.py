"""The check store (generator/checkstore.py): an unchanged file's own checks are skipped, and a stored check never
hides a problem: with or without the store, stored or planted, a tree has the same problems."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import VALID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import generator.content.validate as validating
from generator.checkstore import FOLDER, NAME, CheckStore, file_key
from generator.cli import main
from generator.content.check import check
from generator.content.theme import TOOL_THEME

FILES = sorted(p.relative_to(VALID).as_posix() for p in VALID.rglob("*") if p.suffix in (".md", ".yml"))
EDITS = {
    "script": lambda text: text + "\n<script>alert(1)</script>\n",
    "bad status": lambda text: text.replace("status: planned", "status: bogus", 1),
    "long title": lambda text: text.replace("title: ", "title: " + "x" * 5000, 1),
    "control": lambda text: text.replace("\n", "\n\x07", 1),
    "yaml": lambda text: text.replace(": ", ":: ", 1),
    "raw html": lambda text: text + '\n<a href="javascript:alert(1)">x</a>\n',
    "none": lambda text: text,
}


def _problems(root: Path, store: CheckStore | None = None) -> list[str]:
    return [p.text() for p in check(root, store=store).problems]


@pytest.fixture(scope="module")
def tree_root() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        shutil.copytree(VALID, root)
        yield root


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(FILES), st.sampled_from(sorted(EDITS))), max_size=3))
def test_stored_and_unstored_checks_find_the_same_problems(tree_root: Path, edits: list[tuple[str, str]]) -> None:
    """The store is kept from one example to the next, so it holds keys of other trees: none may hide a problem."""
    originals = {rel: (tree_root / rel).read_text() for rel, _ in edits}
    try:
        for rel, edit in edits:
            path = tree_root / rel
            path.write_text(EDITS[edit](path.read_text()))
        fresh = _problems(tree_root)
        assert _problems(tree_root, CheckStore(tree_root)) == fresh  # recording
        assert _problems(tree_root, CheckStore(tree_root)) == fresh  # replaying
    finally:
        for rel, text in originals.items():
            (tree_root / rel).write_text(text)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths whose own checks ran."""
    seen: list[str] = []
    real = validating._own_problems

    def own(doc, validator):  # type: ignore[no-untyped-def]
        seen.append(doc.path)
        return real(doc, validator)

    monkeypatch.setattr(validating, "_own_problems", own)
    return seen


def test_an_unchanged_tree_skips_its_own_checks_and_a_changed_file_is_checked(
    project: Path, counted: list[str]
) -> None:
    assert main(["validate", "--root", str(project)]) == 0
    assert len(counted) > 10
    counted.clear()
    assert main(["validate", "--root", str(project)]) == 0
    assert counted == []
    page = project / "initiatives/2022/03-good-jobs/job-fairs.md"
    page.write_text(page.read_text() + "\n<script>alert(1)</script>\n")
    assert main(["validate", "--root", str(project)]) == 1
    assert counted == ["initiatives/2022/03-good-jobs/job-fairs.md"]
    assert main(["validate", "--root", str(project)]) == 1  # a file with problems is never stored


def test_a_planted_store_hides_nothing(project: Path) -> None:
    """Keys anyone can compute, for a file with script, in a store not sealed with this checkout's key."""
    page = project / "initiatives/2022/03-good-jobs/job-fairs.md"
    page.write_text(page.read_text() + "\n<script>alert(1)</script>\n")
    expected = _problems(project)
    assert any("script" in p for p in expected)
    import hashlib

    text = page.read_text()
    rel = "initiatives/2022/03-good-jobs/job-fairs.md"
    keys = [file_key(rel, "initiative", 2022, "03-good-jobs", hashlib.sha256(text.encode()).hexdigest())]
    store = project / FOLDER / NAME
    store.parent.mkdir(parents=True)
    payload = json.dumps(keys).encode()
    for planted in (
        payload,
        hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload,
        b"0" * 64 + b"\n" + payload,
    ):
        store.write_bytes(planted)
        assert _problems(project, CheckStore(project)) == expected


def test_a_check_with_the_store_records_it_for_validate(project: Path, counted: list[str]) -> None:
    """A check with the store (as build does) leaves it for validate, which then checks nothing again."""
    assert _problems(project, CheckStore(project)) == _problems(project)
    counted.clear()
    assert main(["validate", "--root", str(project)]) == 0
    assert counted == []


def test_a_stored_theme_is_checked_again_once_changed(project: Path) -> None:
    from generator.content.theme import TOOL_THEME

    shutil.copytree(TOOL_THEME, project / "theme")
    store_problems = _problems(project, CheckStore(project))
    assert store_problems == _problems(project) == _problems(project, CheckStore(project))
    template = sorted((project / "theme" / "templates").glob("*.j2"))[0]
    template.write_text(template.read_text() + "{% if %}")
    broken = _problems(project)
    assert any("template syntax error" in p for p in broken)
    assert _problems(project, CheckStore(project)) == broken


def _imported(root: Path) -> set[str]:
    """The modules a fresh `levelup validate` imports."""
    import subprocess
    import sys

    code = "import sys; from generator.cli import main; main(sys.argv[1:]); print(' '.join(sorted(sys.modules)))"
    run = subprocess.run(
        [sys.executable, "-c", code, "validate", "--root", str(root)], capture_output=True, text=True, check=True
    )
    return set(run.stdout.split("\n")[-2].split())


def test_validate_loads_only_what_it_needs(project: Path) -> None:
    """Never the renderer or the chart drawing; Jinja only to check a tree's own theme (the bundled one is only
    read); once the store has the tree, no Markdown, schema or Jinja: not even for the links of a body, whose
    places the store keeps with the document (content/markup.link_offsets)."""
    about = project / "content/pages/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nSee [Reading Start](initiatives/reading-start.md).\n")
    cold = _imported(project)
    assert not {m for m in cold if m.split(".")[0] in ("matplotlib", "mkdocs", "material", "numpy")}
    assert {"markdown", "jsonschema"} <= cold and "jinja2" not in cold
    warm = _imported(project)
    assert not {m for m in warm if m.split(".")[0] in ("markdown", "jsonschema", "jinja2", "pymdownx")}
    shutil.copytree(TOOL_THEME, project / "theme")
    assert "jinja2" not in _imported(project)  # an exact copy of the bundled theme is read, as the bundled one is
    _differ(project / "theme")
    assert "jinja2" in _imported(project)


def _differ(theme: Path) -> None:
    """Make a copy of the bundled theme a theme of its own (one byte more), which is checked."""
    main = theme / "overrides" / "main.html"
    main.write_bytes(main.read_bytes() + b"\n")


class _Payload:
    """Unpickling this runs code: what a planted documents.pickle would hold."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (Path.touch, (str(self.marker),))  # type: ignore[return-value]


def test_a_planted_document_store_is_never_unpickled(project: Path, tmp_path: Path) -> None:
    import hashlib
    import pickle

    from generator.checkstore import DOCUMENTS

    expected = _problems(project)
    CheckStore(project).seal.key()  # the key exists, as after any earlier check
    marker = tmp_path / "ran"
    payload = pickle.dumps({"k": _Payload(marker)})
    for planted in (payload, hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload):
        (project / FOLDER / DOCUMENTS).write_bytes(planted)
        assert _problems(project, CheckStore(project)) == expected
        assert not marker.exists()


def test_stored_documents_are_the_documents_read(project: Path) -> None:
    from generator.content.read import load

    fresh = load(project)
    check(project, store=CheckStore(project))
    store = CheckStore(project)
    stored = load(project, store=store)
    assert stored.documents == fresh.documents and stored.files == fresh.files
    assert len(store.kept) == len(fresh.documents)


def test_a_stored_theme_is_read_as_the_checked_one(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """build's load_theme after validation: the same Theme, its templates not parsed again."""
    import generator.content.theme as theming

    shutil.copytree(theming.TOOL_THEME, project / "theme")
    _differ(project / "theme")
    checked = theming.load_theme(project)
    store = CheckStore(project)
    check(project, store=store)
    parsed: list[str] = []
    real = theming._parse
    monkeypatch.setattr(theming, "_parse", lambda s, shown, *a, **k: parsed.append(shown) or real(s, shown, *a, **k))
    assert theming.load_theme(project, CheckStore(project)) == checked and parsed == []
    assert theming.load_theme(project) == checked and parsed != []
    shutil.rmtree(project / FOLDER)
    parsed.clear()
    store = CheckStore(project)
    check(project, store=store)  # a cold build: the theme checked once, by validation
    checks = len(parsed)
    assert theming.load_theme(project, store) == checked and len(parsed) == checks
