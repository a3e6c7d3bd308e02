"""Build a meeting's record, render it, and write it to disk safely.

The file is rendered in memory first, written to a temporary file in the target folder,
fsynced, given mode 0600 (records are often sensitive), then moved into place: a failure
never leaves half a file. An export that is already there is kept (the new one takes the
next free name, `name-2.docx`) unless the caller asks to overwrite it.

A target is checked first (`export_target`): only a regular file or a new path is ever
replaced. Devices, pipes, sockets and anything in the data home's `db/` folder are refused,
because a rename over them would silently destroy them (a machine's /dev/stdout, the live
database). A folder (an existing one, or a path ending in "/") gets the default file name.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import stat
import tempfile
import time
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from minutes_tui.record.builder import STYLES, build_record, build_register_record
from minutes_tui.record.markdown import render_markdown
from minutes_tui.record.model import Record

if TYPE_CHECKING:
    from minutes_tui.record.redact import Redactor
    from minutes_tui.snapshot import MeetingData, RegisterData

__all__ = [
    "FORMATS",
    "ExportError",
    "UnknownNamesFound",
    "default_export_name",
    "default_export_path",
    "default_register_name",
    "export",
    "export_register",
    "export_target",
    "render",
    "render_register",
    "slugify",
]

FORMATS = {"md": "md", "markdown": "md", "docx": "docx", "word": "docx", "pdf": "pdf"}
_SLUG_MAX = 80
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


class UnknownNamesFound(ExportError):
    """A redacted export would keep name-like words nobody recorded (`record.unknown`):
    nothing was written; `names` are for the user to redact (`also`) or keep (`keep`)."""

    def __init__(self, message: str, names: list[str]) -> None:
        super().__init__(message)
        self.names = names


def _extension(fmt: str) -> str:
    ext = FORMATS.get((fmt or "").strip().lower().lstrip("."))
    if ext is None:
        raise ExportError(f"Unknown export format {fmt!r}: use md, docx or pdf.")
    return ext


def slugify(text: str, limit: int = _SLUG_MAX) -> str:
    """ASCII, lower case, words joined by hyphens, each word once: "IASC OPAG …" → "iasc-opag-…"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words: list[str] = []
    for word in re.split(r"[^a-z0-9]+", ascii_text.lower()):
        if word and word not in words:
            words.append(word)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or (words[0][:limit] if words else "")


def default_export_name(
    data: MeetingData,
    fmt: str,
    style: str | None = None,
    redact: bool = False,
    include_confidential: bool = False,
) -> str:
    """`<date>-<id>-<slug>-<style>.<ext>`; redacted: `<date>-<id>-<style>-redacted.<ext>`.

    The id and the style keep two meetings (or two styles) from sharing a name, and
    `-redacted` keeps a redacted export from replacing the full one. A redacted name has
    no title slug: a title such as "Briefing with Amira Jamal" would leak the name.
    `-confidential` marks (and keeps apart) an export that includes confidential entries.
    """
    ext = _extension(fmt)
    date = data.date.isoformat() if data.date else "undated"
    style_part = slugify(style or data.style, 20) or "record"
    if include_confidential:
        style_part += "-confidential"
    if redact:
        return f"{date}-{data.id}-{style_part}-redacted.{ext}"
    slug = slugify(" ".join(p for p in (data.body, data.title, data.session) if p))
    parts = [date, str(data.id), slug, style_part]
    return "-".join(p for p in parts if p) + f".{ext}"


def default_register_name(data: RegisterData, fmt: str, redact: bool = False) -> str:
    """`<from>--<to>-<body>-workplan.<ext>`; redacted: `…-workplan-redacted.<ext>`."""
    ext = _extension(fmt)
    start = data.date_from.isoformat() if data.date_from else "start"
    end = data.date_to.isoformat() if data.date_to else "now"
    parts = [f"{start}--{end}", slugify(data.body, 40) or "register", "workplan"]
    return "-".join(parts) + ("-redacted" if redact else "") + f".{ext}"


def default_export_path(
    exports_dir: Path,
    data: MeetingData,
    fmt: str,
    style: str | None = None,
    redact: bool = False,
    include_confidential: bool = False,
) -> Path:
    return Path(exports_dir) / default_export_name(data, fmt, style, redact, include_confidential)


def render(
    data: MeetingData,
    fmt: str,
    style: str | None = None,
    redact: bool = False,
    include_confidential: bool = False,
    also: Sequence[str] = (),
    keep: bool = False,
) -> bytes:
    """The export's bytes, without touching the disk (a PDF goes through LibreOffice).
    Redacted, it refuses (`UnknownNamesFound`) while name-like words nobody recorded
    would stay, unless they are in `also` (redacted too) or `keep` says to keep them."""
    ext = _extension(fmt)
    if style is not None and style not in STYLES:
        raise ExportError(f"Unknown record style {style!r}: use {', '.join(STYLES)}.")
    record = build_record(data, style, redact, include_confidential, also)
    checked = "docx" if ext == "pdf" else ext  # a PDF is its Word document, converted
    payload = _payload(record, checked)
    if redact:  # the guarantee: a redacted file that still names someone is never written
        from minutes_tui.record.residual import checker

        _check_redacted(checker(data, also), checked, payload, record, keep)
    return _to_pdf(payload) if ext == "pdf" else payload


def render_register(
    data: RegisterData,
    fmt: str,
    redact: bool = False,
    include_confidential: bool = False,
    also: Sequence[str] = (),
    keep: bool = False,
) -> bytes:
    """A body's register over a period as a workplan progress report, without touching
    the disk; redacted like a meeting's record, and checked the same way."""
    ext = _extension(fmt)
    checked = "docx" if ext == "pdf" else ext
    record = build_register_record(data, "workplan", redact, include_confidential, also)
    payload = _payload(record, checked)
    if redact:
        from minutes_tui.record.residual import checker

        _check_redacted(checker(data, also), checked, payload, record, keep)
    return _to_pdf(payload) if ext == "pdf" else payload


def _payload(record: Record, ext: str) -> bytes:
    if ext == "md":
        return render_markdown(record).encode("utf-8")
    from minutes_tui.record.docx import render_docx

    buffer = io.BytesIO()
    render_docx(record, buffer)
    return buffer.getvalue()


def _to_pdf(docx: bytes) -> bytes:
    from minutes_tui.record.pdf import PdfUnavailable, docx_to_pdf

    try:
        return docx_to_pdf(docx)
    except PdfUnavailable as exc:
        raise ExportError(str(exc)) from None


def _check_redacted(
    redactor: Redactor, ext: str, payload: bytes, record: Record, keep: bool
) -> None:
    from minutes_tui.record.redact import RedactionIncomplete
    from minutes_tui.record.residual import check_docx, check_markdown
    from minutes_tui.record.unknown import UnknownNames, unknown_names

    try:
        if ext == "md":
            check_markdown(redactor, payload.decode("utf-8"))
        else:
            check_docx(redactor, payload)
    except RedactionIncomplete as exc:
        raise ExportError(str(exc)) from exc
    if keep:
        return
    text = payload.decode("utf-8") if ext == "md" else render_markdown(record)
    names = unknown_names(text, redactor)
    if names:
        raise UnknownNamesFound(str(UnknownNames(names)), names)


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


def export(
    data: MeetingData,
    fmt: str,
    style: str | None,
    out: str | os.PathLike[str],
    redact: bool = False,
    protected: Iterable[Path] = (),
    include_confidential: bool = False,
    overwrite: bool = False,
    also: Sequence[str] = (),
    keep: bool = False,
) -> Path:
    """Build the record of `data`, render it as `fmt` ("md" | "docx" | "pdf"), write it to
    `out` (confidential entries left out unless `include_confidential`).

    `out` may be a folder (the default name goes inside); `protected` are folders never
    written into (the data home's `db/`). An existing file is replaced only when
    `overwrite`; else the record gets the next free name (`name-2.docx`): an earlier
    export, perhaps edited in Word since, is never lost. Returns the path written.
    Raises `ExportError` with one clear sentence when the format or style is unknown or
    the file cannot or must not be written; then nothing on disk has changed.
    """
    name = default_export_name(data, fmt, style, redact, include_confidential)
    target = export_target(out, name, protected)
    payload = render(data, fmt, style, redact, include_confidential, also, keep)
    return write_atomic(target, payload, replace=overwrite)


def export_register(
    data: RegisterData,
    fmt: str,
    out: str | os.PathLike[str],
    redact: bool = False,
    protected: Iterable[Path] = (),
    include_confidential: bool = False,
    overwrite: bool = False,
    also: Sequence[str] = (),
    keep: bool = False,
) -> Path:
    """Render a register's workplan progress report and write it to `out` as `export`
    does (a folder gets the default name; atomic; a new name unless `overwrite`;
    `ExportError` with one sentence)."""
    target = export_target(out, default_register_name(data, fmt, redact), protected)
    payload = render_register(data, fmt, redact, include_confidential, also, keep)
    return write_atomic(target, payload, replace=overwrite)
