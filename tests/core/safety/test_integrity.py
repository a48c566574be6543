"""Damaged and foreign files: refused or set aside, never written to, never a traceback."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from editor.cli import main as cli_main
from editor.core.errors import FeuilletError, LibraryDamaged, NotALibrary
from editor.core.library import open_library
from editor.core.safety.backup import BackupManager
from editor.core.safety.integrity import FileState, inspect_file
from editor.core.safety.lock import WriterLock

PAGE = 4096


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A closed, checkpointed library with enough pages to damage."""
    path = tmp_path_factory.mktemp("pristine") / "base.feuillet"
    with open_library(path) as lib:
        for number in range(25):
            lib.services.create_article(None, f"Article {number}", body="mot " * 1500)
            if number % 5 == 0:
                lib.services.record_revision(number + 1, "test")
    return path.read_bytes()


def _mutate(data: bytes, rng: random.Random, kind: str) -> bytes:
    damaged = bytearray(data)
    if kind == "bit-flips":
        for _ in range(rng.randint(1, 12)):
            damaged[rng.randrange(100, len(damaged))] ^= 1 << rng.randrange(8)
    elif kind == "page-header":
        page = rng.randrange(1, len(damaged) // PAGE)
        damaged[page * PAGE + rng.randrange(0, 8)] ^= 0xFF
    elif kind == "truncated":
        damaged = damaged[: rng.randrange(100, len(damaged) - PAGE)]
    elif kind == "header":
        damaged[rng.randrange(16, 100)] ^= 1 << rng.randrange(8)
    elif kind == "zeroed-page":
        page = rng.randrange(1, len(damaged) // PAGE)
        damaged[page * PAGE : (page + 1) * PAGE] = bytes(PAGE)
    return bytes(damaged)


def _read_everything(path: Path) -> None:
    with open_library(path, create=False) as lib:
        for row in lib.services.list_articles(limit=None):
            article = lib.services.get_article(row.id)
            assert isinstance(article.body, str)
            lib.services.list_revisions(row.id)
        lib.services.list_issues()


KINDS = ("bit-flips", "page-header", "truncated", "header", "zeroed-page")


@pytest.mark.parametrize("kind", KINDS)
def test_mutated_libraries_are_never_written_to(pristine: bytes, tmp_path: Path, kind: str) -> None:
    rng = random.Random(f"feuillet-{kind}")
    outcomes: dict[str, int] = {}
    for trial in range(8):
        path = tmp_path / f"{kind}-{trial}.feuillet"
        mutated = _mutate(pristine, rng, kind)
        path.write_bytes(mutated)
        try:
            _read_everything(path)
            outcome = "opened"
        except LibraryDamaged as exc:
            outcome = "damaged"
            assert "damaged" in str(exc)
            if exc.moved_to is not None:
                assert not path.exists(), "a damaged library must be set aside"
                assert Path(exc.moved_to).read_bytes() == mutated
                outcomes["set aside"] = outcomes.get("set aside", 0) + 1
                continue
        except FeuilletError as exc:  # e.g. NotALibrary: a clear one-line message
            outcome = type(exc).__name__
            assert "\n" not in str(exc)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        assert path.read_bytes() == mutated, f"{kind} #{trial} ({outcome}) was written to"
    if kind == "truncated":
        # Missing pages are always caught at open, before anything reads rows.
        assert set(outcomes) == {"set aside"}, outcomes
    # Other damage may hide in text that quick_check does not read: then it
    # surfaces as LibraryDamaged when read, or the article reads back altered.


def test_damaged_library_is_set_aside_with_its_wal_and_names_the_latest_backup(
    library_path: Path,
) -> None:
    with open_library(library_path) as lib:
        good = BackupManager(library_path).backup_now("manual")
        lib.services.save_draft(1, {"body": "après la sauvegarde"})
    data = bytearray(library_path.read_bytes())
    data[2 * PAGE : 3 * PAGE] = b"\xff" * PAGE  # a page of garbage
    library_path.write_bytes(bytes(data))
    wal = library_path.with_name(library_path.name + "-wal")
    wal.write_bytes(b"leftover wal content")  # as a crash would leave it
    with pytest.raises(LibraryDamaged) as info:
        open_library(library_path)
    error = info.value
    assert error.latest_backup == good
    assert str(good) in str(error)
    moved = Path(error.moved_to)
    assert moved.read_bytes() == bytes(data)
    assert moved.with_name(moved.name + "-wal").read_bytes() == b"leftover wal content"
    assert not library_path.exists() and not wal.exists()
    # The offered backup can be restored, and then the library opens.
    assert cli_main(["--library", str(library_path), "restore", str(good)]) == 0
    with open_library(library_path, create=False) as lib:
        assert lib.services.count_articles() > 0


def test_damaged_library_open_in_a_window_is_not_moved_by_the_cli(library_path: Path) -> None:
    open_library(library_path).close()
    data = bytearray(library_path.read_bytes())
    data[PAGE : 2 * PAGE] = bytes(PAGE)
    library_path.write_bytes(bytes(data))
    with WriterLock(library_path, "window"), pytest.raises(LibraryDamaged) as info:
        open_library(library_path)
    assert info.value.moved_to is None
    assert library_path.read_bytes() == bytes(data)


def test_text_file_is_refused_untouched_and_not_moved(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Liste de courses\n", encoding="utf-8")
    for writer in (False, True):
        with pytest.raises(NotALibrary, match="not a Feuillet library"):
            open_library(notes, writer=writer)
    assert notes.read_text(encoding="utf-8") == "Liste de courses\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_sqlite_file_of_another_program_is_refused_untouched(tmp_path: Path) -> None:
    other = tmp_path / "places.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE bookmarks (url TEXT)")
    conn.execute("INSERT INTO bookmarks VALUES ('https://example.org')")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    with pytest.raises(NotALibrary, match="another program"):
        open_library(other)
    assert other.read_bytes() == before
    assert inspect_file(other).state is FileState.FOREIGN


def test_orphan_wal_is_never_replayed_onto_a_new_library(tmp_path: Path) -> None:
    path = tmp_path / "new.feuillet"
    orphan = path.with_name(path.name + "-wal")
    orphan.write_bytes(b"not ours")
    with open_library(path, with_sample=False) as lib:
        assert lib.created
    leftovers = [p.name for p in tmp_path.iterdir() if ".orphan-" in p.name]
    assert leftovers and leftovers[0].startswith("new.feuillet-wal.orphan-")


def test_damaged_text_reads_as_a_clear_error_and_check_library_finds_it(
    library_path: Path, capsys
) -> None:
    with open_library(library_path) as lib:
        lib.services.save_draft(1, {"body": "Un texte très précieux. " * 50})
    raw = sqlite3.connect(library_path)
    raw.execute("UPDATE article SET body = CAST(X'C328E9' AS TEXT) WHERE id = 1")
    raw.commit()
    raw.close()
    with open_library(library_path) as lib, pytest.raises(LibraryDamaged, match="characters"):
        lib.services.get_article(1)
    assert cli_main(["--library", str(library_path), "check-library"]) == 1
    out = capsys.readouterr().out
    assert "DAMAGED" in out and "article 1: damaged characters in body" in out


def test_check_library_reports_ok(library, capsys) -> None:
    assert cli_main(["--library", str(library.path), "check-library", "--json"]) == 0
    assert '"ok": true' in capsys.readouterr().out
