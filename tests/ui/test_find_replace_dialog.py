"""Find and replace: scopes, options, regex errors, reviewed results, one-step undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from editor.ui.body_editor import BodyEditor
from editor.ui.find_replace_dialog import FindReplaceDialog, ReplaceInLibraryCommand, select_range


@pytest.fixture
def world(qtbot, library):
    """An issue with two articles, one pool article, and the first one open in an editor."""
    services = library.services
    publication = services.list_publications()[0].id
    issue = services.create_issue(publication, "Numéro de test")
    first = services.create_article(
        issue, "La mutualisation à Blois",
        body="La mutualisation avance.\nLa Mutualisation des services : l’État aide.",
        standfirst="Un point sur la mutualisation.",
    )  # fmt: skip
    second = services.create_article(
        issue, "Haut débit", body="Pas de mutualisation ici ? Si : mutualisations."
    )
    pool = services.create_article(None, "Brouillon", body="Note sur la mutualisation.")
    body = BodyEditor()
    qtbot.addWidget(body)
    body.setPlainText(services.get_article(first).body)
    dialog = FindReplaceDialog(services, None)
    qtbot.addWidget(dialog)
    dialog.set_context(first, issue, body)
    return {
        "services": services,
        "issue": issue,
        "ids": (first, second, pool),
        "body": body,
        "dialog": dialog,
    }


def search(dialog: FindReplaceDialog, query: str, scope: str = "issue", **options: bool) -> list:
    dialog.find_field.setText(query)
    dialog.set_scope(scope)
    for name in ("whole_word", "case", "regex", "accents"):
        getattr(dialog, name).setChecked(options.get(name, False))
    return dialog.search()


def test_scopes(world) -> None:
    dialog = world["dialog"]
    first, second, pool = world["ids"]
    in_article = search(dialog, "mutualisation", "article")
    assert [(m.doc_id, m.field) for m in in_article] == [(first, "body")] * 2
    in_issue = search(dialog, "mutualisation", "issue")
    assert {m.doc_id for m in in_issue} == {first, second}
    assert {m.field for m in in_issue if m.doc_id == first} == {"title", "standfirst", "body"}
    in_library = search(dialog, "mutualisation", "library")
    assert {first, second, pool} <= {m.doc_id for m in in_library}
    assert dialog.results.topLevelItemCount() == len(in_library)
    assert dialog.status.text().startswith(f"{len(in_library)} résultat(s)")
    row = dialog.results.topLevelItem(0)
    assert "<b>" in row.text(3).lower()  # the match in bold


def test_options(world) -> None:
    dialog = world["dialog"]
    assert len(search(dialog, "mutualisation", "issue", whole_word=True)) == 5
    assert len(search(dialog, "Mutualisation", "article", case=True)) == 1
    assert len(search(dialog, r"mutualisations?\b", "issue", regex=True)) == 6
    assert [m.match.text for m in search(dialog, "l'etat", "article", accents=True)] == ["l’État"]


def test_bad_regex_is_a_message_not_an_exception(world) -> None:
    dialog = world["dialog"]
    assert search(dialog, "(mutual", "issue", regex=True) == []
    assert dialog.error_label.isVisibleTo(dialog)
    assert "invalid regular expression" in dialog.error_label.text()
    assert dialog.replace_all() == 0
    search(dialog, "(a+)+", "issue", regex=True)
    assert "repeats a repetition" in dialog.error_label.text()
    dialog.regex.setChecked(False)  # the same text, literally: fine
    assert not dialog.error_label.isVisibleTo(dialog)


def test_replace_all_in_the_article_is_one_undo_step(world) -> None:
    dialog, body, services = world["dialog"], world["body"], world["services"]
    original = body.toPlainText()
    search(dialog, "mutualisation", "article")
    dialog.replace_field.setText("coopération")
    assert dialog.replace_all() == 2
    # Not case sensitive: "Mutualisation" keeps its capital (the core's match_case).
    assert body.toPlainText() == original.replace("mutualisation", "coopération").replace(
        "Mutualisation", "Coopération"
    )
    assert services.get_article(world["ids"][0]).body == original  # the editor saves it, not us
    body.undo()
    assert body.toPlainText() == original


def test_unticked_matches_are_kept(world) -> None:
    dialog, body = world["dialog"], world["body"]
    search(dialog, "mutualisation", "article")
    dialog.results.topLevelItem(1).setCheckState(0, Qt.CheckState.Unchecked)
    dialog.replace_field.setText("X")
    assert dialog.replace_all() == 1
    assert body.toPlainText().startswith("La X avance.\nLa Mutualisation")


def test_library_replace_is_one_transaction_undone_by_the_command(world, monkeypatch) -> None:
    dialog, services = world["dialog"], world["services"]
    first, second, pool = world["ids"]
    before = {i: services.get_article(i) for i in (first, second, pool)}
    calls = []
    real = services.apply_text_changes
    monkeypatch.setattr(
        services, "apply_text_changes", lambda ch: calls.append(list(ch)) or real(calls[-1])
    )
    stack = QUndoStack()
    dialog.push_command = stack.push
    changed = []
    dialog.sig_library_changed.connect(lambda ids, error: changed.append((ids, error)))
    search(dialog, "mutualisation", "library", whole_word=True)
    dialog.replace_field.setText("coopération")
    count = dialog.replace_all()
    assert count >= 6 and len(calls) == 1  # one plan, one transaction
    assert stack.count() == 1 and stack.undoText() == "Remplacer « mutualisation »"
    assert services.get_article(first).title == "La coopération à Blois"
    assert services.get_article(second).body == "Pas de coopération ici ? Si : mutualisations."
    assert services.get_article(pool).body == "Note sur la coopération."
    assert changed[-1][1] == "" and {first, second, pool} <= set(changed[-1][0])

    stack.undo()
    for article_id, old in before.items():
        now = services.get_article(article_id)
        assert (now.title, now.standfirst, now.body) == (old.title, old.standfirst, old.body)
    assert len(calls) == 2
    stack.redo()
    assert services.get_article(pool).body == "Note sur la coopération."


def test_a_field_edited_since_the_search_refuses_the_plan(world) -> None:
    dialog, services = world["dialog"], world["services"]
    first, second, _pool = world["ids"]
    stack = QUndoStack()
    dialog.push_command = stack.push
    search(dialog, "mutualisation", "issue")
    article = services.get_article(second)
    services.save_draft(second, {"body": article.body + " Ajout."}, article.version)
    dialog.replace_field.setText("X")
    assert dialog.replace_all() == 0
    assert stack.count() == 0  # a refused command is not left on the undo stack
    assert dialog.status.text().startswith("Refusé")
    assert "mutualisation" in services.get_article(first).body  # nothing written at all


def test_undo_refuses_to_overwrite_later_edits(world) -> None:
    services = world["services"]
    _first, _second, pool = world["ids"]
    from editor.core.find_replace import FieldEdit, ReplacementPlan

    old = services.get_article(pool).body
    plan = ReplacementPlan((FieldEdit(pool, "body", old, "Nouveau.", 1),))
    command = ReplaceInLibraryCommand(services, plan, "r")
    command.redo()
    assert services.get_article(pool).body == "Nouveau."
    article = services.get_article(pool)
    services.save_draft(pool, {"body": "Réécrit ensuite."}, article.version)
    command.undo()
    assert command.error and command.isObsolete()
    assert services.get_article(pool).body == "Réécrit ensuite."


def test_activation_and_find_mode(qtbot, world) -> None:
    dialog, body = world["dialog"], world["body"]
    first = world["ids"][0]
    matches = search(dialog, "avance", "article")
    with qtbot.waitSignal(dialog.sig_match_activated) as signal:
        dialog.activate(dialog.results.topLevelItem(0))
    assert signal.args == [first, matches[0].match.start, matches[0].match.end]
    select_range(body, *signal.args[1:])
    assert body.textCursor().selectedText() == "avance"
    dialog.show_find()
    assert dialog.find_field.text() == "avance"  # the editor's selection
    assert not dialog.replace_button.isVisibleTo(dialog)
    dialog.show_replace()
    assert dialog.replace_button.isVisibleTo(dialog)


def test_english_texts(qtbot, library) -> None:
    from editor.ui.i18n import Translator

    dialog = FindReplaceDialog(library.services, Translator("en"))
    qtbot.addWidget(dialog)
    assert dialog.replace_button.text() == "Replace all"
    assert dialog.scope.itemText(2) == "Whole library"
