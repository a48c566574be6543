"""What every command-line handler receives: output streams and the library.

Handlers raise :class:`CliError` for a failure the user can act on; the
dispatcher prints its one-line message on stderr and exits with status 1.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any


class CliError(Exception):
    """A failure to report as one clear line on stderr, exit status 1."""


@dataclass
class CliContext:
    """Lazily opens the library so that commands which do not need it stay fast."""

    library_path: Path
    open_library: Callable[[Path], Any]
    out: IO[str] = field(default_factory=lambda: sys.stdout)
    err: IO[str] = field(default_factory=lambda: sys.stderr)
    _library: Any = None

    def library(self) -> Any:
        """The opened :class:`editor.core.library.Library` (opened on first use)."""
        if self._library is None:
            self._library = self.open_library(self.library_path)
        return self._library

    def close(self) -> None:
        if self._library is not None:
            self._library.close()
            self._library = None

    def print(self, text: str = "") -> None:
        print(text, file=self.out)

    def print_json(self, data: Any) -> None:
        json.dump(data, self.out, ensure_ascii=False, indent=2, default=str)
        self.out.write("\n")
