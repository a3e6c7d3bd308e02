"""MeetingData (or RegisterData) → Record: which style says what, in which module.

Pure: reads only the snapshot it is given (never the database) and returns a frozen
`Record`. Renderers only lay that Record out. Each style is a module of `record/styles/`;
what they share (attribution, notes, actions, reviews) is `record/common.py`.

- summary: the narrative record of each item (styles/summary.py);
- summary-status: the same, with the status table (Action Point | Lead | Status | Progress
  Overview, under topic rows) where an item reviewed actions;
- minutes: narrative, DISCUSSION bullets, follow-up actions (styles/minutes.py);
- actions: the meeting's actions and a review table under topic rows (styles/actions.py);
- response-plan: per recommendation, its text, Management Response and follow-up table
  (styles/response_plan.py);
- workplan: a body's register over a period as one wide table (styles/workplan.py), from
  `RegisterData` (`build_register_record`); a single meeting exported as a workplan is the
  register of that meeting's own actions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from minutes_tui.domain.snapshot import MeetingData, RegisterData
from minutes_tui.domain.vocabulary import STYLES
from minutes_tui.record import confidential
from minutes_tui.record.common import Ctx, clean_text, due_words
from minutes_tui.record.model import Block, Record
from minutes_tui.record.redact import Redactor
from minutes_tui.record.styles import actions, minutes, response_plan, summary, workplan
from minutes_tui.record.words import Words, words_for

__all__ = [
    "STYLES",
    "Redactor",
    "build_record",
    "build_register_record",
    "clean_text",
    "due_words",
]

_BUILDERS: dict[str, Callable[[Ctx], list[Block]]] = {
    "summary": summary.build,
    "summary-status": summary.build_with_status,
    "minutes": minutes.build,
    "actions": actions.build,
    "response-plan": response_plan.build,
}


def _unknown(style: str) -> ValueError:
    return ValueError(f"Unknown record style {style!r}: use {', '.join(STYLES)}.")


def build_record(
    data: MeetingData,
    style: str | None = None,
    redact: bool = False,
    include_confidential: bool = False,
    also: Sequence[str] = (),
) -> Record:
    """The record of one meeting in a style of `STYLES`: without its confidential entries
    unless `include_confidential` (then they are marked, and every page says so when
    there are any)."""
    style = style or data.style or "summary"
    if style not in STYLES:
        raise _unknown(style)
    words = words_for(data.language)
    include_confidential = include_confidential and confidential.has_confidential(data)
    if include_confidential:
        data = confidential.marked(data, words("[Confidential]") + " ")
    else:
        data = confidential.circulated(data)
    label = page_label(data.sensitivity, data.status, data.version, include_confidential, words)
    if style == "workplan":
        return _register_record(workplan.register_of_meeting(data), redact, label, also)
    redactor = Redactor.for_meeting(data, also) if redact else None
    ctx = Ctx(redactor=redactor, data=data, style=style, words=words)
    blocks = _BUILDERS[style](ctx)
    author = ctx.attribution(data.rapporteur) or "minutes-tui"
    return Record(
        style=style,
        title=_document_title(ctx),
        author=author,
        date=data.date,
        page_label=label,
        blocks=tuple(blocks),
        redacted=redact,
        language=data.language,
    )


def build_register_record(
    data: RegisterData,
    style: str = "workplan",
    redact: bool = False,
    include_confidential: bool = False,
    also: Sequence[str] = (),
    language: str | None = None,
) -> Record:
    """A body's register over a period as a record: the workplan progress report
    (confidential actions left out unless `include_confidential`), in `language` (by
    default the register's: its latest meeting's)."""
    if style != "workplan":
        raise ValueError(f"A register is reported as a workplan, not {style!r}.")
    if language is not None:
        data = replace(data, language=language)
    words = words_for(data.language)
    include_confidential = include_confidential and confidential.register_has_confidential(data)
    if include_confidential:
        data = confidential.marked_register(data, words("[Confidential]") + " ")
    else:
        data = confidential.circulated_register(data)
    label = page_label(data.sensitivity, None, None, include_confidential, words)
    return _register_record(data, redact, label, also)


def _register_record(
    data: RegisterData, redact: bool, label: str, also: Sequence[str] = ()
) -> Record:
    redactor = Redactor.for_register(data, also) if redact else None
    blocks, title = workplan.build(data, redactor, words_for(data.language))
    return Record(
        style="workplan",
        title=title,
        author="minutes-tui",
        date=data.date_to,
        page_label=label,
        blocks=tuple(blocks),
        redacted=redact,
        language=data.language,
    )


def page_label(
    sensitivity: str | None,
    status: str | None,
    version: int | None = None,
    includes_confidential: bool = False,
    words: Words | None = None,
) -> str:
    """'RESTRICTED · DRAFT', 'RESTRICTED · FINAL · VERSION 2', '… · INCLUDES CONFIDENTIAL
    ENTRIES': what every page's header carries, in the record's language."""
    words = words or words_for("en")
    label = words.sensitivity(clean_text(sensitivity).strip().upper() or "INTERNAL")
    state = (status or "").casefold()
    if state == "draft":
        label += " · " + words("DRAFT")
    elif state == "final":
        label += " · " + words("FINAL")
        if version:
            label += " · " + words("VERSION {number}").format(number=version)
    if includes_confidential:
        label += " · " + words("INCLUDES CONFIDENTIAL ENTRIES")
    return label


def _document_title(ctx: Ctx) -> str:
    d = ctx.data
    if ctx.style == "minutes":
        return minutes.title(ctx)
    words = ctx.words
    parts = [ctx.plain(d.title).strip(), ctx.plain(d.session).strip(), words.long_date(d.date)]
    return ", ".join(p for p in parts if p) + f" — {words.style_name(ctx.style)}"
