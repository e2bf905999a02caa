"""Reading a content file only when it is a regular file: a named pipe (or a device) under the content root would
block a read for ever, or never end, so it is refused at the read, wherever the file was found."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

NOT_REGULAR = "not a regular file (a named pipe or a device)"


def open_regular(path: Path) -> BinaryIO:
    """path opened for reading bytes; OSError (strerror NOT_REGULAR) for anything but a regular file. The open
    itself does not wait: O_NONBLOCK returns at once for a pipe with no writer."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, NOT_REGULAR, str(path))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: Path) -> bytes:
    """A regular file's bytes (see open_regular)."""
    with open_regular(path) as handle:
        return handle.read()
