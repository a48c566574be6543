"""Fixtures for the headless core tests: temporary libraries, with or without the sample."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from editor.core.library import Library, open_library


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "test.feuillet"


@pytest.fixture
def library(library_path: Path) -> Iterator[Library]:
    """A new library with the sample publication and issue."""
    lib = open_library(library_path)
    yield lib
    lib.close()


@pytest.fixture
def empty_library(library_path: Path) -> Iterator[Library]:
    """A new library with no content at all."""
    lib = open_library(library_path, with_sample=False)
    yield lib
    lib.close()
