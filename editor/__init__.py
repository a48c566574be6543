"""Feuillet: a desktop editorial application for recurring newsletters and blogs."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "Feuillet"
