"""PDF export through the real web engine (offscreen), and the publish command.

The PDF is read back with QtPdf (no extra dependency): it must hold the
issue's text, number its pages ("1 / N" from the theme's @page rule) and
keep the same page count from one export to the next.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from editor.cli import main


def run(capsys: pytest.CaptureFixture[str], library_path: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--library", str(library_path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def pdf_pages(path: Path) -> list[str]:
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    pages = [document.getAllText(i).text() for i in range(document.pageCount())]
    document.close()
    return pages


@pytest.fixture
def cli_library(library_path: Path, qapp: object) -> Path:
    """The sample library's file, with a QApplication."""
    from editor.core.library import open_library

    open_library(library_path).close()
    return library_path


def test_cli_exports_a_numbered_pdf_with_the_issue_text(
    capsys: pytest.CaptureFixture[str], cli_library: Path, tmp_path: Path
) -> None:
    out = tmp_path / "semaine-29.pdf"
    code, stdout, err = run(
        capsys, cli_library, "export", "1", "--format", "pdf", "--out", str(out)
    )
    assert code == 0, err
    assert f"pdf: {out}" in stdout
    assert out.read_bytes().startswith(b"%PDF-")
    pages = pdf_pages(out)
    assert len(pages) >= 2
    text = " ".join(" ".join(pages).split())
    for expected in (
        "Semaine 29",
        "Un projet d’administration écrit avec les agents",
        "L’accès au haut débit, une priorité",
        "Nous nous retrouverons le 21 août prochain",
    ):
        assert expected in text
    # page numbers come from the theme's @page margin box
    for number, page in enumerate(pages, start=1):
        assert f"{number} / {len(pages)}" in page
    # atomic and refused without --force; the page count is stable
    code, _, err = run(capsys, cli_library, "export", "1", "--format", "pdf", "--out", str(out))
    assert code == 1 and "already exists" in err
    code, _, err = run(
        capsys, cli_library, "export", "1", "--format", "pdf", "--out", str(out), "--force"
    )
    assert code == 0, err
    assert len(pdf_pages(out)) == len(pages)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_cli_publish_refuses_on_errors_then_publishes(
    capsys: pytest.CaptureFixture[str], cli_library: Path, tmp_path: Path
) -> None:
    from editor.core.library import open_library

    with open_library(cli_library) as library:
        empty = library.services.create_article(1, "Brouillon vide", body="")
    out = tmp_path / "n29.pdf"
    code, stdout, err = run(
        capsys, cli_library, "publish", "1", "--format", "pdf", "--out", str(out)
    )
    assert code == 1 and stdout == ""
    lines = err.strip().splitlines()
    assert lines[0].startswith(f"feuillet: error: article-empty [article {empty}]:")
    assert "Publication refusée : 1 erreur(s)" in lines[-1]
    assert not out.exists()
    with open_library(cli_library) as library:
        assert library.services.get_issue(1).status == "review"
        library.services.delete_article(empty)

    code, stdout, err = run(
        capsys, cli_library, "publish", "1", "--format", "pdf", "--out", str(out)
    )
    assert code == 0, err
    assert stdout.strip() == str(out)
    assert len(pdf_pages(out)) >= 2
    with open_library(cli_library) as library:
        assert library.services.get_issue(1).status == "published"
        reasons = [r.reason for r in library.services.list_revisions(1)]
        assert reasons.count("publish") == 1


def test_pdf_job_times_out_with_a_clear_message(
    qtbot: object, library: object, tmp_path: Path
) -> None:
    from editor.ui.pdf_export import PdfExportJob

    services = library.services  # type: ignore[attr-defined]
    job = PdfExportJob(
        services.issue_document(1), services.asset_store(), tmp_path / "t.pdf", timeout_s=0.001
    )
    with qtbot.waitSignal(job.sig_failed, timeout=20_000) as failed:  # type: ignore[attr-defined]
        job.start()
    assert "did not load the issue page" in failed.args[0]
    assert not (tmp_path / "t.pdf").exists()
    job.wait()


def test_pdf_job_cancel_writes_nothing(qtbot: object, library: object, tmp_path: Path) -> None:
    from editor.ui.pdf_export import PdfExportJob

    services = library.services  # type: ignore[attr-defined]
    stop = threading.Event()
    stop.set()
    job = PdfExportJob(
        services.issue_document(1), services.asset_store(), tmp_path / "c.pdf", cancel=stop
    )
    with qtbot.waitSignal(job.sig_cancelled, timeout=20_000):  # type: ignore[attr-defined]
        job.start()
    job.wait()
    assert not (tmp_path / "c.pdf").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".c.pdf")] == []


def test_print_page_may_read_only_its_folder_and_data(tmp_path: Path, qapp: object) -> None:
    from PySide6.QtCore import QUrl

    from editor.ui.pdf_export import FolderInterceptor

    folder = tmp_path / "src"
    folder.mkdir()
    interceptor = FolderInterceptor(folder)
    assert interceptor.allows(QUrl.fromLocalFile(str(folder / "issue.html")))
    assert interceptor.allows(QUrl("data:image/png;base64,AAAA"))
    for refused in (
        "https://example.org/pixel.gif",
        "http://127.0.0.1/",
        QUrl.fromLocalFile("/etc/passwd").toString(),
        QUrl.fromLocalFile(str(folder / ".." / "secret.txt")).toString(),
        "file://server/share/x.png",
        "feuillet-asset://asset/abc",
    ):
        assert not interceptor.allows(QUrl(refused)), refused
