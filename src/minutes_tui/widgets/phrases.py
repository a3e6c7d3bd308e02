"""The rapporteur's own phrasing, offered while typing: phrases and long words.

A body's records repeat themselves: "underscored the need to", "took note of",
"welcomed the progress made on". The phrasebook learns the phrases (runs of two to five
words) and the long words of what the body has recorded, ranks them by how often they
were written, and completes the phrase or word being typed. A small starter phrasebook
of formal verbs serves a body with no records yet. Pure: the texts come from the store.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# Formal phrasing of summary records, offered before a body has records of its own.
STARTER: tuple[str, ...] = (
    "underscored the need to",
    "took note of",
    "welcomed",
    "expressed concern about",
    "highlighted the importance of",
    "stressed the importance of",
    "emphasized the need for",
    "agreed to",
    "requested the secretariat to",
    "recommended that",
    "noted with appreciation",
    "reiterated its commitment to",
    "called for",
    "encouraged members to",
    "informed the meeting that",
    "proposed that",
    "recalled that",
    "suggested that",
    "confirmed that",
    "raised concerns about",
    "provided an update on",
    "briefed the group on",
    "invited members to",
    "reminded participants that",
    "acknowledged",
    "endorsed",
)

MIN_WORDS, MAX_WORDS = 2, 5
MIN_COUNT = 2  # a phrase or word written once is not yet the body's phrasing
MIN_PHRASE_CHARS = 10
MIN_WORD_CHARS = 6
LONG_WORD = 9  # a word this long is worth offering once it has been written once
MIN_TYPED = 3  # characters of a word typed before a completion is offered
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


class Phrasebook:
    """Phrases and words by frequency; `complete` is a few hundred prefix tests."""

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self._phrases: Counter[str] = Counter({p: 1 for p in STARTER})
        self._words: Counter[str] = Counter()
        self._ranked: tuple[dict[str, list[str]], dict[str, list[str]]] | None = None
        for text in texts:
            self.learn(text)

    def learn(self, text: str) -> None:
        """Count one recorded text's phrases and long words."""
        words = _WORD.findall(text)
        for word in words:
            if len(word) >= MIN_WORD_CHARS:
                self._words[word] += 1
        for start in range(len(words)):
            if len(words[start]) < 4:
                continue  # a phrase starts with a word that carries meaning: not "of the"
            for size in range(MIN_WORDS, MAX_WORDS + 1):
                if start + size > len(words):
                    break
                self._phrases[" ".join(words[start : start + size])] += 1
        self._ranked = None

    def _lists(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """Phrases and words, most frequent first, in buckets by their first letters
        (a keystroke tests a handful of candidates, not every phrase the body wrote)."""
        if self._ranked is None:
            starter = set(STARTER)
            phrases = [
                p
                for p, n in self._phrases.items()
                if p in starter or (n >= MIN_COUNT and len(p) >= MIN_PHRASE_CHARS)
            ]
            phrases.sort(key=lambda p: (-self._phrases[p], -len(p)))
            words = [w for w, n in self._words.items() if n >= MIN_COUNT or len(w) >= LONG_WORD]
            words.sort(key=lambda w: (-self._words[w], -len(w)))
            self._ranked = _buckets(phrases), _buckets(words)
        return self._ranked

    def complete(self, text: str) -> str | None:
        """What to append to `text` (the words after the speaker), or None.

        The longest run of the last words typed that starts a known phrase wins (the
        most frequent such phrase); else the word being typed is completed."""
        if not text.strip() or text[-1].isspace():
            return None
        phrases, words = self._lists()
        tail_words = text.split(" ")
        for back in range(min(MAX_WORDS, len(tail_words)), 0, -1):
            tail = " ".join(tail_words[-back:])
            if len(tail) < MIN_TYPED or not tail[0].isalpha():
                continue
            folded = tail.casefold()
            for phrase in phrases.get(folded[:MIN_TYPED], ()):
                if len(phrase) > len(tail) and phrase.casefold().startswith(folded):
                    return phrase[len(tail) :]
        current = tail_words[-1]
        if len(current) >= MIN_TYPED and current.isalpha():
            folded = current.casefold()
            for word in words.get(folded[:MIN_TYPED], ()):
                if len(word) > len(current) + 1 and word.casefold().startswith(folded):
                    return word[len(current) :]
        return None


def _buckets(ranked: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for item in ranked:
        out.setdefault(item[:MIN_TYPED].casefold(), []).append(item)
    return out
