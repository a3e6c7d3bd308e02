"""Names the database never knew: the words of a redacted record that look like a
person's name but are neither a known person, an organisation, a place nor an English
word ("Residence of Kevin Hyland" when no Kevin Hyland was ever recorded). Redaction can
only remove the names it knows; these it lists, and the user decides (redact them too,
or keep them): `minutes export --redact` refuses with the list unless `--keep` or
`--redact-also WORD…`, the app asks.

A word is name-like when it is capitalised, not all capitals (an acronym), and stands
inside a sentence: the first word of a sentence, a line, a heading, a list item or a
table cell is capitalised for its place, so it is not taken (a colon does not start a
sentence here: "Chair: Hyland"). Nor is a word written with as many capitals as small
letters ("PoC", "ToR", "MoHS") or an acronym's plural ("NGOs"). Words of the shipped
English word list (SCOWL size 50, American and British, `data/english-words.txt.gz`,
lower-case entries only, so no proper names: 65,407 words, 170 KB), months and
days, organisation names (the database's and the shipped directory's), places
(`record.places`) and the known people's own name parts are not name-like. Pure.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

from minutes_tui.record.places import PLACE_WORDS
from minutes_tui.record.redact import Redactor
from minutes_tui.record.words import fixed_words

__all__ = ["UnknownNames", "dictionary", "unknown_names"]

# Words the record itself writes that the English list lacks ("Co-Chairs", "Workplan").
_RECORD_WORDS = frozenset(
    {"co", "workplan", "workplans", "rapporteur", "secretariat", "aob", "timeframe", "timeframes"}
)
_CALENDAR = frozenset(
    re.findall(
        r"\w+",
        """january february march april may june july august september october november
        december monday tuesday wednesday thursday friday saturday sunday jan feb mar apr
        jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun""",
    )
)
# A capitalised word with at least one lower-case letter after the first ("Hyland",
# "McDonald", "O'Brien"), not inside another word or a link; after a French elided word
# the word is the name ("d'Hyland", "qu’Hyland").
_WORD = re.compile(
    r"(?<![\w'’/.@-])(?i:(?:[dljnscmt]|qu|jusqu|lorsqu|puisqu)['’])?"
    r"(?P<word>[A-Z][\w'’-]*[a-z][\w'’-]*)"
)
# What may stand between a sentence's start and its first word: Markdown marks,
# brackets, quotes, a list number ("1.", "7.2", "(b)").
_LEAD = re.compile(r"(?:[\s*_#>|(\[\"“‘'`-]|\d+(?:\.\d+)*[.)]?|\([a-z]{1,4}\))*$")


class UnknownNames(Exception):
    """A redacted record would keep words that look like names nobody recorded."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        super().__init__(
            f"{len(names)} name-like word{'s' if len(names) != 1 else ''} the database does "
            "not know would stay in the redacted record: "
            + ", ".join(names)
            + "; redact them too (--redact-also) or keep them (--keep)."
        )


@cache
def dictionary() -> frozenset[str]:
    """The shipped English word list (65,407 lower-case words)."""
    raw = resources.files("minutes_tui.record").joinpath("data/english-words.txt.gz")
    return frozenset(gzip.decompress(raw.read_bytes()).decode("ascii").split())


@cache
def _directory_words() -> frozenset[str]:
    from minutes_tui.capture.directory import ORGANISATIONS, ROLES, TRANSLATED

    # Roles as typed ("(Président)", "(Presidenta)") and the organisations' names in every
    # language the directory knows are words of the record, not people.
    rows = [*ORGANISATIONS, *TRANSLATED, ROLES]
    names = " ".join(" ".join(row).replace("|", " ") for row in rows)
    return frozenset(w.casefold() for w in re.findall(r"[\w'’]+", names))


def _sentence_start(text: str, start: int) -> bool:
    # Bounded to the 80 characters before the word: a long record stays linear.
    low = max(text.rfind("\n", max(0, start - 80), start) + 1, start - 80)
    lead = _LEAD.search(text, low, start)
    i = lead.start() if lead else start
    while i > low and text[i - 1] in " \t":
        i -= 1
    if i == 0:
        return True
    if i == low and low == start - 80:
        return False  # 80 characters of marks and spaces: no sentence starts here
    return text[i - 1] in ".!?\n|" or text[max(0, i - 2) : i] == "**" or text[i - 1] in "—–"


def _acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    return capitals >= 2 and (capitals >= len(letters) - capitals or word[:-1].isupper())


def _is_word(key: str, known: frozenset[str] | set[str]) -> bool:
    words = dictionary()
    parts = [p for p in re.split(r"[-’']", key) if p]
    if key in known or key in words or key in _CALENDAR:
        return True
    if key.endswith("s") and (key[:-1] in words or key[:-1] in known):
        return True  # a plural or a possessive whose "'" fell away
    return bool(parts) and all(p in words or p in known or p == "s" for p in parts)


def unknown_names(
    text: str, redactor: Redactor, organisations: Iterable[str] = (), language: str = "en"
) -> list[str]:
    """The name-like words of `text` that nobody knows, each once, in order of appearance;
    the record's own fixed words in `language` are known."""
    known = set(redactor.parts) | set(_directory_words()) | set(PLACE_WORDS) | _RECORD_WORDS
    known |= fixed_words(language)
    for name in [*organisations, *redactor.organisations]:
        known.update(w.casefold() for w in re.findall(r"[\w'’]+", name))
    found: dict[str, None] = {}
    words: dict[str, bool] = {}  # is this word name-like? each decided once
    for m in _WORD.finditer(text):
        word = m.group("word").rstrip("'’-")
        key = word.casefold().replace("’", "'")
        if key.endswith("'s"):
            key, word = key[:-2], word[:-2]
        if word in found:
            continue
        if word not in words:
            words[word] = not (_acronym(word) or _is_word(key, known))
        if words[word] and not _sentence_start(text, m.start()):
            found[word] = None
    return list(found)
