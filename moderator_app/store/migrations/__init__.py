"""Alembic migrations of the local store."""
