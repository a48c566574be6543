"""Backups: online copies of a live library, pruning policy, restore (backing up first)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from editor.cli import main as cli_main
from editor.core.errors import LibraryError, LibraryInUse, NotALibrary
from editor.core.library import open_library
from editor.core.safety.backup import BackupManager, default_backup_folder
from editor.core.safety.integrity import FileState, inspect_file
from editor.core.safety.restore import restore_backup


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def _body(path: Path, article_id: int = 1) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT body FROM article WHERE id = ?", (article_id,)).fetchone()[0]
    finally:
        conn.close()


def test_backup_of_a_library_being_written_holds_committed_data_only(library) -> None:
    library.services.save_draft(1, {"body": "version validée"})
    manager = BackupManager(library.path)
    # An open write transaction in the window must not leak into the backup.
    with library.db.write() as session:
        session.connection().exec_driver_sql("UPDATE article SET body = 'en cours' WHERE id = 1")
        backup = manager.backup_now("manual")
    assert backup.parent == default_backup_folder(library.path)
    assert backup.parent.name == "test backups"
    assert _body(backup) == "version validée"
    check = inspect_file(backup, full=True)
    assert check.state is FileState.LIBRARY
    # Self-contained: rollback journal mode, no -wal needed beside it.
    assert backup.read_bytes()[18:20] == b"\x01\x01"
    assert not backup.with_name(backup.name + "-wal").exists()
    assert [info.path for info in manager.list()] == [backup]


def test_backup_never_touches_the_live_file(library) -> None:
    library.db.close()
    before = library.path.read_bytes()
    BackupManager(library.path).backup_now("quit")
    assert library.path.read_bytes() == before


def test_maybe_backup_every_ten_minutes_when_changed(library_path: Path) -> None:
    open_library(library_path).close()
    clock = FakeClock(datetime(2026, 3, 2, 9, 0, 0))
    manager = BackupManager(library_path, clock=clock)
    assert manager.maybe_backup(changed_since=False) is None
    first = manager.maybe_backup(changed_since=True)
    assert first is not None
    clock.advance(minutes=9)
    assert manager.maybe_backup(changed_since=True) is None
    clock.advance(minutes=1)
    assert manager.maybe_backup(changed_since=True) is not None
    assert len(manager.list()) == 2


def test_same_second_backups_keep_their_order(library_path: Path) -> None:
    open_library(library_path).close()
    clock = FakeClock(datetime(2026, 3, 2, 9, 0, 0))
    manager = BackupManager(library_path, clock=clock)
    names = [manager.backup_now(reason).name for reason in ("zzz", "aaa", "mmm")]
    assert [info.path.name for info in manager.list()] == names[::-1]


def _fake_backup(manager: BackupManager, when: datetime, reason: str) -> Path:
    """An empty file named as the policy expects: pruning only reads names."""
    manager.folder.mkdir(parents=True, exist_ok=True)
    path = manager.folder / f"lib.{when:%Y-%m-%d_%H-%M-%S}.{reason}.feuillet"
    path.write_bytes(b"")
    return path


def test_pruning_keeps_last_ten_and_one_per_day_for_thirty_days(tmp_path: Path) -> None:
    library_path = tmp_path / "lib.feuillet"
    start = datetime(2026, 1, 1, 8, 0, 0)
    clock = FakeClock(start + timedelta(days=44, hours=12))  # last day, 20:00
    manager = BackupManager(library_path, clock=clock)
    # 45 days of work, four backups a day (the last of each day at 20:00).
    for day in range(45):
        for hour in (0, 4, 8, 12):
            _fake_backup(manager, start + timedelta(days=day, hours=hour), "auto")
    _fake_backup(manager, start + timedelta(days=5), "before-upgrade-0001-to-0002")
    _fake_backup(manager, start + timedelta(days=40, hours=1), "before-restore")
    (manager.folder / "notes de l'utilisateur.txt").write_text("pas une sauvegarde")
    removed = manager.prune()
    kept = manager.list()
    assert removed and all(not path.exists() for path in removed)
    assert (manager.folder / "notes de l'utilisateur.txt").exists()
    days = {info.created.date() for info in kept}
    last_day = clock.now.date()
    assert days == {last_day - timedelta(days=n) for n in range(30)}
    # The ten newest are all kept; older days keep only their newest backup…
    assert sum(1 for info in kept if info.created.date() == last_day) == 4
    older = [info for info in kept if info.created.date() < last_day - timedelta(days=2)]
    assert all(info.created.hour == 20 or info.pinned for info in older)
    # …and "before-…" safety copies stay for thirty days, not longer.
    assert [info.reason for info in kept if info.pinned] == ["before-restore"]
    assert len(kept) == 10 + 27 + 1
    # Pruning again changes nothing.
    assert manager.prune() == []


def test_partial_backup_left_by_a_crash_is_ignored_and_cleaned(library_path: Path) -> None:
    open_library(library_path).close()
    manager = BackupManager(library_path)
    manager.folder.mkdir()
    leftover = manager.folder / ".test.2026-01-01_00-00-00.auto.feuillet.partial"
    leftover.write_bytes(b"half a backup")
    assert manager.list() == []
    manager.backup_now("manual")
    assert not leftover.exists()


def test_restore_backs_up_the_current_state_first(library_path: Path) -> None:
    with open_library(library_path) as lib:
        lib.services.save_draft(1, {"body": "texte du lundi"})
        monday = BackupManager(library_path).backup_now("manual")
        lib.services.save_draft(1, {"body": "texte du mardi"})
    result = restore_backup(library_path, monday)
    assert result.safety_backup is not None
    assert _body(result.safety_backup) == "texte du mardi"
    assert not library_path.with_name(library_path.name + "-wal").exists()
    with open_library(library_path, writer=True) as lib:
        assert lib.services.get_article(1).body == "texte du lundi"
    # …and the restore itself can be undone by restoring the safety copy.
    restore_backup(library_path, result.safety_backup)
    with open_library(library_path) as lib:
        assert lib.services.get_article(1).body == "texte du mardi"


def test_restore_is_refused_while_a_window_has_the_library(library_path: Path) -> None:
    with open_library(library_path, writer=True):
        backup = BackupManager(library_path).backup_now("manual")
        before = library_path.read_bytes()
        with pytest.raises(LibraryInUse):
            restore_backup(library_path, backup)
        assert library_path.read_bytes() == before


def test_window_restores_with_its_own_lock_after_closing_its_database(library_path: Path) -> None:
    lib = open_library(library_path, writer=True)
    lib.services.save_draft(1, {"body": "avant"})
    backup = BackupManager(library_path).backup_now("manual")
    lib.services.save_draft(1, {"body": "après"})
    lock, lib.lock = lib.lock, None
    lib.close()  # the database only: the window keeps the lock throughout
    restore_backup(library_path, backup, held_lock=lock)
    assert lock.held
    with pytest.raises(LibraryInUse):
        open_library(library_path, writer=True)
    lock.release()
    with open_library(library_path, writer=True) as lib:
        assert lib.services.get_article(1).body == "avant"


def test_damaged_or_foreign_backups_are_refused(library_path: Path, tmp_path: Path) -> None:
    open_library(library_path).close()
    before = library_path.read_bytes()
    backup = BackupManager(library_path).backup_now("manual")
    data = bytearray(backup.read_bytes())
    data[4096 : 2 * 4096] = b"\xee" * 4096
    backup.write_bytes(bytes(data))
    with pytest.raises(LibraryError, match="is damaged .*choose another"):
        restore_backup(library_path, backup)
    text = tmp_path / "text.feuillet"
    text.write_text("pas une sauvegarde")
    with pytest.raises(NotALibrary):
        restore_backup(library_path, text)
    with pytest.raises(LibraryError, match="no backup"):
        restore_backup(library_path, tmp_path / "absent.feuillet")
    assert library_path.read_bytes() == before


def test_restore_refuses_to_replace_a_file_that_is_not_a_library(
    library_path: Path, tmp_path: Path
) -> None:
    open_library(library_path).close()
    backup = BackupManager(library_path).backup_now("manual")
    notes = tmp_path / "notes.txt"
    notes.write_text("mes notes")
    with pytest.raises(NotALibrary):
        restore_backup(notes, backup)
    assert notes.read_text() == "mes notes"


def test_cli_backup_backups_restore(library_path: Path, capsys) -> None:
    with open_library(library_path) as lib:
        lib.services.save_draft(1, {"body": "première"})
    base = ["--library", str(library_path)]
    assert cli_main([*base, "backup"]) == 0
    first = Path(capsys.readouterr().out.strip())
    assert first.is_file()
    with open_library(library_path) as lib:
        lib.services.save_draft(1, {"body": "seconde"})
    assert cli_main([*base, "backups"]) == 0
    assert str(first) in capsys.readouterr().out
    assert cli_main([*base, "restore", "1"]) == 0
    out = capsys.readouterr().out
    assert "restored" in out and "before-restore" in out
    with open_library(library_path) as lib:
        assert lib.services.get_article(1).body == "première"
    assert cli_main([*base, "backups", "--json"]) == 0
    assert '"reason": "before-restore"' in capsys.readouterr().out
    assert cli_main([*base, "restore", "99"]) == 1
    assert "no backup number 99" in capsys.readouterr().err
