"""The residual check: a redacted record that still names someone is never written.

The check does not trust the redactor that made the record: it builds its own list of
people from the whole snapshot (`checker`) — everyone the database knows, every person
record anywhere in the data (participants, co-chairs), and the names in every field that
holds people (chair, rapporteur, presenters, owners, partners) — plus the names the user
chose to redact (`also`). A style whose redactor forgot a source of names (a register that
knew only its co-chairs) is caught here. Pure: reads the snapshot, never the database.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import fields, is_dataclass
from io import BytesIO

from minutes_tui.domain.names import people_in_field
from minutes_tui.domain.snapshot import (
    IdentityTable,
    KnownPerson,
    MeetingData,
    PersonData,
    RegisterData,
)
from minutes_tui.record.redact import RedactionIncomplete, Redactor

__all__ = ["check_docx", "check_markdown", "checker", "docx_texts"]

# Fields that hold people's names as typed (a chair, owners, "OCHA; Ms. Jamal").
_PEOPLE_FIELDS = frozenset(
    {"chair", "rapporteur", "presenters", "owners", "partners", "speaker", "by"}
)


def _walk(value: object, name: str = "") -> Iterator[tuple[str, object]]:
    """Every (field name, value) of a snapshot, nested dataclasses and lists included (an
    item of a list under its list's field name)."""
    yield name, value
    if is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            if f.name != "identities":
                yield from _walk(getattr(value, f.name), f.name)
    elif isinstance(value, list):
        for inner in value:
            yield from _walk(inner, name)


def checker(data: MeetingData | RegisterData, also: Iterable[str] = ()) -> Redactor:
    """A redactor used only to count what is left: it knows everyone `data` can name."""
    identities: IdentityTable = data.identities
    people: list[PersonData] = []
    texts: list[str] = []
    for name, value in _walk(data):
        if isinstance(value, PersonData):
            people.append(value)
        elif name in _PEOPLE_FIELDS and isinstance(value, str):
            texts.append(value)
    orgs = [*identities.organisations, *(p.organisation for p in people if p.organisation)]
    known = list(identities.people)
    for text in texts:
        known += [KnownPerson(n, h or None) for h, n in people_in_field(text, orgs)]
    return Redactor(people, known, orgs, also)


_TAG = re.compile(r"<[^>]*>")
# Where a Word part's text breaks: a paragraph's end, a line break or a tab, and the end of
# any element outside WordprocessingML (core.xml's dc:creator, dc:title, …). Everything else
# (runs, run properties) joins up, so a name split across runs reads whole.
_BREAK = re.compile(r"</w:p>|<w:(?:br|tab|cr)\b[^>]*>|</(?!w:)[^>]+>")
_SPACES = re.compile(r"[ \t]{2,}")
_LINES = re.compile(r"\s*\n\s*")
_TARGET = re.compile(r"\b(?:Target|r:href|href)=\"([^\"]*)\"")


def check_markdown(redactor: Redactor, text: str) -> None:
    """Raise `RedactionIncomplete` if the rendered Markdown still names someone."""
    count = redactor.residual(text)
    if count:
        raise RedactionIncomplete(count)


def docx_texts(payload: bytes) -> list[str]:
    """Every XML part of a .docx as text, entities decoded and link targets kept: once as
    a reader sees it (runs joined, paragraphs apart), once with every tag a space."""
    texts = []
    with zipfile.ZipFile(BytesIO(payload)) as z:
        for name in z.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            xml = z.read(name).decode("utf-8", "replace")
            targets = "\n".join(_TARGET.findall(xml))
            read = _TAG.sub("", _BREAK.sub("\n", xml))
            for text in (read + "\n" + targets, _TAG.sub(" ", xml)):
                texts.append(_SPACES.sub(" ", _LINES.sub("\n", html.unescape(text))))
    return texts


def check_docx(redactor: Redactor, payload: bytes) -> None:
    """Raise `RedactionIncomplete` if any part of the rendered .docx still names someone."""
    count = max((redactor.residual(t) for t in docx_texts(payload)), default=0)
    if count:
        raise RedactionIncomplete(count)
