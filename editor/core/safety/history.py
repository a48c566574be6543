"""Article history: when to record a revision, and readable word-level diffs.

``RevisionPolicy`` keeps history useful rather than huge: the window calls
``before_save`` before each autosave and a revision of the state about to be
replaced is recorded at most once per five minutes of editing (the first one
of a session keeps the text as it was before today's changes);
``checkpoint`` always records one, for publishing, exporting and restoring.

The diff works in two passes so that it stays fast on 20k-word articles:
paragraphs (lines) first, then words inside the paragraphs that changed.
"""

from __future__ import annotations

import difflib
import hashlib
import html
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from editor.core.fields import CONTENT_FIELDS

TEXT_FIELDS = CONTENT_FIELDS
# Status is workflow, not text: restoring an old version must not unpublish.
RESTORABLE_FIELDS = (*TEXT_FIELDS, "article_date")
FIELD_LABELS = {
    "title": "Titre",
    "kicker": "Rubrique",
    "standfirst": "Chapeau",
    "byline_name": "Signature",
    "byline_role": "Fonction",
    "source": "Source",
    "credit": "Crédit",
    "body": "Texte",
    "tags": "Mots-clés",
    "article_date": "Date",
}
REVISION_INTERVAL = 300.0  # seconds of editing between two automatic revisions
_TOKEN_RE = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)
_MAX_WORD_DIFF_TOKENS = 20_000  # above this, a changed block is shown as replaced whole


def _text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def article_fields(article: Any) -> dict[str, str]:
    """An article's restorable fields as text."""
    return {name: _text(getattr(article, name, "")) for name in RESTORABLE_FIELDS}


def revision_fields(revision: Any) -> dict[str, str]:
    """A revision's fields as text (title, standfirst, body + its fields_json)."""
    try:
        extra = json.loads(revision.fields_json or "{}")
    except ValueError:
        extra = {}
    fields = {name: _text(extra.get(name, "")) for name in RESTORABLE_FIELDS}
    fields.update(
        title=_text(revision.title),
        standfirst=_text(revision.standfirst),
        body=_text(revision.body),
    )
    return fields


def fields_for_restore(revision: Any) -> dict[str, Any]:
    """Fields ready for ``services.save_draft`` (dates as ISO text or None)."""
    fields: dict[str, Any] = revision_fields(revision)
    fields["article_date"] = fields["article_date"] or None
    return fields


def content_hash(fields: dict[str, Any]) -> str:
    data = json.dumps({k: _text(fields.get(k)) for k in RESTORABLE_FIELDS}, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()


# -- diffs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Chunk:
    op: str  # "equal", "insert" or "delete"
    text: str


@dataclass(frozen=True)
class FieldDiff:
    name: str
    label: str
    chunks: list[Chunk]

    @property
    def changed(self) -> bool:
        return any(chunk.op != "equal" for chunk in self.chunks)


def _merge(chunks: list[Chunk]) -> list[Chunk]:
    merged: list[Chunk] = []
    for chunk in chunks:
        if not chunk.text:
            continue
        if merged and merged[-1].op == chunk.op:
            merged[-1] = Chunk(chunk.op, merged[-1].text + chunk.text)
        else:
            merged.append(chunk)
    return merged


def _word_level(old: str, new: str) -> list[Chunk]:
    a, b = _TOKEN_RE.findall(old), _TOKEN_RE.findall(new)
    if len(a) + len(b) > _MAX_WORD_DIFF_TOKENS:
        return [Chunk("delete", old), Chunk("insert", new)]
    chunks: list[Chunk] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            chunks.append(Chunk("equal", "".join(a[i1:i2])))
            continue
        # delete before insert: "old words, then new words" reads naturally
        chunks.append(Chunk("delete", "".join(a[i1:i2])))
        chunks.append(Chunk("insert", "".join(b[j1:j2])))
    return chunks


def word_diff(old: str, new: str) -> list[Chunk]:
    """How ``old`` became ``new``, as equal/delete/insert runs of whole words.

    Concatenating the equal+delete chunks gives ``old``, equal+insert ``new``.
    """
    old, new = old or "", new or ""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    chunks: list[Chunk] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old_block, new_block = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            chunks.append(Chunk("equal", old_block))
        elif tag == "replace":
            chunks.extend(_word_level(old_block, new_block))
        else:
            chunks.append(Chunk("delete", old_block))
            chunks.append(Chunk("insert", new_block))
    return _merge(chunks)


def diff_fields(old: dict[str, Any], new: dict[str, Any]) -> list[FieldDiff]:
    """Field by field, how ``old`` became ``new`` (all restorable fields)."""
    return [
        FieldDiff(name, FIELD_LABELS[name], word_diff(_text(old.get(name)), _text(new.get(name))))
        for name in RESTORABLE_FIELDS
    ]


def diff_stats(chunks: list[Chunk]) -> tuple[int, int]:
    """(words added, words removed)."""
    added = sum(len(re.findall(r"\w+", c.text)) for c in chunks if c.op == "insert")
    removed = sum(len(re.findall(r"\w+", c.text)) for c in chunks if c.op == "delete")
    return added, removed


# Colour plus a second cue (strike-through, underline) for colour-blind readers.
_STYLES = {
    "insert": "background-color:#d7f5d7; color:#0b5d1e; text-decoration:underline;",
    "delete": "background-color:#fbd9d9; color:#8a1010; text-decoration:line-through;",
}


def chunks_html(chunks: list[Chunk]) -> str:
    parts = []
    for chunk in chunks:
        text = html.escape(chunk.text).replace("\n", "<br>")
        style = _STYLES.get(chunk.op)
        parts.append(f'<span style="{style}">{text}</span>' if style else text)
    return "".join(parts)


def diff_html(diffs: list[FieldDiff], *, only_changed: bool = False) -> str:
    """An HTML fragment (Qt rich-text subset) showing each field's changes."""
    sections = []
    for diff in diffs:
        if only_changed and not diff.changed:
            continue
        if not diff.changed and not "".join(c.text for c in diff.chunks).strip():
            continue  # an empty field on both sides says nothing
        sections.append(
            f"<h4>{html.escape(diff.label)}</h4>"
            f'<p style="white-space:pre-wrap;">{chunks_html(diff.chunks)}</p>'
        )
    return "\n".join(sections) or "<p>—</p>"


# -- when to record ------------------------------------------------------------------


class RevisionPolicy:
    """Decides when the window records a revision (see the module docstring)."""

    def __init__(
        self,
        services: Any,
        *,
        interval: float = REVISION_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._services = services
        self.interval = interval
        self._clock = clock
        self._last_time: dict[int, float] = {}
        self._last_hash: dict[int, str] = {}

    def _latest_hash(self, article_id: int) -> str | None:
        if article_id not in self._last_hash:
            latest = self._services.latest_revision(article_id)
            if latest is not None:
                self._last_hash[article_id] = content_hash(revision_fields(latest))
        return self._last_hash.get(article_id)

    def before_save(self, article_id: int) -> int | None:
        """Call before each save of an article; returns the revision id when one
        was recorded (the saved state the save is about to replace)."""
        now = self._clock()
        last = self._last_time.get(article_id)
        if last is not None and now - last < self.interval:
            return None
        self._last_time[article_id] = now
        current = content_hash(article_fields(self._services.get_article(article_id)))
        if current == self._latest_hash(article_id):
            return None  # already in the history, no duplicate
        revision_id = self._services.record_revision(article_id, "autosave")
        self._last_hash[article_id] = current
        return int(revision_id)

    def checkpoint(self, article_id: int, reason: str) -> int:
        """Always record a revision of the saved state (publish, export, restore)."""
        revision_id = self._services.record_revision(article_id, reason)
        self._last_time[article_id] = self._clock()
        self._last_hash[article_id] = content_hash(
            article_fields(self._services.get_article(article_id))
        )
        return int(revision_id)
