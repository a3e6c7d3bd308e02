"""The fixed words of records written in French, Spanish and Arabic, as coordination
bodies write them ("Points d'action", "Acuerdos", "نقاط العمل", "Échéance", "En cours"),
and the record's language told from them. Pure.

While a record is recognised (`reading(language)`), the recogniser's word lists are the
English ones plus those of the record's language: a French record's "Points d'action"
opens its actions, its "Échéance" column is the due date, its "En cours" a status. The
language is held for the length of one `recognise` call (a context variable) because
the dates, statuses and labels it decides are read in a dozen places; an English record
is read with the English words only, exactly as before.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from minutes_tui.domain.language import Language
from minutes_tui.domain.vocabulary import ActionStatus, status_from_word
from minutes_tui.importer import record_words
from minutes_tui.importer.fixed_words import WORDS, Words
from minutes_tui.importer.record_words import fold_words as fold

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_CURRENT: ContextVar[Language] = ContextVar("record_language", default="en")


@contextmanager
def reading(language: Language) -> Iterator[None]:
    token = _CURRENT.set(language)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def current() -> Language:
    return _CURRENT.get()


def words() -> Words:
    return WORDS[current()]


def english(text: str) -> str | None:
    """The English message a fixed word this tool's record writes in the record's language
    translates ("Actions de suivi :" → "Follow-up actions:"), from the record's catalogue."""
    return record_words.english(current(), text)


def section(text: str) -> str | None:
    """The section a heading in the record's language names, e.g. "Points d'action"."""
    t = fold(text).strip(" :*.")
    for kind, regex in words().sections.items():
        if regex and re.fullmatch(regex, t):
            return kind
    return None


def label(text: str) -> str | None:
    """The English name of a header field written in the record's language."""
    got = words().labels.get(fold(text).strip(" :"))
    own = english(text)  # "Heure", "Lieu", "Présidence" as this tool's record writes them
    return got or (own.casefold() if own in _OWN_LABELS else None)


_OWN_LABELS = ("Time", "Place", "Chair", "Co-Chairs", "Participants", "Legend:")


def label_line(text: str) -> tuple[str, str] | None:
    """'Lieu : Goma' → ('place', 'Goma') in a French record."""
    key, colon, value = text.partition(":")
    if not colon or len(key) > 30:
        return None
    name = label(key)
    return (name, value) if name is not None else None


def body_in_title(title: str) -> str | None:
    """'Compte rendu de la réunion du Cluster Protection' → 'Cluster Protection'."""
    regex = words().body
    m = re.fullmatch(regex, title.strip(), re.I) if regex else None
    return m.group("body").strip() if m else None


def is_furniture(text: str) -> bool:
    """'Page 2 sur 5', 'BORRADOR – no circular': a page's furniture, never an item."""
    regex = words().furniture
    t = fold(text).translate(_DIGITS)
    return bool(regex) and len(t) <= 60 and re.fullmatch(regex, t) is not None


def plain_lead(text: str) -> tuple[str, str] | None:
    """'Décision : Le cluster adopte …' typed without bold: its lead-in and its text."""
    lead, colon, rest = text.partition(":")
    if colon and rest.strip() and (is_decision(lead) or is_key_message(lead)):
        return lead.strip(), rest.strip()
    return None


def is_decision(lead: str) -> bool:
    return fold(lead) in words().decisions or english(lead) == "Decision:"


def is_key_message(lead: str) -> bool:
    return fold(lead) in words().key_messages or english(lead) == "Key message:"


def opens_next_meeting(text: str) -> bool:
    regex = words().next_meeting
    return bool(regex) and re.match(regex, fold(text)) is not None


def english_column(cell: str) -> str:
    """A header cell with the English column it names added ('Échéance' → 'Échéance
    deadline'), so the table reader finds its columns by their English names."""
    if (own := english(cell)) is not None:  # "Point d'action": this tool's own column
        return f"{cell} {own}"
    t = fold(cell)
    for word, name in sorted(words().columns, key=lambda c: -len(c[0])):
        if re.search(rf"(?<!\w){re.escape(word)}", t):  # "nom", never "économie"
            return f"{cell} {name}"
    return cell


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def status_of(word: str) -> ActionStatus | None:
    """'Ongoing', and in a French record 'En cours', 'Terminé' … → a status."""
    if (status := status_from_word(word)) is not None:
        return status
    if (own := english(word.strip("[]"))) is not None and (status := status_from_word(own)):
        return status
    t = fold(word)
    table = words().statuses
    return table.get(t) or {_strip_accents(k): v for k, v in table.items()}.get(_strip_accents(t))


def due_words() -> str:
    """The regex of the words before a due date, in English and the record's language."""
    extra = "|".join(w for w in (words().due, record_words.due_words(current())) if w)
    return r"by\s+" + (f"|{extra}" if extra else "")


def time_words() -> str:
    """Words of a due phrase that is no date: "prochaine réunion", "fin avril"."""
    return words().when


def honorifics() -> str:
    return words().honorifics


def detect(texts: list[str]) -> Language:
    """The language of a record, from its fixed words: headings, labels, lead-ins and
    table headers (`texts`: the short texts of its blocks). Arabic by its script; French
    or Spanish when two of their fixed words or more are found and more than the other's."""
    letters = [c for t in texts for c in t if c.isalpha()]
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    if letters and arabic / len(letters) > 0.3:
        return "ar"
    own = [t for t in texts if fold(t).partition(":")[0].strip(" *.") not in _SHARED]
    scores: dict[Language, int] = {}
    for language in ("fr", "es"):
        w = WORDS[language]
        with reading(language):
            scores[language] = sum(
                1
                for t in own
                if section(t) or label_line(t) or label(t) or _own_word(w, t) or english(t)
            )
    best = max(scores, key=lambda k: scores[k])
    others = [v for k, v in scores.items() if k != best]
    return best if scores[best] >= 2 and scores[best] > max(others) else "en"


# words English records write too: they tell no language
_SHARED = {"date", "participants", "introduction", "discussion", "discussions", "rapporteur"}


def _own_word(w: Words, text: str) -> bool:
    """A status word ("En cours") or a title's word ("Compte rendu") of the language."""
    t = fold(text)
    return t in w.statuses or (bool(w.titles) and re.match(rf"({w.titles})\b", t) is not None)
