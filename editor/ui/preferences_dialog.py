"""Preferences (language, preview width, reading speed) and the About box.

Choices apply on OK and take effect at once: the language switches every menu
and label live through the translator's ``language_changed`` signal.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from editor import APP_NAME, __version__
from editor.ui.i18n import Translator
from editor.ui.settings import DEVICES, Settings


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, translator: Translator,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self._settings = settings
        self._tr = translator
        tr = translator.tr
        self.setWindowTitle(tr("prefs.title"))
        self.language = QComboBox(self)
        for code, key in (("system", "prefs.language_system"), ("fr", "prefs.language_fr"),
                          ("en", "prefs.language_en")):  # fmt: skip
            self.language.addItem(tr(key), code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language())))
        self.device = QComboBox(self)
        for name in DEVICES:
            self.device.addItem(tr(f"device.{name}"), name)
        self.device.setCurrentIndex(max(0, self.device.findData(settings.preview_device())))
        self.speed = QSpinBox(self)
        self.speed.setRange(100, 600)
        self.speed.setSingleStep(10)
        self.speed.setSuffix(" " + tr("prefs.words_per_minute"))
        self.speed.setValue(settings.reading_speed())

        form = QFormLayout()
        form.addRow(tr("prefs.language"), self.language)
        form.addRow(tr("prefs.device"), self.device)
        form.addRow(tr("prefs.reading_speed"), self.speed)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def apply(self) -> None:
        """Store the choices and switch the language now."""
        language = str(self.language.currentData())
        self._settings.set_language(language)
        self._settings.set_preview_device(str(self.device.currentData()))
        self._settings.set_reading_speed(self.speed.value())
        self._settings.sync()
        self._tr.set_language(language)

    def accept(self) -> None:
        self.apply()
        super().accept()


def show_about(parent: QWidget, translator: Translator) -> None:
    QMessageBox.about(
        parent,
        translator.tr("about.title", app=APP_NAME),
        translator.tr("about.text", app=APP_NAME, version=__version__),
    )
