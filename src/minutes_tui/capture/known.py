"""What the meeting knows (speakers, organisations), and who a line is attributed to."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from minutes_tui.capture.dates import fold_key
from minutes_tui.capture.directory import ORGANISATIONS, ROLES, TRANSLATED
from minutes_tui.domain.entries import Note
from minutes_tui.domain.vocabulary import NoteKind


@dataclass(kw_only=True, frozen=True)
class CaptureContext:
    """What the meeting already knows; matching against it is case-insensitive."""

    speakers: frozenset[str] = frozenset()  # "Arafat Jamal", "Jamal", "Ms. Jamal", "UNHCR"
    organisations: frozenset[str] = frozenset()  # "UNHCR", "Save the Children"
    language: str = "en"  # the meeting's: which due words and dates the grammar reads


# "H.E." is only taken as an honorific when dotted or written "HE" in capitals, so the
# family name "He" (He Yafei) is left alone.
_HONORIFIC_RE = re.compile(r"(?:(?i:H\.\s?E\b\.?)|HE\b|(?i:(Mrs|Mr|Ms|Dr|Prof)\b)\.?)\s+(?=\S)")
_HONORIFIC_FORMS = {"mr": "Mr.", "mrs": "Mrs.", "ms": "Ms.", "dr": "Dr.", "prof": "Prof."}
_MAX_KNOWN_WORDS = 12  # bounds the look-ahead after "@"


def _key(s: str) -> str:
    """Matching key: casefolded, whitespace collapsed."""
    return " ".join(s.casefold().split())


def _split_honorifics(s: str) -> tuple[str | None, str]:
    """Split leading honorifics ("H.E. Ms. Amina") into ("H.E. Ms.", "Amina")."""
    found: list[str] = []
    while (m := _HONORIFIC_RE.match(s)) is not None:
        found.append(_HONORIFIC_FORMS[m.group(1).casefold()] if m.group(1) else "H.E.")
        s = s[m.end() :]
    return (" ".join(found) or None), s


def _as_written(form: str) -> bool:
    """Acronyms and names with inner capitals ("InterAction") match only as written, so
    "Interaction: with communities is key" stays text."""
    letters = [c for c in form if c.isalpha()]
    return not any(c.islower() for c in letters) or any(c.isupper() for c in letters[1:])


_WORD_PARTS_RE = re.compile(r"[^\W\d_]+")


def _word_as_written(form: str) -> bool:
    """A translated name: only an acronym or a word with inner capitals ("ONU", "BCAH")
    matches as written; "Haut-Commissariat des Nations unies pour les réfugiés" matches
    in any case, accents optional, as its typists write it."""
    return any(
        (len(w) > 1 and not any(c.islower() for c in w)) or any(c.isupper() for c in w[1:])
        for w in _WORD_PARTS_RE.findall(form)
    )


def _cased(form: str) -> bool:
    """Has letters with a case (Latin); Arabic has none, so it matches as folded."""
    return any(c.isupper() or c.islower() for c in form)


_Directory = tuple[dict[str, str], dict[str, str], dict[str, str]]


def _directory() -> _Directory:
    """(form as written → short name, folded form → short name, caseless (Arabic) folded
    form → short name), from the shipped list and its French, Spanish and Arabic forms.
    A translated form gives its own language's short name ("HCR", "المفوضية")."""
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    caseless: dict[str, str] = {}
    rows = [(*row, _as_written) for row in ORGANISATIONS]
    rows += [(short, name, aliases, _word_as_written) for _, short, name, aliases in TRANSLATED]
    for short, name, aliases, as_written in rows:
        for form in (short, name, *filter(None, aliases.split("|"))):
            if not _cased(form):
                caseless.setdefault(fold_key(form), short)
            elif as_written(form):
                exact.setdefault(" ".join(form.split()), short)
            else:
                folded.setdefault(fold_key(form), short)
    for role in ROLES:
        folded.setdefault(fold_key(role), role)
    return exact, folded, caseless


_DIRECTORY_EXACT, _DIRECTORY_FOLDED, _DIRECTORY_CASELESS = _directory()
_ROLE_FORMS = frozenset(ROLES)
_DIRECTORY_WORDS = max(
    len(k.split()) for k in [*_DIRECTORY_EXACT, *_DIRECTORY_FOLDED, *_DIRECTORY_CASELESS]
)


class _Known:
    """Lookups built once per context (cached), so each keystroke only does dict probes.

    Who can speak: the meeting's participants and organisations (any case), the shipped
    directory of organisations (acronyms as written), and roles ("Chair", "Secretariat")."""

    def __init__(self, context: CaptureContext) -> None:
        forms = context.speakers | context.organisations  # organisations speak too
        self.speakers = {_key(f): f.strip() for f in sorted(forms) if f.strip()}
        # Honorific-blind keys: "Mr Jamal" still matches a known "Jamal" or "Ms. Jamal".
        self.relaxed = {_key(_split_honorifics(f.strip())[1]) for f in forms} - {""}
        self.organisations = {_key(f): f.strip() for f in context.organisations if f.strip()}
        words = [len(k.split()) for k in self.speakers]
        self.max_words = min(max([*words, _DIRECTORY_WORDS]), _MAX_KNOWN_WORDS)
        self.language = context.language  # which due words and dates the grammar reads

    def speaker(self, candidate: str) -> str | None:
        """Canonical form for an exact (case-insensitive) match, the typed form for an
        honorific-blind match, else None."""
        key = _key(candidate)
        if key in self.speakers:
            return self.speakers[key]
        if _key(_split_honorifics(candidate)[1]) in self.relaxed:
            return " ".join(candidate.split())
        written = " ".join(candidate.split())
        if found := _DIRECTORY_EXACT.get(written):
            return found
        if written in _ROLE_FORMS:  # "Presidente" (es) stays itself, not "Présidente" (fr)
            return written
        folded = fold_key(candidate)
        return _DIRECTORY_CASELESS.get(folded) or _DIRECTORY_FOLDED.get(folded)

    def organisation(self, candidate: str) -> str | None:
        return (
            self.organisations.get(_key(candidate))
            or _DIRECTORY_EXACT.get(" ".join(candidate.split()))
            or _DIRECTORY_CASELESS.get(fold_key(candidate))
        )


@lru_cache(maxsize=16)
def _known(context: CaptureContext) -> _Known:
    return _Known(context)


_EMPTY_CONTEXT = CaptureContext()


_ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9&./\-]*[A-Z0-9]")
_CAPITALS_RE = re.compile(r"[A-Z]")
# All-caps words that head a line as labels, not as speakers ("NB: check the figures").
_NOT_SPEAKER_WORDS = (
    "NB PS FYI TBC TBD AOB NOTE TODO RE FW FWD ACTION DECISION UPDATE Q&A ETA EOD COB "
    "IMPORTANT URGENT "
    "NOTA RAS RAPPEL ATTENTION URGENTE PENDIENTE"  # French, Spanish ("RAS": nothing to report)
)
_NOT_SPEAKERS = frozenset(_NOT_SPEAKER_WORDS.split())
_MAX_PREFIX = 80
_WORD_RE = re.compile(r"\S+")


def _is_acronym(s: str) -> bool:
    return (
        len(s) <= _MAX_PREFIX
        and _ACRONYM_RE.fullmatch(s) is not None
        and len(_CAPITALS_RE.findall(s)) >= 2
    )


def _is_organisation(s: str, known: _Known) -> bool:
    return _is_acronym(s) or known.organisation(s) is not None


def _prefix_speaker(text: str, known: _Known) -> tuple[str | None, str, list[str]]:
    """`PREFIX: text` with a known PREFIX (or known parts: "UNHCR/IOM"); anything else is
    all text. An unknown acronym gets a warning that says how to attribute it."""
    colon = text.find(":", 0, _MAX_PREFIX + 1)
    if colon <= 0:
        return None, text, []
    after = text[colon + 1 :]
    # A colon must be followed by a space: "http://x" and "10:30" are text.
    if not after[:1].isspace() or not after.strip():
        return None, text, []
    prefix = text[:colon].strip()
    speaker = known.speaker(prefix)
    if speaker is None and "/" in prefix:
        parts = [known.speaker(p.strip()) for p in prefix.split("/")]
        if all(parts):
            speaker = "/".join(p for p in parts if p)
    if speaker is not None:
        return speaker, after.strip(), []
    if _is_acronym(prefix) and prefix not in _NOT_SPEAKERS:
        hint = (
            f"{prefix} is not a known speaker, so the line is kept as text; to attribute "
            f"it, add the organisation (/p {prefix}) or type @{prefix} …"
        )
        return None, text, [hint]
    return None, text, []


_QUOTED_AT_RE = re.compile(r'@"([^"\n]{1,80})"[:,;]?\s+(?=\S)')
_NAMED_AT_RE = re.compile(r"@([^\W\d][\w'’.&-]*(?: [\w'’.&-]+){0,7}):\s+(?=\S)")


def _at_speaker(text: str, known: _Known) -> tuple[str | None, str]:
    """`@"Save the Children" text` and `@Save the Children: text` name the speaker
    exactly; `@Name text` takes the longest known form after "@", else the first word."""
    m = _QUOTED_AT_RE.match(text) or _NAMED_AT_RE.match(text)
    if m is not None:
        named = " ".join(m.group(1).split())
        return known.speaker(named) or named, text[m.end() :].strip()
    words: list[re.Match[str]] = []
    for m in _WORD_RE.finditer(text, 1):
        if not words and m.start() != 1:
            return None, text  # "@ something": no name follows the "@"
        words.append(m)
        if len(words) > known.max_words:
            break
    if not words:
        return None, text
    for n in range(min(len(words), known.max_words), 0, -1):
        candidate = text[1 : words[n - 1].end()].rstrip(":,;")
        speaker = known.speaker(candidate) if candidate else None
        if speaker is not None:
            return _speaker_and_rest(speaker, text, words[n - 1].end())
    first = words[0].group().rstrip(":,;")
    if not first:
        return None, text
    return _speaker_and_rest(first, text, words[0].end())


def _speaker_and_rest(speaker: str, text: str, end: int) -> tuple[str | None, str]:
    rest = text[end:].strip()
    if not rest:
        return None, text  # a name alone is not yet a note: keep what was typed
    return speaker, rest


def _note(text: str, known: _Known, note_kind: NoteKind = "point") -> Note:
    warnings: list[str] = []
    if text.startswith("@"):
        speaker, body = _at_speaker(text, known)
    else:
        speaker, body, warnings = _prefix_speaker(text, known)
    return Note(note_kind=note_kind, speaker=speaker, text=body, warnings=warnings)


def _command_word(line: str) -> str:
    """The command as typed ("/A"), for messages; splits once, not the whole line."""
    return line.split(None, 1)[0]


def _fallback(line: str, why: str, warnings: list[str] | None = None) -> Note:
    """Keep the whole line as a plain note and say why it was not read as a command."""
    return Note(text=line, warnings=[*(warnings or []), f"{why}; kept as a note"])
