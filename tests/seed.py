"""The real issue our users publish, kept beside the checkout in ``shared/seeds``.

Tests that read it call :func:`seed_text`, which skips (with the reason) on a
checkout that has no ``shared/`` folder beside it instead of failing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SEED_PATH = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "sample-issue-semaine-29.txt"


def seed_text() -> str:
    if not SEED_PATH.is_file():
        pytest.skip(
            "the sample issue shared/seeds/sample-issue-semaine-29.txt is not beside the checkout"
        )
    return SEED_PATH.read_text(encoding="utf-8")
