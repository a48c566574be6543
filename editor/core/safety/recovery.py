"""The recovery journal: unsaved editor text, kept between autosaves.

The window records an article's fields here on every change (debounced, about
300 ms) and clears the entry once a save of that text is acknowledged. If the
program dies in between, the next start finds the entry, compares it with the
saved article and offers the text back. One small JSON file per article in
``<library>.recovery/``, each written atomically (temp file, fsync, rename), so
a kill during a write leaves the previous entry, never a torn one.

Discarding moves an entry to ``discarded/`` (kept for a while) instead of
deleting it: a wrong click must not be the one way to lose a paragraph.
"""

from __future__ import annotations

import json
import os
import re
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from editor.core.errors import NotFound
from editor.core.safety.atomic import atomic_write_text, remove_stale_temp_files

JOURNAL_FORMAT = 1
KEEP_DISCARDED = timedelta(days=30)
_ENTRY_RE = re.compile(r"^article-(\d+)\.json$")


def journal_folder(library_path: Path) -> Path:
    library_path = Path(library_path)
    return library_path.with_name(library_path.name + ".recovery")


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def fields_differ(saved: dict[str, Any], unsaved: dict[str, Any]) -> bool:
    """Whether ``unsaved`` holds any text that ``saved`` does not."""
    for key, value in unsaved.items():
        mine, theirs = _as_text(value), _as_text(saved.get(key))
        if key == "title":  # services strip titles on save
            mine, theirs = mine.strip(), theirs.strip()
        if mine != theirs:
            return True
    return False


@dataclass(frozen=True)
class Recovery:
    """Unsaved text found at start-up, different from what the library holds."""

    article_id: int
    fields: dict[str, Any]
    base_version: int  # the article version the text was typed over
    recorded: datetime
    title: str  # the saved title (or the unsaved one for a deleted article)
    saved_version: int | None  # None when the article no longer exists
    path: Path

    @property
    def article_exists(self) -> bool:
        return self.saved_version is not None

    @property
    def conflicts(self) -> bool:
        """Someone saved the article after this text was typed over it."""
        return self.saved_version is not None and self.saved_version != self.base_version


class RecoveryJournal:
    """One library's journal of unsaved text (see the module docstring)."""

    def __init__(self, library_path: Path, *, durable: bool = True) -> None:
        self.library_path = Path(library_path)
        self.folder = journal_folder(self.library_path)
        self._durable = durable

    def entry_path(self, article_id: int) -> Path:
        return self.folder / f"article-{int(article_id)}.json"

    def record(self, article_id: int, fields: dict[str, Any], base_version: int) -> Path:
        """Keep ``fields`` (the editor's current text) until ``clear``; raises OSError."""
        payload = {
            "format": JOURNAL_FORMAT,
            "article_id": int(article_id),
            "base_version": int(base_version),
            "recorded": datetime.now().isoformat(timespec="seconds"),
            "fields": {
                key: _as_text(value) if isinstance(value, (date, datetime)) else value
                for key, value in fields.items()
            },
        }
        # ensure_ascii keeps even lone surrogates (pasted garbage) exactly.
        path = self.entry_path(article_id)
        atomic_write_text(path, json.dumps(payload, ensure_ascii=True), durable=self._durable)
        return path

    def read(self, article_id: int) -> dict[str, Any] | None:
        path = self.entry_path(article_id)
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None

    def clear(self, article_id: int, fields: dict[str, Any] | None = None) -> bool:
        """Forget the entry once its text is saved. With ``fields`` (the text that was
        saved), the entry is kept when it already holds newer typing."""
        path = self.entry_path(article_id)
        if fields is not None:
            try:
                entry = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return False
            if fields_differ(fields, entry.get("fields", {})):
                return False
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        return True

    def discard(self, article_id: int) -> Path | None:
        """Set the entry aside in ``discarded/`` (pruned after 30 days)."""
        path = self.entry_path(article_id)
        if not path.exists():
            return None
        target_dir = self.folder / "discarded"
        target_dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = target_dir / f"article-{int(article_id)}-{stamp}.json"
        os.replace(path, target)
        self._prune_discarded(target_dir)
        return target

    def _prune_discarded(self, folder: Path) -> None:
        limit = datetime.now() - KEEP_DISCARDED
        for old in folder.glob("*.json"):
            with suppress(OSError):
                if datetime.fromtimestamp(old.stat().st_mtime) < limit:
                    old.unlink()

    def entries(self) -> list[tuple[int, Path]]:
        if not self.folder.is_dir():
            return []
        found = []
        for path in self.folder.iterdir():
            match = _ENTRY_RE.match(path.name)
            if match:
                found.append((int(match[1]), path))
        return sorted(found)

    def pending(self, services: Any) -> list[Recovery]:
        """Entries whose text differs from the saved article, oldest article first.

        Entries identical to the saved article are removed on the way: the save
        happened, only its acknowledgement was lost.
        """
        remove_stale_temp_files(self.folder)
        found: list[Recovery] = []
        for article_id, path in self.entries():
            try:
                entry = json.loads(path.read_text(encoding="utf-8"))
                fields = dict(entry["fields"])
                base_version = int(entry.get("base_version", 0))
                recorded = datetime.fromisoformat(entry.get("recorded", "1970-01-01T00:00:00"))
            except (OSError, ValueError, KeyError, TypeError):
                continue  # unreadable: left in place for a human, never deleted
            try:
                article = services.get_article(article_id)
            except NotFound:
                found.append(
                    Recovery(
                        article_id,
                        fields,
                        base_version,
                        recorded,
                        str(fields.get("title", "")),
                        None,
                        path,
                    )
                )
                continue
            saved = {key: getattr(article, key, None) for key in fields}
            if not fields_differ(saved, fields):
                with suppress(OSError):
                    path.unlink()
                continue
            found.append(
                Recovery(
                    article_id,
                    fields,
                    base_version,
                    recorded,
                    article.title,
                    int(article.version),
                    path,
                )
            )
        return found
