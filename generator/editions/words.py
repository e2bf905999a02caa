"""Word-level differences between two texts: paragraph by paragraph, then word by word, with bounded work."""

from __future__ import annotations

import difflib
import re

EQUAL, DELETE, INSERT = "=", "-", "+"
Segment = tuple[str, str]
Paragraph = tuple[Segment, ...]

# SequenceMatcher is quadratic in the worst case: past these sizes a block is shown as replaced whole.
MAX_PARAGRAPHS = 2000
MAX_WORD_PAIRS = 4_000_000
# How alike two paragraphs must be (difflib's quick ratio of their words) to be shown as one edited paragraph.
ALIKE = 0.5


def paragraphs(text: str) -> list[str]:
    """A text's paragraphs (split at blank lines), each with its whitespace collapsed to single spaces."""
    parts = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return [p for p in parts if p]


def same_words(old: str, new: str) -> bool:
    """Whether two texts differ only in whitespace and line wrapping."""
    return paragraphs(old) == paragraphs(new)


def _merge(segments: list[Segment]) -> Paragraph:
    out: list[Segment] = []
    for op, text in segments:
        if not text:
            continue
        if out and out[-1][0] == op:
            out[-1] = (op, f"{out[-1][1]} {text}")
        else:
            out.append((op, text))
    return tuple(out)


def _words(old: str, new: str) -> Paragraph:
    a, b = old.split(" "), new.split(" ")
    if len(a) * len(b) > MAX_WORD_PAIRS:
        return _merge([(DELETE, old), (INSERT, new)])
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append((EQUAL, " ".join(a[i1:i2])))
        else:
            segments.append((DELETE, " ".join(a[i1:i2])))
            segments.append((INSERT, " ".join(b[j1:j2])))
    return _merge(segments)


def diff(old: str, new: str) -> tuple[Paragraph, ...] | None:
    """The word diff of two texts as paragraphs of (op, words) segments; None when only whitespace differs."""
    a, b = paragraphs(old), paragraphs(new)
    if a == b:
        return None
    if len(a) > MAX_PARAGRAPHS or len(b) > MAX_PARAGRAPHS:
        return tuple([((DELETE, p),) for p in a] + [((INSERT, p),) for p in b])
    out: list[Paragraph] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out += [((EQUAL, p),) for p in a[i1:i2]]
            continue
        out += _block(a[i1:i2], b[j1:j2])
    return tuple(out)


def _alike(old: str, new: str) -> float:
    a, b = old.split(" "), new.split(" ")
    if len(a) * len(b) > MAX_WORD_PAIRS:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).quick_ratio()


def _block(olds: list[str], news: list[str]) -> list[Paragraph]:
    """A replaced block: each old paragraph is paired, in order, with the most alike new one (if any is
    alike enough) and diffed word by word; the others were removed or added whole."""
    out: list[Paragraph] = []
    start = 0
    for old in olds:
        scores = [(_alike(old, news[j]), j) for j in range(start, min(len(news), start + 50))]
        score, best = max(scores, key=lambda s: (s[0], -s[1]), default=(0.0, -1))
        if score < ALIKE:
            out.append(((DELETE, old),))
            continue
        out += [((INSERT, p),) for p in news[start:best]]
        out.append(_words(old, news[best]))
        start = best + 1
    out += [((INSERT, p),) for p in news[start:]]
    return out


def changed(paragraph: Paragraph) -> bool:
    """Whether a paragraph of a diff has any removed or added words."""
    return any(op != EQUAL for op, _ in paragraph)
