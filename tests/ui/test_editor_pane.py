"""The middle pane: fields round trip, change signal, toolbar, highlighting, keys."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from editor.ui.preview_page import apply_pyside_refcount_workaround  # noqa: E402

apply_pyside_refcount_workaround()

from dataclasses import dataclass  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QFont, QKeyEvent, QTextCursor  # noqa: E402

from editor.ui.editor_pane import EditorPane  # noqa: E402

ARTICLE = {
    "title": "Un projet d’administration écrit avec les agents",
    "kicker": "Mutualisation",
    "standfirst": "La ville, l’agglomération et le CIAS…",
    "byline_name": "Bruno Gérentes",
    "byline_role": "DGS de la ville de Blois",
    "source": "La Gazette des communes",
    "credit": "© Ville de Blois",
    "tags": "mutualisation, Blois",
    "status": "review",
    "body": "# Titre\n\nDu **gras** et *italique*.\n",
}
ISSUE = {
    "title": "Semaine 29",
    "label": "S29",
    "issue_date": "2017-08-07",
    "introduction": "Bonjour à toutes et à tous.",
    "sign_off": "Nous nous retrouverons le 21 août.",
    "status": "ready",
    "publication": "Territoires en action",
}


@pytest.fixture
def pane(qtbot):  # type: ignore[no-untyped-def]
    widget = EditorPane()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def type_text(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Key events carrying text (qtbot.keyClicks aborts on non-ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            widget.event(QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def press(widget, key: Qt.Key, mods=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    widget.event(QKeyEvent(QEvent.Type.KeyPress, key, mods, ""))


def test_article_round_trip(pane: EditorPane) -> None:
    pane.load_article(7, ARTICLE, 3)
    assert pane.current_kind() == "article"
    assert pane.current_fields() == ARTICLE
    assert list(pane.current_fields()) == [
        "title",
        "kicker",
        "standfirst",
        "byline_name",
        "byline_role",
        "source",
        "credit",
        "tags",
        "status",
        "body",
    ]
    assert pane.current_version() == 3


def test_issue_round_trip_and_clear(pane: EditorPane) -> None:
    pane.load_issue(2, ISSUE)
    assert pane.current_kind() == "issue"
    expected = {k: v for k, v in ISSUE.items() if k != "publication"}
    assert pane.current_fields() == expected
    assert pane.body_edit().toPlainText() == ISSUE["introduction"]
    pane.clear()
    assert pane.current_kind() is None
    assert pane.current_fields() == {}


def test_changed_only_on_user_edits(pane: EditorPane, qtbot) -> None:  # type: ignore[no-untyped-def]
    seen: list[int] = []
    pane.sig_changed.connect(lambda: seen.append(1))
    pane.load_article(1, ARTICLE, 1)
    pane.load_issue(2, ISSUE)
    pane.load_article(1, ARTICLE, 1)
    assert seen == []
    body = pane.body_edit()
    body.setFocus()
    type_text(body, "é")
    assert seen and pane.current_fields()["body"].startswith("é")
    seen.clear()
    title = pane._fields["title"]  # noqa: SLF001
    qtbot.keyClicks(title, "x")
    assert seen
    seen.clear()
    qtbot.keyClick(pane._status, Qt.Key.Key_Down)  # noqa: SLF001
    assert seen and pane.current_fields()["status"] == "ready"


def _run(pane: EditorPane, key: str, text: str, select: tuple[int, int] | None) -> str:
    pane.load_article(1, {"title": "t", "body": text}, 1)
    body = pane.body_edit()
    cursor = body.textCursor()
    if select is None:
        cursor.movePosition(QTextCursor.MoveOperation.End)
    else:
        cursor.setPosition(select[0])
        cursor.setPosition(select[1], QTextCursor.MoveMode.KeepAnchor)
    body.setTextCursor(cursor)
    pane.format_actions()[key].trigger()
    return body.toPlainText()


@pytest.mark.parametrize(
    ("key", "text", "select", "expected"),
    [
        ("bold", "un mot ici", (3, 6), "un **mot** ici"),
        ("bold", "un **mot** ici", (3, 10), "un mot ici"),
        ("bold", "Texte ", None, "Texte **texte en gras**"),
        ("italic", "un mot ici", (3, 7), "un *mot* ici"),
        ("italic", "", None, "*texte en italique*"),
        ("link", "voir le site", (8, 12), "voir le [site](https://)"),
        ("link", "", None, "[texte du lien](https://)"),
        ("h1", "Titre", (0, 2), "# Titre"),
        ("h2", "## Titre", None, "Titre"),
        ("h3", "", None, "### Intertitre"),
        ("quote", "a\nb", (0, 3), "> a\n> b"),
        ("quote", "> a", None, "a"),
        ("bullets", "a\nb", (0, 3), "- a\n- b"),
        ("bullets", "", None, "- élément"),
        ("numbers", "a\nb\nc", (0, 5), "1. a\n2. b\n3. c"),
        ("numbers", "- a", None, "1. a"),
        ("table", "", None, "| Colonne 1 | Colonne 2 |\n| --- | --- |\n| … | … |\n"),
        ("table", "A\tB\n1\t2", (0, 7), "| A | B |\n| --- | --- |\n| 1 | 2 |\n"),
        ("rule", "Texte", None, "Texte\n\n---\n"),
        ("events", "", None, "::: events\n- 20 septembre | Conférence des villes | Paris\n:::\n"),
        ("events", "1er mai | Fête", (0, 14), "::: events\n- 1er mai | Fête\n:::\n"),
        (
            "pull_quote",
            "Une phrase.",
            (0, 11),
            "::: quote\nUne phrase.\n-- Prénom Nom, fonction\n:::\n",
        ),
        ("source_line", "", None, "Source : Nom de la source\n"),
        ("source_line", "La Gazette des communes", (0, 23), "Source : La Gazette des communes\n"),
        (
            "a_lire",
            "Résumé.",
            (0, 7),
            "::: a-lire\ntitle: Titre de l’article\n"
            "source: Nom du journal\nurl: https://\nRésumé.\n:::\n",
        ),
    ],
)
def test_toolbar_actions(pane: EditorPane, key: str, text: str, select, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert _run(pane, key, text, select) == expected


def test_action_is_one_undo_step(pane: EditorPane) -> None:
    _run(pane, "bullets", "a\nb\nc", (0, 5))
    pane.body_edit().undo()
    assert pane.body_edit().toPlainText() == "a\nb\nc"


def test_shortcuts_are_set(pane: EditorPane) -> None:
    shortcuts = {k: a.shortcut().toString() for k, a in pane.format_actions().items()}
    assert shortcuts["bold"] == "Ctrl+B" and shortcuts["italic"] == "Ctrl+I"
    assert shortcuts["link"] == "Ctrl+K" and shortcuts["h2"] == "Ctrl+2"
    assert all(not a.icon().isNull() for a in pane.format_actions().values())


@dataclass(frozen=True)
class Span:
    start: int
    length: int
    bold: bool
    size: float
    italic: bool
    underline: bool
    color: str
    background: str


def _formats(pane: EditorPane, line: int) -> list[Span]:
    """The highlighter's format ranges of one line, read while Qt keeps them alive."""
    block = pane.body_edit().document().findBlockByNumber(line)
    spans = []
    for r in block.layout().formats():
        f = r.format
        spans.append(
            Span(
                r.start,
                r.length,
                f.fontWeight() == QFont.Weight.Bold,
                f.fontPointSize(),
                f.fontItalic(),
                f.fontUnderline(),
                f.foreground().color().name(),
                f.background().color().name(),
            )
        )
    return spans


def test_highlighter_formats(pane: EditorPane) -> None:
    text = (
        "# Grand titre\n\nDu **gras** et *ital* [lien](https://x.org)\n\n> citation\n\n"
        "::: figure\nimage: asset:abc\n:::\n\n```\ncode\n```"
    )
    pane.load_article(1, {"title": "t", "body": text}, 1)
    base = pane.body_edit().document().defaultFont().pointSizeF()
    assert any(s.bold and s.size > base * 1.3 for s in _formats(pane, 0))
    line = _formats(pane, 2)
    assert any(s.bold and (s.start, s.length) == (5, 4) for s in line)  # "gras"
    assert any((s.start, s.length) == (3, 2) and s.color == "#9aa0a6" for s in line)  # "**" dimmed
    assert any(s.italic and s.start <= 16 < s.start + s.length for s in line)  # "ital"
    assert any(s.underline and s.start <= 23 < s.start + s.length for s in line)  # "lien"
    assert any(s.color == "#2e7d32" for s in _formats(pane, 4))  # quote
    assert any(s.bold for s in _formats(pane, 6))  # ::: figure
    assert any((s.start, s.length) == (0, 6) and s.color == "#b35900" for s in _formats(pane, 7))
    code = _formats(pane, 11)
    assert code and code[0].background == "#f4f1ea"


def test_asset_references_are_dimmed_and_smaller(pane: EditorPane) -> None:
    """70 characters of hash must not wrap with one character alone on a line."""
    sha = "0123456789abcdef" * 4
    text = f"::: figure\nimage: asset:{sha}\n:::\n\nVoir ![La salle](asset:{sha}) ici."
    pane.load_article(1, {"title": "t", "body": text}, 1)
    base = pane.body_edit().document().defaultFont().pointSizeF()

    def asset_span(line: int, start: int) -> Span:
        return next(s for s in _formats(pane, line) if (s.start, s.length) == (start, 70))

    for span in (asset_span(1, 7), asset_span(4, 17)):
        assert span.size == pytest.approx(base * 0.75) and span.color == "#9aa0a6"
    # The rest of the lines keep their styles: the field key, the link text.
    assert any((s.start, s.length) == (0, 6) and s.color == "#b35900" for s in _formats(pane, 1))
    assert any(s.underline and s.start <= 7 < s.start + s.length for s in _formats(pane, 4))


def test_highlighting_is_per_block(pane: EditorPane) -> None:
    """A keystroke re-highlights its own line, not the 20,000-word document."""
    body = "\n\n".join(f"Paragraphe {i} avec du **gras** et *de l’italique*." for i in range(2000))
    pane.load_article(1, {"title": "t", "body": body}, 1)
    highlighter = pane.body_edit().highlighter
    calls: list[str] = []
    original = highlighter.highlightBlock

    def counting(text: str) -> None:
        calls.append(text)
        original(text)

    highlighter.highlightBlock = counting  # type: ignore[method-assign]
    edit = pane.body_edit()
    cursor = edit.textCursor()
    cursor.setPosition(len(body) // 2)
    edit.setTextCursor(cursor)
    type_text(edit, "x")
    assert 1 <= len(calls) <= 3


def test_list_continuation_and_indent(pane: EditorPane) -> None:
    pane.load_article(1, {"title": "t", "body": "- premier"}, 1)
    body = pane.body_edit()
    body.moveCursor(QTextCursor.MoveOperation.End)
    press(body, Qt.Key.Key_Return)
    type_text(body, "deux")
    assert body.toPlainText() == "- premier\n- deux"
    press(body, Qt.Key.Key_Tab)
    assert body.toPlainText() == "- premier\n    - deux"
    press(body, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert body.toPlainText() == "- premier\n- deux"
    press(body, Qt.Key.Key_Return)
    press(body, Qt.Key.Key_Return)  # Enter on an empty item ends the list
    assert body.toPlainText() == "- premier\n- deux\n"
    body.setPlainText("9. neuf")
    body.moveCursor(QTextCursor.MoveOperation.End)
    press(body, Qt.Key.Key_Return)
    assert body.toPlainText() == "9. neuf\n10. "


def test_ui_language_switch(pane: EditorPane) -> None:
    pane.set_ui_language("en")
    assert pane.format_actions()["bold"].text() == "Bold"
    pane.set_ui_language("fr")
    assert pane.format_actions()["bold"].text() == "Gras"
