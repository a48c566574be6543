"""Restoring over a missing library never replays a stale write-ahead log."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from editor.core.library import open_library
from editor.core.safety.backup import BackupManager
from editor.core.safety.restore import restore_backup

WRITER = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("PRAGMA wal_autocheckpoint=0")
conn.execute("BEGIN")
for n in range(300):
    conn.execute("INSERT INTO setting(key, value) VALUES (?, 'x')", (f"stale{n}",))
conn.execute("COMMIT")
os._exit(0)  # killed: the -wal stays behind, never checkpointed
"""


def test_restore_sets_an_orphan_wal_aside(tmp_path: Path) -> None:
    path = tmp_path / "lib.feuillet"
    open_library(path).close()
    backup = BackupManager(path).backup_now("test")
    subprocess.run([sys.executable, "-c", WRITER, str(path)], check=True)
    assert path.with_name(path.name + "-wal").stat().st_size > 0
    path.unlink()  # e.g. a sync tool removed the library, its -wal stayed
    restore_backup(path, backup)
    conn = sqlite3.connect(path)
    try:
        count = conn.execute("SELECT count(*) FROM setting WHERE key LIKE 'stale%'").fetchone()[0]
    finally:
        conn.close()
    assert count == 0
    assert list(tmp_path.glob("lib.feuillet-wal.orphan-*"))
