"""One module a schema revision, loaded by Alembic from its file (never imported by the app).

A package only so the import rules can see them: a migration imports no live code."""
