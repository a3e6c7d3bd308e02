"""Word drafts as reviewers return them, built from our own export by editing its XML as
Word writes tracked changes (w:ins, w:del with w:delText) and comments (word/comments.xml
anchored by w:commentRangeStart/End and w:commentReference), and as LibreOffice writes
them (by a live round trip through soffice, when it is installed)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

DOCUMENT = "word/document.xml"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WHEN = "2024-05-15T10:00:00Z"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"


def parts(payload: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(payload)) as z:
        return {name: z.read(name) for name in z.namelist()}


def package(contents: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in contents.items():
            z.writestr(name, blob)
    return out.getvalue()


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def inserted(text: str, author: str = "Co-Chair", n: int = 901) -> str:
    return f'<w:ins w:id="{n}" w:author="{author}" w:date="{WHEN}">{run(text)}</w:ins>'


def deleted(text: str, author: str = "Co-Chair", n: int = 902) -> str:
    return (
        f'<w:del w:id="{n}" w:author="{author}" w:date="{WHEN}"><w:r>'
        f'<w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>'
    )


def commented(text: str, n: int = 0) -> str:
    """`text` with comment `n` anchored on it, as Word writes the range and reference."""
    return (
        f'<w:commentRangeStart w:id="{n}"/>{run(text)}<w:commentRangeEnd w:id="{n}"/>'
        f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
        f'<w:commentReference w:id="{n}"/></w:r>'
    )


def with_comments(contents: dict[str, bytes], comments: list[tuple[str, str]]) -> None:
    """word/comments.xml with these (author, text), its relationship and content type."""
    body = "".join(
        f'<w:comment w:id="{n}" w:author="{author}" w:date="{WHEN}" w:initials="CC">'
        f"<w:p><w:r><w:annotationRef/></w:r>{run(text)}</w:p></w:comment>"
        for n, (author, text) in enumerate(comments)
    )
    contents["word/comments.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:comments xmlns:w="{W_NS}">{body}</w:comments>'
    ).encode()
    rels = "word/_rels/document.xml.rels"
    contents[rels] = contents[rels].replace(
        b"</Relationships>",
        f'<Relationship Id="rIdComments" Type="{COMMENTS_REL}" Target="comments.xml"/>'
        "</Relationships>".encode(),
    )
    types = "[Content_Types].xml"
    contents[types] = contents[types].replace(
        b"</Types>",
        f'<Override PartName="/word/comments.xml" ContentType="{COMMENTS_TYPE}"/></Types>'.encode(),
    )


def replace_run(contents: dict[str, bytes], text: str, xml: str) -> None:
    """The run our export wrote for `text`, replaced by `xml` (several runs, changes)."""
    old = run(text).encode()
    document = contents[DOCUMENT]
    assert document.count(old) == 1, f"{text!r} is not one run of the export"
    contents[DOCUMENT] = document.replace(old, xml.encode())


def cleared_in_word(export: bytes, sentence: str, comment: str = "Please name the owner.") -> bytes:
    """`sentence` ("The group agreed to review the draft by June.") cleared by "Co-Chair":
    "the draft " deleted, "early " inserted before "June.", a comment on "June."."""
    head, _, tail = sentence.partition("the draft by ")
    assert tail, "the sentence must hold 'the draft by '"
    contents = parts(export)
    xml = run(head) + deleted("the draft ") + run("by ") + inserted("early ") + commented(tail)
    replace_run(contents, sentence, xml)
    with_comments(contents, [("Co-Chair", comment)])
    return package(contents)


# ---- LibreOffice ---------------------------------------------------------------------

SOFFICE = shutil.which("soffice")


def _soffice(source: Path, fmt: str, out: Path, profile: Path) -> Path:
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / f"{source.stem}.{fmt}"


def cleared_in_libreoffice(export: Path, sentence: str, work: Path) -> Path:
    """The same clearance, written by LibreOffice: the export opened by soffice (as a flat
    ODF text), the changes and the comment put in as ODF tracked changes and an
    annotation, and saved by soffice as .docx again."""
    profile, flat_dir, out = work / "profile", work / "flat", work / "out"
    flat = _soffice(export, "fodt", flat_dir, profile)
    text = flat.read_text(encoding="utf-8")
    info = (
        "<office:change-info><dc:creator>Co-Chair</dc:creator>"
        "<dc:date>2024-05-15T10:00:00</dc:date></office:change-info>"
    )
    tracked = (
        '<text:tracked-changes text:track-changes="true">'
        f'<text:changed-region xml:id="ct1" text:id="ct1"><text:insertion>{info}'
        "</text:insertion></text:changed-region>"
        f'<text:changed-region xml:id="ct2" text:id="ct2"><text:deletion>{info}'
        "<text:p>the draft </text:p></text:deletion></text:changed-region>"
        "</text:tracked-changes>"
    )
    head, _, tail = sentence.partition("the draft by ")
    changed = (
        f'{head}<text:change text:change-id="ct2"/>by <text:change-start text:change-id="ct1"/>'
        f'early <text:change-end text:change-id="ct1"/>{tail}'
        "<office:annotation><dc:creator>Co-Chair</dc:creator>"
        "<dc:date>2024-05-15T10:00:00</dc:date><text:p>Please name the owner.</text:p>"
        "</office:annotation>"
    )
    assert text.count(sentence) == 1
    text = text.replace("<office:text>", "<office:text>" + tracked, 1).replace(sentence, changed)
    edited = work / "returned.fodt"
    edited.write_text(text, encoding="utf-8")
    return _soffice(edited, "docx", out, profile)
