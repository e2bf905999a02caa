"""Where a document would put HTML the allowlist refuses: bodies located line by line, fields in every context."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from .enums import DocumentKind
from .markup import to_html
from .problems import Problem
from .read import Document
from .sanitise import Finding, findings, listed, show
from .schema_check import field_name

# Locating costs a few renders of parts of the body each: past this many findings, or this much Markdown
# rendered, findings are located by their text alone, so a huge hostile body cannot make validation slow.
LOCATE_LIMIT = 20
RENDER_BUDGET = 100_000
_ID_CLASS = re.compile(r":?(?:[ ]*[#.][\w-]+)*[ ]*")
_REFERENCE = re.compile(r"^ {0,3}\[([^\]]+)\]:")
_REFERENCE_HINT = "write the link inline, [text](address): a definition could change links in other files on the page"
_HEADING_HINT = "a heading gets its id from its text, and ids starting __ are the site's: do not start the text with __"


def _heading(text: str) -> str:
    return "# " + " ".join(text.split("\n"))


# Templates print a field as a paragraph, a heading or table cell (one line), as link text and as a link address.
CONTEXTS: tuple[Callable[[str], str], ...] = (
    lambda text: text,
    _heading,
    lambda text: f"[{text}](https://example.org/)",
    lambda text: f"[link]({text})",
)


def string_fields(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every string in a parsed YAML value, with its path."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from string_fields(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from string_fields(value, (*path, i))


def _reference(label: str) -> Finding:
    message = f"link reference definitions such as [{show(label)}]: ... are not supported"
    return Finding(("reference", label), message, _REFERENCE_HINT)


def field_findings(text: str) -> list[Finding]:
    """What the sanitiser would change wherever a template may print this text, raw or as Markdown."""
    if not any(c in text for c in "<[{"):
        return _heading_id(text)  # without these, HTML and Markdown make no element or attribute but that id
    found = findings(text)  # Material prints some fields (site name, footer, page titles) as raw HTML
    for context in CONTEXTS:
        html, references = to_html(context(text))
        found += findings(html) + [_reference(label) for label in references]
    found += _attribute_lists(text)
    return list(dict.fromkeys(found))


def _heading_id(text: str) -> list[Finding]:
    """What the allowlist refuses in the id a heading of this text gets: Markdown makes it from the text, and ids
    may not begin '__'. Only a '_' can start one: written, as an entity ('&'), or as a character that the slug
    folds to '_'; text without any is not rendered."""
    if "&" not in text and "_" not in unicodedata.normalize("NFKD", text):
        return []
    found = dict.fromkeys(findings(to_html(_heading(text))[0]))
    return [dataclasses.replace(f, hint=_HEADING_HINT) for f in found]


def _attribute_lists(text: str) -> list[Finding]:
    """Braces that attr_list could read as attributes of an element a template puts just before them.

    Whether it does depends on the template, so this is decided on the text: any {...} on one line that holds
    more than #ids and .classes is refused (python-markdown reads up to the first closing brace)."""
    found = []
    for line in text.split("\n"):
        for segment in line.split("}")[:-1]:
            if "{" in segment:
                inside = segment.split("{", 1)[1]
                if not _ID_CLASS.fullmatch(inside):
                    message = f"'{{{show(inside)}}}' would be read as an attribute list"
                    hint = "remove the braces: in a field an attribute list may hold only #ids and .classes"
                    found.append(Finding(("attr-list", inside), message, hint))
    return found


def _shown_escaped(doc: Document, path: tuple[str | int, ...]) -> bool:
    """Whether a string is a correction's old or new body: the corrections log and the notices show a body word by
    word, escaped (theme/templates/_changes.md.j2, text_diff), so code in it (`<year>`) is text, not markup."""
    if doc.kind != DocumentKind.CORRECTIONS or not path or path[-1] not in ("old", "new"):
        return False
    record: Any = doc.data
    for part in path[:-1]:
        record = record[part]
    return isinstance(record, dict) and record.get("field") == "body"


def field_problems(
    doc: Document, words: Callable[[tuple[str | int, ...], str], str] = lambda path, text: text
) -> Iterator[Problem]:
    """What the sanitiser would change in each string of a document, at its line; words(path, text) gives the text
    to check (a label's frame with its {names} as words)."""
    for path, text in string_fields(doc.data):
        if _shown_escaped(doc, path):
            continue
        line, col = doc.spans.at(path)
        for finding in field_findings(words(path, text)):
            message = f"{field_name(path)}: {finding.message}" if path else finding.message
            yield Problem(doc.path, line, col, message, hint=finding.hint)


class _Body:
    """A Markdown body and the HTML findings of its first k lines, for locating each finding by bisection."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.budget = RENDER_BUDGET
        self._counts: dict[int, Counter[tuple[str, ...]]] = {}

    def counts(self, k: int) -> Counter[tuple[str, ...]] | None:
        if k not in self._counts:
            prefix = "\n".join(self.lines[:k])
            self.budget -= len(prefix)
            if self.budget < 0:
                return None
            self._counts[k] = Counter(f.key for f in listed(to_html(prefix)[0]))
        return self._counts[k]

    def first_line(self, key: tuple[str, ...], nth: int) -> int | None:
        """The 1-based line whose prefix first holds the nth finding with this key (None: not found that way)."""
        lo, hi = 1, len(self.lines)
        whole = self.counts(hi)
        if whole is None or whole[key] < nth:
            return None
        while lo < hi:
            mid = (lo + hi) // 2
            counts = self.counts(mid)
            if counts is None:
                return None
            if counts[key] >= nth:
                hi = mid
            else:
                lo = mid + 1
        return lo

    def column(self, line: int, needles: tuple[str, ...]) -> tuple[int, int]:
        """Where a needle is, on this line or the lines above (a tag may start before the line that ends it)."""
        for i in range(line - 1, -1, -1):
            col = _find(self.lines[i], needles)
            if col:
                return i + 1, col
        return line, 1


def _find(text: str, needles: tuple[str, ...]) -> int | None:
    """The 1-based column of the first needle (in order of preference) found in text."""
    for needle in needles:
        match = re.search(needle, text)
        if match:
            return match.start() + 1
    return None


def _body_problems(doc: Document) -> Iterator[Problem]:
    html, references = to_html(doc.body)
    body = _Body(doc.body)
    for label in references:
        line = next((i + 1 for i, text in enumerate(body.lines) if _match_label(text, label)), 1)
        finding = _reference(label)
        yield Problem(doc.path, doc.body_line + line - 1, 1, finding.message, hint=finding.hint)
    seen: Counter[tuple[str, ...]] = Counter()
    found = findings(html)
    for finding in found[:LOCATE_LIMIT]:
        seen[finding.key] += 1
        first = body.first_line(finding.key, seen[finding.key])
        # Findings that only show in the whole body (HTML that reads differently) are found by their text.
        line, col = body.column(first, finding.needles) if first else _first(body, finding.needles)
        yield Problem(doc.path, doc.body_line + line - 1, col, finding.message, hint=finding.hint)
    if len(found) > LOCATE_LIMIT:
        message = f"{len(found) - LOCATE_LIMIT} more HTML problems in this body"
        yield Problem(doc.path, doc.body_line, 1, message, hint="fix the ones above, then validate again")


def _first(body: _Body, needles: tuple[str, ...]) -> tuple[int, int]:
    for i, text in enumerate(body.lines):
        col = _find(text, needles)
        if col:
            return i + 1, col
    return 1, 1


def _match_label(line: str, label: str) -> bool:
    match = _REFERENCE.match(line)
    return match is not None and match.group(1).strip().lower() == label


def check_document(doc: Document) -> Iterator[Problem]:
    """Every place in one document where the sanitiser would change the HTML it produces."""
    yield from field_problems(doc)
    if doc.body.strip():
        yield from _body_problems(doc)
