"""Redaction: personal names out of a record, and a residual check that proves it.

Pure: works on the `MeetingData` snapshot only (its participants and its `identities`,
the table of every person the database knows), never on the database.

How a name is found. Text is compared in a normalised form (Unicode compatibility
forms, case folded, accents folded, zero-width characters and soft hyphens removed,
apostrophe variants unified), token by token, so "JAMAL", "jamal", "Jose Alvarez" for
"José Álvarez", "O’Brien" for "O'Brien" and "Ja\u200bmal" are all one name. Every part of
every known name counts on its own ("Amira said"), and a run of parts with particles and
an honorific is replaced whole ("Mr. Al Hassan", "van der Berg"). A part that is also a
common word, a month or an organisation ("May", "Long", "WHO") counts only where it
stands as a name: capitalised next to another part of the same person's name or after
an honorific, or as a whole speaker or owner. Any "Honorific Capitalised Word" is a name
too ("Mr. Unknown Person"). E-mail addresses are dropped, and a link or URL with a name
in it loses its target.

What stands in for a person: this meeting's participant's organisation, else their
role, else the known person's organisation, else "a participant" (role and fallback in
the record's language).

A record in French, Spanish or Arabic reads its language's words (`record.name_words`,
whose docstring says how elision, Arabic prefixes and sentence case are read).
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from minutes_tui.domain.names import PARTICLES, people_in_field
from minutes_tui.domain.snapshot import KnownPerson, MeetingData, PersonData, RegisterData
from minutes_tui.record import name_words as lang
from minutes_tui.record.common_words import COMMON_WORDS, ORGANISATION_ACRONYMS
from minutes_tui.record.normalise import invisible, norm, normalise

__all__ = ["RedactionIncomplete", "Redactor", "normalise"]

# A token: a word with inner apostrophes ("o'brien"), or "h.e." (His/Her Excellency).
_TOKEN = re.compile(r"h\.\s?e\b\.?|\w+(?:'\w+)*")
# What may stand between the words of one name: spaces, or one hyphen ("Geir-Olav").
_NAME_GAP = re.compile(r"[ \t]+|[ \t]*-[ \t]*")
_HON_GAP = re.compile(r"\.?[ \t]*")
_EMAIL = re.compile(r"(?:mailto:)?[\w.+'%-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_MD_LINK = re.compile(r"\[([^\[\]\n]*)\]\(\s*<?([^()\s<>]*)>?(?:\s+\"[^\"\n]*\")?\s*\)")
_URL = re.compile(r"<?(?:(?:https?|ftp)://|www\.)[^\s<>()\[\]]+>?", re.IGNORECASE)


@dataclass
class _Token:
    start: int  # in the normalised text
    end: int
    key: str
    capitalised: bool
    kind: str  # "hon" | "initial" | "part" | "particle" | "word"
    people: frozenset[int]
    ambiguous: bool


@dataclass
class _Person:
    label: str
    rank: int  # 2 a participant of this meeting, 1 named in its header, 0 known elsewhere


class RedactionIncomplete(Exception):
    """A rendered, redacted record still holds a known name form: it must not be written."""

    def __init__(self, count: int) -> None:
        self.count = count
        forms = "name form" if count == 1 else "name forms"
        super().__init__(
            f"Redaction incomplete: {count} personal {forms} or e-mail addresses would remain "
            "in the record, so it was not written."
        )


class Redactor:
    """Replaces personal names with an organisation, a role or "a participant" (see the
    module docstring), and counts the name forms left in a text (`residual`)."""

    def __init__(
        self,
        participants: Iterable[PersonData] = (),
        known: Iterable[KnownPerson] = (),
        organisations: Iterable[str] = (),
        also: Iterable[str] = (),
        language: str = "en",
    ) -> None:
        self.language = language
        self.phrases = lang.PHRASES.get(language, {})
        self.fallback = self._phrase("a participant")  # who stands in for an unknown person
        self.honorifics = lang.HON_ABBREVIATIONS | lang.HON_BY_LANGUAGE.get(language, frozenset())
        self.people: list[_Person] = []
        self.parts: dict[str, set[int]] = {}
        self.forms: dict[str, set[int]] = {}  # a whole name, normalised and spaced
        self.organisations = {norm(o).strip() for o in organisations if o and o.strip()}
        for p in participants:
            if p.name and p.name.strip():
                self._add(p.name, self.label(p, language), rank=2)
                if p.organisation:
                    self.organisations.add(norm(p.organisation).strip())
        for k in known:
            label = k.organisation or self._phrase(
                lang.ROLE_PHRASES.get(k.role or "", "a participant")
            )
            self._add(k.name, label, rank=1 if k.role else 0)
        for name in also:  # names the database never knew, that the user chose to redact
            if name and name.strip():
                self._add(name, self._phrase("a person"), rank=0)
        acronyms = {t for o in self.organisations for t in _TOKEN.findall(o)}
        words = COMMON_WORDS | lang.MONTHS | acronyms | ORGANISATION_ACRONYMS
        if language != "en":
            words |= lang.calendar(language) | lang.common_words(language)
        self.ambiguous = {part for part in self.parts if part in words or len(part) < 2}
        # "Saludos a Ángel": a participant's part that is a common word (name_words)
        self.sentence_case: set[str] = set()
        if language in ("fr", "es"):
            mine = {i for i, p in enumerate(self.people) if p.rank == 2}
            mine_parts = (k for k, who in self.parts.items() if who & mine)
            self.sentence_case = lang.sentence_case(mine_parts, language, acronyms)

    @classmethod
    def for_meeting(cls, data: MeetingData, also: Iterable[str] = ()) -> Redactor:
        """A redactor for one meeting: its participants, the identity table, and the names
        in its own header fields and action owners (this one and the previous one's);
        `also`, names the database never knew that the user chose to redact."""
        orgs = list(data.identities.organisations)
        orgs += [p.organisation for p in data.participants if p.organisation]
        known = list(data.identities.people)
        for role, text in (("Chair", data.chair), ("Rapporteur", data.rapporteur)):
            known += [KnownPerson(n, h or None, None, role) for h, n in people_in_field(text, orgs)]
        texts = [i.presenters for i in data.items if i.presenters]
        for a in [*data.actions, *data.previous_actions]:
            texts += a.owners + a.partners + [o for s in a.sub_items for o in s.owners]
        texts += [o for review in data.reviews for o in review.owners]
        for text in texts:
            known += [KnownPerson(n, h or None) for h, n in people_in_field(text, orgs)]
        return cls(data.participants, known, orgs, also, data.language)

    @classmethod
    def for_register(cls, data: RegisterData, also: Iterable[str] = ()) -> Redactor:
        """A redactor for a register: its co-chairs, the participants of the meetings it
        covers, everyone the database knows, and the names in its leads and partners."""
        people = [*data.co_chairs, *data.participants]
        orgs = list(data.identities.organisations)
        orgs += [p.organisation for p in people if p.organisation]
        known = list(data.identities.people)
        for a in data.actions:
            for text in [*a.owners, *a.partners, *(o for s in a.sub_items for o in s.owners)]:
                known += [KnownPerson(n, h or None) for h, n in people_in_field(text, orgs)]
        return cls(people, known, orgs, also)

    def _add(self, name: str, label: str, rank: int) -> None:
        key = norm(name)
        keys = [m.group().rstrip(".").replace(" ", "") for m in _TOKEN.finditer(key)]
        if (
            keys
            and (keys[0] in lang.HON_ABBREVIATIONS or keys[0] in lang.HON_WORDS)
            and len(keys) > 1
        ):
            keys = keys[1:]  # a name stored with its honorific
        parts = [k for k in keys if k not in PARTICLES] or keys
        if not parts:
            return
        for part in list(parts):  # "O'Brien" is also written "OBrien", "Brien" (in a URL)
            if "'" in part:
                parts.append(part.replace("'", ""))
                parts += [p for p in part.split("'") if len(p) >= 3]
        who = len(self.people)
        self.people.append(_Person(label, rank))
        for part in parts:
            self.parts.setdefault(part, set()).add(who)
        self.forms.setdefault(" ".join(keys), set()).add(who)

    @staticmethod
    def label(p: PersonData, language: str = "en") -> str:
        """What stands in for a participant: organisation, else role, else "a participant"
        (in the record's language)."""
        if p.organisation:
            return " ".join(p.organisation.split())
        phrase = lang.ROLE_PHRASES.get(p.role or "", "a participant")
        return lang.PHRASES.get(language, {}).get(phrase, phrase)

    def _phrase(self, phrase: str) -> str:
        return self.phrases.get(phrase, phrase)

    # ---- finding names ---------------------------------------------------------------

    def _tokens(self, text: str, normal: str, index: list[int]) -> list[_Token]:
        tokens = []
        for m in _TOKEN.finditer(normal):
            key = m.group().rstrip(".").replace(" ", "")
            start, end = m.start(), m.end()
            first = text[index[start]]
            capitalised = first.isupper() or first.istitle() or lang.caseless(first)
            people: frozenset[int] = frozenset()
            if key in self.honorifics or (key in lang.HON_WORDS and capitalised):
                kind = "hon"
            elif len(key) == 1 and first.isupper() and normal[end : end + 1] == ".":
                kind = "initial"  # "K. Hyland": redacted with the name it leads into
            elif key in self.parts:
                kind, people = "part", frozenset(self.parts[key])
            elif (elided := lang.elided(key, self.parts)) is not None:
                start, key = start + len(key) - len(elided), elided  # "d'Hélène": "d'" stays
                first = text[index[start]]
                capitalised = first.isupper() or first.istitle()
                kind, people = "part", frozenset(self.parts[key])
            elif "'" in key and key.rsplit("'", 1)[0] in self.parts:  # "Jamal's"
                key = key.rsplit("'", 1)[0]
                end = start + len(key)
                kind, people = "part", frozenset(self.parts[key])
            elif (prefixed := lang.arabic_prefixed(key, self.parts, self.ambiguous)) is not None:
                size, people = prefixed  # "وأحمد", "وبأحمد", "للخطيب": the prefix stays
                start, key = start + size, key[size:]
                kind = "part"
            elif (found := self._inflected_or_joined(key)) is not None:
                kind, people = "part", found  # "the Hylands", "karenhyland.docx"
            elif key in PARTICLES:
                kind = "particle"
            else:
                kind = "word"
            ambiguous = kind == "part" and key in self.ambiguous
            tokens.append(_Token(start, end, key, capitalised, kind, people, ambiguous))
        return tokens

    def _inflected_or_joined(self, key: str) -> frozenset[int] | None:
        """A name part with a plural "s" ("Hylands", "Hylands'"), or two parts of one
        person's name run together ("karenhyland", as in a URL or a file name)."""
        stem = key[:-1]
        if len(key) > 3 and key.endswith("s") and stem in self.parts and stem not in self.ambiguous:
            return frozenset(self.parts[stem])
        for i in range(2, len(key) - 1):
            a, b = self.parts.get(key[:i]), self.parts.get(key[i:])
            if a and b and (common := set(a) & set(b)):
                return frozenset(common)
        return None

    def _marks(
        self, text: str, normal: str, index: list[int], tokens: list[_Token], generic: bool
    ) -> list[bool]:
        """Which tokens are (part of) a personal name."""
        n = len(tokens)
        linked = []  # token i and i+1 may be words of one name
        for i in range(n - 1):
            gap = normal[tokens[i].end : tokens[i + 1].start]
            ok = _NAME_GAP.fullmatch(gap) is not None
            if tokens[i].kind in ("hon", "initial"):
                ok = _HON_GAP.fullmatch(gap) is not None
            linked.append(ok)
        linked.append(False)

        def neighbour(i: int, step: int) -> int | None:
            """The next non-particle token in the same name, either side."""
            j = i
            while True:
                if step < 0 and (j == 0 or not linked[j - 1]):
                    return None
                if step > 0 and not linked[j]:
                    return None
                j += step
                if tokens[j].kind != "particle":
                    return j

        def strong(t: _Token) -> bool:
            return t.kind == "part" and (not t.ambiguous or t.capitalised)

        marked = [t.kind == "part" and not t.ambiguous for t in tokens]
        for i, t in enumerate(tokens):
            if t.kind != "part" or not t.ambiguous or not t.capitalised:
                continue
            word = text[index[t.start] : index[t.end - 1] + 1]
            acronym = len(word) > 1 and word.isupper()  # "le PAM" is the programme
            if i and linked[i - 1] and tokens[i - 1].kind == "particle" and not acronym:
                marked[i] = True  # the end of a multi-part surname: "de la Rose"
                continue
            common = t.key in self.sentence_case and not acronym
            if common and not lang.sentence_start(text, index[t.start]):  # "Saludos a Ángel"
                marked[i] = True
                continue
            for j in (neighbour(i, -1), neighbour(i, 1)):
                if j is None:
                    continue
                u = tokens[j]
                if (u.kind == "hon" and j < i) or (strong(u) and u.people & t.people):
                    marked[i] = True
                    if u.kind == "part":
                        marked[j] = True
        if generic:  # "Mr. Unknown Person": an honorific and the capitalised words after it
            for i, t in enumerate(tokens):
                hon = text[index[t.start] : index[t.end - 1] + 1]
                dotted = normal[t.end : t.end + 1] == "."
                if t.kind != "hon" or (hon.isupper() and len(hon) > 1 and not dotted):
                    continue  # "DR Congo" is no doctor
                j, taken = i, 0
                most = 2 if lang.caseless(hon[:1]) else 4  # no capitals to tell where it ends
                while linked[j] and taken < most:
                    u = tokens[j + 1]
                    word = text[index[u.start] : index[u.end - 1] + 1]
                    acronym = len(word) > 1 and word.isupper()
                    if u.kind == "particle" or marked[j + 1] or (u.capitalised and not acronym):
                        j += 1
                        taken += u.kind != "particle"
                        continue
                    break
                while j > i and tokens[j].kind == "particle":
                    j -= 1
                for k in range(i, j + 1 if j > i else i):
                    marked[k] = True
        # particles and honorifics that lead into a marked name ("Ms. van der Berg")
        for i in range(n - 1, -1, -1):
            lead_in = tokens[i].kind in ("particle", "hon", "initial") and linked[i]
            if lead_in and marked[i + 1]:
                marked[i] = True
        return marked

    def _names(self, text: str, generic: bool = True) -> list[tuple[int, int, set[int], str]]:
        """(start, end, people, normalised words) of each name in `text`, in order."""
        normal, index = normalise(text)
        tokens = self._tokens(text, normal, index)
        marked = self._marks(text, normal, index, tokens, generic)
        names = []
        i = 0
        while i < len(tokens):
            if not marked[i]:
                i += 1
                continue
            j = i
            while j + 1 < len(tokens) and marked[j + 1] and self._joined(normal, tokens, j):
                j += 1
            run = tokens[i : j + 1]
            if any(t.kind in ("part", "word") for t in run):
                start = index[run[0].start]
                end = index[run[-1].end - 1] + 1
                while end < len(text) and invisible(text[end]):  # a trailing accent, ZWSP
                    end += 1
                names.append((start, end, self._who(run), " ".join(t.key for t in run)))
            i = j + 1
        return names

    @staticmethod
    def _joined(normal: str, tokens: list[_Token], j: int) -> bool:
        gap = normal[tokens[j].end : tokens[j + 1].start]
        pattern = _HON_GAP if tokens[j].kind in ("hon", "initial") else _NAME_GAP
        return pattern.fullmatch(gap) is not None

    def _who(self, run: list[_Token]) -> set[int]:
        sets = [t.people for t in run if t.kind == "part"]
        if sets:
            common = set.intersection(*map(set, sets))
            return common or set(sets[-1])
        for t in reversed(run):  # a misspelt surname: "Guarnieri" for "Guarrieri"
            if t.kind == "word" and len(t.key) >= 4:
                close = difflib.get_close_matches(t.key, self.surnames(), n=1, cutoff=0.8)
                if close:
                    return set(self.parts[close[0]])
        return set()

    def surnames(self) -> list[str]:
        return [p for p in self.parts if p not in self.ambiguous and len(p) >= 4]

    def _label_for(self, people: set[int]) -> str:
        # the people of this meeting first: "Amira" here is most likely this meeting's Amira
        best = max((self.people[i].rank for i in people), default=0)
        labels = {self.people[i].label for i in people if self.people[i].rank == best}
        if len(labels) > 1:  # a name seen only in an owner or a header field says nothing
            labels.discard(self.fallback)
        return labels.pop() if len(labels) == 1 else self.fallback

    # ---- links and e-mails -------------------------------------------------------------

    def _names_in_url(self, url: str) -> bool:
        keys = re.findall(r"[^\W_]+", norm(html.unescape(url)))
        if any(self._inflected_or_joined(k) for k in keys):  # ".../people/karenhyland"
            return True
        for a, b in zip(keys, [*keys[1:], ""], strict=False):
            if a in self.parts and a not in self.ambiguous:
                return True
            if a in self.parts and b in self.parts and self.parts[a] & self.parts[b]:
                return True
        return False

    def _links(self, text: str) -> str:
        def link(m: re.Match[str]) -> str:
            target = m.group(2)
            if _EMAIL.search(target) or self._names_in_url(target):
                return m.group(1)  # the link's words stay (and are redacted below)
            return m.group(0)

        def url(m: re.Match[str]) -> str:
            return "(link withheld)" if self._names_in_url(m.group(0)) else m.group(0)

        text = _MD_LINK.sub(link, text)
        text = _URL.sub(url, text)
        return _EMAIL.sub("(e-mail withheld)", text)

    # ---- redacting -----------------------------------------------------------------------

    def __call__(self, text: str) -> str:
        """`text` without personal names, e-mail addresses or links that name someone."""
        if not text:
            return text
        text = self._links(text)
        out: list[str] = []
        last = 0
        for start, end, people, _ in self._names(text):
            if start < last:
                continue
            label = self._label_for(people)
            if label[:1].islower() and lang.sentence_start(text, start):
                label = label[:1].upper() + label[1:]
            paren = _PAREN.match(text, end)
            if paren:  # "Mr. Craig Burgess (WHO)" → "WHO"
                inner = paren.group("inner").strip().casefold()
                if label.casefold() == inner or label.casefold().startswith(inner + " "):
                    end = paren.end()
            out += [text[last:start], label]
            last = end
        out.append(text[last:])
        return "".join(out)

    def attribution(self, text: str) -> str:
        """A speaker or an owner: a whole name there is a person, even a name that is also
        a common word ("May"); an organisation ("WHO") stays."""
        clean = " ".join(text.split())
        key = norm(clean).strip()
        if not key or key in self.organisations:
            return clean
        normal, index = normalise(clean)
        tokens = self._tokens(clean, normal, index)
        words = [t for t in tokens if t.kind != "hon"]
        joined = all(self._joined(normal, tokens, j) for j in range(len(tokens) - 1))
        only_name = all(t.kind in ("part", "particle", "initial") for t in words)
        if joined and only_name and any(t.kind == "part" for t in words):
            label = self._label_for(self._who(words))
            return label[:1].upper() + label[1:]
        return self(clean)

    def residual(self, text: str) -> int:
        """How many known name forms and e-mail addresses `text` still holds."""
        return len(self._names(text, generic=False)) + len(_EMAIL.findall(text))


_PAREN = re.compile(r"\s*\((?P<inner>[^()\n]{1,80})\)")
