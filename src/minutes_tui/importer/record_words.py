"""The fixed words this tool's own records write in French, Spanish and Arabic, read
from the same "record" catalogue the record is written with (so the two cannot drift):
a translated heading, label, banner, style line, status or column → its English
message, which the importer already knows ("Actions de suivi :" → "Follow-up actions:").
Pure: gettext catalogues only.
"""

from __future__ import annotations

import re
from functools import cache

from minutes_tui.domain.translate import words as catalogue
from minutes_tui.domain.vocabulary import SENSITIVITIES

DOMAIN = "record"

# Every word the record writes that the importer reads by its English name.
_MESSAGES: tuple[str, ...] = (
    *SENSITIVITIES,
    "DRAFT",
    "FINAL",
    "INCLUDES CONFIDENTIAL ENTRIES",
    "Follow-Up Actions:",
    "Follow-up actions:",
    "Follow-up actions",
    "Other actions",
    "Review of previous actions",
    "Review of previous actions:",
    "Next meeting",
    "Next Meeting",
    "NEXT MEETING",
    "Participants",
    "ANNEX: PARTICIPANTS LIST",
    "DISCUSSION:",
    "Introduction",
    "INTRODUCTION",
    "Progress by priority area",
    "Time",
    "Place",
    "Chair",
    "Co-Chairs",
    "Legend:",
    "Decision:",
    "Key message:",
    "Summary Record",
    "Minutes",
    "Action Points",
    "Workplan Progress Report",
    "Management Response Plan",
    "Action Point",
    "Lead",
    "Status",
    "Progress Overview",
    "Organisation",
    "Follow-up action",
    "Lead Organization",
    "Comments",
    "Component actions (timeframe, lead)",
    "Pending",
    "In Progress",
    "Continuous",
    "Completed",
    "De-prioritized",
    "Dropped",
    "Not reviewed at this meeting.",
)


def fold_words(text: str) -> str:
    """Casefolded, apostrophes as typed or curly, one space between words."""
    return " ".join(text.replace("’", "'").casefold().split())


def fold(text: str) -> str:
    """`fold_words`, without the colon, bold marks and stop around a label."""
    return fold_words(text).strip(" :*.")


@cache
def _english(language: str) -> dict[str, str]:
    """Folded translation → English message; only words the language translates."""
    if language == "en":
        return {}
    words = catalogue(language, DOMAIN)
    out: dict[str, str] = {}
    for message in _MESSAGES:
        written = words.gettext(message)
        if written != message:
            out.setdefault(fold(written), message)
    return out


def english(language: str, text: str) -> str | None:
    """The English message a fixed word of this language's record translates, if any."""
    return _english(language).get(fold(text))


@cache
def due_words(language: str) -> str:
    """The regex of the words the record writes before a due date ("d'ici le ")."""
    if language == "en":
        return ""
    words = catalogue(language, DOMAIN)
    heads = {words.gettext(m).partition("{")[0] for m in ("by {date}", "by {when}")}
    heads = {h for h in heads if h.strip() and not h.startswith("by ")}
    return "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in sorted(heads, key=len)[::-1])


@cache
def minutes_title(language: str) -> re.Pattern[str] | None:
    """'Procès-verbal - {title}': the minutes' title as the record writes it."""
    if language == "en":
        return None
    head = catalogue(language, DOMAIN).gettext("Minutes - {title}").partition("{title}")[0]
    if not head.strip() or head.startswith("Minutes"):
        return None
    lead = re.escape(head.strip(" -–—:")).replace(r"\ ", r"\s+")
    return re.compile(rf"(?i)^{lead}\s*[-–—:]\s*(.+)$")
