"""Seals on cache entries (generator/seal.py): only entries sealed under this checkout's own private key open;
a copied key, a key others could read, a wrong name or damaged data open nothing and raise nothing."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO

from generator.seal import KEY_FILE, Seal


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / ".cache" / "levelup"


def test_an_entry_opens_under_its_own_name_only(folder: Path) -> None:
    seal = Seal(folder)
    sealed = seal.seal("charts/a.json", b'{"svg": "<svg/>"}')
    assert sealed is not None and seal.open("charts/a.json", sealed) == b'{"svg": "<svg/>"}'
    assert Seal(folder).open("charts/a.json", sealed) == b'{"svg": "<svg/>"}'  # a later build, the same key
    assert seal.open("charts/b.json", sealed) is None  # moved under another entry's name


def test_the_key_is_private_and_made_once(folder: Path) -> None:
    Seal(folder).key()
    info = (folder / KEY_FILE).stat()
    assert stat.S_IMODE(info.st_mode) == 0o600 and info.st_size == 32
    Seal(folder).key()
    assert (folder / KEY_FILE).stat().st_ino == info.st_ino


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-1],  # cut short
        lambda data: data[:10],
        lambda data: b"",
        lambda data: data[:64] + b" " + data[65:],  # no newline after the seal
        lambda data: data.replace(b"<svg/>", b"<svg/><script>alert(1)</script>"),
        lambda data: bytes([data[0] ^ 1]) + data[1:],  # the seal itself changed
        lambda data: b"\xff" * len(data),
    ],
)
def test_damaged_or_changed_data_does_not_open(folder: Path, damage: object) -> None:
    seal = Seal(folder)
    sealed = seal.seal("charts/a.json", b'{"svg": "<svg/>"}')
    assert sealed is not None
    assert seal.open("charts/a.json", damage(sealed)) is None  # type: ignore[operator]


def test_a_plain_sha256_is_not_a_seal(folder: Path) -> None:
    """The old format: anyone can compute it, so it proves nothing."""
    import hashlib

    payload = b'{"svg": "<script>alert(1)</script>"}'
    assert Seal(folder).open("charts/a.json", hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload) is None


def test_a_copied_key_seals_differently(folder: Path, tmp_path: Path) -> None:
    sealed = Seal(folder).seal("charts/a.json", b"x")
    assert sealed is not None
    # A key file restored from elsewhere (a CI cache, a cloned runner): same bytes, mode and owner, another file.
    copy = tmp_path / "copy.key"
    shutil.copy2(folder / KEY_FILE, copy)
    (folder / KEY_FILE).unlink()
    shutil.copy2(copy, folder / KEY_FILE)
    assert Seal(folder).open("charts/a.json", sealed) is None


def test_a_key_others_can_read_is_replaced(folder: Path) -> None:
    sealed = Seal(folder).seal("charts/a.json", b"x")
    assert sealed is not None
    os.chmod(folder / KEY_FILE, 0o644)
    assert Seal(folder).open("charts/a.json", sealed) is None
    assert stat.S_IMODE((folder / KEY_FILE).stat().st_mode) == 0o600  # a new private key, for the entries to come
    assert Seal(folder).open("charts/a.json", Seal(folder).seal("charts/a.json", b"x") or b"") == b"x"


def test_a_linked_or_wrong_sized_key_is_replaced(folder: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "known.key"
    elsewhere.write_bytes(b"k" * 32)
    os.chmod(elsewhere, 0o600)
    folder.mkdir(parents=True)
    (folder / KEY_FILE).symlink_to(elsewhere)
    assert Seal(folder).key() is not None
    assert not (folder / KEY_FILE).is_symlink() and elsewhere.read_bytes() == b"k" * 32
    (folder / KEY_FILE).unlink()
    (folder / KEY_FILE).write_bytes(b"short")
    os.chmod(folder / KEY_FILE, 0o600)
    assert Seal(folder).key() is not None and (folder / KEY_FILE).stat().st_size == 32


def test_without_a_writable_cache_nothing_is_sealed_or_opened(tmp_path: Path) -> None:
    (tmp_path / ".cache").write_text("not a folder")
    seal = Seal(tmp_path / ".cache" / "levelup")
    assert seal.seal("charts/a.json", b"x") is None and seal.open("charts/a.json", b"0" * 64 + b"\nx") is None


def test_caches_are_never_committed() -> None:
    """.cache/ is ignored at any depth, and no test has left one among the fixtures."""
    for path in ("tests/fixtures/valid/.cache/levelup/seal.key", ".cache/levelup/checks.json"):
        assert subprocess.run(["git", "check-ignore", "-q", path], cwd=REPO, check=False).returncode == 0, path
    assert list(FIXTURES.rglob(".cache")) == []
