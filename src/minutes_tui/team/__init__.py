"""The team archive on PostgreSQL: connecting (credentials from libpq only), setting up
the schema, roles and row-level security, the online mode, and offline-first sync
(sync.py)."""
