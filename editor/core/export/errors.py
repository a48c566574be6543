"""Errors raised by the exporters, each with a message a user can act on.

The window and the CLI show ``str(error)`` as is, so every message names the
thing that went wrong (an image, a path, a setting) and, when there is one, the
way out.
"""

from __future__ import annotations


class ExportError(Exception):
    """An export could not be made; the previous export, if any, is untouched."""


class ExportCancelled(ExportError):
    """The user cancelled the export; nothing was written at the target."""

    def __init__(self, message: str = "The export was cancelled.") -> None:
        super().__init__(message)


class ImageError(ExportError):
    """An image of the issue is unreadable, truncated, too large or of a refused type."""
