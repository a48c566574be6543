"""Batch import of files and folders: one outcome per file, progress reported, failures kept."""

from __future__ import annotations

from pathlib import Path

from editor.core.importers import import_paths
from editor.core.importers.batch import import_file
from tests.core.importers.fixtures import build_docx, build_odt


def test_folder_import_reports_each_file(tmp_path: Path) -> None:
    folder = tmp_path / "semaine-29"
    (folder / "sous-dossier").mkdir(parents=True)
    (folder / "a-article.md").write_text("---\ntitle: Haut débit\n---\nTexte\n", "utf-8")
    (folder / "b-word.docx").write_bytes(build_docx())
    (folder / "sous-dossier" / "c-libre.odt").write_bytes(build_odt())
    (folder / "d-casse.md").write_bytes(b"---\nauteur: x\n---\n")
    (folder / "e-page.html").write_text("<h1>Page</h1><p>Texte</p>", "utf-8")
    (folder / "~$b-word.docx").write_bytes(b"lock")
    (folder / ".cache.md").write_text("hidden", "utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG")
    calls: list[tuple[int, int, str]] = []

    outcomes = import_paths(
        [folder], progress=lambda done, total, path: calls.append((done, total, path.name))
    )

    names = [outcome.path.name for outcome in outcomes]
    assert names == ["a-article.md", "b-word.docx", "d-casse.md", "e-page.html", "c-libre.odt"]
    assert [outcome.ok for outcome in outcomes] == [True, True, False, True, True]
    failed = outcomes[2]
    assert failed.article is None and failed.error.endswith(
        "d-casse.md:2: unknown key 'auteur' (known keys: "
        "title, kicker, standfirst, byline, role, source, credit, tags, date)"
    )
    assert outcomes[1].article.title == "Projet d'administration mutualisé"
    assert outcomes[3].article.title == "Page"
    assert calls[0] == (0, 5, "a-article.md") and calls[-1] == (5, 5, "c-libre.odt")


def test_explicit_files_are_imported_whatever_their_name(tmp_path: Path) -> None:
    odd = tmp_path / "article.sans-extension"
    odd.write_text("# Titre\n\nCorps\n", "utf-8")
    binary = tmp_path / "programme.md"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00")
    missing = tmp_path / "absent.md"
    outcomes = import_paths([odd, binary, missing, tmp_path / "vide"])
    assert outcomes[0].ok and outcomes[0].article.title == "Titre"
    assert "not a text/Markdown file: it is a program" in outcomes[1].error
    assert outcomes[2].error.startswith(f"{missing}: can't be read")
    assert not outcomes[3].ok
    assert import_paths([]) == []


def test_import_file_outcome_is_the_same_as_batch(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\ntags: a, b\n---\nCorps\n", "utf-8")
    article = import_file(path)
    assert (article.title, article.tags, article.body_markdown) == ("T", ("a", "b"), "Corps\n")
