"""Text as redaction compares it: one normalised form for every way a name can be typed.

Unicode compatibility forms, case and accents folded; zero-width characters, soft hyphens
and Markdown marks inside a word removed; apostrophe and dash variants unified. Pure.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["invisible", "norm", "normalise"]

_APOSTROPHES = frozenset("'’‘‛ʼʹʻ´′＇")
# Markdown emphasis, code and escapes inside a word ("Ja**mal**") hide nothing
_MARKUP = frozenset("*`\\")
_HYPHENS = frozenset("‐‑‒–—―−﹣－")
# letters that have no decomposition but read as plain Latin ones
_FOLD_EXTRA = {"ø": "o", "đ": "d", "ł": "l", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ı": "i"}
# Arabic as its readers type it (the vowel marks and hamza seats go as combining marks):
# ta marbuta and alef maqsura as ha and ya, alef wasla as alef, no tatweel.
_FOLD_EXTRA |= {"\u0629": "\u0647", "\u0649": "\u064a", "\u0671": "\u0627", "\u0640": ""}


@lru_cache(maxsize=4096)
def _fold(c: str) -> str:
    """One character in normalised form: "" for zero-width, soft hyphen and Markdown marks,
    "'" for an apostrophe, "-" for a dash, else compatibility-decomposed (NFKD, which folds
    what NFKC folds), case- and accent-folded."""
    if c in _APOSTROPHES:
        return "'"
    if c in _HYPHENS:
        return "-"
    if c in _MARKUP or unicodedata.category(c) in ("Cf", "Mn"):
        # zero-width, soft hyphen, BOM, bidi; marks that draw nothing on their own
        # (variation selectors, the combining grapheme joiner: "K\ufe0faren" is "Karen")
        return ""
    if c == "_":  # "amira_haddad" is two words
        return "-"
    out = unicodedata.normalize("NFKD", c)
    out = "".join(x for x in out if not unicodedata.combining(x)).casefold()
    out = unicodedata.normalize("NFKD", out)
    out = "".join(_FOLD_EXTRA.get(x, x) for x in out if not unicodedata.combining(x))
    return out


def invisible(c: str) -> bool:
    """A combining mark or a format character (zero-width, soft hyphen): part of the
    character before it."""
    return unicodedata.combining(c) > 0 or unicodedata.category(c) in ("Cf", "Mn")


def normalise(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the index in `text` it came
    from (so a match found in the normalised text replaces the right original span)."""
    chars: list[str] = []
    index: list[int] = []
    for i, c in enumerate(text):
        folded = _fold(c) if not ("a" <= c <= "z" or c == " ") else c
        for f in folded:
            chars.append(f)
            index.append(i)
    return "".join(chars), index


def norm(text: str) -> str:
    return normalise(text)[0]
