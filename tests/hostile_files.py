"""Hostile record files, built here (never committed): Word packages broken on purpose, a
zip bomb, and a document with 50,000 unused styles.

Each starts from a real package python-docx writes, so only the one fault differs.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT = "word/document.xml"


def good_docx(paragraphs: list[str] | None = None) -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("Results Group Meeting", 1)
    for text in paragraphs or ["UNHCR noted that the survey was late."]:
        d.add_paragraph(text)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def parts(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        return {name: z.read(name) for name in z.namelist()}


def repack(contents: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in contents.items():
            z.writestr(name, blob)
    return out.getvalue()


def replaced(name: str, blob: bytes, base: bytes | None = None) -> bytes:
    contents = parts(base or good_docx())
    contents[name] = blob
    return repack(contents)


def truncated_package() -> bytes:
    """A download cut short: the zip's directory at the end is missing."""
    package = good_docx()
    return package[: len(package) // 2]


def truncated_xml() -> bytes:
    """A valid zip whose document part stops in the middle of an element."""
    xml = parts(good_docx())[DOCUMENT]
    return replaced(DOCUMENT, xml[: len(xml) * 2 // 3])


def bad_relationships() -> bytes:
    """The relationship to the styles part has no target."""
    rels = parts(good_docx())["word/_rels/document.xml.rels"]
    return replaced("word/_rels/document.xml.rels", rels.replace(b'Target="styles.xml"', b""))


def bad_crc() -> bytes:
    """The document part's checksum in the zip's directory does not match its bytes."""
    package = bytearray(good_docx())
    name = DOCUMENT.encode()
    at = package.find(b"PK\x01\x02")  # the first entry of the central directory
    while at >= 0:
        (length,) = struct.unpack_from("<H", package, at + 28)
        if package[at + 46 : at + 46 + length] == name:
            (crc,) = struct.unpack_from("<I", package, at + 16)
            struct.pack_into("<I", package, at + 16, crc ^ 0xFFFFFFFF)
            return bytes(package)
        at = package.find(b"PK\x01\x02", at + 4)
    raise AssertionError("no document part")


def billion_laughs() -> bytes:
    """The document part declares a DTD whose entities expand to 10⁹ "lol"s."""
    dtd = ['<!ENTITY lol "lol">']
    for n in range(1, 10):
        ref = f"&lol{n - 1};" if n > 1 else "&lol;"
        dtd.append(f'<!ENTITY lol{n} "{ref * 10}">')
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<!DOCTYPE w:document [{''.join(dtd)}]>\n"
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    return replaced(DOCUMENT, xml.encode())


def unknown_style_type() -> bytes:
    """A style of a type Word does not have ("bogus"), and paragraphs with no style."""
    styles = parts(good_docx())["word/styles.xml"]
    bogus = b'<w:style w:type="bogus" w:styleId="Odd"><w:name w:val="Odd"/></w:style>'
    return replaced("word/styles.xml", styles.replace(b"</w:styles>", bogus + b"</w:styles>"))


def many_styles(styles: int = 50_000, paragraphs: int = 200) -> bytes:
    """`styles` unused paragraph styles, then `paragraphs` plain paragraphs."""
    base = good_docx([f"Paragraph {n} of the record." for n in range(paragraphs)])
    xml = parts(base)["word/styles.xml"]
    extra = b"".join(
        b'<w:style w:type="paragraph" w:customStyle="1" w:styleId="Unused%d">'
        b'<w:name w:val="Unused %d"/></w:style>' % (n, n)
        for n in range(styles)
    )
    return replaced("word/styles.xml", xml.replace(b"</w:styles>", extra + b"</w:styles>"), base)


def zip_bomb(path: Path, inflated: int, declared: int | None = None) -> None:
    """A Word package whose document part inflates to `inflated` bytes (written in chunks,
    never held in memory). With `declared`, the zip's directory lies: it says that size."""
    contents = parts(good_docx())
    head = contents[DOCUMENT].split(b"<w:body>")[0] + b"<w:body>"
    filler = b"<w:p/>" * (1 << 16)  # 384 KiB of empty paragraphs
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, blob in contents.items():
            if name != DOCUMENT:
                z.writestr(name, blob)
        with z.open(DOCUMENT, "w", force_zip64=inflated > 0x7FFFFFFF) as part:
            part.write(head)
            written = len(head)
            while written < inflated:
                chunk = filler[: inflated - written]
                part.write(chunk)
                written += len(chunk)
    if declared is not None:
        _declare_size(path, DOCUMENT, declared)


def _declare_size(path: Path, name: str, size: int) -> None:
    """Rewrite one part's uncompressed size in the zip's directory (and its local header)."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        (length,) = struct.unpack_from("<H", data, at + 28)
        if data[at + 46 : at + 46 + length] == encoded:
            struct.pack_into("<I", data, at + 24, size)
            (local,) = struct.unpack_from("<I", data, at + 42)
            struct.pack_into("<I", data, local + 22, size)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def stalling_pdf(levels: int = 9, fanout: int = 10) -> bytes:
    """A 2 KB PDF whose page draws a form that draws the one below it `fanout` times,
    `levels` deep: fanout**levels strokes for pdftotext to walk (10⁶ took it 100 s here)."""
    forms = []
    for k in range(levels + 1):
        if k == 0:
            content, resources = b"0 0 m 1 1 l S", b"<< >>"
        else:
            content = b" ".join([b"/X Do"] * fanout)
            resources = b"<< /XObject << /X %d 0 R >> >>" % (4 + k - 1)
        forms.append(
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources %s /Length %d >>\n"
            b"stream\n%s\nendstream" % (resources, len(content), content)
        )
    top = 4 + levels
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
        b"/Resources << /XObject << /X %d 0 R >> >> >>" % (top + 1, top),
        *forms,
        b"<< /Length 5 >>\nstream\n/X Do\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
