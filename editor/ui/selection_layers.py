"""Named layers of extra selections in a text editor, merged into the one list Qt accepts.

``QPlainTextEdit.setExtraSelections`` replaces every extra selection at once,
so features that underline or highlight (spelling, find results, current
line) would erase one another. Each owns a named layer here instead, and
the layers are merged on every change.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit


class SelectionLayers(QObject):
    """Named lists of extra selections merged into one ``setExtraSelections`` call.

    One per editor, found with :meth:`of`; a feature replaces only its own layer.
    """

    OBJECT_NAME = "feuilletSelectionLayers"

    def __init__(self, edit: QPlainTextEdit) -> None:
        super().__init__(edit)
        self.setObjectName(self.OBJECT_NAME)
        self._edit = edit
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {}
        # Selections some other code set directly before any layer existed are kept.
        existing = list(edit.extraSelections())
        if existing:
            self._layers["external"] = existing

    @classmethod
    def of(cls, edit: QPlainTextEdit) -> SelectionLayers:
        found = edit.findChild(SelectionLayers, cls.OBJECT_NAME)
        return found if found is not None else cls(edit)

    def set_layer(self, name: str, selections: list[QTextEdit.ExtraSelection]) -> None:
        if not selections and not self._layers.get(name):
            return  # nothing before, nothing now: no repaint
        self._layers[name] = list(selections)
        merged: list[QTextEdit.ExtraSelection] = []
        for layer in self._layers.values():
            merged.extend(layer)
        self._edit.setExtraSelections(merged)

    def layer(self, name: str) -> list[QTextEdit.ExtraSelection]:
        return list(self._layers.get(name, []))
