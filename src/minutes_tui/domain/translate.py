"""The interface's words in the user's language, from gettext catalogues.

    src/minutes_tui/locale/<language>/LC_MESSAGES/<domain>.po   (edited by people)
    src/minutes_tui/locale/<language>/LC_MESSAGES/<domain>.mo   (compiled: make catalogues)

A new language is a new folder of catalogues. The domains split the interface by room
("app" for screens and widgets, "cli" for the command line); `_` reads them all, the
first that has the message winning. The language is the first of: what `use()` was
given (config.toml `interface_language`), then LANGUAGE, LC_ALL, LC_MESSAGES and LANG
as gettext reads them; English (the messages themselves) when no catalogue matches.

A record's own fixed words follow the *meeting's* language, not the reader's locale:
`words(language, "record")` gives them from the "record" domain.

Standard library only, and nothing is read until the first message is asked for: the
first frame pays one small file read.
"""

from __future__ import annotations

import gettext
import struct
import sys
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
INTERFACE_DOMAINS: tuple[str, ...] = ("app", "cli")

_chosen: str | None = None
_active: gettext.NullTranslations | None = None
# What a damaged .mo raises as gettext reads it (a cut file: struct.error; another file:
# OSError "Bad magic number"; bad headers: ValueError, UnicodeDecodeError).
_DAMAGED = (OSError, struct.error, ValueError, UnicodeDecodeError, IndexError)


class CatalogueError(OSError):
    """A language's catalogue is missing or cannot be read: one sentence, nothing written."""


@cache
def words(language: str | None, domain: str) -> gettext.NullTranslations:
    """One domain's catalogue for `language` (None: from the environment); a
    NullTranslations (the English messages) for English. A record in another language
    whose words are missing or damaged would come out half in English: that is refused
    (CatalogueError), never written silently."""
    languages = [language] if language else None
    path = LOCALE_DIR / str(language) / "LC_MESSAGES" / f"{domain}.mo"
    try:
        found = gettext.translation(domain, LOCALE_DIR, languages=languages, fallback=True)
    except _DAMAGED as exc:
        raise CatalogueError(
            f"the {language} words of the {domain} cannot be read ({path} is damaged: {exc});"
            " reinstall minutes-tui"
        ) from exc
    if language not in (None, "en") and type(found) is gettext.NullTranslations:
        raise CatalogueError(
            f"the {language} words of the {domain} are missing ({path}); reinstall minutes-tui"
        )
    return found


def _interface_catalogue(domain: str) -> gettext.NullTranslations:
    """The interface's words in one domain; English, said once, when the file is damaged
    (the interface must open whatever its catalogue holds)."""
    try:
        return gettext.translation(
            domain, LOCALE_DIR, languages=[_chosen] if _chosen else None, fallback=True
        )
    except _DAMAGED as exc:
        sys.stderr.write(
            f"minutes: the interface's {domain} words cannot be read ({exc}); speaking English\n"
        )
        return gettext.NullTranslations()


def _interface() -> gettext.NullTranslations:
    global _active
    if _active is None:
        chain = gettext.NullTranslations()
        for domain in reversed(INTERFACE_DOMAINS):
            found = _interface_catalogue(domain)
            if type(found) is not gettext.NullTranslations:
                found.add_fallback(chain)
                chain = found
        _active = chain
    return _active


def use(language: str | None) -> None:
    """Speak `language` from now on (None: the environment's); the next message reads it."""
    global _chosen, _active
    _chosen, _active = language, None


def _(message: str) -> str:
    """The interface's `message` in the user's language."""
    return _interface().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _interface().ngettext(singular, plural, count)


def N_(message: str) -> str:  # gettext's own name for it
    """Marks a message for the catalogue where it is written (a key's description, a table
    of labels, evaluated at import), translated later by `_()` where it is shown."""
    return message


def interface() -> gettext.NullTranslations:
    """The interface's catalogue as chosen now (another object after `use`): what caches of
    translated words are keyed on."""
    return _interface()
