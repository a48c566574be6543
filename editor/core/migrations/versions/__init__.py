"""Migration scripts, one per schema revision, oldest first (see editor.core.schema)."""
