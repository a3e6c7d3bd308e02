"""Who a speaker is: the meeting's participant a typed speaker names ("ms. jamal",
"Jamal", "Dr Amira Jamal"), and that participant's own spelling of the form typed. Pure."""

from __future__ import annotations

import re

from minutes_tui.domain.snapshot import PersonData

__all__ = ["find_person", "spelled_like"]

_HONORIFICS = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|H\.\s?E|Amb|Rev|Hon)"


def _norm_name(s: str) -> str:
    return re.sub(r"[\s\u00a0-]+", " ", s).strip().casefold()


def find_person(people: list[PersonData], speaker: str) -> PersonData | None:
    key = _norm_name(speaker)
    bare = _norm_name(re.sub(rf"^{_HONORIFICS}\.?\s+", "", speaker, flags=re.I))
    for p in people:
        if not p.name:
            continue
        name = _norm_name(p.name)
        if key in (name, _norm_name(p.display_name)) or bare == name:
            return p
    for p in people:
        if p.name and bare and _norm_name(p.name).split()[-1] == bare:
            return p
    return None


def spelled_like(p: PersonData, typed: str) -> str:
    """The participant's own spelling of the form the rapporteur typed ("ms. jamal")."""
    assert p.name
    words = p.name.split()
    forms = [p.display_name, p.name]
    if p.honorific:
        forms.append(f"{p.honorific} {words[-1]}")
    forms.append(words[-1])
    key = _norm_name(typed)
    for form in forms:
        if _norm_name(form) == key:
            return form
    return typed
