"""The text side of search: reading a query the way FTS5 will, and match markers.

Pure string work, no database: `repair` quotes the words FTS5 cannot read as bare
words, `explain` turns a query FTS5 refused into one sentence, and the marker helpers
turn `MARK_OPEN` … `MARK_CLOSE` in a snippet into highlighting, `**` or offsets.

Arabic is folded before it is indexed or searched (`fold`): FTS5's unicode61 folds case
and Latin accents but splits a word at each vowel mark (tashkeel) and keeps أ, إ, آ apart
from ا. Folding is one character to one or none, so `unfold` can put the matches of the
folded text back onto the text as written.
"""

from __future__ import annotations

import itertools
import re
import sqlite3

from minutes_tui.store.errors import StoreError

MARK_OPEN = "\x02"
MARK_CLOSE = "\x03"

OPERATORS = frozenset(["AND", "OR", "NOT"])
# Characters FTS5 accepts in a bare word: ASCII letters, digits, "_", and anything non-ASCII.
BAREWORD = re.compile(r"[A-Za-z0-9_\x1a\u0080-\U0010ffff]+")
COLUMN_FILTER = re.compile(r"^(who|text):(.+)$")


# What Arabic search ignores, as its search engines do: the vowel marks (tashkeel, and the
# superscript alef), the tatweel that stretches a word; hamza seats on alef (أ إ آ ٱ → ا),
# ta marbuta (ة → ه) and alef maqsura (ى → ي), which writers interchange at a word's end;
# Arabic-Indic digits read as 0-9. Migration 0021_search_folding writes the same table out
# in SQL (its triggers fold what they index); the two must stay the same.
ARABIC_FOLD: dict[int, str | None] = {
    **{code: None for code in range(0x064B, 0x0653)},  # fathatan … sukun
    0x0670: None,  # superscript (dagger) alef
    0x0640: None,  # tatweel
    **{ord(c): "\u0627" for c in "\u0623\u0625\u0622\u0671"},  # أ إ آ ٱ → ا
    0x0629: "\u0647",  # ة → ه
    0x0649: "\u064a",  # ى → ي
    **{0x0660 + d: str(d) for d in range(10)},  # ٠-٩ → 0-9
}
ARABIC = re.compile("[\u0600-\u06ff]")


def fold(text: str) -> str:
    """Text as the index holds it: Arabic folded (see ARABIC_FOLD), anything else as is."""
    return text.translate(ARABIC_FOLD) if ARABIC.search(text) else text


def unfold(marked: str, written: str, ellipsis: str = "…") -> str:
    """`marked` (the folded `written`, or a snippet of it, with match markers and
    ellipses where it was cut) as the same span of `written`, markers kept."""
    folded: list[str] = []
    origin: list[int] = []  # for each folded character, where it stands in `written`
    for i, ch in enumerate(written):
        out = ch.translate(ARABIC_FOLD)
        if out:
            folded.append(out)
            origin.append(i)
    folded_text = "".join(folded)
    plain = unmark(marked)
    lead = tail = ""
    if plain.startswith(ellipsis) and not folded_text.startswith(plain):
        lead, plain, marked = ellipsis, plain[len(ellipsis) :], marked[len(ellipsis) :]
    if plain.endswith(ellipsis) and plain not in folded_text:
        tail, plain, marked = ellipsis, plain[: -len(ellipsis)], marked[: -len(ellipsis)]
    start = folded_text.find(plain)
    if start < 0:
        return lead + marked + tail  # not a piece of `written`: leave it as it came

    def raw(at: int) -> int:  # a folded offset as an offset into `written`
        return origin[at] if at < len(origin) else len(written)

    pieces, at = [lead], start
    for piece, matched in segments(marked):
        end = at + len(piece)
        text = written[raw(at) : raw(end)]
        pieces.append(f"{MARK_OPEN}{text}{MARK_CLOSE}" if matched else text)
        at = end
    return "".join(pieces) + tail


class SearchError(StoreError):
    """A query FTS5 cannot read; the message says why, in one sentence."""


def mark(text: str, open_mark: str, close_mark: str) -> str:
    """Replace the match markers (e.g. with "**" … "**")."""
    return text.replace(MARK_OPEN, open_mark).replace(MARK_CLOSE, close_mark)


def unmark(text: str) -> str:
    return mark(text, "", "")


def plain_and_offsets(text: str) -> tuple[str, list[list[int]]]:
    """Marked text as its plain text and the [start, end) offsets of each match in it."""
    plain: list[str] = []
    offsets: list[list[int]] = []
    at = 0
    for piece, matched in segments(text):
        if matched:
            if offsets and offsets[-1][1] == at:
                offsets[-1][1] = at + len(piece)  # one match split by an empty pair
            else:
                offsets.append([at, at + len(piece)])
        plain.append(piece)
        at += len(piece)
    return "".join(plain), offsets


def segments(text: str) -> list[tuple[str, bool]]:
    """Marked text as (piece, is_match) pairs, for highlighting."""
    out: list[tuple[str, bool]] = []
    matched = False
    for piece in re.split(f"([{MARK_OPEN}{MARK_CLOSE}])", text):
        if piece == MARK_OPEN:
            matched = True
        elif piece == MARK_CLOSE:
            matched = False
        elif piece:
            out.append((piece, matched))
    return out


def repair(query: str) -> str | None:
    """Quote the words FTS5 cannot read as bare words; None when the query has FTS5
    syntax of its own (double quotes, parentheses) that quoting could change."""
    if any(ch in query for ch in '"()'):
        return None
    parts: list[str] = []
    for word in query.split():
        if word in OPERATORS or word == "NEAR":
            parts.append(word)
            continue
        column = ""
        found = COLUMN_FILTER.match(word)
        if found:
            column, word = found.group(1) + ":", found.group(2)
        if word.startswith("-") and BAREWORD.search(word):
            raise SearchError(
                f"Cannot search for “{query}”: to leave a word out, write NOT before it "
                f"(data NOT {word.lstrip('-')})."
            )
        prefix = "*" if word.endswith("*") else ""
        core = word.rstrip("*")
        if not BAREWORD.search(core):
            continue  # punctuation alone finds nothing
        if BAREWORD.fullmatch(core):
            parts.append(f"{column}{core}{prefix}")
        else:
            parts.append(f'{column}"{core}"{prefix}')
    return " ".join(parts)


def well_nested(query: str) -> bool:
    """Quotes closed, parentheses balanced and in order (outside quotes)."""
    depth, quoted = 0, False
    for ch in query:
        if ch == '"':
            quoted = not quoted  # a doubled "" inside a phrase toggles twice
        elif not quoted and ch == "(":
            depth += 1
        elif not quoted and ch == ")":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0 and not quoted


def explain(query: str, error: sqlite3.Error) -> str:
    """One sentence for a query FTS5 could not read."""
    message = str(error)
    words = re.findall(r"[^\s()]+|[()]", query)
    ops = [i for i, w in enumerate(words) if w in OPERATORS]
    if message.startswith("unterminated string") or query.count('"') % 2:
        reason = 'a double quote (") is not closed'
    elif query.count("(") > query.count(")"):
        reason = "a parenthesis is not closed"
    elif query.count("(") < query.count(")"):
        reason = "a parenthesis is closed that was never opened"
    elif message.startswith("no such column:"):
        column = message.partition(":")[2].strip()
        reason = f"“{column}:” reads as a column, and the only columns are who: and text:"
    elif message.startswith("unknown special query"):
        reason = "a * must follow a word, as in guid*"
    elif ops and (
        ops[0] == 0
        or ops[-1] == len(words) - 1
        or any(b == a + 1 for a, b in itertools.pairwise(ops))
        or any(w in message for w in OPERATORS)
    ):
        reason = (
            "AND, OR and NOT go between two words (data AND guidance); "
            "to search for the word itself, write it in lower case"
        )
    else:
        reason = message.removeprefix("fts5: ")
    return f"Cannot search for “{query}”: {reason}."
