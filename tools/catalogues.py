"""Compile every gettext catalogue (.po → .mo) under src/minutes_tui/locale.

    .venv/bin/python tools/catalogues.py          # write the .mo files (make catalogues)
    .venv/bin/python tools/catalogues.py --check  # exit 1 if a .mo is missing or stale

Babel reads and writes the catalogues (it is already the record's date library).
tests/test_catalogues.py runs the check, so a .po edited without compiling fails.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "src" / "minutes_tui" / "locale"


def compiled(po: Path) -> bytes:
    with po.open("rb") as f:
        catalog = read_po(f)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        data = compiled(po)
        if mo.exists() and mo.read_bytes() == data:
            continue
        if check:
            stale.append(str(mo.relative_to(LOCALE)))
        else:
            mo.write_bytes(data)
            print(f"wrote {mo.relative_to(LOCALE)}")
    for name in stale:
        print(f"stale or missing: {name} (run make catalogues)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
