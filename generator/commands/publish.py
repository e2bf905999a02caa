"""The publish command: freeze an edition with a lock, or record a public correction to a frozen one."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterator
from pathlib import Path

from ..content.assemble import assemble
from ..content.check import load_checked
from ..content.enums import DocumentKind, EditionStatus, FileChange
from ..content.fingerprint import (
    THEME,
    bundled_theme_here,
    corrections_path,
    covered_by,
    file_sha256,
    is_picture,
    lock_path,
    locked_paths,
    sha256,
    site_wide_paths,
)
from ..content.frozen import covered_files, differences, log_problem, no_lock, uncovered
from ..content.history import files_when_written, parse_content, published_text, shallow
from ..content.html_check import field_findings
from ..content.limits import forbidden_offsets
from ..content.model import Project
from ..content.problems import Problem, count_errors
from ..content.read import Document, Sources
from ..content.regular import read_regular
from ..content.validate import written_problems
from ..editions.lock import (
    FieldText,
    Parsed,
    correction_entry,
    corrections_text,
    field_changes,
    file_versions,
    lock_text,
)
from ..editions.scaffold import PLACEHOLDER
from ..editions.yamltext import replace_scalar
from ..errors import ContentError, OutputError, UsageError
from ..site.history import pictures_shown
from ..write import replace_files

NOTE_LIMIT = 1000


def _doc(sources: Sources, kind: DocumentKind, year: int) -> Document | None:
    return next((d for d in sources.of_kind(kind) if d.edition == year), None)


def _checked(root: Path, year: int, frozen: bool) -> tuple[Sources, Project, Document]:
    """The valid content and the edition's edition.yml; errors anywhere refuse the publish (but the missing
    lock of this very edition, which publishing records)."""
    sources, problems, project = load_checked(root, frozen=frozen)
    edition = _doc(sources, DocumentKind.EDITION, year)
    if edition is not None:
        problems = [p for p in problems if p != no_lock(edition, year)]
        if project is None and not count_errors(problems):
            project = assemble(sources)
    if project is None or count_errors(problems):
        raise ContentError(problems)
    if edition is None or project.edition(year) is None:
        have = ", ".join(str(e.year) for e in project.editions)
        raise UsageError(f"there is no {year} edition (editions: {have})")
    unfinished = list(_placeholders(project, year))
    if unfinished:
        raise ContentError(unfinished)
    return sources, project, edition


def _placeholders(project: Project, year: int) -> Iterator[Problem]:
    """Scaffold text left in an initiative: a published edition must not say 'TODO:'."""
    edition = project.edition(year)
    assert edition is not None
    for item in edition.initiatives:
        for name in ("title", "summary", "source", "body"):
            if PLACEHOLDER in getattr(item, name):
                hint = f"replace the {PLACEHOLDER} text with what the source says, or remove the initiative"
                yield Problem(item.pos.path, 1, 1, f"{name} still has the scaffold's {PLACEHOLDER} text", hint=hint)


def _locked_files(root: Path, year: int) -> dict[str, bytes]:
    """Every file a lock covers with its bytes; one that cannot be read (a link to nowhere) is an error at its path,
    and nothing is written."""
    files: dict[str, bytes] = {}
    problems = []
    for rel in locked_paths(root, year):
        if next(forbidden_offsets(rel, in_value=True), None) is not None:
            # The lock names each file: a name that YAML cannot hold as plain text makes a lock validate refuses.
            message = "a file whose name holds a control character, or bytes that are not UTF-8, cannot be locked"
            problems.append(Problem(rel, 1, 1, message, hint="rename it, or move it out of the edition"))
            continue
        try:
            files[rel] = read_regular(root / rel)
        except OSError as exc:
            hint = "remove it, or replace the link with the file itself"
            problems.append(Problem(rel, 1, 1, f"cannot read file: {exc.strerror or exc}", hint=hint))
    if problems:
        raise ContentError(problems)
    return files


def _replace(root: Path, year: int, files: dict[str, tuple[DocumentKind, str]]) -> None:
    """Write the files (relative path -> kind and text) together, once each reads back as validate reads it: a
    record that validate would refuse (a corrections log over the reader's limits, say) is not written."""
    problems = [p for rel, (kind, text) in files.items() for p in written_problems(rel, text, kind, year)]
    if problems:
        names = " and ".join(files)
        hint = f"nothing was changed; {names} would not pass validate as written"
        raise ContentError([dataclasses.replace(p, hint="; ".join(filter(None, (p.hint, hint)))) for p in problems])
    try:
        replace_files({root / rel: text for rel, (_, text) in files.items()})
    except OSError as exc:
        raise OutputError(f"cannot write {', '.join(files)}: {exc.strerror or exc}; nothing was changed") from exc


def freeze(root: Path, year: int, today: str) -> int:
    """Mark the edition published and record its lock; refuses an edition with errors or already locked."""
    sources, _, edition = _checked(root, year, frozen=True)
    lock = _doc(sources, DocumentKind.LOCK, year)
    if lock is not None and uncovered(lock):
        return cover_site_wide(root, year, lock)
    if lock is not None:
        raise UsageError(
            f"the {year} edition was already published on {lock.data['published']} ({lock_path(year)}); "
            f'to change it, record a correction: levelup publish {year} --correction "..."'
        )
    files = _locked_files(root, year)
    text = files[edition.path].decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if edition.data["status"] != EditionStatus.PUBLISHED:
        text = replace_scalar(text, *edition.spans.at(("status",)), EditionStatus.PUBLISHED.value)
    files[edition.path] = text.encode("utf-8")
    log = file_sha256(root / corrections_path(year))
    lock_file = lock_text(year, today, {rel: sha256(raw) for rel, raw in files.items()}, log)
    _replace(root, year, {edition.path: (DocumentKind.EDITION, text), lock_path(year): (DocumentKind.LOCK, lock_file)})
    print(f"Published the {year} edition: {lock_path(year)} records {len(files)} files; {edition.path} says published.")
    print("Commit both. From now on a change to any of its files fails validation unless recorded as a correction.")
    return 0


def cover_site_wide(root: Path, year: int, lock: Document) -> int:
    """Bring a lock written before some site-wide files were locked up to date: each is added as it was when the
    lock was added to Git, as the edition was published (the files of a folder, those it held then), so a change
    since then fails validation and is recorded as a correction, with its old and new values. It is not itself a
    correction: nothing the edition shows changes."""
    missing = uncovered(lock)
    if shallow(root):
        raise UsageError(
            "the Git history here is shallow, so the site-wide files cannot be locked as they were when the edition"
            " was published: fetch the whole history first (git fetch --unshallow)"
        )
    # A hash the lock holds already stays: only files it has none for are added.
    files = dict(lock.data["files"])
    # The bundled theme is no tree's own: its files in Git are levelup's, not the edition's. Any other theme/ in
    # the lock's commit was the tree's own then, whether or not it still has one.
    names = [n for n in missing if n != THEME or not bundled_theme_here(root)]
    if not names:  # the bundled theme alone: nothing of the tree's to add
        added: dict[str, str] = {}
    elif (then := files_when_written(root, names, lock_path(year))) is None:  # not in Git: as they are now
        added = {rel: sha256(read_regular(root / rel)) for rel in site_wide_paths(root, names)}
        print(f"{', '.join(names)}: locked as they are now (the lock is not in Git)")
    else:
        commit, found = then
        added = {rel: sha256(raw) for rel, raw in found.items()}
        for rel in sorted(found.keys() - files.keys()):
            print(f"{rel}: locked as it was when {lock_path(year)} was added to Git ({commit[:12]})")
    files |= {rel: digest for rel, digest in added.items() if rel not in files}
    data = lock.data
    text = lock_text(year, data["published"], files, data.get("corrections"), data.get("updated"))
    _replace(root, year, {lock_path(year): (DocumentKind.LOCK, text)})
    print(f"The {year} lock now covers the site-wide files its pages show; no correction was recorded.")
    print(
        f"Commit {lock_path(year)}. If validate now names one of them, it changed since: record that as a correction."
    )
    return 0


def _note(text: str) -> str:
    note = " ".join(text.split())
    if not note:
        raise UsageError("--correction needs a note: what was wrong and what the edition says now")
    if len(note) > NOTE_LIMIT:
        raise UsageError(f"the correction note is {len(note)} characters; keep it under {NOTE_LIMIT}")
    if field_findings(note):
        raise UsageError("the correction note must be plain text (no HTML that could run script)")
    if next(forbidden_offsets(note, in_value=True), None) is not None:
        raise UsageError("the correction note must be plain text (no control characters)")
    return note


def _parsed(rel: str, raw: bytes | None) -> Parsed | None:
    if raw is None:
        return None
    content = parse_content(rel, raw)
    return Parsed(*content) if content else Parsed({})


def _changes(
    root: Path, year: int, locked: dict[str, str], now: dict[str, bytes]
) -> list[tuple[str, str, list[FieldText]]]:
    """Each file that differs from the lock (now: the files as they are), with its fields' old and new values;
    the old text comes from Git."""
    diffs = differences(locked, {rel: sha256(raw) for rel, raw in now.items()})
    if not diffs:
        raise UsageError(f"nothing to correct: every file of the {year} edition matches {lock_path(year)}")
    out: list[tuple[str, str, list[FieldText]]] = []
    missing: list[Problem] = []
    for rel, change in diffs:
        old = None if change == FileChange.ADDED else published_text(root, rel, locked[rel])
        if old is None and change != FileChange.ADDED:
            message = "the published text of this file is not in the Git history, so its old values cannot be shown"
            hint = "commit the published edition, and each correction, before changing it again (in its Git repository)"
            missing.append(Problem(rel, 1, 1, message, hint=hint))
            continue
        if is_picture(rel):
            fields = file_versions(old, now.get(rel))
        elif rel.startswith(THEME):
            # By its versions, not its text: a template's or a stylesheet's text shown in the log (of a tree's own
            # theme, whichever templates render it) could be read as markup, and would soon fill the log.
            fields = file_versions(old, now.get(rel), "file")
        else:
            fields = field_changes(_parsed(rel, old), _parsed(rel, now.get(rel)))
        out.append((rel, change.value, fields))
    if missing:
        raise ContentError(missing)
    return out


def correct(root: Path, year: int, note_text: str, today: str) -> int:
    """Record a dated public correction with each field's old and new value, then refresh the lock."""
    note = _note(note_text)
    sources, project, _ = _checked(root, year, frozen=False)
    lock = _doc(sources, DocumentKind.LOCK, year)
    if lock is None:
        raise UsageError(f"the {year} edition is not published, so there is nothing to correct: edit it freely")
    if lock.data.get("corrections") != file_sha256(root / corrections_path(year)):
        raise ContentError([log_problem(year)])
    # A lock from before some site-wide files were locked leaves them out of the correction and of the lock it
    # writes: publish YEAR covers them first, without a correction (cover_site_wide).
    missing = uncovered(lock)
    now = {rel: raw for rel, raw in _locked_files(root, year).items() if not covered_by(rel, missing)}
    changes = _changes(root, year, covered_files(lock), now)
    log = _doc(sources, DocumentKind.CORRECTIONS, year)
    # A picture's notice stands on the pages whose text shows it now, as recorded: a later edit of those texts
    # leaves the notices as published.
    edition = project.edition(year)
    pictures = [rel for rel, _, _ in changes if is_picture(rel)]
    shown = pictures_shown(project, edition) if pictures and edition is not None else {}
    entry = correction_entry(today, note, changes, {rel: shown.get(rel, []) for rel in pictures})
    entries = [*(log.data["corrections"] if log else []), entry]
    log_text = corrections_text(year, entries)
    files = {rel: sha256(raw) for rel, raw in now.items()}
    log_sha = sha256(log_text.encode("utf-8"))
    new_lock = lock_text(year, lock.data["published"], files, log_sha, today, site_wide=lock.data.get("site_wide", []))
    written = {
        corrections_path(year): (DocumentKind.CORRECTIONS, log_text),
        lock_path(year): (DocumentKind.LOCK, new_lock),
    }
    _replace(root, year, written)
    print(f"Recorded correction {len(entries)} to the {year} edition ({today}), changing {len(changes)} file(s):")
    for rel, change, fields in changes:
        print(f"  {rel}: {change}, {len(fields)} field(s)")
    print(f"Commit {corrections_path(year)} and {lock_path(year)} with the change.")
    return 0


def run(*, root: Path, year: int, correction: str | None = None, today: datetime.date | None = None) -> int:
    """publish YEAR, or publish YEAR --correction NOTE."""
    day = (today or datetime.date.today()).isoformat()
    if correction is None:
        return freeze(root, year, day)
    return correct(root, year, correction, day)
