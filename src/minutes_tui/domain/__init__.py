"""The meeting's own words and shapes, shared by every room: the vocabulary, the
entry types the grammar produces and the store applies, the meeting header, names,
clean text, how dates and long text are shown, and the snapshot the record reads.

Imports nothing else of the app (an import-linter contract).
"""
