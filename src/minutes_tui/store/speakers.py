"""The forms by which a participant can be named as a speaker.

"Ms. Arafat Jamal" can be typed as "Arafat Jamal", "Jamal", "Ms. Jamal" or
"Ms. Arafat Jamal"; an organisation by its name. Pure: no database here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Named:
    """Who a speaker form points at: a participant, an organisation, or both."""

    participant_id: int | None
    organisation_id: int | None


def person_forms(honorific: str | None, name: str) -> list[str]:
    name = name.strip()
    if not name:
        return []
    forms = [name]
    surname = name.split()[-1]
    if surname != name:
        forms.append(surname)
    if honorific:
        forms += [f"{honorific} {name}", f"{honorific} {surname}"]
    return forms


@dataclass(frozen=True)
class Known:
    """Who can speak in a meeting, as plain names: the caller builds the grammar's
    `CaptureContext` from them (the store never imports the grammar)."""

    speakers: frozenset[str]  # every form a participant or organisation may be named by
    organisations: frozenset[str]
    language: str = "en"  # the meeting's: the grammar's due words and dates


@dataclass(frozen=True)
class SpeakerIndex:
    """Casefolded form → who it names. Ambiguous surnames name nobody."""

    by_form: dict[str, Named]
    organisations: frozenset[str]
    display: frozenset[str]  # the forms as written, for the grammar to echo back

    @classmethod
    def build(
        cls,
        people: Iterable[tuple[int, str | None, str, int | None]],
        organisations: Iterable[tuple[int, str]],
    ) -> SpeakerIndex:
        """people: (participant_id, honorific, name, organisation_id)."""
        by_form: dict[str, Named] = {}
        ambiguous: set[str] = set()
        org_names: set[str] = set()
        display: dict[str, str] = {}
        for org_id, org_name in organisations:
            by_form[org_name.casefold()] = Named(None, org_id)
            display[org_name.casefold()] = org_name
            org_names.add(org_name)
        for participant_id, honorific, name, person_org_id in people:
            for form in person_forms(honorific, name):
                key = form.casefold()
                display.setdefault(key, form)
                named = Named(participant_id, person_org_id)
                if key in by_form and by_form[key] != named:
                    ambiguous.add(key)
                by_form.setdefault(key, named)
        for key in ambiguous:
            by_form.pop(key, None)
        shown = frozenset(display[key] for key in by_form)
        return cls(by_form, frozenset(org_names), shown)

    def resolve(self, speaker: str | None) -> Named | None:
        if not speaker:
            return None
        return self.by_form.get(speaker.strip().casefold())

    def known(self, language: str = "en") -> Known:
        return Known(self.display, self.organisations, language)
