"""The library tree model: structure, lazy fetching, drag and drop payloads."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTreeView

from editor.ui.article_model import ID_ROLE, STATUS_ROLE, ArticleTreeModel
from editor.ui.tree_nodes import ARTICLE_MIME, Kind


class CountingServices:
    """Wraps the real services and counts the row reads the model makes."""

    def __init__(self, services: object) -> None:
        self._services = services
        self.row_reads: list[int] = []

    def article_rows(self, ids: list[int]) -> dict:
        self.row_reads.append(len(ids))
        return self._services.article_rows(ids)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self._services, name)


def _children(model: ArticleTreeModel, parent: QModelIndex) -> list[QModelIndex]:
    return [model.index(r, 0, parent) for r in range(model.rowCount(parent))]


def test_structure_of_the_sample(qapp, library, translator) -> None:
    model = ArticleTreeModel(library.services, translator)
    top = _children(model, QModelIndex())
    assert [model.item(i)[0] for i in top] == [Kind.PUBLICATION, Kind.POOL]
    assert top[0].data() == "Territoires en action"
    assert top[1].data() == "Brouillons (1)"
    issue = _children(model, top[0])[0]
    assert model.item(issue)[0] is Kind.ISSUE
    assert "Semaine 29" in issue.data()
    assert model.hasChildren(issue) and model.rowCount(issue) == 0  # nothing read yet
    model.fetchMore(issue)
    articles = _children(model, issue)
    assert [a.data(ID_ROLE) for a in articles] == library.services.article_ids(1)
    assert articles[0].data(STATUS_ROLE) == "ready"
    tooltip = articles[0].data(Qt.ItemDataRole.ToolTipRole)
    assert "Statut : Prêt" in tooltip and "Rubrique : Mutualisation" in tooltip
    assert articles[0].data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.parent(articles[0]) == issue
    assert model.parent(issue) == top[0]


def test_model_tester_with_changes(qtmodeltester, library, translator, bulk_articles) -> None:
    bulk_articles(library, 1200)
    model = ArticleTreeModel(library.services, translator)
    qtmodeltester.check(model, force_py=False)
    pool = model.pool_index()
    model.fetchMore(pool)
    model.refresh_scopes([None, 1])
    model.set_search_results([1, 2, 3])
    model.set_search_results(None)
    model.article_changed(2)
    translator.set_language("en")
    assert model.index(1, 0).data() == "Drafts (1201)"


def test_lazy_fetch_on_a_large_pool(qapp, library, translator, bulk_articles) -> None:
    bulk_articles(library, 5000)
    services = CountingServices(library.services)
    model = ArticleTreeModel(services, translator)
    pool = model.pool_index()
    assert model.rowCount(pool) == 0 and model.canFetchMore(pool)
    model.fetchMore(pool)
    assert model.rowCount(pool) == ArticleTreeModel.FETCH_BATCH  # then it doubles
    assert services.row_reads == []  # ids only until something is painted
    model.index(0, 0, pool).data()
    model.index(150, 0, pool).data()
    assert services.row_reads == [ArticleTreeModel.PAGE_SIZE]  # one page for both rows
    while model.canFetchMore(pool):
        model.fetchMore(pool)
    assert model.rowCount(pool) == 5001
    assert model.index(5000, 0, pool).data() == "Article 004999"
    assert len(services.row_reads) == 2
    assert all(n <= ArticleTreeModel.PAGE_SIZE for n in services.row_reads)


def test_tree_view_fetches_more_when_scrolled(qtbot, library, translator, bulk_articles) -> None:
    bulk_articles(library, 3000)
    model = ArticleTreeModel(library.services, translator)
    view = QTreeView()
    view.setUniformRowHeights(True)
    view.setModel(model)
    qtbot.addWidget(view)
    view.resize(300, 400)
    view.show()
    pool = model.pool_index()
    view.expand(pool)
    qtbot.waitUntil(lambda: model.rowCount(pool) > 0)
    first = model.rowCount(pool)
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: model.rowCount(pool) > first)


def test_mime_data_and_drop_positions(qapp, library, translator, bulk_articles) -> None:
    model = ArticleTreeModel(library.services, translator)
    issue = model.index_for_issue(1)
    model.fetchMore(issue)
    ids = library.services.article_ids(1)
    first, second = model.index(0, 0, issue), model.index(1, 0, issue)
    data = model.mimeData([second, first, issue])  # the issue itself is not dragged
    assert data.hasFormat(ARTICLE_MIME)
    assert model.decode_ids(data) == ids[:2]
    assert model.mimeTypes() == [ARTICLE_MIME]
    assert model.flags(first) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDropEnabled  # publication

    requests: list[tuple] = []
    model.move_requested.connect(lambda *args: requests.append(args))
    one = model.mimeData([model.index(0, 0, issue)])
    # Between rows 2 and 3 of the same issue: row 3 counts the dragged one, the move does not.
    assert model.canDropMimeData(one, Qt.DropAction.MoveAction, 3, 0, issue)
    assert model.dropMimeData(one, Qt.DropAction.MoveAction, 3, 0, issue)
    # Onto the pool itself: appended.
    assert model.dropMimeData(one, Qt.DropAction.MoveAction, -1, 0, model.pool_index())
    # Onto an article of the issue: before it.
    assert model.dropMimeData(one, Qt.DropAction.MoveAction, -1, 0, model.index(1, 0, issue))
    assert requests == [([ids[0]], 1, 2), ([ids[0]], None, None), ([ids[0]], 1, 0)]
    assert not model.canDropMimeData(one, Qt.DropAction.MoveAction, 0, 0, model.index(0, 0))
