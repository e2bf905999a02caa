"""Published editions stay as published: each file matches its lock, or the change is recorded as a correction."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping

from .enums import DocumentKind, EditionStatus, FileChange
from .fingerprint import SITE_WIDE, corrections_path, covered_by, is_site_wide, lock_path
from .problems import WARNING, Problem
from .read import Document, Sources


def differences(locked: Mapping[str, str], current: Mapping[str, str]) -> list[tuple[str, FileChange]]:
    """Each file whose fingerprint differs from the lock: changed, added or removed, in path order."""
    out = [(p, FileChange.CHANGED) for p in locked if p in current and current[p] != locked[p]]
    out += [(p, FileChange.ADDED) for p in current if p not in locked]
    out += [(p, FileChange.REMOVED) for p in locked if p not in current]
    return sorted(out)


def correction_hint(year: int) -> str:
    """How to record a change to a published edition."""
    return (
        f'record it as a public correction: levelup publish {year} --correction "what was wrong and what it says now"'
    )


_WHAT = {
    FileChange.CHANGED: (
        "this file of the published {year} edition has changed since it was published",
        "undo the change",
    ),
    FileChange.ADDED: ("this file was added to the published {year} edition", "remove it"),
    FileChange.REMOVED: ("this file of the published {year} edition was removed", "restore it"),
}


def _inside(path: str, year: int) -> bool:
    parts = path.split("/")
    own = len(parts) > 2 and parts[:2] in (["content", str(year)], ["initiatives", str(year)]) and ".." not in parts
    return own or is_site_wide(path)


def check_lock(
    lock: Document,
    sources: Sources,
    editions: Mapping[int | None, Document],
    differ: bool = True,
    faulty: Collection[str] = (),
) -> Iterator[Problem]:
    """One locked edition: its lock names its own files, it stays published and (differ) nothing differs from it."""
    year = lock.edition
    assert year is not None
    if lock.data["edition"] != year:
        line, col = lock.spans.at(("edition",))
        yield Problem(lock.path, line, col, f"edition {lock.data['edition']} does not match the folder content/{year}/")
    for path in lock.data["files"]:
        if not _inside(path, year):
            line, col = lock.spans.at(("files", path), key=True)
            yield Problem(lock.path, line, col, f"'{path}' is not a file of the {year} edition")
    if differ:
        yield from _differences(lock, sources, year, faulty)
    edition = editions.get(year)
    if edition is not None and edition.data["status"] != EditionStatus.PUBLISHED:
        line, col = edition.spans.at(("status",))
        hint = "a published edition stays published; set status: published"
        yield Problem(
            edition.path, line, col, f"edition {year} is locked ({lock_path(year)}) but not published", hint=hint
        )


def _differences(lock: Document, sources: Sources, year: int, faulty: Collection[str]) -> Iterator[Problem]:
    current = dict(sources.fingerprints.get(year, {}))
    log = current.pop(corrections_path(year), None)
    # A lock written before some site-wide files were locked (its site_wide list lacks them, or it has none) does
    # not cover them yet: said once, as a warning, so that a tree published with an older levelup still builds.
    if missing := uncovered(lock):
        if shown := [name for name in missing if any(covered_by(path, [name]) for path in current)]:
            yield _not_covered(lock, shown, year)
        current = {path: digest for path, digest in current.items() if not covered_by(path, missing)}
    # An entry outside the edition has its own error above, not a second one as a file that was removed.
    locked = {path: digest for path, digest in covered_files(lock).items() if _inside(path, year)}
    for path, change in differences(locked, current):
        if is_site_wide(path):
            if path not in faulty:  # its own errors first: fixing them may undo the difference
                yield _shared(path, change, year)
            continue
        message, undo = _WHAT[change]
        yield Problem(path, 1, 1, message.format(year=year), hint=f"{undo}, or {correction_hint(year)}")
    if lock.data.get("corrections") != log:
        yield log_problem(year)


def uncovered(lock: Document) -> list[str]:
    """The site-wide names (SITE_WIDE) a lock does not cover: those missing from its site_wide list, written by an
    older levelup (all of them when it has no list)."""
    covers = lock.data.get("site_wide", [])
    return [name for name in SITE_WIDE if name not in covers]


def covered_files(lock: Document) -> dict[str, str]:
    """The lock's fingerprints of the files it covers: an entry under a site-wide name its site_wide list lacks
    (a hand-edited lock) is not one of them."""
    missing = uncovered(lock)
    return {path: digest for path, digest in lock.data["files"].items() if not covered_by(path, missing)}


def _shared(path: str, change: FileChange, year: int) -> Problem:
    """A site-wide file that differs from a published edition's lock: its pages would change."""
    message = {
        FileChange.CHANGED: f"this site-wide file, which the published {year} edition shows, has changed since then",
        FileChange.ADDED: f"the published {year} edition shows this site-wide file, but its lock does not cover it",
        FileChange.REMOVED: f"this site-wide file, which the published {year} edition shows, was removed",
    }[change]
    return Problem(path, 1, 1, message, hint=f"undo the change, or {correction_hint(year)}")


def _not_covered(lock: Document, paths: list[str], year: int) -> Problem:
    either = paths[0] if len(paths) == 1 else f"{', '.join(paths[:-1])} or {paths[-1]}"
    message = f"{lock_path(year)} does not cover {either}, whose words the published {year} edition shows"
    hint = (
        f"run levelup publish {year}: it adds them to the lock as they were when the edition was published (from"
        " Git), and records no correction"
    )
    return Problem(lock.path, 1, 1, message, severity=WARNING, hint=hint)


def log_problem(year: int) -> Problem:
    """The corrections log was changed other than by publish --correction."""
    message = f"the corrections log of the published {year} edition differs from the one {lock_path(year)} recorded"
    hint = f"corrections are added only by levelup publish {year} --correction; restore the file from Git"
    return Problem(corrections_path(year), 1, 1, message, hint=hint)


def check_frozen(
    valid: list[Document], sources: Sources, differences: bool = True, faulty: Collection[str] = ()
) -> Iterator[Problem]:
    """Every locked edition against its lock (without differences: only that the lock itself is sound), and
    every published edition has a lock: deleting lock.yml must not switch the protection off unnoticed.
    faulty: files with errors of their own, for which a site-wide file's difference waits."""
    editions = {d.edition: d for d in valid if d.kind == DocumentKind.EDITION}
    for lock in valid:
        if lock.kind == DocumentKind.LOCK:
            yield from check_lock(lock, sources, editions, differences, faulty)
    # A lock that exists but cannot be read has its own error; only a missing one is reported here.
    locked = {d.edition for d in sources.documents if d.kind == DocumentKind.LOCK}
    locked |= {int(p.path.split("/")[1]) for p in sources.problems if p.path.endswith("/lock.yml")}
    for year, edition in sorted(editions.items(), key=lambda pair: pair[0] or 0):
        if year is not None and edition.data["status"] == EditionStatus.PUBLISHED and year not in locked:
            yield no_lock(edition, year)


def no_lock(edition: Document, year: int) -> Problem:
    """A published edition without its lock (the one error `publish YEAR` itself resolves)."""
    line, col = edition.spans.at(("status",))
    message = f"edition {year} says published but has no lock ({lock_path(year)})"
    hint = f"run levelup publish {year} to lock it as it is, or restore {lock_path(year)} from Git"
    return Problem(edition.path, line, col, message, hint=hint)
