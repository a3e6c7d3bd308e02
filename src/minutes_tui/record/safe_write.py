"""Write a file safely: all at once or not at all, never over what must not be replaced.

A target is checked first (`export_target`): only a regular file or a new path is ever
replaced. Devices, pipes, sockets and anything in the data home's `db/` folder are refused,
because a rename over them would silently destroy them (a machine's /dev/stdout, the live
database). A folder (an existing one, or a path ending in "/") gets the default file name.

The payload is written to a temporary file in the target folder, fsynced, given mode 0600
(records are often sensitive), then moved into place (`write_atomic`): a failure never
leaves half a file. A file already there is kept unless the caller asks to replace it:
the new one takes the next free name (`name-2.docx`). A killed writer's temporary file is
swept by the next write into its folder (`sweep_stale_temps`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "ExportError",
    "export_target",
    "free_name",
    "numbered_name",
    "sweep_stale_temps",
    "write_atomic",
]

# The atomic writer's temporary file: `.<target name>.<pid>.<8 random chars>.minutes.tmp`.
# The pid lets the next export tell a killed writer's leftover from a live one's.
_TMP_SUFFIX = ".minutes.tmp"
_TMP_RE = re.compile(r"\..*\.(?P<pid>[0-9]+)\.[a-z0-9_]{8}" + re.escape(_TMP_SUFFIX))
_TMP_STALE_AFTER = 10.0  # seconds: a live export writes its file in well under a second
_TMP_SURELY_STALE_AFTER = 3600.0  # a pid that looks alive after an hour has been reused
# Names of devices and of open files (/dev/stdout, /dev/fd/1, /proc/self/fd/1): writing
# "to" them by rename would replace whatever they point at, such as a redirected stdout.
_SYSTEM_FOLDERS = (Path("/dev"), Path("/proc"))


class ExportError(Exception):
    """An export that could not be written; the message is one sentence for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _message(exc: OSError, out: Path) -> str:
    folder = out.parent
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return f"The disk is full, so {out} was not written."
    if code in (errno.EACCES, errno.EPERM):
        return f"Cannot write to the folder {folder}: permission denied."
    if code == errno.EROFS:
        return f"Cannot write to the folder {folder}: the disk is read-only."
    if code == errno.ENOENT:
        return f"The folder {folder} does not exist."
    if code == errno.EISDIR:
        return f"{out} is a folder; give a file name to export to."
    if code == errno.ENOTDIR:
        return f"{folder} is not a folder."
    if code == errno.ENAMETOOLONG:
        return f"The file name {out.name!r} is too long."
    return f"Could not write {out}: {exc.strerror or exc}."


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def export_target(
    out: str | os.PathLike[str], default_name: str, protected: Iterable[Path] = ()
) -> Path:
    """The file an export to `out` writes, or `ExportError` saying why none may be.

    A folder (existing, or named with a trailing "/") receives `default_name`. Symlinks
    are resolved first, so a link cannot smuggle the write onto a device or into `db/`;
    a link to a regular file has that file replaced, and keeps pointing at it.
    """
    raw = os.fspath(out)
    if raw == "-":
        raise ExportError("'-' means standard output, which only the command line can write to.")
    path = Path(raw).expanduser()
    try:
        if raw.endswith(("/", os.sep)) or path.is_dir():
            if not path.exists():
                raise ExportError(f"The folder {path} does not exist.")
            if not path.is_dir():
                raise ExportError(f"{path} is not a folder.")
            path = path / default_name
        real = Path(os.path.realpath(path))
        for system in _SYSTEM_FOLDERS:  # /dev/stdout may resolve to a regular file: still no
            if _within(path.absolute(), system) or _within(real, system):
                raise ExportError(
                    f"{path} is a device or a stream of the system, not a file; "
                    "use --out - for standard output, or name a regular file."
                )
        for folder in protected:
            folder_real = Path(os.path.realpath(Path(folder).expanduser()))
            if _within(real, folder_real):
                raise ExportError(
                    f"{path} is inside the database folder {folder_real}; export somewhere else."
                )
        written = real if path.is_symlink() else path  # a rename would replace the link
        try:
            mode = real.stat().st_mode
        except FileNotFoundError:
            return written  # a new path
        if stat.S_ISDIR(mode):  # a folder under a name given without "/": checked above
            raise ExportError(f"{path} is a folder; give a file name to export to.")
        kind = _kind(mode)
        if kind is not None:
            raise ExportError(f"{path} is {kind}; export to a regular file instead.")
        return written
    except OSError as exc:  # a name too long, a path through a file, a loop of links
        raise ExportError(_message(exc, path)) from exc


def sweep_stale_temps(folder: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files that a killed export left in `folder`.

    Only our own names (`_TMP_RE`), regular files we own, older than a few seconds, and
    whose writer is gone (or so old its pid must have been reused). Best effort.
    """
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        m = _TMP_RE.fullmatch(name)
        if m is None:
            continue
        tmp = folder / name
        try:
            info = tmp.lstat()
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
            continue
        age = now - info.st_mtime
        if age < _TMP_STALE_AFTER:
            continue
        if age < _TMP_SURELY_STALE_AFTER and _alive(int(m.group("pid"))):
            continue
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed.append(tmp)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process, or not a pid we can ask about: leave it
    return True


_FREE_NAME_TRIES = 1000


def numbered_name(path: Path, n: int) -> Path:
    """`record.docx` → `record-2.docx` (n = 2): the name a kept-both export takes."""
    return path if n < 2 else path.with_name(f"{path.stem}-{n}{path.suffix}")


def free_name(path: Path) -> Path:
    """`path` when nothing is there, else the first free `stem-2.ext`, `stem-3.ext`, …"""
    for n in range(1, _FREE_NAME_TRIES + 1):
        candidate = numbered_name(path, n)
        if not os.path.lexists(candidate):
            return candidate
    raise ExportError(f"{path} and {_FREE_NAME_TRIES - 1} numbered copies exist; tidy the folder.")


def _place_new(tmp: Path, out: Path) -> Path:
    """Move the written `tmp` to `out`, or to the next free numbered name when a file
    appeared there meanwhile: a hard link never replaces what is already there."""
    target = free_name(out)
    for _ in range(_FREE_NAME_TRIES):
        try:
            os.link(tmp, target)
        except FileExistsError:
            target = free_name(out)
            continue
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                raise
            os.replace(tmp, target)  # a filesystem without hard links: checked just above
            return target
        tmp.unlink()
        return target
    raise ExportError(f"{out}: no free name found; tidy the folder.")


def write_atomic(out: Path, payload: bytes, replace: bool = True) -> Path:
    """Write `payload` to `out` all at once, or not at all. With `replace` False an
    existing file is never touched: the payload goes to a new numbered name (returned)."""
    folder = out.parent
    try:  # is_dir() and exists() still raise for a name too long or a path too deep
        if out.is_dir():
            raise ExportError(f"{out} is a folder; give a file name to export to.")
        if not folder.exists():
            raise ExportError(f"The folder {folder} does not exist.")
        if not folder.is_dir():
            raise ExportError(f"{folder} is not a folder.")
    except OSError as exc:
        raise ExportError(_message(exc, out)) from exc
    sweep_stale_temps(folder)
    try:
        prefix = f".{out.name[:100]}.{os.getpid()}."
        fd, tmp_name = tempfile.mkstemp(prefix=prefix, suffix=_TMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise ExportError(_message(exc, out)) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(tmp, out)
        else:
            out = _place_new(tmp, out)
    except OSError as exc:
        _discard(tmp)
        raise ExportError(_message(exc, out)) from exc
    except BaseException:
        _discard(tmp)
        raise
    _fsync_folder(folder)
    return out


def _discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        tmp.unlink()


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every platform allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
