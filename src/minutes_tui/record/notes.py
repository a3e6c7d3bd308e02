"""A note as the rapporteur typed it (inline Markdown) made ready for the record: bare web
addresses as links, and several lines as paragraphs and lists. Pure."""

from __future__ import annotations

import re

from minutes_tui.record.model import Block, BulletList, NumberedList, Paragraph

__all__ = ["autolink", "note_blocks"]

# A web address typed as plain text: http(s)://… or www.…, up to a space, without the
# punctuation that ends the sentence around it. One linear regex: a library (linkify-it)
# cost 0.3 ms a note, which a 2,000-point record pays on every export.
_BARE_URL = re.compile(
    r"(?<![\w/<(\[`@.-])(?P<url>(?:https?://|www\.)[^\s<>()\[\]`]*[^\s<>()\[\]`.,;:!?'\"])"
)
# Just before an address: a link's target "](", a reference definition "]: ", code "`".
_LINK_CONTEXT = re.compile(r"\]\(|\]:\s?$")


def autolink(md: str) -> str:
    """`https://x.org/a` and `www.x.org` typed as plain text become Markdown links, so both
    the Markdown and the Word record can be clicked; links and code are left as typed."""
    if "http" not in md and "www." not in md:  # the common case: nothing to look at
        return md
    out, last = [], 0
    for m in _BARE_URL.finditer(md):
        start = m.start()
        if _LINK_CONTEXT.search(md[max(0, start - 3) : start]) or md.count("`", 0, start) % 2:
            continue
        url = m.group("url")
        out.append(md[last:start])
        out.append(f"<{url}>" if url.startswith("http") else f"[{url}](http://{url})")
        last = m.end()
    out.append(md[last:])
    return "".join(out)


_LIST_LINE = re.compile(r"^\s{0,3}(?:([-*+])|(\d{1,9})[.)])\s+(\S.*)$")


def note_blocks(text: str) -> list[Block]:
    """A note (inline Markdown, maybe several lines) as paragraphs and lists.

    The first line always starts a paragraph; a later line that starts with "- ", "* ",
    "+ " or "1. " is a list item; a blank line ends a paragraph.
    """
    blocks: list[Block] = []
    para: list[str] = []
    items: list[str] = []
    kind = ""  # "bullet" | "number"
    start = 1

    def flush_para() -> None:
        if para:
            blocks.append(Paragraph("\n".join(para)))
            para.clear()

    def flush_list() -> None:
        nonlocal kind
        if items:
            if kind == "bullet":
                blocks.append(BulletList(tuple(items)))
            else:
                blocks.append(NumberedList(tuple(items), start))
            items.clear()
        kind = ""

    for n, raw in enumerate(text.split("\n")):
        line = raw.strip()
        m = _LIST_LINE.match(raw) if n else None
        if m is not None:
            flush_para()
            this = "bullet" if m.group(1) else "number"
            if this != kind:
                flush_list()
                kind = this
                start = int(m.group(2)) if m.group(2) else 1
            items.append(m.group(3).strip())
        elif not line:
            flush_para()
            flush_list()
        else:
            flush_list()
            para.append(line)
    flush_para()
    flush_list()
    return blocks
