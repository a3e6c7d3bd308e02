"""Who is who in a record: participants annexes (organisation → names with honorific and
position), the organisations and people a paragraph may open with. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from minutes_tui.capture.directory import ORGANISATIONS

_HONORIFIC = r"(?:Mr|Ms|Mrs|Dr|Prof|H\.\s?E)\.?"
_BEFORE_HONORIFIC_RE = re.compile(rf"\s*[;\n]\s*|\s+(?={_HONORIFIC}\s+[A-Z])")
_PERSON_RE = re.compile(rf"(?P<hon>{_HONORIFIC})\s+(?P<name>[A-Z][\w'’.-]*(?:\s+[\w'’.-]+)*)")
_ROLE_WORDS = {
    "co-chair": "Co-Chair",
    "co-chairs": "Co-Chair",
    "chair": "Chair",
    "chairs": "Chair",
    "presenters": "Presenter",
    "presenter": "Presenter",
    "secretariat": "Secretariat",
    "observers": "Observer",
    "observer": "Observer",
}
_DIRECTORY_NAMES = sorted(
    {
        form
        for short, _full, aliases in ORGANISATIONS
        for form in (short, *[a for a in aliases.split("|") if a])
    },
    key=len,
    reverse=True,
)


def split_people(cell: str) -> list[str]:
    """'Ms. A Mr. B' · 'Ms. A; Mr. B' · lines → one string a person."""
    return [p.strip(" ,.") for p in _BEFORE_HONORIFIC_RE.split(cell) if p and p.strip(" ,.")]


def role_of(label: str) -> str | None:
    """'OPAG Co-Chair' → Co-Chair; 'Presenters:' → Presenter; 'IASC secretariat' → Secretariat."""
    words = label.strip(" :").casefold().split()
    return _ROLE_WORDS.get(words[-1]) if words else None


def participant_lines(organisation: str, cell: str) -> list[str]:
    """The `/p` lines for one row of a participants table."""
    people = split_people(cell)
    role = role_of(organisation)
    if role is not None:
        return [f"/p {_no_role_parens(p)} ({role})" for p in people] or [f"/p {organisation}"]
    organisation = organisation.strip(" :")
    if not people:
        return [f"/p {organisation}"]
    return [f"/p {organisation}: {'; '.join(_no_role_parens(p) for p in people)}"]


def _no_role_parens(person: str) -> str:
    # "(Chair)" would be read as a role: a position in brackets is kept, the brackets go
    return person.replace("(", "").replace(")", "") if "(" in person else person


@dataclass
class Known:
    """Organisations and people a paragraph may open with, longest first."""

    organisations: list[str] = field(default_factory=lambda: list(_DIRECTORY_NAMES))
    people: list[str] = field(default_factory=list)  # "Ms. Jamal", "Ms. Arafat Jamal"

    def add_participant_line(self, line: str) -> None:
        """Learn from a `/p` line: the organisation and each person's honorific forms."""
        body = line[3:]
        if ":" in body.split(",")[0]:
            org, body = body.split(":", 1)
            self._add_org(org.strip())
        for person in split_people(body):
            if (m := _PERSON_RE.match(person)) is None:
                continue
            hon, name = m.group("hon"), m.group("name").split(",")[0].strip()
            words = name.split()
            for form in {f"{hon} {name}", f"{hon} {words[-1]}"}:
                if form not in self.people:
                    self.people.append(form)
        self.people.sort(key=len, reverse=True)

    def _add_org(self, org: str) -> None:
        if org and org not in self.organisations and role_of(org) is None:
            self.organisations.append(org)
            self.organisations.sort(key=len, reverse=True)

    def opener(self, text: str) -> tuple[str, str] | None:
        """'UNHCR raised …' → ('UNHCR', 'raised …'); 'Ms. Jamal noted …' likewise;
        'DAI – as part of …' → ('DAI', 'as part of …'). None when it opens otherwise."""
        for name in [*self.people, *self.organisations]:
            if not text.startswith(name) or len(text) <= len(name) + 1:
                continue
            rest = text[len(name) :]
            if (m := re.match(r"\s+[–—-]\s+(\S.*)", rest, re.S)) is not None:
                return name, m.group(1)
            if (m := re.match(r"\s+([a-z]\S*.*)", rest, re.S)) is not None:
                return name, m.group(1)
            return None
        if (m := re.match(r"([A-Z][A-Z0-9&-]{1,14})\s+[–—-]\s+(\S.*)", text, re.S)) is not None:
            return m.group(1), m.group(2)
        return None
