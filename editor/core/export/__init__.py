"""Export of an issue: themes, pages, images, formats, and the pre-publish checker.

Public API (everything is importable from here; submodules load on first use
so that importing this package costs nothing):

- ``export_issue(issue, assets, fmt, out_path, *, force, progress, cancel,
  cache_dir, themes_dirs, theme) -> ExportResult``
- ``render_issue_page`` / ``render_article_page``: the exported layout, for the preview
- ``check_issue(issue, assets) -> list[Problem]``
- ``find_theme``, ``list_themes``, ``slugify``, ``ExportError``, ``ExportCancelled``
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "export_issue": "exporter",
    "ExportResult": "exporter",
    "FORMATS": "exporter",
    "render_issue_page": "pages",
    "render_article_page": "pages",
    "check_issue": "check",
    "Problem": "check",
    "find_theme": "themes",
    "list_themes": "themes",
    "Theme": "themes",
    "slugify": "slugs",
    "SlugAllocator": "slugs",
    "ExportError": "errors",
    "ExportCancelled": "errors",
    "ImageError": "errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
