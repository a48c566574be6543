"""The import dialog: read in the background, preview, import the good files in one go."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from editor.ui.import_dialog import ImportDialog, import_dropped_paths
from tests.core.importers.fixtures import build_docx, build_odt, png_bytes

OLE_HEADER = bytes.fromhex("D0CF11E0A1B11AE1")


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """A folder with a Word file (with a picture), an ODT, a broken and a protected file."""
    folder = tmp_path / "à importer"
    folder.mkdir()
    (folder / "01-mutualisation.docx").write_bytes(build_docx(image=png_bytes(40, 30)))
    (folder / "02-haut-debit.odt").write_bytes(build_odt())
    (folder / "03-casse.docx").write_bytes(b"PK\x03\x04 not really a zip" + bytes(64))
    (folder / "04-protege.docx").write_bytes(OLE_HEADER + bytes(512))
    (folder / "05-note.md").write_text("---\ntitle: Une note\n---\n\nTexte de la note.\n", "utf-8")
    (folder / "06-page.html").write_text(
        '<html><body><h1>Une page</h1><p>Texte.</p><img src="https://exemple.fr/a.png" alt="x">'
        "</body></html>",
        "utf-8",
    )
    (folder / "~$verrou.docx").write_bytes(b"lock")  # an Office lock file: skipped
    return folder


def read(qtbot: object, dialog: ImportDialog, paths: list[Path]) -> None:
    """Start reading and wait until every outcome has reached the list."""
    dialog.start(paths)
    assert dialog.wait(20_000)
    qtbot.waitUntil(lambda: dialog.cancel_button.isHidden(), timeout=5000)  # type: ignore[attr-defined]


def make_dialog(qtbot: object, services: object, issue_id: int | None = 1) -> ImportDialog:
    dialog = ImportDialog(services, None, None, issue_id)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    return dialog


def test_preview_lists_every_file_with_its_status(qtbot, library, files: Path) -> None:
    dialog = make_dialog(qtbot, library.services)
    read(qtbot, dialog, [files])
    assert dialog.statuses() == {
        "01-mutualisation.docx": "ok",
        "02-haut-debit.odt": "ok",
        "03-casse.docx": "failed",
        "04-protege.docx": "failed",
        "05-note.md": "ok",
        "06-page.html": "warning",  # the remote picture is dropped with a warning
    }

    dialog.select_file("01-mutualisation.docx")
    assert dialog.field_labels["title"].text() == "Projet d'administration mutualisé"
    assert dialog.field_labels["images"].text() == "1"
    assert "**participative**" in dialog.markdown.toPlainText()
    html = dialog.preview.toHtml()
    sha = dialog.outcomes()[0].article.images[0].sha256
    assert "participative" in html and f'src="asset:{sha}"' in html  # rendered, with its picture

    dialog.select_file("06-page.html")
    assert dialog.message.text().startswith("<b>Avertissements</b>")
    assert "remote" in dialog.message.text() or "distant" in dialog.message.text()

    dialog.select_file("04-protege.docx")
    assert "password-protected" in dialog.message.text()
    assert dialog.markdown.toPlainText() == "" and dialog.field_labels["title"].text() == ""
    assert dialog.import_button.text() == "Importer 4 article(s)"


def test_import_stores_only_the_good_files_in_one_go(qtbot, library, files: Path) -> None:
    services = library.services
    before = set(services.article_ids(1))
    dialog = make_dialog(qtbot, services)
    read(qtbot, dialog, [files])
    with qtbot.waitSignal(dialog.sig_imported) as signal:
        ids = dialog.commit()
    assert signal.args == [ids]
    assert len(ids) == 4
    assert set(services.article_ids(1)) == before | set(ids)
    titles = {services.get_article(i).title for i in ids}
    assert "Projet d'administration mutualisé" in titles and "Une note" in titles
    word = next(
        services.get_article(i) for i in ids if "mutualisé" in services.get_article(i).title
    )
    sha = word.body.split("asset:")[1][:64]
    assert services.asset_store().asset_info(sha) is not None  # the picture became an asset

    report = dialog.report_text()
    assert report.startswith("4 article(s) importé(s)")
    assert "06-page.html:" in report  # its warning is repeated in the report
    assert "03-casse.docx" in report and "04-protege.docx" in report
    assert dialog.pages.currentIndex() == 1 and not dialog.import_button.isEnabled()


def test_unchecked_files_and_the_draft_pool(qtbot, library, files: Path) -> None:
    services = library.services
    pool_before = set(services.article_ids("pool"))
    dialog = make_dialog(qtbot, services, issue_id=None)
    read(qtbot, dialog, [files / "01-mutualisation.docx", files / "05-note.md"])
    dialog.files.topLevelItem(0).setCheckState(0, Qt.CheckState.Unchecked)
    assert dialog.import_button.text() == "Importer 1 article(s)"
    ids = dialog.commit()
    assert set(services.article_ids("pool")) == pool_before | set(ids)
    assert [services.get_article(i).title for i in ids] == ["Une note"]
    assert "1 fichier(s) décoché(s)" in dialog.report_text()


def test_a_failing_store_imports_nothing(qtbot, library, files: Path, monkeypatch) -> None:
    from editor.core.errors import ValidationError

    services = library.services
    count = services.count_articles(None)
    dialog = make_dialog(qtbot, services)
    read(qtbot, dialog, [files])

    def refuse(*_args: object) -> list[int]:
        raise ValidationError("disque plein")

    monkeypatch.setattr(services, "create_articles_with_assets", refuse)
    assert dialog.commit() == []
    assert services.count_articles(None) == count
    assert "Rien n’a été importé : disque plein" in dialog.report_text()


def test_cancel_stops_between_files(qtbot, library, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(40):
        (folder / f"{n:02d}.docx").write_bytes(build_docx())
    dialog = make_dialog(qtbot, library.services)
    dialog.start([folder])
    qtbot.waitUntil(lambda: len(dialog.outcomes()) >= 1, timeout=20_000)
    dialog.cancel()
    assert dialog.wait(20_000)
    qtbot.waitUntil(lambda: dialog.cancel_button.isHidden(), timeout=5000)
    assert 1 <= len(dialog.outcomes()) < 40
    assert dialog.progress_label.text() == "Lecture annulée."


def test_dropped_paths_open_the_dialog_already_reading(qtbot, library, files: Path) -> None:
    dialog = import_dropped_paths(None, library.services, [files / "05-note.md"], 1)
    # Not given to qtbot: the dialog deletes itself on close, as in the window.
    assert dialog.isVisible()
    assert dialog.wait(20_000)
    qtbot.waitUntil(lambda: dialog.statuses() == {"05-note.md": "ok"}, timeout=5000)
    assert dialog.destination.currentData() == 1
    dialog.close()


def test_english_texts(qtbot, library) -> None:
    from editor.ui.i18n import Translator

    dialog = ImportDialog(library.services, Translator("en"))
    qtbot.addWidget(dialog)
    assert dialog.import_button.text() == "Import 0 article(s)"
    assert dialog.destination.itemText(0) == "Drafts (no issue)"


def test_files_dropped_on_the_tree_open_the_import(qtbot, library, files: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication, QTreeWidget

    from editor.ui.import_dialog import FileDropImporter
    from editor.ui.tree_nodes import ARTICLE_MIME

    tree = QTreeWidget()
    qtbot.addWidget(tree)
    tree.show()
    dropper = FileDropImporter.attach(tree, library.services, lambda _pos: 1)
    copy, move = Qt.DropAction.CopyAction, Qt.DropAction.MoveAction
    internal = QMimeData()
    internal.setData(ARTICLE_MIME, b"[3]")
    internal.setUrls([QUrl.fromLocalFile(str(files / "05-note.md"))])
    assert FileDropImporter.local_paths(internal) == []  # moving articles: left to the tree
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(files / "05-note.md"))])
    enter = QDragEnterEvent(QPoint(5, 5), copy | move, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(tree.viewport(), enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(5, 5), copy | move, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(tree.viewport(), drop)
    dialog = dropper.last_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.wait(20_000)
    qtbot.waitUntil(lambda: dialog.statuses() == {"05-note.md": "ok"}, timeout=5000)
    assert dialog.destination.currentData() == 1
    dialog.close()


# -- the preview: pictures, tables, field names, files already imported ------------------


def test_preview_shows_the_files_own_pictures_and_nothing_else(qtbot, library, files) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage, QTextDocument

    dialog = make_dialog(qtbot, library.services)
    read(qtbot, dialog, [files / "01-mutualisation.docx"])
    dialog.select_file("01-mutualisation.docx")
    sha = dialog.outcomes()[0].article.images[0].sha256
    kind = QTextDocument.ResourceType.ImageResource
    image = dialog.preview.loadResource(kind, QUrl(f"asset:{sha}"))
    assert isinstance(image, QImage) and (image.width(), image.height()) == (40, 30)
    assert dialog.preview.loadResource(kind, QUrl("asset:" + "0" * 64)) is None
    assert dialog.preview.loadResource(kind, QUrl("https://exemple.fr/a.png")) is None
    assert dialog.preview.loadResource(kind, QUrl.fromLocalFile(str(files / "x.png"))) is None


def test_preview_tables_have_borders(qtbot, library, tmp_path: Path) -> None:
    from PySide6.QtGui import QTextTable

    note = tmp_path / "tableau.md"
    note.write_text(
        "---\ntitle: Tarifs\n---\n\n| Salle | Prix |\n| --- | --- |\n| Conseil | 120 € |\n",
        "utf-8",
    )
    dialog = make_dialog(qtbot, library.services)
    read(qtbot, dialog, [note])
    dialog.select_file("tableau.md")
    (table,) = [f for f in dialog.preview.document().rootFrame().childFrames()
                if isinstance(f, QTextTable)]  # fmt: skip
    cell = table.cellAt(1, 0).format().toTableCellFormat()
    assert cell.leftBorder() >= 1 and cell.bottomBorder() >= 1
    assert table.format().borderCollapse()


def test_field_names_are_the_editors(qtbot, library) -> None:
    from editor.ui.i18n import Translator

    dialog = make_dialog(qtbot, library.services)
    labels = {key: dialog.detail._row_labels[key].text() for key in ("kicker", "byline", "role")}
    assert labels == {"kicker": "Rubrique", "byline": "Auteur", "role": "Fonction"}
    assert dialog.detail._row_labels["standfirst"].text() == "Chapeau"
    english = ImportDialog(library.services, Translator("en"))
    qtbot.addWidget(english)
    assert english.detail._row_labels["kicker"].text() == "Kicker"
    assert english.detail._row_labels["byline"].text() == "Byline"


def test_a_file_already_in_the_library_is_flagged_and_left_unchecked(qtbot, library, files) -> None:
    services = library.services
    first = make_dialog(qtbot, services)
    read(qtbot, first, [files / "05-note.md", files / "01-mutualisation.docx"])
    assert first.statuses() == {"05-note.md": "ok", "01-mutualisation.docx": "ok"}
    assert len(first.commit()) == 2

    again = make_dialog(qtbot, services)
    (files / "07-autre.md").write_text("---\ntitle: Une note\n---\n\nUn autre texte.\n", "utf-8")
    read(
        qtbot, again, [files / "05-note.md", files / "01-mutualisation.docx", files / "07-autre.md"]
    )
    assert again.statuses() == {
        "05-note.md": "duplicate",
        "01-mutualisation.docx": "duplicate",
        "07-autre.md": "ok",  # same title, other text: a different article
    }
    item = again.files.topLevelItem(0)
    assert item.text(1) == "Déjà dans la bibliothèque"
    assert item.checkState(0) == Qt.CheckState.Unchecked
    assert again.import_button.text() == "Importer 1 article(s)"
    again.select_file("05-note.md")
    assert "Déjà dans la bibliothèque" in again.message.text()
    item.setCheckState(0, Qt.CheckState.Checked)  # still importable on purpose
    count = services.count_articles(None)
    assert len(again.commit()) == 2
    assert services.count_articles(None) == count + 2
