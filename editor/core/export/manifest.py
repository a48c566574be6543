"""manifest.json: every file of a bundle with its SHA-256 and size, plus the issue.

It lets an upload script skip unchanged files and lets anyone check that a
published bundle is complete. No time stamp: the same issue gives the same
manifest.
"""

from __future__ import annotations

import hashlib
import json

from editor import APP_NAME, __version__
from editor.core.export.pages import IssueContent

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = "feuillet-bundle/1"


def build_manifest(
    content: IssueContent, files: dict[str, bytes], *, online_url: str = ""
) -> bytes:
    issue = content.issue
    publication = issue.publication
    data = {
        "format": MANIFEST_FORMAT,
        "generator": {"name": APP_NAME, "version": __version__},
        "issue": {
            "id": issue.id,
            "title": content.title_text,
            "label": issue.label,
            "date": issue.date.isoformat() if issue.date else None,
            "status": issue.status,
            "slug": content.slug,
            "url": online_url or None,
            "publication": {
                "id": publication.id,
                "name": publication.name,
                "language": publication.language,
                "base_url": publication.base_url or None,
            },
            "articles": [
                {
                    "id": a.id,
                    "title": a.title_text,
                    "slug": a.slug,
                    "path": f"articles/{a.slug}.html",
                }
                for a in content.articles
            ],
        },
        "files": [
            {"path": path, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            for path, data in sorted(files.items())
            if path != MANIFEST_NAME
        ],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
