"""Is every word of a record's source in the meeting it became (or in the "could not
place" list, or in the structure the importer read as structure: a table's header row, a
section heading, a field label)? Shared by the conservation tests and bench/import_unseen.py.

Words are runs of letters and digits, case folded, counted (a word twice in the source
must be there twice). Markup (HTML tags) and punctuation are not content.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from pathlib import Path
from typing import Any

from minutes_tui.capture.directory import ORGANISATIONS
from minutes_tui.domain.vocabulary import _STATUS_SYNONYMS, status_from_word

_ALIASES = {short: [full, *aliases.split("|")] for short, full, aliases in ORGANISATIONS}
_WORD_RE = re.compile(r"[^\W_]+")
# a tag, even broken over lines by a narrow PDF column ("</p" "\n>")
_TAG_RE = re.compile(
    r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*\b[^<>]*>|<\s*/?\s*(?:p|li|ul|ol|i)\s*$"
    r"|\[bookmark: [^\]]*\]",  # a Word bookmark's anchor, as Word saves it in text
    re.M,
)


# a digit is a digit: "١٢ مارس ٢٠٢٤" is the date 2024-03-12 (Arabic-Indic digits)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def words(text: str) -> Counter[str]:
    text = _TAG_RE.sub(" ", text).translate(_DIGITS)
    return Counter(w.casefold() for w in _WORD_RE.findall(text))


def _foreign_date(value: dt.date) -> list[str]:
    """A date as French, Spanish and Arabic records write it (Babel's month names)."""
    from babel.dates import format_date

    return [format_date(value, "long", locale=loc) for loc in ("fr", "es", "ar", "ar_SY")]


def _foreign_statuses(status: str) -> list[str]:
    from minutes_tui.importer.fixed_words import WORDS

    return [w for lang in WORDS.values() for w, s in lang.statuses.items() if s == status]


# the words before a due date in French, Spanish and Arabic records ("d'ici le"), read
# as the grammar's "by"
_DUE_WORDS = [
    "d ici le au à avant le au plus tard pour para el antes del de hasta el بحلول قبل في موعد أقصاه"
]


def source_text(path: Path) -> str:
    """The text of a record file as its author typed it."""
    if path.suffix == ".docx":
        return docx_text(path)
    if path.suffix == ".pdf":
        from minutes_tui.reading.pdf import pdf_text

        return pdf_text(path)[0]
    return path.read_text("utf-8")


def docx_text(path: Path) -> str:
    import docx

    d = docx.Document(str(path))
    out = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) not in seen:
                    seen.add(id(cell._tc))
                    out.append(cell.text)
    return "\n".join(out)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.replace("_", " ")]
    if isinstance(value, dt.datetime):
        return []  # when it was stored, not what the record says
    if isinstance(value, dt.date):
        return [
            value.isoformat(),
            f"{value.day} {value:%B %b} {value.year}",
            f"{value:%d/%m}",  # "20/03/2024" day first
            *_foreign_date(value),
        ]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = []
        for f in dataclasses.fields(value):
            got = getattr(value, f.name)
            out += _strings(got)
            if f.name in ("number", "label") and isinstance(got, int):  # "#" column, "1."
                out.append(str(got))
            if f.name in ("due_date", "due_text") and got:
                out.append("by")  # "by 15 April": the grammar's word for a due date
                out += _DUE_WORDS
            if f.name in ("organisation", "speaker") and isinstance(got, str):
                out += _ALIASES.get(got, [])  # "UNHABITAT" is stored as UN-Habitat
            if f.name == "status" and isinstance(got, str):  # "Done" is stored as completed
                out += [w for w, s in _STATUS_SYNONYMS.items() if s == got]
                out += _foreign_statuses(got)
        return out
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    return []


def kept(source: str, meeting: Any, unplaced: list[str], structure: list[str]) -> Counter[str]:
    """The source's words found nowhere: not in the meeting, the list, or the structure."""
    stored = words(" ".join([*_strings(meeting), *unplaced, *structure]))
    return words(source) - stored


def kept_share(source: str, meeting: Any, unplaced: list[str], structure: list[str]) -> float:
    total = sum(words(source).values())
    lost = sum(kept(source, meeting, unplaced, structure).values())
    return 100.0 * (total - lost) / total if total else 100.0


_FIELDS = [  # a column's name → where its cell belongs on the stored action
    (("follow-up action", "action", "deliverable"), "text"),
    (("lead", "responsible", "owner"), "owners"),
    (("status",), "status"),
    (("progress",), "progress"),
    (("comment",), "comments"),
    (("timeframe", "deadline", "timeline", "due"), "when"),
    (("partner",), "partners"),
]


def _flat(text: str) -> str:
    return re.sub(r"[\W_]+", "", _TAG_RE.sub("", text)).casefold()


def _field_text(action: Any, field: str) -> str:
    if field == "owners":
        return " ".join(action.owners)
    if field == "partners":
        return " ".join(action.partners)
    if field == "progress":
        return " ".join(u.text for u in action.updates)
    if field == "status":
        return " ".join(w for w, s in _STATUS_SYNONYMS.items() if s == action.status)
    if field == "when":
        return (
            " ".join(str(x) for x in (action.timeframe, action.due_text) if x)
            + " "
            + (f"{action.due_date.day} {action.due_date:%B %Y}" if action.due_date else "")
        )
    return str(getattr(action, field) or "")


def placed(rows: list[Any], meeting: Any) -> tuple[int, int]:
    """(cells found in their field, cells) of a table's data rows: a row's action is the
    one whose text holds its action cell; each other cell must be in its own field."""
    head = [c.casefold() for c in rows[0]]
    cols: dict[int, str] = {}
    for n, name in enumerate(head):
        for names, field in _FIELDS:
            if any(w in name for w in names):
                cols[n] = field
                break
    text_at = next(n for n, f in cols.items() if f == "text")
    found = total = 0
    for row in rows[1:]:
        if len(row) == 1:
            continue
        for cell_text, lines in _stacked(row, text_at):
            want = _flat(cell_text[text_at])
            action = next((a for a in meeting.actions if want and want in _flat(a.text)), None)
            for n, field in cols.items():
                cell = cell_text[n]
                if not _flat(cell):
                    continue
                total += 1
                if action is None:
                    continue
                got = _flat(_field_text(action, field))
                if field == "status":
                    marker = cell.split("[")[-1].strip("] ") if "[" in cell else cell
                    found += (status_from_word(marker) or "pending") == action.status
                else:
                    found += _flat(cell) in got or (field == "when" and bool(got))
            del lines
    return found, total


def _stacked(row: list[str], text_at: int) -> list[tuple[list[str], int]]:
    """A row whose cells are paragraphs (a stacked workplan) → one row a paragraph."""
    parts = [c.split("\n") for c in row]
    n = len(parts[text_at])
    if n == 1:
        return [(row, 1)]
    return [([p[k] if len(p) == n else "\n".join(p) for p in parts], n) for k in range(n)]


_SENTENCE_RE = re.compile(r"(?<=[.!?؟])\s+|\s*\|\s*")


def sentences(source: str) -> list[str]:
    """The sentences of a record's text: its lines, a table's cells, a paragraph's
    sentences (Markdown's marks are not content)."""
    out = []
    for line in source.splitlines():
        for part in _SENTENCE_RE.split(line):
            if words(part):
                out.append(part.strip())
    return out


def placed_sentences(
    source: str, meeting: Any, unplaced: list[str], structure: list[str]
) -> tuple[int, int]:
    """(sentences placed, sentences): a sentence is placed when its words are in the
    meeting (an entry, an action, a participant, a header fact) or read as structure,
    and it is not in the "could not place" list."""
    stored = words(" ".join([*_strings(meeting), *structure]))
    left = [_flat(u.split(": ", 2)[-1]) for u in unplaced]
    placed = total = 0
    for sentence in sentences(source):
        total += 1
        flat = _flat(sentence)
        listed = any(flat and (flat in u or u.startswith(flat[:60])) for u in left if u)
        placed += not (words(sentence) - stored) and not listed
    return placed, total
