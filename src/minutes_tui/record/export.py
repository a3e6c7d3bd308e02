"""Build a meeting's record (or a body's register), render it, and write it to disk.

`render` gives an export's bytes without touching the disk: Markdown, Word, or a PDF
converted from the Word document; a redacted export is checked for names it still holds.
`export` also names the file (`default_export_name`) and writes it through
`record.safe_write`: all at once or not at all, never over a device or the database, and
an export already there is kept (the new one takes the next free name, `name-2.docx`)
unless the caller asks to overwrite it.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from minutes_tui.record.builder import STYLES, build_record, build_register_record
from minutes_tui.record.markdown import render_markdown
from minutes_tui.record.model import Record
from minutes_tui.record.safe_write import ExportError, export_target, write_atomic

if TYPE_CHECKING:
    from minutes_tui.domain.snapshot import MeetingData, RegisterData
    from minutes_tui.record.redact import Redactor

__all__ = [
    "FORMATS",
    "ExportError",
    "UnknownNamesFound",
    "default_export_name",
    "default_export_path",
    "default_register_name",
    "export",
    "export_register",
    "render",
    "render_register",
    "slugify",
]

FORMATS = {"md": "md", "markdown": "md", "docx": "docx", "word": "docx", "pdf": "pdf"}
_SLUG_MAX = 80


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
    names = unknown_names(text, redactor, language=record.language)
    if names:
        raise UnknownNamesFound(str(UnknownNames(names)), names)


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
