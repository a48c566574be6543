"""Theme lookup and the sandboxed Jinja2 environment that renders them.

A theme is a folder ``<name>/`` holding ``theme.json`` (name, kind web|email,
description, stylesheet), Jinja2 templates and CSS. Built-in themes live in
``resources/themes``; users copy one into their own themes folder, edit it and
pick it by folder name. User folders are searched first so that a copied theme
may keep the built-in name and replace it.

Users edit these templates, so they run in Jinja2's immutable sandbox with
autoescape on and StrictUndefined (a typo fails loudly instead of printing
nothing).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from editor.core.export.errors import ExportError
from editor.core.export.paths import safe_join

THEME_KINDS = ("web", "email")
_THEME_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


@dataclass(frozen=True)
class Theme:
    """One theme folder and what its ``theme.json`` says about it."""

    name: str
    kind: str
    description: str
    path: Path
    stylesheet: str = "style.css"

    def stylesheet_text(self) -> str:
        """The theme's CSS, read from inside its folder only."""
        try:
            return safe_join(self.path, self.stylesheet).read_text(encoding="utf-8")
        except OSError as exc:
            raise ExportError(
                f"Theme {self.path.name!r}: cannot read its stylesheet {self.stylesheet!r} ({exc})."
            ) from exc

    def environment(self) -> ImmutableSandboxedEnvironment:
        """A fresh sandboxed environment loading templates from this theme only."""
        return ImmutableSandboxedEnvironment(
            loader=FileSystemLoader(str(self.path)),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )

    def render(self, template: str, context: dict[str, object]) -> str:
        """Render ``template`` with ``context``; template mistakes become ExportError."""
        try:
            return self.environment().get_template(template).render(context)
        except TemplateError as exc:
            raise ExportError(
                f"Theme {self.path.name!r}: template {template!r} failed: {exc}"
            ) from exc


def builtin_themes_dir() -> Path:
    """``resources/themes`` of the installed application."""
    return Path(__file__).resolve().parents[3] / "resources" / "themes"


def _search_dirs(themes_dirs: Iterable[Path | str]) -> list[Path]:
    return [Path(d) for d in themes_dirs] + [builtin_themes_dir()]


def load_theme(folder: Path) -> Theme:
    """Read ``folder/theme.json``; raise ExportError if it is missing or wrong."""
    manifest = folder / "theme.json"
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ExportError(f"Theme folder {folder}: unreadable theme.json ({exc}).") from exc
    if not isinstance(data, dict):
        raise ExportError(f"Theme folder {folder}: theme.json must hold an object.")
    kind = data.get("kind")
    if kind not in THEME_KINDS:
        raise ExportError(
            f"Theme folder {folder}: 'kind' must be one of {', '.join(THEME_KINDS)}, not {kind!r}."
        )
    return Theme(
        name=str(data.get("name") or folder.name),
        kind=kind,
        description=str(data.get("description", "")),
        path=folder.resolve(),
        stylesheet=str(data.get("stylesheet", "style.css")),
    )


def find_theme(
    name: str, *, kind: str | None = None, themes_dirs: Iterable[Path | str] = ()
) -> Theme:
    """The theme whose folder is called ``name``, user folders first."""
    if not _THEME_NAME.match(name or "") or ".." in name:
        raise ExportError(f"{name!r} is not a valid theme name (letters, digits, - _ . only).")
    for directory in _search_dirs(themes_dirs):
        folder = directory / name
        if (folder / "theme.json").is_file():
            theme = load_theme(folder)
            if kind is not None and theme.kind != kind:
                raise ExportError(
                    f"Theme {name!r} is a {theme.kind} theme; this export needs a {kind} theme."
                )
            return theme
    available = ", ".join(t.path.name for t in list_themes(themes_dirs=themes_dirs)) or "none"
    raise ExportError(f"No theme called {name!r} (available: {available}).")


def list_themes(*, themes_dirs: Iterable[Path | str] = ()) -> list[Theme]:
    """Every usable theme, a user theme hiding a built-in one of the same folder name."""
    found: dict[str, Theme] = {}
    for directory in _search_dirs(themes_dirs):
        if not directory.is_dir():
            continue
        for folder in sorted(directory.iterdir()):
            if folder.name in found or not (folder / "theme.json").is_file():
                continue
            try:
                found[folder.name] = load_theme(folder)
            except ExportError:
                continue  # a broken copy must not hide the others from the list
    return sorted(found.values(), key=lambda theme: theme.path.name)
