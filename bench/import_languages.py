"""Import the French, Spanish and Arabic records of tests/fixtures/languages (Markdown
and Word built from it, plain text) and print, per record, the language read, the share of its
sentences placed in the meeting (an entry, an action, a participant, a header fact; not
the "could not place" list) and the share of its words kept.

    .venv/bin/python bench/import_languages.py [-v]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conservation import kept_share, placed_sentences, sentences, source_text  # noqa: E402
from tests.language_records import RECORDS, TEXTS, build_docx  # noqa: E402


def import_one(path: Path, home: Path):  # type: ignore[no-untyped-def]
    from minutes_tui.cli.importing import read
    from minutes_tui.config import Home
    from minutes_tui.session.import_record import store_record
    from minutes_tui.store.store import Store

    rec = read(path, None)
    store = Store.open(Home(home))
    try:
        return rec, store.load(store_record(store, path, rec, None))
    finally:
        store.close()


def main() -> None:
    verbose = "-v" in sys.argv
    build = Path(tempfile.mkdtemp(prefix="minutes-languages-"))
    paths = [*RECORDS, *TEXTS, *(build_docx(r, build / f"{r.stem}.docx") for r in RECORDS)]
    print(f"{'record':<34} {'lang':>4} {'sentences':>10} {'words':>7}")
    for path in paths:
        home = Path(tempfile.mkdtemp(prefix="minutes-languages-home-"))
        rec, m = import_one(path, home)
        source = source_text(path)
        placed, total = placed_sentences(source, m, rec.unplaced, rec.structure)
        share = kept_share(source, m, rec.unplaced, rec.structure)
        language = getattr(rec, "language", "—")
        print(f"{path.name:<34} {language:>4} {100 * placed / total:>9.1f}% {share:>6.1f}%")
        if verbose:
            for u in rec.unplaced:
                print("    unplaced:", u)
            from tests.conservation import _strings, words

            stored = words(" ".join([*_strings(m), *rec.structure]))
            for s in sentences(source):
                if words(s) - stored:
                    print("    missing:", dict(words(s) - stored), "in", s[:70])
        shutil.rmtree(home, ignore_errors=True)
    shutil.rmtree(build, ignore_errors=True)


if __name__ == "__main__":
    main()
