"""Alembic environment: always run against the connection the store hands over."""

from alembic import context
from sqlmodel import SQLModel

import minutes_tui.store.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from minutes_tui.store.search import include_name

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    include_name=include_name,  # the FTS5 search index is not a model: autogenerate skips it
)
with context.begin_transaction():
    context.run_migrations()
