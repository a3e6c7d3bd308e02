"""The record's fixed words and dates, in the meeting's language.

Every word the record writes itself (headings, "Decision:", table headers, the title
block's labels, status titles and markers, the page header and footer) is an English
message looked up in the "record" gettext catalogue of the record's language
(`locale/<lang>/LC_MESSAGES/record.po`); English is the messages themselves. Every date
is written by Babel (CLDR) in the language's own form: "9 July 2020", "12 mars 2024",
"12 de marzo de 2024", "12 مارس 2024".

Where the record code writes a message: `words("…")` (a `Words` is called), `N_("…")` for
a message kept in a constant and looked up where it is used. (No message has a plural:
a count stands where no noun agrees with it, "Participants : 3".)
tests/test_record_languages.py finds those calls (an AST scan of this package) and fails
when a catalogue lacks one. Babel's dates are imported on the first date, never by the first frame.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from minutes_tui.domain.language import DATE_LOCALES
from minutes_tui.domain.translate import words as catalogue
from minutes_tui.domain.vocabulary import (
    ROLES,
    SENSITIVITIES,
    STATUS_INFO,
    STYLE_NAMES,
    status_marker,
    status_title,
)

__all__ = ["N_", "Words", "words_for"]

DOMAIN = "record"

# The register's status markers have always abbreviated September "Sep"; en_GB's CLDR
# says "Sept". English keeps its pattern and the US abbreviations, the others take
# their language's own short form.
_SHORT_EN = ("d MMM y", "en")
_LOCALES: dict[str, str] = {str(k): v for k, v in DATE_LOCALES.items()}


def N_(message: str) -> str:
    """A message for the catalogue, translated where it is used (a table's header)."""
    return message


_LABEL = N_("{label}:")  # a title block's label: "Chair:", "Présidence :"


@lru_cache(maxsize=4096)
def _date(day: dt.date, language: str, form: str) -> str:
    from babel.dates import format_date, format_skeleton

    locale = _LOCALES.get(language, "en_GB")
    if form == "short":
        if locale == "en_GB":
            return format_date(day, _SHORT_EN[0], locale=_SHORT_EN[1])
        return format_skeleton("yMMMd", day, locale=locale)
    if form == "month":
        return format_date(day, "LLLL", locale=locale)  # the month standing alone
    if form == "month_year":
        return format_skeleton("yMMMM", day, locale=locale)
    return format_date(day, "long", locale=locale)


@dataclass(frozen=True)
class Words:
    """One language's record words: `words("Decision:")` → "Décision :"."""

    language: str

    @cached_property
    def _gettext(self) -> Callable[[str], str]:
        return catalogue(self.language, DOMAIN).gettext  # read on the first word

    def __call__(self, message: str) -> str:
        return self._gettext(message)

    def long_date(self, day: dt.date | None) -> str:
        """'9 July 2020', '12 mars 2024'; '' for none."""
        return _date(day, self.language, "long") if day else ""

    def short_date(self, day: dt.date | None) -> str:
        """'9 Jul 2020', '12 mars 2024', '12 mar 2024' (a table cell's date)."""
        return _date(day, self.language, "short") if day else ""

    def month(self, day: dt.date) -> str:
        """'February', 'février': the month alone (a period's first month)."""
        return _date(day, self.language, "month")

    def month_year(self, day: dt.date) -> str:
        """'June 2021', 'juin 2021', 'junio de 2021'."""
        return _date(day, self.language, "month_year")

    # The vocabulary's words (domain/vocabulary.py) are English messages of the catalogue.
    def status_title(self, status: str | None) -> str:
        """'In Progress', 'En cours' (a table cell); an unknown status as it is."""
        title = status_title(status)
        return self(title) if (status or "pending") in STATUS_INFO else title

    def status_marker(self, status: str | None) -> str:
        """'[ONGOING]', '[EN COURS]'."""
        marker = status_marker(status)
        return self(marker) if (status or "pending") in STATUS_INFO else marker

    def style_name(self, style: str) -> str:
        """'Summary Record', 'Compte rendu analytique'."""
        name = STYLE_NAMES.get(style, style)
        return self(name) if style in STYLE_NAMES else name

    def role(self, role: str) -> str:
        """'Chair', 'Présidence' (a role the vocabulary knows; any other as typed)."""
        return self(role) if role in ROLES else role

    def sensitivity(self, label: str) -> str:
        """'RESTRICTED', 'DIFFUSION RESTREINTE' (one of the vocabulary's; any other as typed)."""
        return self(label) if label in SENSITIVITIES else label

    def label(self, label: str) -> str:
        """A title block's label with its colon: 'Chair:', 'Présidence :'."""
        return self(_LABEL).format(label=label)


@cache
def words_for(language: str | None) -> Words:
    return Words(language or "en")


@cache
def fixed_words(language: str | None) -> frozenset[str]:
    """Every word of the record's fixed words in `language`, folded to lower case (the
    unknown-name check of a redacted record must not take "Présidence" for a name)."""
    found = catalogue(language, DOMAIN)
    texts = getattr(found, "_catalog", {}).values()  # GNUTranslations' msgid → msgstr
    return frozenset(w.casefold() for t in texts if isinstance(t, str) for w in _WORD.findall(t))


_WORD = re.compile(r"[\w'’]+")
