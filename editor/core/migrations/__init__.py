"""Alembic migrations of the library schema (run by ``editor.core.schema``)."""
