"""The team archive on PostgreSQL: connecting (credentials from libpq only), setting up
the schema, roles and row-level security, and reading who may see what."""
