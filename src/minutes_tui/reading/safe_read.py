"""Open a file the user names, for reading, without trusting it.

Only a regular file is read: a FIFO, a device or a socket named `.txt` would block the
command (or never end), so it is refused — opened with O_NONBLOCK, so even the opening
never waits for a writer. A file larger than its kind's limit is refused before a byte
is read, and the read itself stops at the limit (a file can grow while it is read).
Every refusal is a `FileRefused` whose message is one sentence for the user.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path
from typing import BinaryIO

MB = 1 << 20
TEXT_LIMIT = 20 * MB  # a record or script typed as text: real ones are under 1 MB
WORD_LIMIT = 64 * MB  # a .docx on disk (pictures included; only its XML is inflated)
PDF_LIMIT = 64 * MB
REPORT_LIMIT = 256 * MB  # an attendance report: streamed, so this is about time, not memory


class FileRefused(ValueError):
    """The file is not read; the message says why, in one sentence."""


def _size(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{n:,} bytes"


def open_regular(path: Path, limit: int) -> BinaryIO:
    """A regular file of at most `limit` bytes, opened for reading (the caller closes it)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise FileRefused(f"{path}: no such file") from None
    except IsADirectoryError:
        raise FileRefused(f"{path}: is a folder, not a file") from None
    except PermissionError:
        raise FileRefused(f"{path}: permission denied") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise FileRefused(
                f"{path}: a symlink loop (a link that leads back to itself)"
            ) from None
        raise FileRefused(f"{path}: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileRefused(f"{path}: is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(
                f"{path}: not a regular file (a pipe, a device or a socket); "
                "save it as a file and read that"
            )
        if info.st_size > limit:
            raise FileRefused(
                f"{path.name}: too large to read ({_size(info.st_size)}; "
                f"the limit for this kind of file is {_size(limit)})"
            )
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_limited(path: Path, limit: int) -> bytes:
    """The whole file, refused as `open_regular` refuses, and past `limit` while reading."""
    with open_regular(path, limit) as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise FileRefused(f"{path}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise FileRefused(f"{path.name}: too large to read (over {_size(limit)})")
    return data


def sha256_of(path: Path, limit: int) -> str:
    """The file's SHA-256, read in chunks from a regular file of at most `limit` bytes."""
    digest = hashlib.sha256()
    with open_regular(path, limit) as handle:
        while chunk := handle.read(MB):
            digest.update(chunk)
    return digest.hexdigest()


def sha256_of_open(handle: BinaryIO) -> str:
    """The SHA-256 of an open file from its start, left at its start again: the bytes a
    reader then reads from the same handle are the bytes hashed."""
    digest = hashlib.sha256()
    handle.seek(0)
    while chunk := handle.read(MB):
        digest.update(chunk)
    handle.seek(0)
    return digest.hexdigest()
