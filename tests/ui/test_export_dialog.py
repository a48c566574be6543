"""The Export… / Publish… dialog: formats, a real export off the GUI thread,
progress, cancel, errors in plain words, and publishing gated by the checks."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from editor.ui.export_dialog import ExportDialog

TIMEOUT = 20_000


@pytest.fixture
def issue_id(library: Any) -> int:
    return library.services.list_issues()[0].id


@pytest.fixture
def make_dialog(qtbot: Any, library: Any, translator: Any, tmp_path: Path, issue_id: int):  # type: ignore[no-untyped-def]
    dialogs: list[ExportDialog] = []

    def make(publish: bool = False, settings: Any = None) -> ExportDialog:
        dialog = ExportDialog(
            library,
            issue_id,
            publish=publish,
            settings=settings,
            translator=translator,
            themes_dirs=(),
            cache_dir=tmp_path / "cache",
        )
        qtbot.addWidget(dialog)
        dialog.opened: list[str] = []  # type: ignore[attr-defined]
        dialog.open_url = lambda url: dialog.opened.append(url.toLocalFile())  # type: ignore[attr-defined]
        dialog.show()
        dialogs.append(dialog)
        return dialog

    yield make
    for dialog in dialogs:
        dialog.shutdown()


def test_formats_explain_themselves_and_name_the_file(make_dialog: Any, tmp_path: Path) -> None:
    dialog = make_dialog()
    assert dialog.format() == "bundle"
    assert "page par article" in dialog.format_help.text()
    dialog.set_destination(tmp_path / "whatever")
    dialog.set_format("zip")
    assert dialog.destination_path() == tmp_path / "semaine-29.zip"
    dialog.set_format("email")
    assert dialog.destination_path().name == "semaine-29-email.html"
    assert [dialog.theme_combo.itemData(i) for i in range(dialog.theme_combo.count())] == [
        None,
        "email",
    ]
    dialog.set_format("pdf")
    assert dialog.destination_path().name == "semaine-29.pdf"
    assert "newsletter" in [
        dialog.theme_combo.itemData(i) for i in range(dialog.theme_combo.count())
    ]
    assert dialog.format_combo.count() == 6


def test_bundle_export_runs_off_the_gui_thread_with_progress(
    qtbot: Any, make_dialog: Any, library: Any, issue_id: int, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    dialog = make_dialog(settings=settings)
    out = tmp_path / "site" / "semaine-29"
    dialog.set_format("bundle")
    dialog.set_destination(out)
    steps: list[tuple[int, int, str]] = []
    dialog_thread = threading.get_ident()
    seen_threads: set[int] = set()
    original = library.services.issue_document

    def spying(issue: int) -> Any:
        seen_threads.add(threading.get_ident())
        return original(issue)

    library.services.issue_document = spying
    try:
        with qtbot.waitSignal(dialog.sig_exported, timeout=TIMEOUT) as exported:
            dialog.run_button.click()
            assert dialog.is_running() and dialog.progress.isVisible()
            # the worker's signals are queued: connecting now misses none of them
            dialog._job.sig_progress.connect(lambda *step: steps.append(step))  # noqa: SLF001
    finally:
        del library.services.issue_document
    result = exported.args[0]
    assert result.path == out and (out / "index.html").is_file()
    assert seen_threads and dialog_thread not in seen_threads  # read on the worker thread
    assert steps and steps[-1][0] == steps[-1][1]
    assert str(out) in dialog.result_label.text() and dialog.result_label.isVisible()
    assert "fichier(s)" in dialog.result_label.text()
    assert not dialog.is_running() and dialog.run_button.isEnabled()
    dialog.open_button.click()
    assert dialog.opened == [str(out)]
    assert settings.value("export/last_folder") == str(out.parent)
    reasons = [r.reason for r in library.services.list_revisions(1)]
    assert reasons.count("export") == 1
    assert library.services.get_issue(issue_id).status == "review"


def test_existing_destination_needs_the_overwrite_box(make_dialog: Any, tmp_path: Path) -> None:
    dialog = make_dialog()
    target = tmp_path / "issue.html"
    target.write_text("previous", encoding="utf-8")
    dialog.set_format("single")
    dialog.set_destination(target)
    assert dialog.start() is False
    assert dialog.error_label.isVisible() and "Remplacer un export existant" in dialog.last_error
    assert target.read_text(encoding="utf-8") == "previous"


def test_cancel_leaves_nothing(
    qtbot: Any, make_dialog: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import editor.core.publishing as publishing

    real = publishing.export_with_revisions

    def waits_for_cancel(*args: Any, cancel: threading.Event, **kwargs: Any) -> Any:
        cancel.wait(10)  # hold the export until the user presses Cancel
        return real(*args, cancel=cancel, **kwargs)

    monkeypatch.setattr(publishing, "export_with_revisions", waits_for_cancel)
    dialog = make_dialog()
    out = tmp_path / "cancelled"
    dialog.set_destination(out)
    assert dialog.start()
    assert dialog.cancel_button.isEnabled() and not dialog.close_button.isEnabled()
    with qtbot.waitSignal(dialog._job.sig_cancelled, timeout=TIMEOUT):  # noqa: SLF001
        dialog.cancel_button.click()
    assert "Annulé" in dialog.status.text()
    assert not out.exists()
    assert not dialog.is_running() and dialog.run_button.isEnabled()


def test_errors_are_shown_in_plain_words(
    qtbot: Any, make_dialog: Any, library: Any, tmp_path: Path
) -> None:
    publication = library.services.list_publications()[0].id
    library.services.update_publication(publication, base_url="")
    dialog = make_dialog()
    dialog.set_format("email")
    dialog.set_destination(tmp_path / "lettre.html")
    assert dialog.start()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=TIMEOUT)
    assert dialog.error_label.isVisible()
    assert dialog.last_error.startswith("L’export n’a pas pu se faire :")
    assert "base URL" in dialog.last_error
    assert not (tmp_path / "lettre.html").exists()


def test_publish_is_gated_by_the_checks(
    qtbot: Any, make_dialog: Any, library: Any, issue_id: int, tmp_path: Path
) -> None:
    services = library.services
    empty = services.create_article(issue_id, "Brouillon vide", body="")
    dialog = make_dialog(publish=True)
    qtbot.waitUntil(lambda: not dialog.check_panel.is_checking(), timeout=TIMEOUT)
    assert dialog.check_panel.error_count() == 1
    assert not dialog.run_button.isEnabled()
    assert dialog.start() is False

    services.delete_article(empty)
    article = services.article_ids(issue_id)[0]
    body = services.get_article(article).body
    services.save_draft(article, {"body": body + "\n\n[cliquez ici](https://example.org)"})
    with qtbot.waitSignal(dialog.check_panel.sig_checked, timeout=TIMEOUT):
        dialog.check_panel.recheck_button.click()
    assert dialog.run_button.isEnabled() and dialog.run_button.text() == "Publier quand même"

    dialog.set_format("pdf")
    dialog.set_destination(tmp_path / "n29.pdf")
    with qtbot.waitSignal(dialog.sig_published, timeout=TIMEOUT) as published:
        dialog.run_button.click()
    assert published.args == [issue_id]
    assert (tmp_path / "n29.pdf").read_bytes().startswith(b"%PDF-")
    assert services.get_issue(issue_id).status == "published"
    assert [r.reason for r in services.list_revisions(article)].count("publish") == 1
    assert "cliquez ici" in dialog.result_label.text()  # the warning is reported
