"""Qt's own texts (context menus, dialogs) follow the window's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from editor.ui.i18n import QtTranslations, Translator


def test_qt_builtin_texts_follow_the_language(qapp) -> None:
    translator = Translator("fr")
    installed = QtTranslations(qapp, translator)
    try:
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
        translator.set_language("en")
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    finally:
        installed.apply("en")
        installed.deleteLater()
