"""Keeping every word: crash journal, backups, integrity checks, the writer lock.

The modules here are pure Python (no Qt) and import nothing heavy at package
import time; import the submodule you need (``editor.core.safety.backup``…).

- ``atomic``: write a small file so that it is either the old or the new one.
- ``lock``: one writer per library, released by the OS when a process dies.
- ``integrity``: classify a file (new, library, damaged, not a library), set aside.
- ``backup``: rolling online backups and their pruning policy.
- ``restore``: put a backup in place of the library, after backing it up.
- ``upgrade``: back up before a schema migration, refuse newer libraries.
- ``opening``: the checks ``open_library`` runs before SQLAlchemy touches a file.
- ``recovery``: the journal of unsaved editor text between autosaves.
- ``emergency``: where unsaved text goes when the library cannot take it.
- ``history``: revision policy and readable word-level diffs.
- ``text``: cleaning control characters out of user text.
"""
