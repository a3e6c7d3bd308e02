"""Clean text at the boundary: what a terminal or a file may be shown, from any source.

Meeting titles, attendance names, script headers and capture lines are written by
people we do not control (an attendee picks their own Zoom name). A terminal obeys
escape sequences in what it prints: an OSC sequence retitles the window, `ESC[2J`
clears the screen. So every string is cleaned once on the way in, and again on the
way out of the CLI for databases written before this module existed.

Pure and import-light: the app's first frame may import it.
"""

from __future__ import annotations

import re

__all__ = ["clean_text", "terminal_json"]

# Whole escape sequences (ECMA-48), removed as one piece so no parameter bytes are left
# behind as text. Each body stops at the next introducer, so an unterminated sequence
# costs one scan up to the next ESC: the whole pass stays linear.
_ESCAPE_RE = re.compile(
    # CSI: ESC [ (or C1 CSI) parameters, intermediates, one final byte.
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
    # OSC, DCS, SOS, PM, APC: a string up to BEL or ST (ESC \ or C1 ST).
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x90\x98\x9c-\x9f]*(?:\x07|\x1b\\|\x9c)"
    # Any other ESC sequence: intermediates then one final byte (ESC c, ESC ( B, ESC 7).
    # A space is not taken as an intermediate: "ESC word" loses only the ESC and one byte.
    r"|\x1b[\x21-\x2f]*[\x30-\x7e]"
)
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_KEEP_NEWLINE_RE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
# str.translate has a fast path for ASCII text; the regex is faster for the rest.
_CONTROL_TABLE = dict.fromkeys([*range(0x20), 0x7F], " ")
_CONTROL_KEEP_NEWLINE_TABLE = {k: v for k, v in _CONTROL_TABLE.items() if k != 0x0A}
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")
_LONE_SURROGATE_RE = re.compile(
    r"[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]"
)
_LINE_BREAK_RE = re.compile(r"\r\n?|[\u2028\u2029]")
# Bidirectional formatting controls (embeddings, overrides, isolates, marks): an
# attendee's "\u202e" name would print the rest of a line reversed. Only these go:
# Arabic and Hebrew letters, and the joiners their words need, are kept.
_BIDI_RE = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def clean_text(s: str, *, multiline: bool = False, keep_spacing: bool = False) -> str:
    """`s` with nothing a terminal would obey; the ends stripped.

    Escape sequences and bidirectional formatting controls (U+202A-E, U+2066-9, U+200E/F,
    U+061C) are removed whole; every other control character (tab, newline, NUL, DEL, C1)
    becomes a space; lone surrogates become U+FFFD and valid pairs are
    joined into their character.

    - default, for one-line fields (titles, names): whitespace runs collapse to one space.
    - `multiline=True`, for text with lines (bodies, introductions): line breaks are kept
      as "\\n" (CR LF, CR and U+2028/9 normalised); trailing spaces on each line dropped.
    - `keep_spacing=True`, for capture lines: one line, but spacing kept as typed.
    """
    if s.isprintable():  # fast path: nothing to remove (also no surrogates)
        if keep_spacing:
            return s.strip()
        return s.strip() if multiline else " ".join(s.split())
    if "\x1b" in s or not s.isascii():  # C1 introducers are not ASCII
        s = _ESCAPE_RE.sub("", s)
        s = _BIDI_RE.sub("", s)
    if multiline:
        s = _LINE_BREAK_RE.sub("\n", s)
        if s.isascii():
            s = s.translate(_CONTROL_KEEP_NEWLINE_TABLE)
        else:
            s = _CONTROL_KEEP_NEWLINE_RE.sub(" ", s)
        # Not a "[ ]+$" regex: on a long run of spaces that would backtrack quadratically.
        s = "\n".join(line.rstrip() for line in s.split("\n"))
    elif s.isascii():
        s = s.translate(_CONTROL_TABLE)
    else:
        s = _CONTROL_RE.sub(" ", s)
    if _SURROGATE_RE.search(s):
        s = _LONE_SURROGATE_RE.sub("\ufffd", s)
        if _SURROGATE_RE.search(s):
            # What is left are valid high+low pairs: join each into its real character.
            s = s.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    if multiline:
        return s.strip()
    return s.strip() if keep_spacing else " ".join(s.split())


# JSON escapes C0 controls itself but writes DEL, C1 controls (U+009B is CSI to some
# terminals) and lone surrogates (which cannot even be printed as UTF-8) as they are.
_JSON_UNSAFE_RE = re.compile(r"[\x7f-\x9f\ud800-\udfff]")


def terminal_json(value: object) -> str:
    """`json.dumps(value)` that is safe to print: the same data once parsed, with every
    character a terminal would obey written as a \\u escape."""
    import json

    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE_RE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
