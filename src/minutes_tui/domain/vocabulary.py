"""The vocabulary: every closed set of the domain, with the words it is shown in.

Statuses (with their words, titles, marks and report markers), record styles,
sensitivities, roles, attendance, note kinds, list styles: defined once, here. Standard
library only, so the CLI's argument choices and the first frame can use it for free.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

# Agenda items: a label that means "a heading without a number".
UNNUMBERED = ""


def heading_depth(label: str | None) -> int | None:
    """An unnumbered heading's level below the top (`/i - A`: 0, `/i -- B`: 1, `/i --- C`:
    2, stored as "", "-", "--"); None for a numbered item or one the store numbers."""
    if label is None or label.strip("-"):
        return None
    return len(label)


ListStyle = Literal["bullet", "decimal", "roman", "alpha"]


# ---- closed sets ------------------------------------------------------------------------

Role = Literal["Chair", "Co-Chair", "Presenter", "Member", "Secretariat", "Observer", "Rapporteur"]
ROLES: tuple[Role, ...] = (
    "Chair",
    "Co-Chair",
    "Presenter",
    "Member",
    "Secretariat",
    "Observer",
    "Rapporteur",
)

# Roles a participants annex lists apart, before the organisations.
LISTED_APART: tuple[Role, ...] = ("Chair", "Co-Chair", "Presenter", "Secretariat")

# What a rapporteur may type for a role, folded to lower case.
ROLE_WORDS: dict[str, Role] = {
    "chair": "Chair",
    "co-chair": "Co-Chair",
    "cochair": "Co-Chair",
    "presenter": "Presenter",
    "member": "Member",
    "secretariat": "Secretariat",
    "observer": "Observer",
    "rapporteur": "Rapporteur",
}

Attendance = Literal["present", "apologies", "absent", "expected"]
ATTENDANCES: tuple[Attendance, ...] = ("present", "apologies", "absent", "expected")
ATTENDANCE_WORDS: dict[str, Attendance] = {
    "present": "present",
    "apologies": "apologies",
    "apology": "apologies",
    "absent": "absent",
    "expected": "expected",
}

NoteKind = Literal["point", "decision", "key_message"]
NOTE_LABELS: dict[str, str] = {
    "point": "Point",
    "decision": "Decision",
    "key_message": "Key message",
}

Style = Literal["summary", "minutes", "actions", "workplan", "response-plan", "summary-status"]
STYLES: tuple[Style, ...] = (
    "summary",
    "minutes",
    "actions",
    "workplan",
    "response-plan",
    "summary-status",
)
STYLE_NAMES: dict[str, str] = {
    "summary": "Summary Record",
    # The summary record with the status table of the actions it reviewed (a results
    # group reviewing its policy group's action points): the same document kind.
    "summary-status": "Summary Record",
    "minutes": "Minutes",
    "actions": "Action Points",
    "workplan": "Workplan Progress Report",
    "response-plan": "Management Response Plan",
}
# How the forms offer each style (two styles print the same document kind).
STYLE_CHOICE_NAMES: dict[str, str] = {
    **STYLE_NAMES,
    "summary-status": "Summary Record with status table",
}
# Words a rapporteur may write for a style (front matter, forms).
STYLE_WORDS: dict[str, Style] = {
    "summary": "summary",
    "summary record": "summary",
    "summary status": "summary-status",  # script.py reads "summary-status" as this
    "minutes": "minutes",
    "actions": "actions",
    "action points": "actions",
    "workplan": "workplan",
    "response plan": "response-plan",  # script.py reads "response-plan" as this
}

HeadingForm = Literal["numbered", "session"]
HEADING_FORMS: tuple[HeadingForm, ...] = ("numbered", "session")

Sensitivity = Literal["PUBLIC", "INTERNAL", "RESTRICTED", "CONFIDENTIAL", "STRICTLY CONFIDENTIAL"]
SENSITIVITIES: tuple[Sensitivity, ...] = (
    "PUBLIC",
    "INTERNAL",
    "RESTRICTED",
    "CONFIDENTIAL",
    "STRICTLY CONFIDENTIAL",
)
# On a team archive every rapporteur reads these; the others only members of the body.
OPEN_SENSITIVITIES: tuple[Sensitivity, ...] = SENSITIVITIES[:2]


ActionStatus = Literal[
    "pending", "in_progress", "continuous", "completed", "deprioritized", "dropped"
]


@dataclass(frozen=True)
class StatusInfo:
    """How one action status is written, shown and marked."""

    value: ActionStatus
    word: str  # in running text and the tracker: "in progress"
    title: str  # in a table cell: "In Progress"
    mark: str  # one character for narrow lists
    marker: str  # in a report's status cell and legend: "[COMPLETED]"
    open: bool  # still needs doing


STATUS_INFO: dict[str, StatusInfo] = {
    s.value: s
    for s in (
        StatusInfo("pending", "pending", "Pending", "·", "[PENDING]", True),
        StatusInfo("in_progress", "in progress", "In Progress", "◐", "[ONGOING]", True),
        StatusInfo("continuous", "continuous", "Continuous", "↻", "[CONTINUOUS]", True),
        StatusInfo("completed", "completed", "Completed", "✓", "[COMPLETED]", False),
        StatusInfo(
            "deprioritized", "deprioritized", "De-prioritized", "↓", "[DE-PRIORITIZED]", False
        ),
        StatusInfo("dropped", "dropped", "Dropped", "✗", "[DROPPED]", False),
    )
}
STATUSES: tuple[ActionStatus, ...] = tuple(s.value for s in STATUS_INFO.values())
OPEN_STATUSES: tuple[ActionStatus, ...] = tuple(s.value for s in STATUS_INFO.values() if s.open)

# What a rapporteur may type for a status (after folding case, spaces, "_" and "-").
_STATUS_SYNONYMS: dict[str, ActionStatus] = {
    "pending": "pending",
    "inprogress": "in_progress",
    "ongoing": "in_progress",
    "continuous": "continuous",
    "continuing": "continuous",
    "deprioritized": "deprioritized",
    "deprioritised": "deprioritized",
    "complete": "completed",
    "completed": "completed",
    "done": "completed",
    "dropped": "dropped",
    "cancelled": "dropped",
    "canceled": "dropped",
}
# The same words as a regex alternation, for the grammar (longest first).
STATUS_WORD_PATTERN = (
    r"in[\s_-]?progress|pending|ongoing|continu(?:ous|ing)|completed?|done"
    r"|de-?prioriti[sz]ed|dropped|cancell?ed"
)
_STATUS_FOLD_RE = re.compile(r"[\s_-]")


def status_from_word(word: str) -> ActionStatus | None:
    """'In progress', 'in-progress', 'ongoing', 'done', 'cancelled' … → a status, else None."""
    return _STATUS_SYNONYMS.get(_STATUS_FOLD_RE.sub("", word.casefold()))


def status_word(status: str | None) -> str:
    """'in progress': the status in running text (unknown values shown readably)."""
    info = STATUS_INFO.get(status or "pending")
    return info.word if info else _unknown(status).replace("_", " ")


def status_title(status: str | None) -> str:
    """'In Progress': the status in a table cell."""
    info = STATUS_INFO.get(status or "pending")
    return info.title if info else _unknown(status).replace("_", " ").title()


def _unknown(status: str | None) -> str:
    """A status not of the vocabulary (an old or a pulled row): nothing a terminal obeys."""
    from minutes_tui.domain.text import clean_text

    return clean_text(status or "")


def status_marker(status: str | None) -> str:
    """'[ONGOING]': the status in a report's cell."""
    info = STATUS_INFO.get(status or "pending")
    return info.marker if info else f"[{(status or '').upper()}]"


def style_name(style: str) -> str:
    return STYLE_NAMES.get(style, style)
