"""Alembic's environment and the schema's revisions (store/migrate.py runs them)."""
