"""Undo and redo of deleting, moving and reordering articles."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from editor.core.services import ARTICLE_FIELDS
from editor.ui.undo_commands import Change, DeleteArticlesCommand, IdMap, MoveArticlesCommand


def _fields(services, article_id: int) -> dict:
    article = services.get_article(article_id)
    return {name: getattr(article, name) for name in ARTICLE_FIELDS}


def _stack(services):  # type: ignore[no-untyped-def]
    changes: list[Change] = []
    return QUndoStack(), IdMap(), changes, changes.append


def test_undo_delete_recreates_same_content_and_place(qapp, library) -> None:
    s = library.services
    ids = s.article_ids(1)
    victim = ids[1]
    before = _fields(s, victim)
    stack, id_map, changes, notify = _stack(s)
    stack.push(DeleteArticlesCommand(s, id_map, notify, [victim], "delete"))
    assert victim not in s.article_ids(1)
    assert changes[-1].deleted == {victim} and changes[-1].scopes == {1}
    stack.undo()
    restored = id_map.resolve(victim)
    assert s.article_ids(1)[1] == restored
    assert _fields(s, restored) == before
    stack.redo()
    assert restored not in s.article_ids(1) and len(s.article_ids(1)) == len(ids) - 1
    stack.undo()
    assert s.article_ids(1)[1] == id_map.resolve(victim)


def test_undo_delete_of_several_articles_keeps_order(qapp, library) -> None:
    s = library.services
    ids = s.article_ids(1)
    titles = [s.get_article(i).title for i in ids]
    stack, id_map, _changes, notify = _stack(s)
    stack.push(DeleteArticlesCommand(s, id_map, notify, [ids[0], ids[2]], "delete"))
    assert s.article_ids(1) == [ids[1], ids[3]]
    stack.undo()
    assert [s.get_article(i).title for i in s.article_ids(1)] == titles


def test_undo_move_between_issue_and_pool(qapp, library) -> None:
    s = library.services
    ids = s.article_ids(1)
    pool = s.article_ids("pool")
    stack, id_map, changes, notify = _stack(s)
    stack.push(MoveArticlesCommand(s, id_map, notify, [ids[2]], None, 0, "move"))
    assert s.article_ids("pool") == [ids[2], *pool]
    assert s.article_ids(1) == [ids[0], ids[1], ids[3]]
    assert changes[-1].scopes == {1, None}
    stack.undo()
    assert s.article_ids(1) == ids and s.article_ids("pool") == pool
    stack.redo()
    assert s.article_ids("pool")[0] == ids[2]


def test_undo_reorder_inside_an_issue(qapp, library) -> None:
    s = library.services
    ids = s.article_ids(1)
    stack, id_map, _changes, notify = _stack(s)
    stack.push(MoveArticlesCommand(s, id_map, notify, [ids[3], ids[0]], 1, 1, "reorder"))
    assert s.article_ids(1) == [ids[1], ids[3], ids[0], ids[2]]
    stack.undo()
    assert s.article_ids(1) == ids


def test_undo_chain_move_then_delete(qapp, library) -> None:
    """Undoing the delete gives a new id; the older move still finds its article."""
    s = library.services
    ids = s.article_ids(1)
    stack, id_map, _changes, notify = _stack(s)
    stack.push(MoveArticlesCommand(s, id_map, notify, [ids[0]], None, None, "move"))
    stack.push(DeleteArticlesCommand(s, id_map, notify, [ids[0]], "delete"))
    stack.undo()
    stack.undo()
    assert s.article_ids(1)[0] == id_map.resolve(ids[0])
    assert (
        s.get_article(s.article_ids(1)[0]).title
        == "Un projet d’administration écrit avec les agents"
    )


def test_window_delete_and_undo_with_keyboard(qtbot, window_factory, library) -> None:
    window = window_factory()
    s = library.services
    ids = s.article_ids(1)
    pane = window.library_pane
    assert pane.select_article(ids[1], 1)
    pane.tree.setFocus()
    qtbot.keyClick(pane.tree, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: ids[1] not in s.article_ids(1))
    assert window.session.current() != ("article", ids[1])
    assert "Ctrl+Z" in window.status.currentMessage()
    undo = window.registry.action("edit.undo")
    assert undo.isEnabled() and "Supprimer" in undo.text()
    pane.tree.setFocus()
    qtbot.keyClick(pane.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(s.article_ids(1)) == len(ids))
    restored = s.article_ids(1)[1]
    assert (
        window.model.index(1, 0, window.model.index_for_issue(1)).data()
        == s.get_article(restored).title
    )


def test_delete_shortcut_does_not_fire_while_typing(qtbot, window_factory, library) -> None:
    window = window_factory()
    ids = library.services.article_ids(1)
    window.library_pane.select_article(ids[0], 1)
    body = window.editor.body_edit()
    body.setFocus()
    qtbot.keyClick(body, Qt.Key.Key_Delete)
    assert library.services.article_ids(1) == ids


def test_window_drop_moves_and_undo(qtbot, window_factory, library) -> None:
    window = window_factory()
    s = library.services
    ids = s.article_ids(1)
    model = window.model
    issue = model.index_for_issue(1)
    window.library_pane.tree.expand(issue)
    data = model.mimeData([model.index(0, 0, issue)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.pool_index())
    qtbot.waitUntil(lambda: ids[0] in s.article_ids("pool"))
    assert model.rowCount(issue) == 3
    window.commands.undo_stack.undo()
    assert s.article_ids(1) == ids
    assert model.rowCount(issue) == 4
