"""Spell checking in the body editor: underlines, context menu, personal dictionary, cost."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QTextEdit

from editor.ui.body_editor import BodyEditor
from editor.ui.spell_check import (
    PERSONAL_WORDS_KEY,
    SelectionLayers,
    SpellCheckController,
)

SENTENCE = "La maisson de l'école qu’il aime est ici."


def type_text(widget: object, text: str) -> None:
    """Key events carrying the text (qtbot.keyClicks aborts on non-ASCII offscreen)."""
    for char in text:
        key = Qt.Key.Key_Return if char == "\n" else Qt.Key.Key_unknown
        typed = "\r" if char == "\n" else char
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, typed)
            )


@pytest.fixture
def editor(qtbot: object) -> BodyEditor:
    edit = BodyEditor()
    qtbot.addWidget(edit)  # type: ignore[attr-defined]
    edit.resize(700, 500)
    edit.show()
    return edit


def attach(
    qtbot: object, edit: BodyEditor, services: object, language: str = "fr"
) -> SpellCheckController:
    spell = SpellCheckController.attach(edit, services, language)
    qtbot.waitUntil(spell.is_ready, timeout=5000)  # type: ignore[attr-defined]
    return spell


def words(spell: SpellCheckController) -> list[str]:
    return [word for _s, _e, word in spell.misspelled_ranges()]


def test_typing_underlines_misspelt_words_but_not_elisions(qtbot, editor, library) -> None:
    spell = attach(qtbot, editor, library.services)
    editor.setFocus()
    with qtbot.waitSignal(spell.sig_checked, timeout=2000):
        type_text(editor, SENTENCE)  # the check runs ~150 ms after the last key
    assert words(spell) == ["maisson"]
    selection = editor.extraSelections()[0]
    assert selection.format.underlineStyle() == selection.format.UnderlineStyle.SpellCheckUnderline


def test_suggestion_replaces_the_word_in_one_undo_step(qtbot, editor, library) -> None:
    spell = attach(qtbot, editor, library.services)
    editor.setPlainText(SENTENCE)
    spell.check_now()
    start = SENTENCE.index("maisson") + 2
    cursor = QTextCursor(editor.document())
    cursor.setPosition(start)
    menu = spell.build_context_menu(editor.cursorRect(cursor).center())
    texts = [action.text() for action in menu.actions()]
    assert "maison" in texts[:6]
    assert "Ajouter au dictionnaire" in texts and "Ignorer" in texts
    assert texts.index("Ignorer") < texts.index(
        next(t for t in texts if "Copier" in t or "Copy" in t)
    )
    next(a for a in menu.actions() if a.text() == "maison").trigger()
    assert editor.toPlainText() == SENTENCE.replace("maisson", "maison")
    assert words(spell) == []
    editor.undo()
    assert editor.toPlainText() == SENTENCE


def test_right_click_pops_the_menu_up(qtbot, editor, library) -> None:
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QMenu

    spell = attach(qtbot, editor, library.services)
    editor.setPlainText(SENTENCE)
    cursor = QTextCursor(editor.document())
    cursor.setPosition(SENTENCE.index("maisson") + 1)
    pos = editor.cursorRect(cursor).center()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, editor.viewport().mapToGlobal(pos)
    )
    QApplication.sendEvent(editor.viewport(), event)
    menus = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()]
    assert len(menus) == 1
    assert [a.text() for a in menus[0].actions()][:1] == ["maison"]
    menus[0].close()
    assert spell.is_enabled()


def test_no_menu_entries_on_a_correct_word(qtbot, editor, library) -> None:
    spell = attach(qtbot, editor, library.services)
    editor.setPlainText(SENTENCE)
    cursor = QTextCursor(editor.document())
    cursor.setPosition(SENTENCE.index("école") + 1)
    menu = spell.build_context_menu(editor.cursorRect(cursor).center())
    assert "Ignorer" not in [a.text() for a in menu.actions()]


def test_add_to_dictionary_persists_in_the_library(
    qtbot, editor, library, library_path: Path
) -> None:
    from editor.core.library import open_library

    spell = attach(qtbot, editor, library.services)
    editor.setPlainText("Agglopolys et Mahjoubi à Blois.")
    spell.check_now()
    assert set(words(spell)) == {"Agglopolys", "Mahjoubi"}
    spell.add_to_dictionary("Agglopolys")
    assert words(spell) == ["Mahjoubi"]
    spell.ignore_word("Mahjoubi")  # ignored for the session only
    assert words(spell) == []
    library.close()

    reopened = open_library(library_path)
    try:
        assert reopened.services.get_setting(PERSONAL_WORDS_KEY).split("\n") == ["Agglopolys"]
        other = BodyEditor()
        qtbot.addWidget(other)
        other.resize(700, 500)
        other.show()
        again = attach(qtbot, other, reopened.services)
        other.setPlainText("Agglopolys et Mahjoubi à Blois.")
        again.check_now()
        assert words(again) == ["Mahjoubi"]
    finally:
        reopened.close()


def test_english_and_disabling(qtbot, editor, library) -> None:
    spell = attach(qtbot, editor, library.services, "en")
    editor.setPlainText("The councill met on Tuesday.")
    spell.check_now()
    assert words(spell) == ["councill"]
    spell.set_enabled(False)
    assert editor.extraSelections() == []
    spell.set_enabled(True)
    spell.check_now()
    assert words(spell) == ["councill"]
    with qtbot.waitSignal(spell.sig_ready, timeout=5000):
        spell.set_language("fr")
    spell.check_now()
    assert "councill" in words(spell)


def test_code_fences_and_layers_from_other_features(qtbot, editor, library) -> None:
    spell = attach(qtbot, editor, library.services)
    editor.setPlainText("Texte juste.\n\n```\nfoo_barr bazz\n```\n\nUne fautte.")
    find = QTextEdit.ExtraSelection()
    find.cursor = QTextCursor(editor.document())
    find.cursor.setPosition(0)
    find.cursor.setPosition(5, QTextCursor.MoveMode.KeepAnchor)
    layers = SelectionLayers.of(editor)
    assert SelectionLayers.of(editor) is layers  # one per editor
    layers.set_layer("find", [find])
    spell.check_now()
    assert words(spell) == ["fautte"]
    assert len(editor.extraSelections()) == 2  # the find highlight is kept
    spell.set_enabled(False)
    assert len(editor.extraSelections()) == 1


def test_only_the_visible_blocks_are_checked(qtbot, editor, library) -> None:
    spell = attach(qtbot, editor, library.services)
    editor.setPlainText("\n".join(f"Ligne {n} avec une fautte." for n in range(3000)))
    spell.check_now()
    shown = spell.misspelled_ranges()
    assert 0 < len(shown) < 200
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.ensureCursorVisible()
    with qtbot.waitSignal(spell.sig_checked, timeout=2000):
        pass  # scrolling schedules a check
    bottom = spell.misspelled_ranges()
    assert bottom and bottom[-1][1] > editor.document().characterCount() - 100


def bench_keystrokes(qtbot: object, editor: BodyEditor, services: object, words_count: int = 20_000,
                     keys: int = 60) -> dict[str, float]:  # fmt: skip
    """Keystroke latency (ms) at ``words_count`` words, and the cost of one debounced check."""
    paragraph = "Les élus de l'agglomération ont voté le budget qu’il fallait, sans fautte. " * 8
    paragraphs = words_count // len(paragraph.split()) + 1
    editor.setPlainText("\n\n".join([paragraph] * paragraphs))
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.ensureCursorVisible()
    spell = SpellCheckController.attach(editor, services, "fr")
    qtbot.waitUntil(spell.is_ready, timeout=5000)  # type: ignore[attr-defined]
    QApplication.processEvents()
    timings = []
    for char in "abcdefghijklmnopqrstuvwxyzé " * (keys // 28 + 1):
        started = time.perf_counter()
        type_text(editor, char)
        QApplication.processEvents()  # includes the repaint of the underlines
        timings.append((time.perf_counter() - started) * 1000)
    checks = []
    for _ in range(10):
        started = time.perf_counter()
        spell.check_now()
        checks.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "keystroke_p50_ms": statistics.median(timings),
        "keystroke_p95_ms": timings[int(len(timings) * 0.95) - 1],
        "check_visible_ms": statistics.median(checks),
        "underlined": float(len(spell.misspelled_ranges())),
    }


def test_benchmark_keystrokes_at_20k_words(qtbot, editor, library) -> None:
    """Measured, not asserted (timings depend on the machine): run with -s to read them."""
    result = bench_keystrokes(qtbot, editor, library.services)
    print("\nspell check at 20k words:", {k: round(v, 2) for k, v in result.items()})
    assert result["underlined"] > 0


def test_publication_language(library) -> None:
    from editor.ui.spell_check import publication_language

    services = library.services
    assert publication_language(services, 1) == "fr"
    english = services.create_publication("Weekly", language="en")
    issue = services.create_issue(english, "Week 1")
    assert publication_language(services, issue) == "en"
    assert publication_language(services, None) in ("fr", "en")
