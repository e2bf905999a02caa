"""Rewrite the fixture's golden generated Markdown, the digest of the bundled theme as checked
(generator/content/bundled_theme.py) and the inline scripts the publish gate knows (generator/render/known_scripts.py):
run python tests/update_golden.py, then review the diff."""

from __future__ import annotations

import functools
import hashlib
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from generator.commands.build import build
from generator.content.check import read_project
from generator.content.theme import TOOL_THEME, bundled_digest, load_theme, read_theme
from generator.render import known_scripts
from generator.site.charts.specs import edition_charts
from generator.site.pages import edition_docs

FIXTURE = Path(__file__).parent / "fixtures" / "valid"
GOLDEN = Path(__file__).parent / "golden"
REPO = Path(__file__).parent.parent
BUNDLED = REPO / "generator" / "content" / "bundled_theme.py"
KNOWN_SCRIPTS = REPO / "generator" / "render" / "known_scripts.py"


def generated() -> dict[str, str]:
    """Every generated Markdown page of the fixture, by '<year>/<path>' (a copy: several test modules read it)."""
    return dict(_generated())


@functools.cache
def _generated() -> dict[str, str]:
    # The fixture is never changed by a test, so one test session generates it once (charts are drawn here).
    project, _ = read_project(FIXTURE)
    theme = load_theme(FIXTURE)
    out: dict[str, str] = {}
    for edition in project.editions:
        for name, content in edition_docs(
            project, edition, theme, edition_charts(project, edition, theme.labels)
        ).items():
            if name.endswith(".md") and isinstance(content, str):
                out[f"{edition.year}/{name}"] = content
    return out


def record_bundled_theme() -> str:
    """Check the bundled theme in full and record the digest of its files; exits naming the problems if any."""
    problems = read_theme(FIXTURE, checked=True)[1]
    if problems:
        sys.exit("the bundled theme has problems; nothing was written:\n" + "\n".join(p.text() for p in problems))
    digest = bundled_digest()
    if digest is None:
        sys.exit(f"{TOOL_THEME} holds a link or a file that cannot be read; nothing was written")
    text = BUNDLED.read_text(encoding="utf-8")
    head = text[: text.index("CHECKED_SHA256 = ")]
    BUNDLED.write_text(f'{head}CHECKED_SHA256 = "{digest}"\n', encoding="utf-8", newline="\n")
    return digest


class _Recording(set[str]):
    """Stands in for the gate's known inline scripts while the bundled site is built: knows every script, and keeps
    the digest of each it is asked about."""

    def __contains__(self, digest: object) -> bool:
        self.add(str(digest))
        return True


def bundled_inline_scripts() -> set[str]:
    """The digest (gate.script_digest) of every inline script of the bundled site, built in a temporary folder."""
    recording, known = _Recording(), known_scripts.INLINE
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name in ("content", "initiatives", "theme"):
            shutil.copytree(REPO / name, root / name)
        known_scripts.INLINE = recording  # type: ignore[assignment]
        try:
            build(root)
        finally:
            known_scripts.INLINE = known
    return set(recording)


def record_known_scripts() -> int:
    """Write the digests of the bundled site's inline scripts into generator/render/known_scripts.py."""
    digests = bundled_inline_scripts()
    text = KNOWN_SCRIPTS.read_text(encoding="utf-8")
    head = text[: text.index("INLINE: ")]
    files = {hashlib.sha256(path.read_bytes()).hexdigest() for path in (TOOL_THEME / "assets").rglob("*.js")}
    middle = text[text.index("\n)\n", text.index("INLINE: ")) + 3 : text.index("THEME_FILES: ")]
    KNOWN_SCRIPTS.write_text(
        head + _frozenset("INLINE", digests) + middle + _frozenset("THEME_FILES", files), encoding="utf-8", newline="\n"
    )
    return len(digests)


def _frozenset(name: str, digests: set[str]) -> str:
    lines = "".join(f'        "{digest}",\n' for digest in sorted(digests))
    return f"{name}: frozenset[str] = frozenset(\n    {{\n{lines}    }}\n)\n"


if __name__ == "__main__":
    print(f"recorded the bundled theme as checked: {record_bundled_theme()}")
    print(f"recorded {record_known_scripts()} inline scripts the publish gate knows")
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for name, content in generated().items():
        path = GOLDEN / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8", newline="\n")
    print(f"wrote {len(list(GOLDEN.rglob('*.md')))} golden files to {GOLDEN}")
