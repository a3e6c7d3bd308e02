"""The team archive on PostgreSQL: offline-first sync (sync.py) and the online mode."""
