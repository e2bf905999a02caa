"""Seals for the build's cache entries: an HMAC under a private key, so an entry nobody but this checkout's
builds wrote is never trusted.

Anyone who can write the cache folder (a shared runner, a restored CI cache) could otherwise put any HTML into
the published site. The key lives beside the entries in seal.key (mode 600, owned by this user), and what seals
is the key bound to that file's identity (device, inode, change time): a key file copied, restored or cloned
elsewhere seals differently, so every entry sealed under the original is ignored and made again. An entry with
a missing or wrong seal is only a cache miss, never an error."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

from .errors import OutputError

# The folder of every cache entry and the check store, under a content root; the key lies there too.
FOLDER = ".cache/levelup"
KEY_FILE = "seal.key"
KEY_BYTES = 32
_DIGEST = hashlib.sha256().digest_size * 2  # hex characters


def _load(path: Path) -> bytes | None:
    """The sealing key from the key file, or None when there is none this user alone could have written."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        raw = os.read(handle, KEY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(handle)
    # Readable or writable by others, or someone else's: the key may be known, so nothing sealed with it counts.
    owner = info.st_uid == os.geteuid() if hasattr(os, "geteuid") else True
    if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o077 or not owner or len(raw) != KEY_BYTES:
        return None
    identity = f"{info.st_dev}:{info.st_ino}:{info.st_ctime_ns}".encode()
    return hmac.new(raw, identity, hashlib.sha256).digest()


class Seal:
    """Seals and opens the entries of one cache folder; the key is read (or made) on first use."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / KEY_FILE
        self._key: bytes | None = None
        self._tried = False

    def key(self) -> bytes | None:
        """The sealing key, made afresh when there is no trustworthy one; None when none can be made."""
        if not self._tried:
            self._tried = True
            self._key = _load(self.path)
            if self._key is None:
                from . import write  # only when a key is made

                # Failing: another process made one meanwhile (read below), or the cache cannot be written (no key).
                with contextlib.suppress(OSError, OutputError):
                    write.create_key(self.path, secrets.token_bytes(KEY_BYTES))
                self._key = _load(self.path)
        return self._key

    def _mac(self, key: bytes, name: str, payload: bytes) -> bytes:
        # The entry's name is sealed too, so a sealed entry moved under another name does not open.
        return hmac.new(key, name.encode() + b"\0" + payload, hashlib.sha256).hexdigest().encode()

    def seal(self, name: str, payload: bytes) -> bytes | None:
        """payload behind a line holding its seal as the entry name; None when there is no key to seal with."""
        key = self.key()
        return None if key is None else self._mac(key, name, payload) + b"\n" + payload

    def open(self, name: str, data: bytes) -> bytes | None:
        """The payload of data sealed as name with this key, or None if it was not."""
        key = self.key()
        mac, newline, payload = data[:_DIGEST], data[_DIGEST : _DIGEST + 1], data[_DIGEST + 1 :]
        if key is None or newline != b"\n":
            return None
        return payload if hmac.compare_digest(mac, self._mac(key, name, payload)) else None
