"""The record as PDF: the Word record converted by LibreOffice, as PDF/A-2 (archival).

`soffice --headless --convert-to 'pdf:writer_pdf_Export:{…SelectPdfVersion 2…}'` (the
JSON filter options LibreOffice accepts since 7.4; 7.4 here writes `pdfaid:part 2`). Each
conversion has its own temporary folder and LibreOffice profile
(`-env:UserInstallation`), so two conversions at once never share a lock file, and no
trace of the record is left behind. Without LibreOffice: one sentence naming the package.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

PACKAGE = "libreoffice-writer"
PDF_A2 = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
TIMEOUT_S = 180.0  # a first start of LibreOffice builds its profile: seconds, not minutes


class PdfUnavailable(Exception):
    """No LibreOffice, or it failed: the message is one sentence for the user."""


def soffice() -> str | None:
    """The LibreOffice program, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice() is not None


def docx_to_pdf(docx: bytes) -> bytes:
    """The PDF of a Word document, converted in a private temporary folder."""
    program = soffice()
    if program is None:
        raise PdfUnavailable(
            f"PDF needs LibreOffice, which is not installed: install the Debian package "
            f"{PACKAGE} (apt-get install {PACKAGE}), or export to Word and convert it."
        )
    with tempfile.TemporaryDirectory(prefix="minutes-pdf-") as tmp:
        folder = Path(tmp)
        os.chmod(folder, 0o700)
        source = folder / "record.docx"
        source.write_bytes(docx)
        os.chmod(source, 0o600)
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            PDF_A2,
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        try:
            subprocess.run(
                command,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=TIMEOUT_S,
                check=False,
                env={**os.environ, "HOME": tmp},  # nothing written to the user's home
            )
        except subprocess.TimeoutExpired:
            raise PdfUnavailable(
                f"LibreOffice did not finish the PDF within {TIMEOUT_S:.0f} s; nothing was written."
            ) from None
        except OSError as exc:
            raise PdfUnavailable(f"LibreOffice could not be started ({exc.strerror}).") from None
        result = folder / "out" / "record.pdf"
        if not result.is_file():
            raise PdfUnavailable("LibreOffice could not convert the record to PDF.")
        return result.read_bytes()
