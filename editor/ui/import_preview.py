"""The import dialog's detail panel: the selected file's fields, warnings and body.

The body is shown as Markdown and as it will read (HTML rendered by the
export's own renderer on the reading worker), in a browser that loads
nothing from outside, so a previewed file can never reach the network or the
disk. The file's own pictures are not in the library yet: the worker leaves
them out, so a file that has some is rendered again here, on selection, with
its ``asset:<sha256>`` sources kept, and the browser answers those from the
bytes the importer read (:class:`_QuietBrowser`). Field names are the
editor's (``editor.*`` keys), so "Rubrique" here is "Rubrique" there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from editor.ui.i18n import lookup

FIELDS = (("title", "title"), ("kicker", "kicker"), ("standfirst", "standfirst"),
          ("byline", "byline"), ("role", "role"), ("source", "source"), ("credit", "credit"))  # fmt: skip
# Rows of the detail form: field key, text key. The editor's labels where the
# editor has the field (one name per field across the window), ``import.*`` otherwise.
ROWS = (("title", "editor.title"), ("kicker", "editor.kicker"),
        ("standfirst", "editor.standfirst"), ("byline", "editor.byline_name"),
        ("role", "editor.byline_role"), ("source", "editor.source"),
        ("credit", "editor.credit"), ("tags", "editor.tags"), ("date", "import.date"),
        ("images", "import.images"))  # fmt: skip
# Qt's rich text draws no table borders unless told; imported Word tables must show.
STYLESHEET = (
    "table { border-collapse: collapse; margin: 6px 0; }"
    " th, td { border: 1px solid #8c8c8c; padding: 3px 6px; }"
    " th { background-color: #eeeeee; }"
    " .image-refused { color: #6b6b6b; font-style: italic; }"
)
# Wide enough to recognise a picture, narrow enough to leave the text readable.
PREVIEW_IMAGE_WIDTH = 480
ASSET_SCHEME = "asset"


class _QuietBrowser(QTextBrowser):
    """A QTextBrowser that loads nothing but the imported file's own pictures:
    no remote or local pictures, no stylesheets, no links followed."""

    def __init__(self) -> None:
        super().__init__()
        self.images: dict[str, bytes] = {}  # sha256 → bytes of the file being shown
        self._decoded: dict[str, QImage] = {}
        self.document().setDefaultStyleSheet(STYLESHEET)

    def set_images(self, images: dict[str, bytes]) -> None:
        self.images = images
        self._decoded = {}

    def loadResource(self, kind: int, url: QUrl) -> Any:  # noqa: N802 - Qt override
        if kind != QTextDocument.ResourceType.ImageResource or url.scheme() != ASSET_SCHEME:
            return None
        sha = url.path().lower()
        if sha not in self._decoded and sha in self.images:
            image = QImage.fromData(self.images[sha])
            if image.width() > PREVIEW_IMAGE_WIDTH:
                image = image.scaledToWidth(
                    PREVIEW_IMAGE_WIDTH, Qt.TransformationMode.SmoothTransformation
                )
            self._decoded[sha] = image
        return self._decoded.get(sha)


class ImportPreview(QWidget):
    """Fields, message (error or warnings) and body of one read file; ``t`` gives the texts."""

    def __init__(
        self,
        t: Callable[..., str],
        parent: QWidget | None = None,
        labels: Callable[[str], str] | None = None,
        language: Callable[[], str] = lambda: "fr",
    ) -> None:
        super().__init__(parent)
        self._t = t
        # ``labels`` reads full catalogue keys (the editor's field names).
        self._labels = labels or (lambda key: lookup(key, language()))
        self._language = language
        self._with_images: dict[int, str] = {}  # id(outcome) → HTML with its pictures
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.field_labels: dict[str, QLabel] = {}
        self._row_labels: dict[str, QLabel] = {}
        for key, _text_key in ROWS:
            label = QLabel()
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.field_labels[key] = label
            self._row_labels[key] = QLabel()
            form.addRow(self._row_labels[key], label)
        box.addLayout(form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("importMessage")
        box.addWidget(self.message)
        self.tabs = QTabWidget()
        self.preview = _QuietBrowser()
        self.preview.setOpenLinks(False)
        self.markdown = QPlainTextEdit()
        self.markdown.setReadOnly(True)
        self.tabs.addTab(self.preview, "")
        self.tabs.addTab(self.markdown, "")
        box.addWidget(self.tabs, 1)
        self._outcome: Any = None
        self._duplicate = False
        self.retranslate()

    def retranslate(self) -> None:
        """Labels in the current language (the dialog calls this on a language switch)."""
        for key, text_key in ROWS:
            self._row_labels[key].setText(self._labels(text_key))
        self.tabs.setTabText(0, self._t("preview"))
        self.tabs.setTabText(1, self._t("markdown"))
        self._show_message(self._outcome)

    def show_outcome(self, outcome: Any, rendered: str, duplicate: bool = False) -> None:
        """Show one reading outcome (None: nothing selected); ``rendered`` is its body as
        HTML; ``duplicate``: the library already has this title and body."""
        article = outcome.article if outcome is not None else None
        for key, label in self.field_labels.items():
            label.setText(field_text(article, key) if article is not None else "")
        self._outcome = outcome
        self._duplicate = duplicate
        self._show_message(outcome)
        if article is not None and article.images:
            rendered = self._render_with_images(outcome)
        self.preview.set_images({i.sha256: i.data for i in article.images} if article else {})
        self.preview.setHtml(rendered if article is not None else "")
        self.markdown.setPlainText(article.body_markdown if article is not None else "")

    def _render_with_images(self, outcome: Any) -> str:
        """The body with its own pictures, rendered once per outcome (see the module doc)."""
        key = id(outcome)
        if key not in self._with_images:
            from editor.core.render import Renderer, RenderOptions

            article = outcome.article
            known = {image.sha256 for image in article.images}
            options = RenderOptions(
                language=self._language(),
                asset_url=lambda sha: f"{ASSET_SCHEME}:{sha}" if sha in known else None,
            )
            try:
                self._with_images[key] = Renderer(options).render(article.body_markdown).html
            except Exception as exc:  # noqa: BLE001 - a preview failure must not hide the file
                self._with_images[key] = f"<p><i>{_escape(type(exc).__name__)}</i></p>"
        return self._with_images[key]

    def _show_message(self, outcome: Any) -> None:
        article = outcome.article if outcome is not None else None
        if outcome is None:
            self.message.setText(self._t("no_selection"))
        elif not outcome.ok:
            self.message.setText(
                f"<span style='color:#b42318'>{_escape(outcome.error or '')}</span>"
            )
        else:
            parts = [f"<b>{_escape(self._t('duplicate_hint'))}</b>"] if self._duplicate else []
            if article.warnings:
                lines = "<br>".join(f"• {_escape(w)}" for w in article.warnings)
                parts.append(f"<b>{self._t('warnings')}</b><br>{lines}")
            self.message.setText("<br>".join(parts))


def already_in_library(services: Any, article: Any) -> bool:
    """Whether the library already has an article with this title and this body.

    Importing the same file twice is the usual slip (a folder imported again
    after adding one file); the full-text search narrows the candidates to a
    few, then titles and bodies are compared ignoring spacing differences.
    A service without search (or a failing one) never blocks an import.
    """
    from editor.core.errors import FeuilletError

    title = _comparable(article.title)
    search = getattr(services, "search", None)
    texts = getattr(services, "article_texts", None)
    if not title or search is None or texts is None:
        return False
    try:
        ids = [row.id for row in search(article.title) if _comparable(row.title) == title]
        bodies = texts(ids) if ids else {}
    except FeuilletError:
        return False
    body = _comparable(article.body_markdown)
    return any(_comparable(fields.get("body") or "") == body for fields in bodies.values())


def _comparable(text: str) -> str:
    import unicodedata

    from editor.core.safety.text import clean_text

    return " ".join(unicodedata.normalize("NFC", clean_text(text or "").text).split())


def field_text(article: Any, key: str) -> str:
    """What the detail panel shows for ``key`` of an imported article."""
    if key == "tags":
        return ", ".join(article.tags)
    if key == "date":
        return article.date.isoformat() if article.date else ""
    if key == "images":
        return str(len(article.images))
    return str(getattr(article, key) or "")


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=False)
