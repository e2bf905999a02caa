"""The bundled prose is our own: no run of 12 or more words is shared with a source document.

Quoted text (goal titles and definitions, marked quotations) and runs of proper names do not count;
ALLOWED explains each remaining exception. The sources live outside the repository, in ../shared/sources
from the project's root (or wherever LEVELUP_SOURCES points).
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import REPO

RUN = 12
# Words that join the parts of one name: "Department for Work and Pensions", "Office of the Essex Police".
JOINERS = {"and", "of", "the", "for", "&", "on", "in", "upon"}
WORD = re.compile(r"[A-Za-z0-9£]+(?:['.,][A-Za-z0-9]+)*")
# Marked quotations, within one paragraph: "double", or 'single' (an apostrophe inside a word is not a quote).
QUOTED = re.compile(
    r'"(?:[^"\n]|\n(?!\s*\n))*"'
    r"|(?<![\w'])'(?=\w)(?:[^'\n]|\n(?!\s*\n)|(?<=\w)'(?=\w))*?(?<=[\w.,!?])'(?!\w)"
)
BLOCKQUOTE = re.compile(r"^ {0,3}>.*$", re.MULTILINE)
LINK_TARGET = re.compile(r"\]\([^)]*\)")
BREAK = "\n\n"

# Runs that stay, by file (any edition's copy: <year>) and the run as the test prints it, with the reason.
ALLOWED = {
    (
        "content/<year>/approach.md",
        "high quality environment health well being and independence for all ages a good place for children and "
        "families to grow",
    ): "The names of the strategic aims of Everyone's Essex, a list given as the plan words them.",
}


def sources() -> Path:
    """The source documents: LEVELUP_SOURCES, else the copy in tests/data/sources."""
    return Path(os.environ.get("LEVELUP_SOURCES", REPO / "tests" / "data" / "sources"))


def _plain(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')


def tokens(text: str) -> list[tuple[str, str]]:
    """(key, shown) per word; a run of capitalised words (a proper name) becomes one key."""
    text = _plain(text)
    found = list(WORD.finditer(text))
    words = [m.group() for m in found]
    # A name does not run on over the end of a sentence or a clause ("Body: Activities ...").
    stops = [bool(re.search(r"[.:;!?]", text[a.end() : b.start()])) for a, b in itertools.pairwise(found)]
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(words):
        j = i + 1
        while words[i][0].isupper() and j < len(words) and _continues_name(words, stops, j):
            j += 1
        out.append((" ".join(words[i:j]).lower(), " ".join(words[i:j])))
        i = j
    return out


def _continues_name(words: list[str], stops: list[bool], j: int) -> bool:
    if stops[j - 1]:
        return False
    # A joining word belongs to a name only between two capitalised words.
    return words[j][0].isupper() or (words[j].lower() in JOINERS and j + 1 < len(words) and words[j + 1][0].isupper())


def segments(text: str) -> list[list[tuple[str, str]]]:
    """Tokens of each stretch of text between quotations, blockquotes and link targets."""
    text = LINK_TARGET.sub("]" + BREAK, _plain(text))
    text = BLOCKQUOTE.sub(BREAK, QUOTED.sub(BREAK, text))
    return [tokens(part) for part in text.split(BREAK)]


def grams(keys: list[str]) -> set[tuple[str, ...]]:
    return {tuple(keys[i : i + RUN]) for i in range(len(keys) - RUN + 1)}


def source_grams(folder: Path) -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for path in sorted(folder.glob("*.txt")):
        out |= grams([key for key, _ in tokens(path.read_text(encoding="utf-8"))])
    assert out, f"no source text in {folder}"
    return out


def strings(value: object) -> Iterator[str]:
    """Every string in a YAML value, each its own segment."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def texts(path: Path) -> Iterator[str]:
    """The prose a content file gives readers: its YAML strings and its Markdown body."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".yml":
        yield from strings(yaml.safe_load(raw))
        return
    if raw.startswith("---\n"):
        front, _, raw = raw[4:].partition("\n---\n")
        yield from strings(yaml.safe_load(front))
    yield raw


def content_files(root: Path) -> list[Path]:
    # goals.yml is the framework's official wording, which the site quotes as such. A corrections log records,
    # by design, the words a published edition used before each correction: the fix is what it documents.
    files = [*root.glob("content/**/*.yml"), *root.glob("content/**/*.md"), *root.glob("initiatives/**/*.md")]
    return sorted(p for p in files if p.name not in ("goals.yml", "corrections.yml"))


def shared_runs(text: str, known: set[tuple[str, ...]]) -> Iterator[str]:
    """Each maximal run of RUN or more words of text that also occurs in a source."""
    for segment in segments(text):
        keys = [key for key, _ in segment]
        hits = [i for i in range(len(keys) - RUN + 1) if tuple(keys[i : i + RUN]) in known]
        start = None
        for n, i in enumerate(hits):
            start = i if start is None else start
            if n + 1 == len(hits) or hits[n + 1] > i + 1:
                yield " ".join(shown for _, shown in segment[start : i + RUN])
                start = None


def copied(root: Path, known: set[tuple[str, ...]]) -> set[tuple[str, str]]:
    """(file, run) for every shared run in the content tree."""
    out = set()
    for path in content_files(root):
        name = path.relative_to(root).as_posix()
        for text in texts(path):
            out |= {(name, run) for run in shared_runs(text, known)}
    return out


def any_edition(name: str) -> str:
    return re.sub(r"^(content|initiatives)/\d{4}/", r"\1/<year>/", name)


@pytest.fixture(scope="module")
def known() -> set[tuple[str, ...]]:
    return source_grams(sources())


def test_no_content_shares_a_run_of_words_with_a_source(known: set[tuple[str, ...]]) -> None:
    found = copied(REPO, known)
    waived = set(ALLOWED)
    unexplained = sorted(f for f in found if (any_edition(f[0]), f[1]) not in waived)
    assert unexplained == [], "reword these in our own words, or quote them:\n" + "\n".join(map(str, unexplained))
    used = {(any_edition(name), run) for name, run in found}
    assert sorted(set(ALLOWED) - used) == [], "these allowed runs are no longer in the content: remove them"


def test_the_check_finds_a_copied_sentence_and_ignores_quotes_and_names(known: set[tuple[str, ...]]) -> None:
    copy = "Over 57,000 participants attended the centres in 2021 despite the Covid-19 restrictions in place."
    assert list(shared_runs(copy, known)) == [
        "Over 57,000 participants attended the centres in 2021 despite the Covid 19 restrictions in place"
    ]
    # Eleven words are not a run; quoting the sentence, or only sharing a list of names, is fine.
    assert list(shared_runs("participants attended the centres in 2021 despite the Covid-19 restrictions", known)) == []
    assert list(shared_runs(f'The audit says: "{copy}"', known)) == []
    assert list(shared_runs(f"The audit says: '{copy}'", known)) == []
    assert list(shared_runs(f"As the audit puts it:\n\n> {copy}\n", known)) == []
    names = "with the Essex Wellbeing Service, The Alzheimer's Society, Carer First and Dementia Action Alliances"
    assert list(shared_runs(names, known)) == []
    # Curly quotes, apostrophes and line breaks do not hide a copy.
    wrapped = "Over 57,000 participants attended the centres\nin 2021 despite the Covid\u201119 restrictions"
    assert len(list(shared_runs(wrapped.replace("\u2011", "-"), known))) == 1


def test_the_check_reads_yaml_strings_and_bodies(tmp_path: Path, known: set[tuple[str, ...]]) -> None:
    folder = tmp_path / "initiatives" / "2022" / "02-successful-school-years"
    folder.mkdir(parents=True)
    copy = "Activities here are tied to the curriculum, and young people aged eight to 14 are able to access them"
    (folder / "x.md").write_text(f"---\nsummary: >-\n  {copy} and more\ntitle: X\n---\nBody: {copy} too.\n")
    found = copied(tmp_path, known)
    assert sorted(found) == [("initiatives/2022/02-successful-school-years/x.md", copy.replace(",", ""))] * 1
