"""Open a Word file someone sent, without trusting it: the zip checked before python-docx
(and lxml under it) sees a byte.

A .docx is a zip of XML parts and pictures. A hostile one inflates 1.5 MB into gigabytes,
lies in its directory about sizes, hides a DTD that expands entities, or is cut short.
So, before python-docx: the file is a regular file under WORD_LIMIT; the zip's own
directory is small and lists at most MAX_PARTS parts; only the XML parts are inflated,
each counted while inflating (never trusting the sizes the directory declares) up to
MAX_XML_PART, together up to MAX_XML and MAX_ELEMENTS elements; each is checked against
its CRC and must carry no DTD (OOXML forbids one). Pictures and other binary parts are
never inflated: python-docx is handed a new, uncompressed package of the checked XML with
those parts left empty, so its memory is bounded by what was counted here. python-docx
parses with entities not resolved, under lxml's default limits (`docx.oxml.parser`).

Every refusal is a `FileRefused` with one sentence.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from minutes_tui.reading.safe_read import MB, WORD_LIMIT, FileRefused, read_limited

if TYPE_CHECKING:
    from docx.document import Document

MAX_PARTS = 2_000  # a long record with many pictures has a few hundred
MAX_DIRECTORY = 1 * MB  # the zip's central directory: about 100 bytes a part
MAX_XML_PART = 16 * MB  # document.xml of a 300-page record is a few MB
MAX_XML = 32 * MB  # all XML parts together
# Elements (counted as "<"): lxml takes ~150 bytes each, so 16 MB of "<w:p/>" would take
# 400 MB; a 300-page record has a few hundred thousand.
MAX_ELEMENTS = 1_000_000
# Attributes cost lxml memory as elements do (1,936 elements of 1,000 attributes took 1 GB):
# Word writes a dozen at most to an element.
MAX_ATTRIBUTES = 1_000_000
MAX_ELEMENT_ATTRIBUTES = 100
_LONG_TAG = re.compile(rb"<[^<>]{500,}")  # 100 attributes take at least 500 bytes
CHUNK = 256 * 1024
XML_SUFFIXES = (".xml", ".rels")
# A DTD in any encoding lxml reads without being told: UTF-8 (and ASCII), UTF-16 either way.
_DTD_MARKS = tuple(
    mark.encode(codec)
    for mark in ("<!DOCTYPE", "<!ENTITY")
    for codec in ("ascii", "utf-16-le", "utf-16-be")
)
_UTF32_STARTS = (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00", b"<\x00\x00\x00", b"\x00\x00\x00<")
_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_END = b"PK\x06\x06"


def open_word(path: Path, data: bytes | None = None) -> Document:
    """The document, read by python-docx from a checked copy of the package (of `data`,
    the file's bytes when the caller read them already)."""
    import docx

    package = checked_package(path, data)
    try:
        return docx.Document(io.BytesIO(package))
    except (Exception, RecursionError) as exc:  # python-docx and lxml raise anything
        raise unreadable(path, exc) from None


def unreadable(path: Path, exc: BaseException) -> FileRefused:
    """python-docx failed on a checked package: its XML is broken, or its parts do not
    fit together (a relationship with no target, a main part of the wrong type)."""
    from lxml.etree import XMLSyntaxError

    if isinstance(exc, XMLSyntaxError):
        why_not = f"its XML is broken: {why(exc)}"
    else:
        why_not = f"its parts do not fit together: {why(exc)}"
    return FileRefused(f"{path.name}: not a Word document this program can read ({why_not})")


def checked_package(path: Path, data: bytes | None = None) -> bytes:
    """The package rebuilt from its checked XML parts (binary parts empty), uncompressed."""
    if data is None:
        data = read_limited(path, WORD_LIMIT)
    _check_directory(path, data)
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise FileRefused(f"{path.name}: not a Word document ({why(exc)})") from None
    with source:
        infos = source.infolist()
        if len(infos) > MAX_PARTS:
            raise FileRefused(f"{path.name}: not a Word document (over {MAX_PARTS:,} parts)")
        out = io.BytesIO()
        total = elements = attributes = 0
        seen: set[str] = set()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as package:
            for info in infos:
                if info.is_dir():
                    continue
                if (folded := info.filename.casefold()) in seen:  # which one would be read?
                    raise FileRefused(
                        f"{path.name}: not a Word document (two parts named {info.filename})"
                    )
                seen.add(folded)
                blob = b""
                if info.filename.casefold().endswith(XML_SUFFIXES):
                    blob = _inflate(path, source, info, min(MAX_XML_PART, MAX_XML - total))
                    total += len(blob)
                    elements += blob.count(b"<")
                    attributes += blob.count(b'="') + blob.count(b"='")
                    if elements > MAX_ELEMENTS:
                        raise _flood(path, f"over {MAX_ELEMENTS:,} XML elements")
                    if attributes > MAX_ATTRIBUTES:
                        raise _flood(path, f"over {MAX_ATTRIBUTES:,} XML attributes")
                    if _crowded(blob):
                        raise _flood(
                            path, f"an element of over {MAX_ELEMENT_ATTRIBUTES} attributes"
                        )
                package.writestr(info.filename, blob)
    return out.getvalue()


def _check_directory(path: Path, data: bytes) -> None:
    """The end record's counts, read before zipfile builds an object for every entry."""
    at = data.rfind(_EOCD, max(0, len(data) - 65_557))
    if at < 0 or len(data) - at < 22:
        raise FileRefused(f"{path.name}: not a Word document (not a zip file)")
    entries, size = struct.unpack_from("<xxxxxxxxxxHI", data, at)
    if data[max(0, at - 20) : at - 16] == _ZIP64_LOCATOR:
        # zipfile then takes the counts from the zip64 end record just before the
        # locator, whatever the end record says: check those (1.3 million entries once
        # took 52 s and 594 MB before the part count was refused).
        start = at - 20 - 56
        if start < 0 or data[start : start + 4] != _ZIP64_END:
            raise FileRefused(f"{path.name}: not a Word document (a broken zip64 record)")
        entries, size = struct.unpack_from("<32xQQ", data, start)
    if entries > MAX_PARTS or entries == 0xFFFF:  # 0xFFFF: "see the zip64 record"
        raise FileRefused(f"{path.name}: not a Word document (over {MAX_PARTS:,} parts)")
    if size > MAX_DIRECTORY:
        raise FileRefused(f"{path.name}: not a Word document (its zip directory is too large)")


def _crowded(blob: bytes) -> bool:
    """An element with more than MAX_ELEMENT_ATTRIBUTES attributes (only long tags are
    counted: a normal part has almost none)."""
    return any(tag.count(b"=") > MAX_ELEMENT_ATTRIBUTES for tag in _LONG_TAG.findall(blob))


def _flood(path: Path, what: str) -> FileRefused:
    return FileRefused(
        f"{path.name}: refused: {what}, more than a Word record holds; "
        "it may be built to exhaust memory"
    )


def _inflate(path: Path, source: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """One part, counted while it inflates: refused past `cap` whatever its entry says."""
    name = info.filename
    if info.file_size > cap:
        raise _too_large(path, name)
    chunks: list[bytes] = []
    count = 0
    try:
        with source.open(info) as stream:
            # zipfile stops at the size its entry declares (checked above) and checks the
            # CRC at the end; the count is kept anyway, not to depend on that.
            while chunk := stream.read(CHUNK):
                count += len(chunk)
                if count > cap:
                    raise _too_large(path, name)
                chunks.append(chunk)
    except FileRefused:
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
        RuntimeError,
        ValueError,
    ) as exc:
        raise FileRefused(f"{path.name}: a damaged Word document ({name}: {why(exc)})") from None
    blob = b"".join(chunks)
    if blob.startswith(_UTF32_STARTS):  # the DTD check reads UTF-8 and UTF-16 only
        raise FileRefused(
            f"{path.name}: not a Word document ({name} is UTF-32 XML, which Word never writes)"
        )
    if any(mark in blob for mark in _DTD_MARKS):
        raise FileRefused(
            f"{path.name}: not a Word document ({name} declares a DTD, which Word never writes)"
        )
    return blob


def _too_large(path: Path, name: str) -> FileRefused:
    return FileRefused(
        f"{path.name}: refused: {name} inflates to more than a Word record holds "
        f"({MAX_XML_PART // MB} MB a part, {MAX_XML // MB} MB in all); it may be a zip bomb"
    )


def why(exc: BaseException) -> str:
    """The library's reason, one short line with no control characters."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    text = "".join(c for c in text if c.isprintable())
    return text if len(text) <= 120 else text[:119] + "…"
