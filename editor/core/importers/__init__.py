"""Turning files and pasted rich text into Feuillet articles (pure Python, no Qt).

Public API::

    import_paths(paths, progress=None) -> list[ImportOutcome]
    import_file(path) -> ImportedArticle            # raises ImportFailure
    import_bytes(data, path) -> ImportedArticle     # raises ImportFailure
    paste_html_to_markdown(html) -> str
    clean_paste(html) -> PasteResult                # Markdown + inline pictures
    parse_article_markdown(text, path) / format_article_markdown(article)
    format_front_matter(fields)

Submodules are imported on first use of a name, so importing this package
costs nothing until an import actually happens.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from editor.core.importers.batch import import_bytes, import_file, import_paths
    from editor.core.importers.front_matter import (
        format_article_markdown,
        format_front_matter,
        parse_article_markdown,
    )
    from editor.core.importers.model import (
        ImportedArticle,
        ImportedImage,
        ImportFailure,
        ImportOutcome,
    )
    from editor.core.importers.paste import PasteResult, clean_paste, paste_html_to_markdown

_EXPORTS = {
    "import_paths": "batch",
    "import_file": "batch",
    "import_bytes": "batch",
    "format_article_markdown": "front_matter",
    "format_front_matter": "front_matter",
    "parse_article_markdown": "front_matter",
    "ImportedArticle": "model",
    "ImportedImage": "model",
    "ImportFailure": "model",
    "ImportOutcome": "model",
    "PasteResult": "paste",
    "clean_paste": "paste",
    "paste_html_to_markdown": "paste",
}
__all__ = [
    "ImportFailure",
    "ImportOutcome",
    "ImportedArticle",
    "ImportedImage",
    "PasteResult",
    "clean_paste",
    "format_article_markdown",
    "format_front_matter",
    "import_bytes",
    "import_file",
    "import_paths",
    "parse_article_markdown",
    "paste_html_to_markdown",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
