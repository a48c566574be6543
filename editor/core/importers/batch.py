"""Importing files and folders, one report line per file.

A batch never stops at the first bad file: each file is imported on its own
and the caller gets an :class:`ImportOutcome` for every one of them, to show
"12 imported, 2 failed" with the reasons.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from editor.core.importers.detect import FileKind, detect_kind
from editor.core.importers.model import ImportedArticle, ImportFailure, ImportOutcome

# Called as progress(done, total, path) before each file; total is known up front.
Progress = Callable[[int, int, Path], None]
IMPORTABLE_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".docx", ".odt", ".html", ".htm"})
MAX_FILE_BYTES = 200 * 1024 * 1024


def import_bytes(data: bytes, path: Path | str) -> ImportedArticle:
    """An article from the content of a file named ``path``; raises :class:`ImportFailure`."""
    path = Path(path)
    kind = detect_kind(data, path)
    if kind is FileKind.DOCX:
        from editor.core.importers.docx_import import import_docx

        return import_docx(data, path)
    if kind is FileKind.ODT:
        from editor.core.importers.odt_import import import_odt

        return import_odt(data, path)
    if kind is FileKind.HTML:
        from editor.core.importers.html_import import import_html

        return import_html(data, path)
    from editor.core.importers.markdown_import import import_markdown

    return import_markdown(data, path)


def import_file(path: Path | str) -> ImportedArticle:
    """An article from one file on disk; raises :class:`ImportFailure`."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFailure(path, None, "larger than 200 MB: not an article")
        data = path.read_bytes()
    except IsADirectoryError:
        raise ImportFailure(path, None, "a folder, not a file") from None
    except OSError as exc:
        raise ImportFailure(path, None, f"can't be read ({exc.strerror or exc})") from None
    return import_bytes(data, path)


def _is_candidate(path: Path) -> bool:
    name = path.name
    # Office lock files ("~$article.docx", ".~lock.article.odt#") and hidden files.
    if name.startswith(("~$", ".")):
        return False
    return path.suffix.lower() in IMPORTABLE_SUFFIXES


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files named directly, plus importable files found in folders (recursively, sorted)."""
    files: list[Path] = []
    for entry in map(Path, paths):
        if entry.is_dir():
            found = (p for p in entry.rglob("*") if p.is_file() and _is_candidate(p))
            files.extend(sorted(found, key=lambda p: str(p.relative_to(entry)).lower()))
        else:
            files.append(entry)
    return files


def import_paths(
    paths: Iterable[Path | str], progress: Progress | None = None
) -> list[ImportOutcome]:
    """Import files and folders; one outcome per file, failures included, never raises for a file."""
    files = expand_paths(paths)
    outcomes: list[ImportOutcome] = []
    for done, path in enumerate(files):
        if progress is not None:
            progress(done, len(files), path)
        try:
            outcomes.append(ImportOutcome(path=path, article=import_file(path)))
        except ImportFailure as exc:
            outcomes.append(ImportOutcome(path=path, error=str(exc)))
    if progress is not None and files:
        progress(len(files), len(files), files[-1])
    return outcomes
