"""The recovery journal (unsaved text between autosaves) and the emergency writer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editor.core.errors import StorageError
from editor.core.safety.emergency import EmergencyWriter, readable_copy
from editor.core.safety.recovery import RecoveryJournal, journal_folder


def test_round_trip_offers_unsaved_text_back(library) -> None:
    journal = RecoveryJournal(library.path)
    article = library.services.get_article(1)
    typed = {"title": article.title, "body": article.body + "\nUne phrase tapée 🎉 مرحبا."}
    journal.record(1, typed, article.version)
    assert journal.folder == journal_folder(library.path)
    assert journal.folder.name == "test.feuillet.recovery"
    (pending,) = journal.pending(library.services)
    assert pending.article_id == 1
    assert pending.fields == typed
    assert pending.base_version == article.version
    assert pending.title == article.title
    assert not pending.conflicts and pending.article_exists


def test_entries_equal_to_the_saved_article_are_dropped(library) -> None:
    journal = RecoveryJournal(library.path)
    article = library.services.get_article(2)
    fields = {"title": article.title + "  ", "body": "sauvé mais pas acquitté"}
    journal.record(2, fields, article.version)
    library.services.save_draft(2, fields, article.version)  # then the process died
    assert journal.pending(library.services) == []
    assert journal.entries() == []


def test_clear_after_save_keeps_newer_typing(library) -> None:
    journal = RecoveryJournal(library.path)
    journal.record(1, {"body": "v1"}, 1)
    # The save of "v1" is acknowledged, but "v2" was typed meanwhile.
    journal.record(1, {"body": "v2"}, 1)
    assert journal.clear(1, {"body": "v1"}) is False
    assert journal.read(1)["fields"] == {"body": "v2"}
    assert journal.clear(1, {"body": "v2"}) is True
    assert journal.read(1) is None
    assert journal.clear(1) is False


def test_conflicting_and_orphan_recoveries_are_flagged(library) -> None:
    journal = RecoveryJournal(library.path)
    version = library.services.get_article(3).version
    journal.record(3, {"body": "mon texte"}, version)
    library.services.save_draft(3, {"body": "quelqu'un d'autre"})
    article_id = library.services.create_article(None, "Brouillon éphémère")
    journal.record(article_id, {"title": "Brouillon éphémère", "body": "perdu ?"}, 1)
    library.services.delete_article(article_id)
    by_id = {r.article_id: r for r in journal.pending(library.services)}
    assert by_id[3].conflicts
    assert not by_id[article_id].article_exists
    assert by_id[article_id].title == "Brouillon éphémère"


def test_discard_keeps_a_copy_aside(library) -> None:
    journal = RecoveryJournal(library.path)
    journal.record(1, {"body": "à jeter"}, 1)
    aside = journal.discard(1)
    assert aside is not None and aside.parent.name == "discarded"
    assert json.loads(aside.read_text())["fields"]["body"] == "à jeter"
    assert journal.pending(library.services) == []
    assert journal.discard(1) is None


def test_odd_text_survives_the_journal_exactly(library) -> None:
    journal = RecoveryJournal(library.path)
    odd = "\ud83d lone surrogate, NUL \x00, RTL \u202eabc, ZWJ 👩\u200d💻, \r\n fin"
    journal.record(1, {"body": odd}, 1)
    assert journal.read(1)["fields"]["body"] == odd


def test_unreadable_entries_and_temp_files_are_left_alone(library) -> None:
    journal = RecoveryJournal(library.path)
    journal.folder.mkdir()
    broken = journal.entry_path(4)
    broken.write_text("{not json")
    (journal.folder / ".article-4.json.abc.tmp").write_text("{half")
    assert journal.pending(library.services) == []
    assert broken.exists()
    assert not (journal.folder / ".article-4.json.abc.tmp").exists()


def test_emergency_writer_uses_the_journal_folder_first(library_path: Path) -> None:
    writer = EmergencyWriter(library_path)
    path = writer.write(7, {"title": "Urgent", "body": "Le texte à garder."}, 3)
    assert path.is_relative_to(journal_folder(library_path))
    assert "Le texte à garder." in path.read_text(encoding="utf-8")
    assert json.loads(path.with_suffix(".json").read_text())["fields"]["title"] == "Urgent"
    # Also in the journal, so the next start offers it back.
    assert RecoveryJournal(library_path).read(7)["base_version"] == 3


def test_emergency_writer_falls_back_when_places_fail(tmp_path: Path) -> None:
    library_path = tmp_path / "lib.feuillet"
    # Files where folders should be: mkdir fails even for root.
    blocked = [tmp_path / "blocked-1", tmp_path / "blocked-2"]
    for path in blocked:
        path.write_text("")
    journal_folder(library_path).write_text("")
    writer = EmergencyWriter(library_path, extra_folders=[*blocked, tmp_path / "ok"])
    path = writer.write(1, {"title": "T", "body": "sauvé quand même"})
    assert path.parent == tmp_path / "ok"
    with pytest.raises(StorageError, match="still in the editor"):
        EmergencyWriter(library_path, extra_folders=blocked).write(1, {"body": "x"})


def test_default_emergency_folders_end_in_home_and_temp(tmp_path: Path) -> None:
    folders = EmergencyWriter(tmp_path / "lib.feuillet").folders
    assert folders[0].parent == journal_folder(tmp_path / "lib.feuillet")
    assert folders[-1].name == "Feuillet emergency copies"
    assert len(folders) == 3


def test_readable_copy_is_plain_markdown() -> None:
    text = readable_copy({"title": "Titre", "kicker": "Agenda", "body": "Corps."})
    assert text.startswith("# Titre\n") and "**Rubrique** : Agenda" in text
    assert text.rstrip().endswith("Corps.")
