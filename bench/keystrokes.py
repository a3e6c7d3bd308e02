"""Keystrokes a rapporteur types per character of the record, with completion.

Replays the fixtures' capture scripts (tests/fixtures/**/*.minutes) as a typist who
takes a completion (→ or Tab, one keystroke) whenever the capture line offers exactly
what they were about to type, and otherwise types the next character; Enter ends a
line. The capture line offers what the app offers: known speakers, organisations and
owners, and the phrasebook (starter phrases, then the body's own records, learned as
they are typed, as the capture screen does). Prints keystrokes ÷ characters of the
exported Markdown record, per script and in all (target <= 0.85).

    .venv/bin/python bench/keystrokes.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

FIXTURES = ROOT / "tests" / "fixtures"
# Series in order: a later meeting's typist has the earlier meetings' phrasing.
SCRIPTS = [
    FIXTURES / "opag-session-vii.minutes",
    FIXTURES / "results-group-previous.minutes",
    FIXTURES / "results-group-actions.minutes",
    FIXTURES / "response-plan.minutes",
    *sorted((FIXTURES / "workplan").glob("*.minutes")),
]


def typed(target: str, offer) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """(keystrokes, completions taken) to type `target` and Enter."""
    value, keys, taken = "", 0, 0
    while value != target:
        suggestion = offer(value)
        if suggestion and len(suggestion) > len(value) + 1 and target.startswith(suggestion):
            value, taken = suggestion, taken + 1
        else:
            value += target[len(value)]
        keys += 1
    return keys + 1, taken


def run() -> list[tuple[str, int, int, int, int]]:
    from minutes_tui.capture.script import parse_script
    from minutes_tui.config import Home
    from minutes_tui.record.export import render
    from minutes_tui.session.capture_session import CaptureSession
    from minutes_tui.store.store import Store
    from minutes_tui.widgets.capture_line import suggest
    from minutes_tui.widgets.phrases import Phrasebook

    results = []
    books: dict[str, Phrasebook] = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Home(Path(tmp)))
        previous: dict[str, int] = {}
        for path in SCRIPTS:
            script = parse_script(path.read_text("utf-8"))
            body = script.header.body or path.stem
            mid = store.create_meeting(script.header, previous.get(body))
            previous[body] = mid
            book = books.setdefault(body, Phrasebook())
            session = CaptureSession(store, mid)
            names = store.completion_names(mid)
            owners = store.owner_names()
            keys = plain = taken = 0
            for _, line in script.lines:
                speakers, orgs = names
                every_owner = owners + orgs  # as CaptureSuggester.update offers owners

                def offer(value: str, s=speakers, o=orgs, w=every_owner, b=book) -> str | None:  # type: ignore[no-untyped-def]
                    return suggest(value, s, o, w, b)

                k, t = typed(line, offer)
                keys, taken, plain = keys + k, taken + t, plain + len(line) + 1
                applied = session.submit(line)
                for log_line in applied.lines:
                    book.learn(log_line.text)
                if applied.kind in ("participants", "action", "subitem", "review"):
                    names, owners = store.completion_names(mid), store.owner_names()
            record = render(store.load(mid), "md").decode("utf-8")
            results.append((path.name, keys, plain, taken, len(record)))
        store.close()
    return results


def main() -> float:
    results = run()
    print(f"{'script':40s} {'keys':>6s} {'typed':>6s} {'taken':>5s} {'record':>7s} {'ratio':>6s}")
    for name, keys, plain, taken, chars in results:
        print(f"{name:40s} {keys:6d} {plain:6d} {taken:5d} {chars:7d} {keys / chars:6.2f}")
    keys = sum(r[1] for r in results)
    plain = sum(r[2] for r in results)
    chars = sum(r[4] for r in results)
    print(
        f"{'all':40s} {keys:6d} {plain:6d} {sum(r[3] for r in results):5d} {chars:7d} "
        f"{keys / chars:6.2f}  (without completion {plain / chars:.2f})"
    )
    return keys / chars


if __name__ == "__main__":
    main()
