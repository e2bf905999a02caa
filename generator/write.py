"""The only module that writes: docs trees into a staging folder, the finished site into place, and
content files (locks, corrections, scaffolds) each whole or not at all."""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from .errors import BusyError, OutputError

# Every build stages under root/.build/build-*; a build holds LOCK from before it stages until it has cleaned up.
STAGE_PREFIX = "build-"
LOCK = "lock"
# serve's private folders under .build, and the file each holds a kernel lock on while its preview runs.
PREVIEW_PREFIX = "serve-"
IN_USE = ".in-use"


@contextmanager
def _writing(path: Path) -> Iterator[None]:
    """Turn a failed write (full disk, read-only folder, a file where a folder should be) into one clear line."""
    try:
        yield
    except OSError as exc:
        where, reason = Path(exc.filename) if exc.filename else path, exc.strerror or str(exc)
        if exc.errno in (errno.EEXIST, errno.ENOTDIR):
            # "File exists" / "Not a directory" name a symptom; name the file that is in the way instead.
            blocker = next((p for p in (where, *where.parents) if p.is_file()), None)
            where, reason = (blocker, "it is a file, not a folder") if blocker else (where, reason)
        raise OutputError(f"cannot write {where}: {reason}") from exc


def write_files(base: Path, files: Mapping[str, str | bytes]) -> None:
    """Write a tree of files under base (text as UTF-8 with \\n line endings)."""
    write_each(base, sorted(files.items()))


def write_each(base: Path, files: Iterable[tuple[str, str | bytes]]) -> None:
    """Write files under base one at a time, as they come (an edition's finished pages: never all in memory)."""
    for rel, content in files:
        path = base / rel
        with _writing(path):
            _in_folder(path, _write, path, content)


def _write(path: Path, content: str | bytes) -> None:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="\n")


def _in_folder(path: Path, write: Callable[..., object], *args: object) -> None:
    """Write, making path's folder only if it is not there: most writes go into a folder that exists (a finished
    page over its rendered self, a docs tree's second file), and asking first cost two system calls a file."""
    try:
        write(*args)
    except (FileNotFoundError, NotADirectoryError):
        # A missing folder is made; a file in the way makes mkdir fail naming the folder, which _writing turns into
        # the file that blocks it (a failed link would name its source instead).
        path.parent.mkdir(parents=True, exist_ok=True)
        write(*args)


def write_config(path: Path, config: Mapping[str, Any]) -> str:
    """Write an mkdocs.yml; returns its text."""
    text = yaml.safe_dump(dict(config), sort_keys=False, allow_unicode=True)
    with _writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return text


def staging(root: Path) -> Path:
    """A fresh folder beside site/ (same file system, so the final swap is a rename)."""
    build = root / ".build"
    with _writing(build):
        build.mkdir(exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=build))


if sys.platform == "win32":  # pragma: no cover - no Windows runner here
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        # A kernel lock: released when the holder exits, however it exits (kill -9 included).
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def _holder(path: Path) -> str:
    try:
        pid = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        pid = ""
    return f"another build (pid {pid})" if pid.isdigit() else "another build"


def _still_there(fd: int, path: Path) -> bool:
    # The file may have been deleted or replaced while we waited for it: then its lock guards nothing.
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


@contextmanager
def build_lock(root: Path, wait: float, on_wait: Callable[[str], None]) -> Iterator[None]:
    """Hold root/.build/lock for a build: wait up to `wait` seconds for another build, then raise BusyError."""
    path = root / ".build" / LOCK
    deadline = time.monotonic() + max(0.0, wait)
    told = False
    while True:
        with _writing(path):
            path.parent.mkdir(exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            if _try_lock(fd) and _still_there(fd, path):
                break
        os.close(fd)
        if time.monotonic() >= deadline:
            raise BusyError(f"{_holder(path)} holds the lock {path}; try again when it has finished")
        if not told:
            on_wait(f"waiting up to {wait:g} s for {_holder(path)} to finish (it holds {path})")
            told = True
        time.sleep(0.1)
    try:
        with _writing(path):
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        yield
    finally:
        os.close(fd)


def clear_stale(root: Path) -> None:
    """Remove the staging folders of killed builds; call it holding the lock, so none of them is a live build's.
    The folders of previews that have ended go too (clear_stale_previews)."""
    build = root / ".build"
    if build.is_dir():
        for entry in build.iterdir():
            if entry.name.startswith(STAGE_PREFIX):
                shutil.rmtree(entry, ignore_errors=True)
    clear_stale_previews(root)


def in_use(folder: Path) -> int:
    """Mark a private folder (scratch) as in use for as long as this process lives or until the returned file
    descriptor is closed: a kernel lock, which a killed process gives up too. A folder removed while in use
    (rm -rf .build during a preview) is made again."""
    with _writing(folder):
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / IN_USE, os.O_RDWR | os.O_CREAT, 0o644)
    _try_lock(fd)  # a fresh folder of our own: nobody else holds it
    return fd


def clear_stale_previews(root: Path) -> None:
    """Remove the folders of previews that were killed (their lock is free). A folder without the lock file is
    left: it is being made, or an older version made it."""
    build = root / ".build"
    if not build.is_dir():
        return
    for entry in build.iterdir():
        if not entry.name.startswith(PREVIEW_PREFIX):
            continue
        try:
            fd = os.open(entry / IN_USE, os.O_RDWR)
        except OSError:
            continue
        try:
            if _try_lock(fd):
                shutil.rmtree(entry, ignore_errors=True)
        finally:
            os.close(fd)


def _old(site: Path) -> Path:
    return site.with_name(f".{site.name}.old")


def recover(site: Path) -> None:
    """Finish a site swap that a killed build left half done: put the old site back, or drop the leftover copy."""
    old = _old(site)
    if not old.is_dir():
        return
    with _writing(site):
        if os.path.lexists(site):
            shutil.rmtree(old)
        else:
            os.rename(old, site)


def check_target(site: Path, root: Path) -> None:
    """Fail early, before any work, if the site cannot be swapped into place."""
    with _writing(site.parent):
        site.parent.mkdir(parents=True, exist_ok=True)
    if os.path.lexists(site) and not site.is_dir():
        raise OutputError(f"cannot write {site}: it exists and is not a folder")
    if not os.access(site.parent, os.W_OK):
        raise OutputError(f"cannot write {site}: {site.parent} is read-only")
    if site.parent.stat().st_dev != (root / ".build").stat().st_dev:
        raise OutputError(f"cannot write {site}: it must be on the same file system as {root / '.build'}")


def missing(base: Path, expected: Mapping[str, int | None]) -> list[str]:
    """The expected files under base that are absent or damaged: not the given size, or empty where None."""
    out = []
    for rel, size in expected.items():
        try:
            actual = (base / rel).stat().st_size
        except OSError:
            actual = -1
        if (actual <= 0) if size is None else (actual != size):
            out.append(rel)
    return out


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system or file system cannot."""
    if sys.platform != "linux":
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def replace_site(staged: Path, site: Path) -> None:
    """Swap the finished site into place; the old one ends up in staged, for discard() to remove.

    Where the swap cannot be one step, it is two renames through .site.old, and recover() repairs a kill between them.
    """
    with _writing(site):
        if not os.path.lexists(site):
            os.rename(staged, site)
        elif not _exchange(staged, site):
            old = _old(site)
            os.rename(site, old)
            os.rename(staged, site)
            os.rename(old, staged)


def discard(path: Path) -> None:
    """Remove a staging folder, whether the build finished or failed."""
    shutil.rmtree(path, ignore_errors=True)


def _temporary(path: Path, content: str | bytes) -> Path:
    """content in a hidden file beside path, flushed to disk, ready to be renamed over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".levelup-", suffix=".tmp", dir=path.parent)
    data = content.encode("utf-8") if isinstance(content, str) else content
    with os.fdopen(handle, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    return Path(name)


def replace_files(files: Mapping[Path, str]) -> None:
    """Replace several files (text, UTF-8, \\n endings) so that each is either old or new, never half-written.

    Every new text is on disk before the first rename, so a full disk changes nothing."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, text in files.items():
            staged.append((_temporary(path, text), path))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, path in staged:
        os.replace(temporary, path)


def create_file(path: Path, text: str) -> None:
    """Write a new file; refuses (FileExistsError) to replace one that exists."""
    temporary = _temporary(path, text)
    try:
        os.link(temporary, path)  # fails if path exists: never overwrites, even in a race
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if path.exists():
            raise FileExistsError(str(path)) from None
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def create_trees(trees: Mapping[Path, Mapping[str, bytes]]) -> None:
    """Create new folders, each with its files, all or nothing; refuses (FileExistsError) if any exists."""
    for folder in trees:
        if folder.exists():
            raise FileExistsError(str(folder))
    staged: list[tuple[Path, Path]] = []
    done: list[Path] = []
    try:
        for folder, files in trees.items():
            folder.parent.mkdir(parents=True, exist_ok=True)
            temporary = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
            staged.append((temporary, folder))
            write_files(temporary, files)
        for temporary, folder in staged:
            temporary.rename(folder)  # on POSIX a rename onto an existing non-empty folder fails
            done.append(folder)
    except BaseException:
        for folder in done:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        for temporary, _ in staged:
            shutil.rmtree(temporary, ignore_errors=True)


def remove_file(path: Path) -> None:
    """Remove a file this run created (a scaffold that turned out invalid)."""
    path.unlink(missing_ok=True)


def sync_files(base: Path, files: Mapping[str, str | bytes], before: Mapping[str, str | bytes]) -> set[str]:
    """Make the tree under base hold files, given that it holds before: write only what differs and remove what
    is gone, so a renderer that compares times (MkDocs --dirty) redoes only those. Returns the paths touched."""
    changed = {rel for rel, content in files.items() if before.get(rel) != content}
    write_files(base, {rel: files[rel] for rel in changed})
    for rel in before.keys() - files.keys():
        (base / rel).unlink(missing_ok=True)
        changed.add(rel)
    return changed


def withhold_files(base: Path, files: Mapping[str, bytes]) -> None:
    """Replace files under base the preview may not show (each renamed over the old one, a link included, never
    written through it), dated 1970 so that MkDocs' next --dirty build renders or copies them again."""
    for rel, data in files.items():
        path = base / rel
        store_file(path, data)
        with _writing(path):
            os.utime(path, (0, 0), follow_symlinks=False)


def signal(path: Path, text: str) -> None:
    """Replace a small file with a new one (a new inode, so even a polling watcher sees it), as a cache entry is
    written: no fsync, and a full disk leaves no half-written signal behind."""
    store_file(path, text.encode("utf-8"))


def scratch(root: Path, prefix: str) -> Path:
    """A fresh private folder under root/.build (the preview's staging: docs, site, signal)."""
    build = root / ".build"
    with _writing(build):
        build.mkdir(exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=prefix, dir=build))


# --- the build's caches (see cache.py): each entry appears whole under its final name, or not at all --------------


def store_file(path: Path, data: bytes) -> None:
    """Write one cache entry: a temporary file beside it, renamed over it (no fsync: entries verify themselves)."""
    with _writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        # A short name of its own: the file's name may be near the system's limit already.
        handle, name = tempfile.mkstemp(prefix=".levelup-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(name, path)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise


def place_files(target: Path, files: Mapping[str, Path]) -> None:
    """Give each file a second name under target (a hard link; a copy where the file system has none)."""
    with _writing(target):
        for rel, source in files.items():
            path = target / rel
            try:
                _in_folder(path, os.link, source, path)
            except OSError as exc:
                if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP):
                    raise
                _in_folder(path, shutil.copyfile, source, path)


def store_tree(folder: Path, files: Mapping[str, Path], extra: Mapping[str, bytes]) -> None:
    """A folder of files (linked or copied) and extra contents, built beside folder and renamed into place."""
    with _writing(folder):
        folder.parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
        try:
            place_files(temporary, files)
            for rel, data in extra.items():
                (temporary / rel).write_bytes(data)
            if folder.exists():
                shutil.rmtree(folder)
            os.rename(temporary, folder)
        finally:
            shutil.rmtree(temporary, ignore_errors=True)


def remove_entry(path: Path) -> None:
    """Remove a cache entry, file or folder."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def create_key(path: Path, data: bytes) -> None:
    """Write a new private key file (mode 600) in place of whatever is at path; FileExistsError if another
    process made one at the same moment."""
    with _writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.exists():
            remove_entry(path)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        handle = os.open(path, flags, 0o600)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
