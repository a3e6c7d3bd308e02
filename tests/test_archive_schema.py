"""The same Alembic migrations build the schema on PostgreSQL (the team archive)."""

from __future__ import annotations

import pytest


@pytest.mark.postgres
def test_the_migrations_reach_head_on_postgresql_and_match_the_models(archive_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine, text
    from sqlmodel import SQLModel

    import minutes_tui.store.models  # noqa: F401  (registers the tables)
    from minutes_tui.store.migrate import upgrade
    from minutes_tui.store.schema import REVISIONS
    from minutes_tui.store.search import include_name  # the filter migrations/env.py uses

    engine = create_engine(archive_url)
    upgrade(engine)
    with engine.connect() as conn:
        assert (
            conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            == (REVISIONS[-1])
        )
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        diff = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert diff == [], "\n".join(map(repr, diff))
