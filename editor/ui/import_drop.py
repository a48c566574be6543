"""Files dropped from the desktop on the library pane open the import dialog.

:func:`import_dropped_paths` opens :class:`~editor.ui.import_dialog.ImportDialog`
already reading the dropped files; :class:`FileDropImporter` is the event
filter that lets a view (the library tree) accept such drops without
disturbing its own article drags. Both are re-exported by
:mod:`editor.ui.import_dialog`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QWidget

from editor.ui.tree_nodes import ARTICLE_MIME

if TYPE_CHECKING:
    from editor.ui.import_dialog import ImportDialog


def import_dropped_paths(parent: QWidget | None, services: Any, paths: Iterable[str | Path],
                         issue_id: int | None, translator: Any = None,
                         language: str = "fr") -> ImportDialog:  # fmt: skip
    """Files or folders dropped on the library pane: the import dialog, already reading them."""
    # Deferred: editor.ui.import_dialog re-exports this module's names.
    from editor.ui.import_dialog import ImportDialog

    dialog = ImportDialog(services, translator, parent, issue_id, language)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.start(paths)
    dialog.open()
    return dialog


class FileDropImporter(QObject):
    """Lets files dropped from the desktop onto a view (the library tree) open the import.

    An event filter on the view's viewport: drags carrying local files are
    accepted and a drop opens :func:`import_dropped_paths`; every other drag
    (moving articles inside the tree) goes on to the view untouched.
    ``issue_at(pos)`` names the issue under the drop point (None: the pool).
    ``sig_dialog_opened`` hands each dialog to the window, which listens for
    its ``sig_imported`` to refresh the tree.
    """

    sig_dialog_opened = Signal(object)  # the ImportDialog a drop opened

    def __init__(self, view: QAbstractItemView, services: Any,
                 issue_at: Callable[[QPoint], int | None], translator: Any = None) -> None:  # fmt: skip
        super().__init__(view)
        self._view, self._services, self._issue_at = view, services, issue_at
        self._translator = translator
        # The language a dropped file is previewed in (its destination's publication).
        self.language_of: Callable[[int | None], str] = lambda _issue_id: "fr"
        self.last_dialog: ImportDialog | None = None
        view.setAcceptDrops(True)
        view.viewport().installEventFilter(self)

    @classmethod
    def attach(cls, view: QAbstractItemView, services: Any,
               issue_at: Callable[[QPoint], int | None], translator: Any = None) -> FileDropImporter:  # fmt: skip
        return cls(view, services, issue_at, translator)

    @staticmethod
    def local_paths(mime: QMimeData) -> list[str]:
        if not mime.hasUrls() or mime.hasFormat(ARTICLE_MIME):  # our own article drags
            return []
        urls = mime.urls()
        return [u.toLocalFile() for u in urls] if all(u.isLocalFile() for u in urls) else []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            paths = self.local_paths(event.mimeData())  # type: ignore[attr-defined]
            if paths:
                event.acceptProposedAction()  # type: ignore[attr-defined]
                if kind == QEvent.Type.Drop:
                    issue_id = self._issue_at(event.position().toPoint())  # type: ignore[attr-defined]
                    self.last_dialog = import_dropped_paths(self._view.window(), self._services,
                                                            paths, issue_id, self._translator,
                                                            self.language_of(issue_id))  # fmt: skip
                    self.sig_dialog_opened.emit(self.last_dialog)
                return True
        return super().eventFilter(watched, event)
