"""Field names of each kind of row and the checks every write applies to them.

Shared by all use cases so that a field is cleaned the same way whether it comes
from the editor, an import or the command line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from editor.core.errors import ValidationError
from editor.core.models import STATUS_VALUES
from editor.core.safety.text import clean_text

TEXT_FIELDS = (
    "title",
    "kicker",
    "standfirst",
    "byline_name",
    "byline_role",
    "source",
    "credit",
    "body",
)
"""What a user writes in an article: what find and replace may change."""
CONTENT_FIELDS = (*TEXT_FIELDS, "tags")
"""What a revision brings back; the status is workflow, not content."""
ARTICLE_FIELDS = (*TEXT_FIELDS, "status", "tags", "article_date")
ISSUE_FIELDS = ("title", "label", "issue_date", "status", "introduction", "sign_off")
PUBLICATION_FIELDS = (
    "name",
    "base_url",
    "language",
    "logo_sha256",
    "primary_color",
    "accent_color",
    "footer_lines",
    "legal_lines",
    "theme",
)


@dataclass(frozen=True)
class SavedDraft:
    article_id: int
    version: int


def clean_fields(fields: dict[str, Any], allowed: tuple[str, ...], what: str) -> dict[str, Any]:
    """Checked, cleaned copy of ``fields``; raises ValidationError before any write."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationError(f"unknown {what} field(s): {', '.join(sorted(unknown))}")
    # Control characters and lone surrogates pasted from PDFs or the web carry no
    # meaning and break exports or the UTF-8 encoder: they never reach the file.
    cleaned = {
        key: clean_text(value).text if isinstance(value, str) else value
        for key, value in fields.items()
    }
    if "title" in cleaned or "name" in cleaned:
        key = "title" if "title" in cleaned else "name"
        value = str(cleaned[key] or "").strip()
        if not value:
            raise ValidationError(f"a {what} needs a {key}")
        cleaned[key] = value
    if "status" in cleaned and cleaned["status"] not in STATUS_VALUES:
        raise ValidationError(f"unknown status {cleaned['status']!r}")
    if "tags" in cleaned and not isinstance(cleaned["tags"], str):
        cleaned["tags"] = ", ".join(str(t).strip() for t in cleaned["tags"] if str(t).strip())
    for key in ("article_date", "issue_date"):
        if key in cleaned and isinstance(cleaned[key], str):
            try:
                cleaned[key] = date.fromisoformat(cleaned[key]) if cleaned[key] else None
            except ValueError:
                raise ValidationError(f"{cleaned[key]!r} is not a date (YYYY-MM-DD)") from None
    return cleaned
