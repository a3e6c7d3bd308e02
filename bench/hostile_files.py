"""Hostile files against `minutes import-record`: what refusing them costs.

Three rows, each the real process (`python -m minutes_tui`), wall time and peak RSS
(the child's VmHWM; ru_maxrss would carry the parent's peak over the exec): a 200
MB-inflating zip bomb (the issue's bar: refused in under 400 MB), a 2.5 KB PDF that
stalls pdftotext (refused at PDF_TIMEOUT_S), and a Word file of 200 paragraphs with
50,000 unused styles (169 s before the style names were read in one pass). The files
are built in a temp dir by tests/hostile_files.py.

    .venv/bin/python bench/hostile_files.py
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import hostile_files as hostile  # noqa: E402

PEAK = (
    "import sys; from minutes_tui.cli import main; code = main(sys.argv[2:]); "
    "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]; "
    "open(sys.argv[1], 'w').write(hwm); "
    "sys.exit(code)"
)


def run(folder: Path, *argv: str) -> tuple[float, float, int, str]:
    """Seconds, peak MB, exit status and the last line of stderr of one command."""
    peak = folder / "peak"
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PEAK, str(peak), "--home", str(folder / "home"), *argv],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    last = (done.stderr.strip().splitlines() or [""])[-1]
    return seconds, int(peak.read_text()) / 1024, done.returncode, last


def main() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))  # a regression fails, not the box
    with tempfile.TemporaryDirectory(prefix="minutes-hostile-") as tmp:
        folder = Path(tmp)
        bomb = folder / "bomb.docx"
        hostile.zip_bomb(bomb, 200 << 20)
        stall = folder / "stall.pdf"
        stall.write_bytes(hostile.stalling_pdf())
        styles = folder / "styles.docx"
        styles.write_bytes(hostile.many_styles())
        rows = [
            (f"zip bomb ({bomb.stat().st_size // 1024} KB → 200 MB)", bomb, "--dry-run"),
            (f"stalling PDF ({stall.stat().st_size / 1024:.1f} KB)", stall, "--dry-run"),
            ("50,000 unused styles, 200 paragraphs", styles, "--dry-run"),
        ]
        print(f"{'file':<42} {'seconds':>8} {'peak MB':>8} {'exit':>4}  stderr")
        for name, path, flag in rows:
            seconds, mb, code, last = run(folder, "import-record", flag, str(path))
            print(f"{name:<42} {seconds:>8.1f} {mb:>8.0f} {code:>4}  {last[:90]}")


if __name__ == "__main__":
    main()
