"""Import the unseen records (issue 25) and the back catalogue; print, per record and
format, the share of its words kept and the checks of the issue's "done when".

    .venv/bin/python bench/import_unseen.py [--holdout]

Word files are built from tests/unseen_records.py; PDFs from them with LibreOffice when
`soffice` is installed (cached in /tmp/minutes-unseen-pdf).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import unseen_records as U  # noqa: E402
from tests.conservation import kept, kept_share, placed, source_text  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
PDF_CACHE = Path(tempfile.gettempdir()) / "minutes-unseen-pdf"


def import_one(path: Path, home: Path, body: str | None = None):  # type: ignore[no-untyped-def]
    from minutes_tui.cli.importing import read
    from minutes_tui.config import Home
    from minutes_tui.session.import_record import store_record
    from minutes_tui.store.store import Store

    rec = read(path, body)
    store = Store.open(Home(home))
    try:
        return rec, store.load(store_record(store, path, rec, None))
    finally:
        store.close()


def checks(name: str, m) -> str:  # type: ignore[no-untyped-def]
    acts = sorted(m.actions, key=lambda a: a.number)
    if name.startswith("shelter"):
        table = next(v for k, v in U.SHELTER if k == "table")
        want = [r for r in table[1:] if len(r) > 1]
        right = 0
        for row in want:
            lead = [o.strip() for o in row[1].split("/")]
            status = {
                "Ongoing": "in_progress",
                "In progress": "in_progress",
                "Done": "completed",
                "Cancelled": "dropped",
            }.get(row[2], row[2].casefold())
            got = [a for a in acts if " ".join(a.text.split()[:3]) == " ".join(row[0].split()[:3])]
            right += bool(got and got[0].owners == lead and got[0].status == status)
        return f"{right}/13 actions with the right lead and status"
    if name.startswith("education"):
        texts = [d[0] for d in U._DELIVERABLES if d[0] != "TOPIC"]
        led = sum(
            any(a.text.split()[:3] == t.split()[:3] and a.owners for a in acts) for t in texts
        )
        long_kept = any(a.text.endswith("Child Protection Area of Responsibility.") for a in acts)
        return f"{led}/18 deliverables with leads; 700-character line kept: {long_kept}"
    if name.startswith("evaluation"):
        from tests.conservation import _strings

        tags = [s for s in _strings(m) if "<" in s and ">" in s]
        same = sum("Same action as previous point" in s for s in _strings(m))
        return (
            f"{len(acts)} follow-up actions; 'Same action' rows kept: {same}/3; "
            f"HTML tags: {len(tags)}"
        )
    if name.startswith("food"):
        return f"date {m.date}; {len(acts)} actions, owners {[a.owners for a in acts]}"
    return f"{len(acts)} actions"


def records(holdout: bool) -> list[tuple[str, Path]]:
    out: list[tuple[str, Path]] = []
    folder = FIXTURES / "unseen"
    for p in sorted(folder.iterdir()):
        if p.name.startswith("holdout-") == holdout:
            out.append((p.name.removeprefix("holdout-"), p))
    build = tempfile.mkdtemp(prefix="minutes-unseen-")
    specs = U.HOLD_OUT_SPECS if holdout else U.SPECS
    for name, spec in specs.items():
        docx_path = U.build_docx(spec, Path(build) / f"{name}.docx")
        out.append((f"{name}.docx", docx_path))
        if shutil.which("soffice"):
            PDF_CACHE.mkdir(exist_ok=True)
            pdf = PDF_CACHE / f"{name}.pdf"
            if not pdf.exists():
                subprocess.run(
                    [
                        "soffice",
                        "--headless",
                        "--convert-to",
                        "pdf",
                        "--outdir",
                        str(PDF_CACHE),
                        str(docx_path),
                    ],
                    capture_output=True,
                    check=False,
                    timeout=120,
                )
            if pdf.exists():
                out.append((f"{name}.pdf", pdf))
    if not holdout:
        out += [(p.name, p) for p in sorted((FIXTURES / "backcatalogue").iterdir())]
    return out


def main() -> None:
    holdout = "--holdout" in sys.argv
    verbose = "-v" in sys.argv
    print(f"{'record':<44} {'words':>7} {'bare':>7} {'cells':>6}  checks")
    for name, path in records(holdout):
        home = Path(tempfile.mkdtemp(prefix="minutes-unseen-home-"))
        try:
            rec, m = import_one(path, home)
        except Exception as exc:
            print(f"{name:<44} {'FAIL':>7}  {type(exc).__name__}: {exc}")
            continue
        source = source_text(path)
        structure = getattr(rec, "structure", [])
        share = kept_share(source, m, rec.unplaced, structure)
        bare = kept_share(source, m, rec.unplaced, [])  # no credit for structure
        spec = (U.SPECS | U.HOLD_OUT_SPECS).get(name.split(".")[0])
        cells = "      "
        if spec is not None:
            tables = [v for k, v in spec if k == "table"]
            got = [placed(t, m) for t in tables]
            found, total = sum(g[0] for g in got), sum(g[1] for g in got)
            cells = f"{100 * found / total:>5.1f}%" if total else cells
        print(f"{name:<44} {share:>6.1f}% {bare:>6.1f}% {cells}  {checks(name, m)}")
        if verbose:
            print("    lost:", dict(kept(source, m, rec.unplaced, structure).most_common(25)))
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
