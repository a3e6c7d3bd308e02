"""Sanitising a typed line before anything reads it."""

from __future__ import annotations

import re

# All C0 (tab, CR and LF included), DEL and C1 controls: a terminal cannot show them and
# the store must never see them.
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_TABLE = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0)], " ")
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")
_LONE_SURROGATE_RE = re.compile(
    r"[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]"
)


def clean_text(s: str) -> str:
    """Controls -> space, lone surrogates -> U+FFFD, strip the ends; keep the rest exactly."""
    if not s.isprintable():  # fast path: most lines have nothing to replace
        # str.translate has a fast path for ASCII text; the regex is faster for the rest.
        s = s.translate(_CONTROL_TABLE) if s.isascii() else _CONTROL_RE.sub(" ", s)
        if _SURROGATE_RE.search(s):
            s = _LONE_SURROGATE_RE.sub("\ufffd", s)
            if _SURROGATE_RE.search(s):
                # What is left are valid high+low pairs: join each into its real character.
                s = s.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    return s.strip()
