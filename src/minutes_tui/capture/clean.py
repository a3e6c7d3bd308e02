"""Sanitising a typed line before anything reads it."""

from __future__ import annotations

from minutes_tui.text import clean_text as _clean_text


def clean_text(s: str) -> str:
    """One line, spacing kept as typed: see minutes_tui.text (escape sequences removed
    whole, other controls -> space, lone surrogates -> U+FFFD, ends stripped)."""
    return _clean_text(s, keep_spacing=True)
