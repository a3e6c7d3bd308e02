"""Sanitising a typed line before anything reads it."""

from __future__ import annotations

from minutes_tui.domain.text import clean_text as _clean_text


def clean_text(s: str) -> str:
    """One line, spacing kept as typed: see minutes_tui.domain.text (escape sequences removed
    whole, other controls -> space, lone surrogates -> U+FFFD, ends stripped)."""
    return _clean_text(s, keep_spacing=True)
