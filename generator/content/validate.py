"""Validation: the schema layer, then cross-file rules over what passed it; all problems at once."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..checkstore import CheckStore, file_key
from . import frozen as locks
from . import limits, rules
from .enums import DocumentKind
from .memo import Memo
from .problems import ERROR, WARNING, Problem
from .read import Document, Sources, read_schemas
from .schema_check import check, validators
from .yamlspans import parse

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator


def validate(
    sources: Sources,
    schemas: dict[str, Any],
    frozen: bool = True,
    memo: Memo | None = None,
    store: CheckStore | None = None,
) -> list[Problem]:
    """Every problem in the tree: read problems, schema problems, cross-file rules and script checks;
    with frozen, also every difference of a published edition from its lock. A memo (see memo.py) keeps each
    document's own problems for the next check; a store (checkstore.py) skips them for files that passed before."""
    by_kind = _Validators(schemas)
    problems = list(sources.problems)
    troubled = {p.path for p in sources.problems}
    valid: list[Document] = []
    for doc in sources.documents:
        key = _key(doc, sources) if store is not None else None
        found: list[Problem]
        script: list[Problem]
        if key is not None and store is not None and store.passed(key):
            found, script = [], []
            store.record(key, doc)
        else:
            own = functools.partial(_own_problems, doc, by_kind[doc.kind])
            found, script = memo.checked(doc, own) if memo else own()
            if key is not None and store is not None and not found and not script and doc.path not in troubled:
                store.record(key, doc)
        problems.extend(found)
        if not found:
            valid.append(doc)
        problems.extend(script)
    problems.extend(_cross_file(valid, sources))
    # A site-wide file with errors of its own is reported for those; how it differs from a lock, once it is sound.
    faulty = {p.path for p in problems if p.severity != WARNING}
    problems.extend(locks.check_frozen(valid, sources, differences=frozen, faulty=faulty))
    return sorted(set(problems))


class _Validators:
    """A validator per document kind, compiled on first use: a tree whose every file is stored needs none."""

    def __init__(self, schemas: dict[str, Any]) -> None:
        self.schemas = schemas
        self.compiled: dict[DocumentKind, Draft202012Validator] | None = None

    def __getitem__(self, kind: DocumentKind) -> Draft202012Validator:
        if self.compiled is None:
            self.compiled = validators(self.schemas)
        return self.compiled[kind]


def _key(doc: Document, sources: Sources) -> str | None:
    """The check store's key of the document's file, if it was read as text this check."""
    digest = sources.digests.get(doc.path)
    return None if digest is None else file_key(doc.path, doc.kind.value, doc.edition, doc.folder, digest)


def _own_problems(doc: Document, validator: Draft202012Validator) -> tuple[list[Problem], list[Problem]]:
    """What the document alone shows: its schema problems, and any HTML the allowlist refuses."""
    return check(doc, validator), list(rules.check_script(doc))


def _cross_file(valid: list[Document], sources: Sources) -> Iterator[Problem]:
    ctx = rules.Context(valid)
    kinds_present = {d.kind for d in sources.documents}
    if not any(d.kind == DocumentKind.EDITION for d in sources.documents) and not _edition_file_problems(sources):
        hint = "create content/<year>/edition.yml"
        yield Problem("content", 1, 1, "there is no edition", hint=hint)
    for doc in valid:
        if doc.kind == DocumentKind.SITE:
            yield from rules.check_site(doc)
        elif doc.kind == DocumentKind.GOALS:
            yield from rules.check_goals(doc)
        elif doc.kind == DocumentKind.PLACES:
            yield from rules.check_places(doc)
        elif doc.kind == DocumentKind.EDITION:
            yield from rules.check_edition(doc)
        elif doc.kind == DocumentKind.PAGE:
            yield from rules.check_page(doc)
        # Without a valid goals.yml every folder would look wrong; its own errors say enough.
        elif doc.kind == DocumentKind.GOAL_PAGE and ctx.goals:
            yield from rules.check_goal_page(doc, ctx)
        elif doc.kind == DocumentKind.INITIATIVE and ctx.goals:
            yield from rules.check_initiative(doc, ctx)
    yield from rules.check_unique_ids([d for d in valid if d.kind == DocumentKind.INITIATIVE])
    yield from rules.check_page_names([d for d in valid if d.kind == DocumentKind.PAGE])
    if DocumentKind.GOALS in kinds_present and ctx.goals:
        yield from _missing_goal_pages(valid, ctx)


def _edition_file_problems(sources: Sources) -> bool:
    return any(p.path.endswith("edition.yml") for p in sources.problems)


def _missing_goal_pages(valid: list[Document], ctx: rules.Context) -> Iterator[Problem]:
    """Warn where an edition has no narrative for a goal: its summary page would be bare."""
    have = {(d.edition, d.data["goal"]) for d in valid if d.kind == DocumentKind.GOAL_PAGE}
    for doc in valid:
        if doc.kind != DocumentKind.EDITION:
            continue
        for number in sorted(ctx.goals):
            if (doc.edition, number) not in have:
                path = f"initiatives/{doc.edition}/{ctx.folder_for(number)}/index.md"
                yield Problem(path, 1, 1, f"edition {doc.edition} has no narrative for goal {number}", WARNING)


def written_problems(rel: str, text: str, kind: DocumentKind, edition: int) -> list[Problem]:
    """The errors validate would find in a YAML file the generator is about to write, on its own: the reader's
    limits (size, characters, values), its YAML, its schema and the HTML allowlist. What a command writes must
    read back."""
    size = len(text.encode("utf-8"))
    if size > limits.FILE_LIMIT:
        return [dataclasses.replace(limits.file_too_big(rel, size), hint="")]  # not the writer's to split
    problems = limits.control_characters(text, rel)
    if not problems:
        data, spans, problems = parse(text, rel)
    if not problems:
        problems = limits.markdown_problems(rel, data, spans)
    if not problems:
        found, script = _own_problems(
            Document(kind, rel, data, spans, edition=edition), validators(read_schemas())[kind]
        )
        problems = found + script
    return [p for p in problems if p.severity == ERROR]
