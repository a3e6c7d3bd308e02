"""The languages a record can be written in, and how a person may name one.

A meeting has one language (`meeting.language`): it decides the record's fixed words,
its dates and what the grammar accepts for a due date. The interface's language is
separate (the user's locale or `config.toml`: `domain/translate.py`). Standard library
only: the CLI's choices and the first frame read it.
"""

from __future__ import annotations

from typing import Literal

Language = Literal["en", "fr", "es", "ar"]
LANGUAGES: tuple[Language, ...] = ("en", "fr", "es", "ar")
DEFAULT_LANGUAGE: Language = "en"

# Each language's own name for itself (the forms offer these).
LANGUAGE_NAMES: dict[Language, str] = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "ar": "العربية",
}

# Written right to left: Word paragraphs and runs get w:bidi / w:rtl, Markdown dir="rtl".
RIGHT_TO_LEFT: frozenset[Language] = frozenset({"ar"})

# Babel's locale for a record's dates: British English writes "9 July 2020" as the
# humanitarian records do; the others take the language's own long form.
DATE_LOCALES: dict[Language, str] = {"en": "en_GB", "fr": "fr", "es": "es", "ar": "ar"}

_CODES: dict[str, Language] = {code: code for code in LANGUAGES}

# What a person may type for a language (folded to lower case, accents as typed).
_WORDS: dict[str, Language] = {
    "english": "en",
    "anglais": "en",
    "inglés": "en",
    "ingles": "en",
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "francés": "fr",
    "frances": "fr",
    "spanish": "es",
    "espagnol": "es",
    "español": "es",
    "espanol": "es",
    "arabic": "ar",
    "arabe": "ar",
    "árabe": "ar",
    "العربية": "ar",
}


def language_from(text: str | None) -> Language | None:
    """A language code from what a person or a locale wrote: "fr", "FR", "Français",
    "fr_FR.UTF-8", "es-419", "arabic" → the code; None for anything else."""
    if not text:
        return None
    word = text.strip().lower()
    if word in _WORDS:
        return _WORDS[word]
    code = word.split(".", 1)[0].split("@", 1)[0].replace("-", "_").split("_", 1)[0]
    return _CODES.get(code)


def is_right_to_left(language: str | None) -> bool:
    return language in RIGHT_TO_LEFT
