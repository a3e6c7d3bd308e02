"""The meeting header: a meeting's details as a form, a script's front matter or an
imported record gives them. Validated with pydantic where that input arrives (HH:MM
times, the closed sets of styles and sensitivities), so it lives apart from `entries.py`:
the capture grammar and `minutes add` never import pydantic.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, StringConstraints

from minutes_tui.domain.language import Language
from minutes_tui.domain.vocabulary import HeadingForm, Sensitivity, Style

# "HH:MM", 24-hour clock, always two digits each.
HHMM = Annotated[str, StringConstraints(pattern=r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$")]

UNTITLED = "Untitled meeting"


class MeetingHeader(BaseModel):
    title: str
    body: str | None = None
    session: str | None = None
    date: dt.date | None = None
    start_time: HHMM | None = None
    end_time: HHMM | None = None
    place: str | None = None
    chair: str | None = None
    rapporteur: str | None = None
    style: Style = "summary"
    sensitivity: Sensitivity = "INTERNAL"
    introduction: str | None = None
    heading_form: HeadingForm | None = None
    language: Language = "en"  # the record's (domain/language.py)
    # The body above `body` (front matter `parent:`, the form's "Parent body"): stored
    # with the bodies (store/bodies.py), not on the meeting.
    parent: str | None = None


def with_sensitivity(header: MeetingHeader, default: str | None) -> MeetingHeader:
    """The header with the configured `[new_meeting] sensitivity` when none was given (an
    option, a front-matter line or a label found in an imported record wins)."""
    if not default or "sensitivity" in header.model_fields_set:
        return header
    given = header.model_dump(exclude_unset=True)
    return MeetingHeader.model_validate({**given, "sensitivity": default})
