"""What an importer hands back: an article ready for the library, or a failure.

The importers never touch the library: they return plain dataclasses, and the
storage layer stores each ``ImportedImage`` under its sha256 (already written in
the body as ``asset:<sha256>``) and the article fields in one transaction.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from editor.core.errors import FeuilletError


@dataclass(frozen=True)
class ImportedImage:
    """One verified picture, referenced from the body as ``asset:<sha256>``."""

    data: bytes
    media_type: str
    original_name: str = ""
    alt_text: str = ""

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def asset_ref(self) -> str:
        return f"asset:{self.sha256}"


@dataclass
class ImportedArticle:
    """An article read from a file, with its body as Feuillet Markdown."""

    title: str = ""
    kicker: str = ""
    standfirst: str = ""
    byline: str = ""
    role: str = ""
    source: str = ""
    credit: str = ""
    tags: tuple[str, ...] = ()
    date: date | None = None
    body_markdown: str = ""
    images: list[ImportedImage] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class ImportFailure(FeuilletError):
    """A file that cannot be imported; nothing of it reaches the library.

    ``str()`` reads like a compiler message, ``file.md:12: unknown key "auteur"``,
    so that the command line and the import report show where to look.
    """

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"

    def __reduce__(self) -> tuple[object, ...]:
        # Keeps the exception picklable for imports run in a worker process.
        return (type(self), (self.path, self.line, self.message))


@dataclass(frozen=True)
class ImportOutcome:
    """The report line of one file in a batch import."""

    path: Path
    article: ImportedArticle | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.article is not None
