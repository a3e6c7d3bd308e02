"""Build a meeting's record, render it, and write it to disk safely.

The file is rendered in memory first, written to a temporary file in the target folder,
fsynced, given mode 0600 (records are often sensitive), then renamed over the target:
a failure never leaves half a file, and never touches an export that is already there.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from minutes_tui.record.builder import STYLES, build_record
from minutes_tui.record.markdown import render_markdown

if TYPE_CHECKING:
    from minutes_tui.store.reads import MeetingData

__all__ = ["FORMATS", "ExportError", "default_export_path", "export", "slugify"]

FORMATS = {"md": "md", "markdown": "md", "docx": "docx", "word": "docx"}
_SLUG_MAX = 80


class ExportError(Exception):
    """An export that could not be written; the message is one sentence for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _extension(fmt: str) -> str:
    ext = FORMATS.get((fmt or "").strip().lower().lstrip("."))
    if ext is None:
        raise ExportError(f"Unknown export format {fmt!r}: use md or docx.")
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


def default_export_path(exports_dir: Path, data: MeetingData, fmt: str, style: str) -> Path:
    """`<exports>/<date>-<slug>.<ext>`, with `-<style>` when not the meeting's own style."""
    ext = _extension(fmt)
    date = data.date.isoformat() if data.date else "undated"
    slug = slugify(" ".join(p for p in (data.body, data.title, data.session) if p))
    slug = slug or f"meeting-{data.id}"
    if style and style != data.style:
        slug += f"-{slugify(style, 20) or 'record'}"
    return Path(exports_dir) / f"{date}-{slug}.{ext}"


def render(data: MeetingData, fmt: str, style: str | None = None, redact: bool = False) -> bytes:
    """The export's bytes, without touching the disk."""
    ext = _extension(fmt)
    if style is not None and style not in STYLES:
        raise ExportError(f"Unknown record style {style!r}: use summary, minutes or actions.")
    record = build_record(data, style, redact)
    if ext == "md":
        payload = render_markdown(record).encode("utf-8")
    else:
        from minutes_tui.record.docx import render_docx

        buffer = io.BytesIO()
        render_docx(record, buffer)
        payload = buffer.getvalue()
    if redact:  # the guarantee: a redacted file that still names someone is never written
        _check_redacted(data, ext, payload)
    return payload


def _check_redacted(data: MeetingData, ext: str, payload: bytes) -> None:
    from minutes_tui.record.redact import RedactionIncomplete, Redactor, check_docx, check_markdown

    redactor = Redactor.for_meeting(data)
    try:
        if ext == "md":
            check_markdown(redactor, payload.decode("utf-8"))
        else:
            check_docx(redactor, payload)
    except RedactionIncomplete as exc:
        raise ExportError(str(exc)) from exc


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


def write_atomic(out: Path, payload: bytes) -> None:
    """Write `payload` to `out` all at once, or not at all."""
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
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name[:100]}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportError(_message(exc, out)) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, out)
    except OSError as exc:
        _discard(tmp)
        raise ExportError(_message(exc, out)) from exc
    except BaseException:
        _discard(tmp)
        raise
    _fsync_folder(folder)


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


def export(data: MeetingData, fmt: str, style: str | None, out: Path, redact: bool = False) -> Path:
    """Build the record of `data`, render it as `fmt` ("md" | "docx"), write it to `out`.

    Returns the path written. Raises `ExportError` with one clear sentence when the
    format or style is unknown or the file cannot be written.
    """
    out = Path(out).expanduser()
    payload = render(data, fmt, style, redact)
    write_atomic(out, payload)
    return out
