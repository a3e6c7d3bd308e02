"""A PDF's text through `pdftotext` (poppler-utils), bounded: a hostile PDF of 71 KB can
keep pdftotext busy for minutes or make it write gigabytes.

pdftotext reads the file from its standard input (the regular file checked by
`safe_read`, so what was checked is what it reads), runs at most PDF_TIMEOUT_S seconds
with its memory capped, and its text is read up to PDF_TEXT_LIMIT; past any of these it
is stopped and the file refused in one sentence.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import shutil
import subprocess
import time
from pathlib import Path

from minutes_tui.reading.safe_read import MB, PDF_LIMIT, FileRefused, open_regular, sha256_of_open

PDF_TIMEOUT_S = 30.0  # a long real record takes pdftotext well under a second
PDF_TEXT_LIMIT = 16 * MB  # text out: a 300-page record is under 1 MB
PDF_MEMORY = 1 << 30  # pdftotext's address space
ERRORS_KEPT = 16 * 1024  # of pdftotext's messages: only the last line is shown


def pdf_text(path: Path) -> tuple[str, str]:
    """The PDF's text, and the SHA-256 of the file pdftotext read (hashed from the same
    open file, so a file changed or removed meanwhile cannot give another hash)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        raise FileRefused(
            f"{path.name}: reading a PDF needs pdftotext (apt-get install poppler-utils); "
            "or save the record as text and import that"
        )
    with open_regular(path, PDF_LIMIT) as pdf:
        digest = sha256_of_open(pdf)
        child = subprocess.Popen(
            # -layout keeps a table's columns apart (importer.layout reads them as cells)
            [tool, "-layout", "-enc", "UTF-8", "-", "-"],
            stdin=pdf,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    _cap_memory(child.pid)
    try:
        out, err = _collect(path, child)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()
    if child.returncode != 0:
        why = err.decode("utf-8", "replace").strip().splitlines()
        raise FileRefused(f"{path.name}: pdftotext could not read it ({why[-1] if why else '?'})")
    # a form feed starts each page: a table broken by a page has its columns shifted
    return out.decode("utf-8", "replace"), digest


def _collect(path: Path, child: subprocess.Popen[bytes]) -> tuple[bytes, bytes]:
    """Both outputs until pdftotext ends; refused past the time or the text limit."""
    assert child.stdout is not None and child.stderr is not None
    deadline = time.monotonic() + PDF_TIMEOUT_S
    out, err = bytearray(), bytearray()
    with selectors.DefaultSelector() as selector:
        selector.register(child.stdout, selectors.EVENT_READ, out)
        selector.register(child.stderr, selectors.EVENT_READ, err)
        while selector.get_map():
            left = deadline - time.monotonic()
            if left <= 0:
                raise _too_slow(path)
            for key, _ in selector.select(left):
                chunk = os.read(key.fd, 65536)
                if not chunk:
                    selector.unregister(key.fileobj)
                    continue
                buffer: bytearray = key.data
                buffer += chunk
                if buffer is err and len(err) > ERRORS_KEPT:
                    del err[: len(err) - ERRORS_KEPT]
                if len(out) > PDF_TEXT_LIMIT:
                    raise FileRefused(
                        f"{path.name}: refused: its text is over {PDF_TEXT_LIMIT // MB} MB, "
                        "more than any meeting record"
                    )
    try:
        child.wait(max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        raise _too_slow(path) from None
    return bytes(out), bytes(err)


def _too_slow(path: Path) -> FileRefused:
    return FileRefused(
        f"{path.name}: refused: pdftotext was still reading it after {PDF_TIMEOUT_S:.0f} s "
        "(a real record takes a second); it may be built to stall readers"
    )


def _cap_memory(pid: int) -> None:
    """Cap pdftotext's memory (Linux; elsewhere the time limit still holds)."""
    with contextlib.suppress(AttributeError, OSError, ValueError):
        import resource

        resource.prlimit(pid, resource.RLIMIT_AS, (PDF_MEMORY, PDF_MEMORY))
