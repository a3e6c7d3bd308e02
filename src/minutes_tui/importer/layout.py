"""Tables in text laid out by columns, as `pdftotext -layout` prints a PDF's tables: each
cell found by where its words start, a wrapped cell's lines joined, rows told apart, a
table broken by a page (its columns shifted) carried on. Pure.

A table here is a run of lines in which at least two lines have two or more runs of
words apart by two spaces or more, starting at the same columns. A row starts where a
column that had ended fills again, or where every cell starts anew in capitals; a line
across the columns, or alone in capitals, is a topic row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CHUNK_RE = re.compile(r"\S+(?: \S+)*")  # words apart by single spaces
_SLACK = 2  # a cell may start this many columns left of its column


@dataclass
class Region:
    start: int  # index of its first line
    end: int  # index after its last line
    rows: list[list[str]] = field(default_factory=list)


def chunks(line: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _CHUNK_RE.finditer(line)]


_MARKER_RE = re.compile(r"[-*•·▪◦‣o\uf0b7\uf0a7\uf0d8]|\(?[0-9a-z]{1,3}[.)]")


def _tableish(line: str) -> bool:
    """Two runs of words or more; a bullet and its text are a list, not a table."""
    got = chunks(line)
    return "\t" not in line and len(got) >= 2 and not _MARKER_RE.fullmatch(got[0][1])


def _starts(line: str) -> set[int]:
    return {s for s, _ in chunks(line) if s > 0}


def _near(a: set[int], b: set[int]) -> bool:
    return any(abs(x - y) <= _SLACK for x in a for y in b)


def find_tables(lines: list[str]) -> list[Region]:
    """The column-laid tables among `lines` (a page break is a line starting with \\f)."""
    out: list[Region] = []
    n = 0
    while n < len(lines):
        if _tableish(lines[n]) and _confirmed(lines, n) and not _numbered(lines[n]):
            end = _extent(lines, n)
            rows = read_region([ln for ln in lines[n:end]])
            if len(rows) >= 2:
                out.append(Region(n, end, rows))
                n = end
                continue
        n += 1
    return out


def _numbered(line: str) -> bool:
    """'1   Share the map' opens a numbered list, not a table (a header names columns)."""
    return re.fullmatch(r"[0-9]{1,3}[.)]?", chunks(line)[0][1]) is not None


def _confirmed(lines: list[str], n: int) -> bool:
    """Another line of the next few shares a column start with this one."""
    first = _starts(lines[n])
    later = [ln for ln in lines[n + 1 : n + 9] if _tableish(ln.lstrip("\f"))]
    return any(_near(first, _starts(ln.lstrip("\f"))) for ln in later)


def _extent(lines: list[str], n: int) -> int:
    width = max(len(t) for _, t in chunks(lines[n]))
    starts = _starts(lines[n])
    end = n + 1
    k = n + 1
    data = False  # a row under the header seen
    while k < len(lines):
        line = lines[k].lstrip("\f")
        if not line.strip() or lines[k].startswith("\f"):
            nxt = next((j for j in range(k + 1, min(k + 6, len(lines))) if lines[j].strip()), None)
            if nxt is not None and _names_columns(lines[nxt]):
                break  # another table's header row
            if nxt is None or not _tableish(lines[nxt].lstrip("\f")):
                if not lines[k].startswith("\f") or nxt is None:
                    break
                if len(lines[nxt].strip()) > width + 8:
                    break
            k += 1
            continue
        if _heads_columns(line) and data:
            break  # another table's header row, right under this table's last row
        data = data or not _names_columns(line)  # (a header wrapped over two lines is one)
        if _tableish(line):
            starts |= _starts(line)
            width = max(width, *(len(t) for _, t in chunks(line)))
        elif len(line.strip()) > width + 8 and not _ahead(lines, k):
            break  # a paragraph after the table
        end = k = k + 1
    return end


_HEAD_WORDS = ("action", "deliverable", "lead", "responsib", "status", "progress", "comment")


def _names_columns(line: str) -> bool:
    got = [t.casefold() for _, t in chunks(line)]
    return sum(1 for t in got if any(w in t for w in _HEAD_WORDS)) >= 2


def _heads_columns(line: str) -> bool:
    """A header row: it names two columns, in short runs of words, none a sentence."""
    got = [t for _, t in chunks(line)]
    return _names_columns(line) and all(len(t) <= 30 and not t.endswith(".") for t in got)


def _ahead(lines: list[str], k: int) -> bool:
    """A row of the table follows within a few lines (this line spans it: a topic row)."""
    for line in lines[k + 1 : k + 4]:
        if not line.strip():
            return False
        if _tableish(line.lstrip("\f")):
            return True
    return False


def _columns(lines: list[str]) -> list[int]:
    """Column starts: where the runs of words of two lines or more start (±2); a header's
    run that starts where no other does (an empty first column) is one too."""
    counts: dict[int, int] = {}
    for line in lines[1:]:
        if _tableish(line):
            for s, _ in chunks(line):
                counts[s] = counts.get(s, 0) + 1
    cols: list[int] = []
    for s in sorted(counts):
        if counts[s] >= 2 and not (cols and s - cols[-1] <= _SLACK):
            cols.append(s)
    if lines and _tableish(lines[0]):
        for s, _ in chunks(lines[0]):
            if all(abs(s - c) > 2 * _SLACK for c in cols):
                cols.append(s)
    return sorted(cols)


def _split_across(start: int, text: str, cols: list[int]) -> list[tuple[int, str]]:
    """'Agree a common UNHCR / NRC' printed across two columns → two runs, split at the
    space nearest the next column where a capital (or a digit, '[', '<') follows."""
    for c in cols:
        if start < c - _SLACK and start + len(text) > c:
            spaces = [m.start() for m in re.finditer(" ", text)]
            good = [i for i in spaces if re.match(r"[A-Z0-9\[<(]", text[i + 1 :])]
            pool = [i for i in good if abs(start + i + 1 - c) <= 6] or spaces
            if not pool:
                return [(start, text)]
            # a lower-case word then a capital: where a sentence's cell ends and a name's begins
            cut = min(
                pool,
                key=lambda i: (
                    not (text[i - 1 : i].islower() and text[i + 1 : i + 2].isupper()),
                    abs(start + i + 1 - c),
                ),
            )
            left, right = text[:cut], text[cut + 1 :]
            # the right part is the next column's, wherever the printer put it
            return [(start, left), *_split_across(max(c, start + cut + 1), right, cols)]
    return [(start, text)]


def _cells(line: str, cols: list[int]) -> list[str]:
    cells = [""] * len(cols)
    for start, text in chunks(line):
        for s, piece in _split_across(start, text, cols):
            at = max((i for i, c in enumerate(cols) if c <= s + _SLACK), default=0)
            cells[at] = f"{cells[at]} {piece}".strip()
    return cells


def _spans(line: str, cols: list[int]) -> bool:
    """One run of words from the first column across the next (a topic row)."""
    got = chunks(line)
    if len(got) != 1 or len(cols) < 2 or got[0][0] > cols[0] + _SLACK:
        return False
    return got[0][0] + len(got[0][1]) > cols[1] + 1


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _pages(lines: list[str]) -> list[list[str]]:
    pages: list[list[str]] = [[]]
    for line in lines:
        if line.startswith("\f") and pages[-1]:
            pages.append([])
        if line.strip("\f").strip():
            pages[-1].append(line.lstrip("\f").rstrip())
    return [p for p in pages if p]


def read_region(lines: list[str]) -> list[list[str]]:
    """Rows of cells; the first row is the header (its wrapped lines joined)."""
    rows: list[list[str]] = []
    width = 0
    for page in _pages(lines):
        cols = _columns(page)
        if not cols:  # a page of one wrapped cell: it goes on where the last page ended
            _carry(rows, [ln.strip() for ln in page])
            continue
        if not rows:
            width = len(cols)
        shift = width - len(cols)  # fewer columns on a page: its first ones are empty
        last: list[str] | None = None  # None: the page's first line (a row may go on)
        for line in page:
            if _spans(line, cols) or (
                len(chunks(line)) == 1 and _capitals(line) and line[:1] != " "
            ):
                rows.append([line.strip()])
                last = []
                continue
            cells = [""] * max(shift, 0) + _cells(line, cols)
            if len(cells) > width:  # more columns on this page: never drop a cell's words
                cells = [*cells[: width - 1], " ".join(c for c in cells[width - 1 :] if c)]
            cells = (cells + [""] * width)[:width]
            if not rows or _new_row(rows[-1], last, cells, len(rows) == 1):
                rows.append(cells)
            else:
                _join(rows, cells)
            last = cells
    return _finish(rows)


def _new_row(row: list[str], last: list[str] | None, cells: list[str], header: bool) -> bool:
    if len(row) == 1:  # after a topic row: a lower-case line continues the topic
        return bool(any(cells[1:]) or not cells[0][:1].islower())
    if last == []:
        return True
    filled = [n for n, c in enumerate(cells) if c]
    resumed = last is not None and any(row[n] and not last[n] for n in filled)
    fresh = (
        len(filled) >= 2
        and len(filled) >= sum(1 for c in row if c)
        and all(re.match(r"[A-Z0-9\[<(#•]", cells[n]) for n in filled)
    )
    if header:  # the header's wrapped words: lower case, or a few cells not the first
        lower = all(cells[n][:1].islower() for n in filled)
        return not (lower or (not cells[0] and len(filled) * 2 <= len(cells)))
    return resumed or fresh


def _carry(rows: list[list[str]], texts: list[str]) -> None:
    if not rows:
        rows.append([" ".join(texts)])
        return
    row = rows[-1]
    at = max((n for n, c in enumerate(row) if c), default=0)
    for text in texts:
        row[at] = _joined(row[at], text)


def _join(rows: list[list[str]], cells: list[str]) -> None:
    row = rows[-1]
    if len(row) == 1:
        row[0] = f"{row[0]} {cells[0]}".strip()
        return
    for n, c in enumerate(cells):
        if c:
            row[n] = _joined(row[n], c)


def _joined(a: str, b: str) -> str:
    """A wrapped cell's lines: 'multi-' + 'sector' → 'multi-sector'."""
    if not a:
        return b
    if re.search(r"[a-z]-$", a) and b[:1].islower():
        return a + b
    return f"{a} {b}"


def _finish(rows: list[list[str]]) -> list[list[str]]:
    width = max(len(r) for r in rows) if rows else 0
    return [r if len(r) == 1 else (r + [""] * width)[:width] for r in rows]
