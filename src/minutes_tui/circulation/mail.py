"""An e-mail that circulates a record, as an RFC 5322 message (pure: data in, bytes out).

Written as an `.eml` draft: `X-Unsent: 1` makes Outlook open it as a new message ready to
send (Thunderbird opens any .eml with "Edit as new"); a plain-text and an HTML body say
what is attached and, for comments, by when; the records are attached with their SHA-256.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Literal

from minutes_tui.domain.display import long_date, meeting_name
from minutes_tui.domain.snapshot import MeetingData
from minutes_tui.domain.vocabulary import STYLE_NAMES

Kind = Literal["comments", "final"]
# One address, deliberately plain ASCII: letters, digits and . _ % + ' - before the @, a
# dotted host name after it. No quotes, comments, groups, encoded words ("=?utf-8?q?…?="
# decodes to CR/LF and would add a header such as Bcc), brackets or non-ASCII: anything a
# mail library could rewrite into another recipient is refused, not escaped.
ADDRESS_RE = re.compile(
    r"[A-Za-z0-9._%+'-]{1,64}@(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+",
    re.ASCII,
)
MIME_TYPES = {
    ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".pdf": ("application", "pdf"),
    ".md": ("text", "markdown"),
}


class AddressError(ValueError):
    """An address a mail client would refuse."""


@dataclass(frozen=True)
class Attachment:
    name: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass
class Draft:
    """What a circulation sends: to whom, what, and by when comments are due."""

    kind: Kind
    to: list[str]
    attachments: list[Attachment]
    due: dt.date | None = None
    sender: str | None = None
    version: int | None = None
    notes: list[str] = field(default_factory=list)


def check_address(address: str) -> str:
    address = address.strip()
    if not ADDRESS_RE.fullmatch(address):
        raise AddressError(f"{address!r} is not an e-mail address (name@organisation.org).")
    return address


def recipients(data: MeetingData, extra: list[str], distribution: list[str]) -> list[str]:
    """The participants' addresses (apologies and absent too: they receive the record),
    then the body's distribution list, then `--to`; each address once, in that order."""
    found = [p.email for p in data.participants if p.email]
    seen: set[str] = set()
    out = []
    for address in [*found, *distribution, *extra]:
        key = check_address(address).casefold()
        if key not in seen:
            seen.add(key)
            out.append(address.strip())
    return out


def record_name(data: MeetingData) -> str:
    return STYLE_NAMES.get(data.style, "Record")


def subject(data: MeetingData, draft: Draft) -> str:
    """'IASC OPAG · Session VII: draft Summary Record for comments by 20 May 2024'."""
    name = meeting_name(data.body, data.title, data.session)
    when = f" of {long_date(data.date)}" if data.date else ""
    if draft.kind == "comments":
        due = f" by {long_date(draft.due)}" if draft.due else ""
        return f"{name}{when}: draft {record_name(data)} for comments{due}"
    return f"{name}{when}: final {record_name(data)}"


def plain_body(data: MeetingData, draft: Draft) -> str:
    what = record_name(data).lower()
    lines = ["Dear colleagues,", ""]
    if draft.kind == "comments":
        due = f" by {long_date(draft.due)}" if draft.due else ""
        lines.append(
            f"Please find attached the draft {what} of "
            f"{meeting_name(data.body, data.title, data.session)}"
            f"{' held on ' + long_date(data.date) if data.date else ''}."
        )
        lines += [
            "",
            f"Kindly send any comments{due}, as tracked changes or comments in the "
            "attached Word document.",
        ]
    else:
        version = f" (version {draft.version})" if draft.version else ""
        lines.append(
            f"Please find attached the final {what}{version} of "
            f"{meeting_name(data.body, data.title, data.session)}"
            f"{' held on ' + long_date(data.date) if data.date else ''}."
        )
        lines += ["", "The files and their SHA-256, to check that they are unchanged:"]
        lines += [f"  {a.name}  {a.sha256}" for a in draft.attachments]
    lines += ["", f"Sensitivity: {data.sensitivity}", "", "Best regards,"]
    if data.rapporteur:
        lines.append(data.rapporteur)
    return "\n".join(lines) + "\n"


def html_body(plain: str) -> str:
    """The plain body as simple HTML: one paragraph a blank-line block, lines kept."""
    blocks = [b for b in plain.strip().split("\n\n") if b.strip()]
    paragraphs = "\n".join(
        "<p>" + "<br>\n".join(html.escape(line.strip()) for line in b.splitlines()) + "</p>"
        for b in blocks
    )
    style = "font-family: Calibri, Arial, sans-serif"
    return f'<!DOCTYPE html>\n<html><body style="{style}">\n{paragraphs}\n</body></html>\n'


def message(data: MeetingData, draft: Draft, now: dt.datetime | None = None) -> EmailMessage:
    """The whole e-mail. No recipient is an error: a draft with nobody to go to is useless."""
    if not draft.to:
        raise AddressError(
            "Nobody to send it to: no participant of the meeting has an address "
            "(/p Ms. Name, Position, ORG <name@org.int>) and no --to was given."
        )
    msg = EmailMessage()
    msg["Subject"] = subject(data, draft)
    if draft.sender:
        msg["From"] = check_address(draft.sender)
    msg["To"] = ", ".join(draft.to)
    msg["Date"] = formatdate((now or dt.datetime.now(dt.UTC)).timestamp(), localtime=True)
    msg["Message-ID"] = make_msgid(domain="minutes-tui.invalid")
    msg["X-Unsent"] = "1"  # Outlook: open as a draft ready to send
    plain = plain_body(data, draft)
    msg.set_content(plain)
    msg.add_alternative(html_body(plain), subtype="html")
    for attachment in draft.attachments:
        suffix = attachment.name[attachment.name.rfind(".") :].lower()
        maintype, subtype = MIME_TYPES.get(suffix, ("application", "octet-stream"))
        msg.add_attachment(
            attachment.content, maintype=maintype, subtype=subtype, filename=attachment.name
        )
    return msg
