"""Full disk, busy library and odd input: plain messages, nothing saved is damaged."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event

from editor.core import db as db_module
from editor.core.errors import LibraryBusy, StorageFull
from editor.core.library import open_library
from editor.core.safety.emergency import EmergencyWriter
from editor.core.safety.text import clean_text
from tests.core.safety.conftest import start_child, wait_for_line


def _limit_pages(library, extra_pages: int) -> None:
    """Make the library "full" a few pages from now (SQLITE_FULL, like a full disk)."""
    engine = library.db.engine
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    def limit(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + extra_pages}")

    event.listen(engine, "connect", limit)
    engine.dispose()  # new connections get the limit


def test_full_disk_gives_a_clear_error_and_keeps_saved_text(library) -> None:
    saved = library.services.save_draft(1, {"body": "Le texte déjà enregistré."})
    _limit_pages(library, extra_pages=2)
    huge = {"body": "Un très long texte qui ne tient plus sur le disque. " * 20_000}
    with pytest.raises(StorageFull) as info:
        library.services.save_draft(1, huge, saved.version)
    message = str(info.value)
    assert "disk" in message and "full" in message and "intact" in message
    assert "\n" not in message and "sqlite" not in message.lower()
    # Nothing already saved was damaged, the version did not move…
    article = library.services.get_article(1)
    assert article.body == "Le texte déjà enregistré." and article.version == saved.version
    # …and the unsaved text goes to the emergency copy.
    path = EmergencyWriter(library.path).write(1, huge, saved.version)
    assert "ne tient plus" in path.read_text(encoding="utf-8")
    library.close()
    with sqlite3.connect(library.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with open_library(library.path) as reopened:
        assert reopened.services.get_article(1).body == "Le texte déjà enregistré."
        reopened.services.save_draft(1, huge, saved.version)  # space again: it saves


HOLD_WRITE_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE setting SET value = value")
print("holding", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
print("released", flush=True)
"""


def test_default_busy_timeout_is_five_seconds() -> None:
    assert db_module.BUSY_TIMEOUT_MS == 5000


def test_library_locked_by_another_process_is_busy_then_works(
    library_path: Path, children, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 300)  # 5 s in real life
    open_library(library_path).close()
    child = start_child(HOLD_WRITE_LOCK, str(library_path))
    children.append(child)
    wait_for_line(child, "holding")
    with open_library(library_path) as lib:
        assert lib.services.get_article(1).title  # readers are never blocked (WAL)
        with pytest.raises(LibraryBusy, match="library is busy.*nothing was written"):
            lib.services.save_draft(1, {"body": "pendant le verrou"})
        child.stdin.write("\n")
        child.stdin.flush()
        wait_for_line(child, "released")
        lib.services.save_draft(1, {"body": "après le verrou"})
        assert lib.services.get_article(1).body == "après le verrou"


ODD_TITLES = [
    "Fête de la musique 🎉🎶 — 21 juin",
    "👩‍💻 Les agentes du numérique 👨‍👩‍👧‍👦",
    "مرحبا بكم في المدينة",
    "שלום — ברוכים הבאים",
    "Mixte : français et العربية (123) ‏!",
    "CON",
    "NUL",
    "aux.txt",
    "COM1",
    "LPT9.md",
    "con.",
    "A" * 500,
    "Ligne\ttabulée",
    "x" + "\u0301" * 50,
]


def test_odd_titles_round_trip(empty_library) -> None:
    services = empty_library.services
    for title in ODD_TITLES:
        article_id = services.create_article(None, title, body=f"Corps de « {title} »")
        assert services.get_article(article_id).title == title
        saved = services.save_draft(article_id, {"title": title + " bis"}, 1)
        assert services.get_article(article_id).title == title + " bis"
        assert saved.version == 2
    assert [row.title for row in services.search("musique")] == [ODD_TITLES[0] + " bis"]


def test_lone_surrogate_is_replaced_not_a_traceback(library) -> None:
    library.services.save_draft(1, {"body": "emoji cassé \ud83d ici"})
    assert library.services.get_article(1).body == "emoji cassé \ufffd ici"


def test_control_characters_are_cleaned_before_storage(library) -> None:
    raw = "avant\x00après\x0cpage\x1bescape"
    library.services.save_draft(1, {"body": raw})
    assert library.services.get_article(1).body == "avantaprèspageescape"
    cleaned = clean_text(raw)
    assert cleaned.text == "avantaprèspageescape"
    assert cleaned.removed == 3
    assert "3 invisible control character(s) removed" in cleaned.message("body")


def test_clean_text_keeps_what_carries_meaning() -> None:
    keep = "Tab\tet ligne\nemoji 👩‍💻 drapeau 🇫🇷 ❤️ arabe مرحبا \u200f hébreu שלום \u2067iso\u2069"
    assert clean_text(keep).text == keep
    assert not clean_text(keep).changed
    assert clean_text("a\r\nb\rc").text == "a\nb\nc"
    assert clean_text("a\u0085b\x7f").text == "ab"
    cleaned = clean_text("cassé \ud83d")
    assert cleaned.text == "cassé \ufffd" and cleaned.replaced == 1
    assert cleaned.message() == "text: 1 unreadable character(s) replaced by \ufffd"
