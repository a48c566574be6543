"""Every command of the window, declared once: id → text, shortcut, icon, menu.

Menus, the context menu and tests all look actions up by id in one
:class:`ActionRegistry` (the pattern of Spyder's action registries), so a
command has one QAction whatever the place it is shown, and retranslating the
window is a loop over this table.

Icons are not made when the actions are: qtawesome costs ~0.2 s to import,
so the window calls :meth:`ActionRegistry.load_icons` after its first paint.
F7 toggles spell checking (the key word processors use for spelling).
Pane toggles use F9–F12: Ctrl+1..3 belong to the editor's heading levels, and
Ctrl+Alt+digit is AltGr on Windows (AltGr+3 types "#" on a French keyboard).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from editor.ui.i18n import Translator

ICON_COLOR = "#3d4b5c"
Shortcut = QKeySequence.StandardKey | str | None


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text_key: str
    shortcut: Shortcut = None
    icon: str | None = None
    checkable: bool = False
    group: str | None = None  # exclusive group (device widths)


@dataclass(frozen=True)
class MenuSpec:
    id: str
    title_key: str
    # An action id, None for a separator, a nested MenuSpec, or "@name" for a
    # submenu whose content is filled when it opens (e.g. "move to").
    items: tuple[str | MenuSpec | None, ...]


SK = QKeySequence.StandardKey

ACTION_SPECS: tuple[ActionSpec, ...] = (
    ActionSpec("article.new", "action.article_new", "Ctrl+N", "ph.file-plus"),
    ActionSpec("issue.new", "action.issue_new", "Ctrl+Shift+N", "ph.newspaper"),
    # Not Ctrl+I: that is the editor's italic.
    ActionSpec("file.import", "action.import", None, "ph.file-arrow-down"),
    ActionSpec("file.save", "action.save", SK.Save, "ph.floppy-disk"),
    ActionSpec("file.history", "action.history", None, "ph.clock-counter-clockwise"),
    ActionSpec("file.backups", "action.backups", None, "ph.archive"),
    ActionSpec("file.preferences", "action.preferences", SK.Preferences, "ph.gear"),
    ActionSpec("file.quit", "action.quit", SK.Quit, "ph.sign-out"),
    ActionSpec("edit.undo", "action.undo", SK.Undo, "ph.arrow-u-up-left"),
    ActionSpec("edit.redo", "action.redo", SK.Redo, "ph.arrow-u-up-right"),
    ActionSpec("edit.search", "action.search", "Ctrl+Shift+F", "ph.magnifying-glass"),
    ActionSpec("edit.find", "action.find", "Ctrl+F", "ph.file-search"),
    ActionSpec("edit.replace", "action.replace", "Ctrl+H", "ph.swap"),
    ActionSpec("edit.spell", "action.spell_check", "F7", "ph.text-underline", checkable=True),
    ActionSpec("view.library", "action.show_library", "F9", None, checkable=True),
    ActionSpec("view.editor", "action.show_editor", "F10", None, checkable=True),
    ActionSpec("view.preview", "action.show_preview", "F11", None, checkable=True),
    ActionSpec("view.checks", "action.show_checks", "F12", None, checkable=True),
    ActionSpec("view.device.desktop", "device.desktop", None, "ph.desktop", True, "device"),
    ActionSpec("view.device.tablet", "device.tablet", None, "ph.device-tablet", True, "device"),
    ActionSpec("view.device.mobile", "device.mobile", None, "ph.device-mobile", True, "device"),
    ActionSpec("view.device.email", "device.email", None, "ph.envelope-simple", True, "device"),
    ActionSpec("issue.rename", "action.issue_rename", None, "ph.pencil-simple"),
    ActionSpec("issue.delete", "action.issue_delete", None, "ph.trash"),
    ActionSpec("issue.check", "action.issue_check", None, "ph.checks"),
    ActionSpec("issue.export", "action.issue_export", "Ctrl+Shift+E", "ph.export"),
    ActionSpec("issue.publish", "action.issue_publish", None, "ph.paper-plane-tilt"),
    ActionSpec("article.duplicate", "action.article_duplicate", "Ctrl+D", "ph.copy"),
    ActionSpec("article.rename", "action.article_rename", "F2", "ph.pencil-simple"),
    ActionSpec("article.delete", "action.article_delete", SK.Delete, "ph.trash"),
    ActionSpec("help.about", "action.about", None, "ph.info"),
)

MENU_SPECS: tuple[MenuSpec, ...] = (
    MenuSpec(
        "file",
        "menu.file",
        (
            "article.new",
            "issue.new",
            "file.import",
            None,
            "file.save",
            None,
            "file.history",
            "file.backups",
            None,
            "file.preferences",
            None,
            "file.quit",
        ),
    ),
    MenuSpec(
        "edit",
        "menu.edit",
        (
            "edit.undo",
            "edit.redo",
            None,
            "edit.find",
            "edit.replace",
            "edit.search",
            None,
            "edit.spell",
        ),
    ),
    MenuSpec(
        "view",
        "menu.view",
        (
            "view.library",
            "view.editor",
            "view.preview",
            "view.checks",
            None,
            MenuSpec(
                "view.device",
                "menu.device",
                (
                    "view.device.desktop",
                    "view.device.tablet",
                    "view.device.mobile",
                    "view.device.email",
                ),
            ),
        ),
    ),
    MenuSpec(
        "issue",
        "menu.issue",
        (
            "issue.new",
            "issue.rename",
            None,
            "issue.check",
            "issue.export",
            "issue.publish",
            None,
            "issue.delete",
        ),
    ),
    MenuSpec(
        "article",
        "menu.article",
        (
            "article.new",
            "article.duplicate",
            "article.rename",
            "@move_to",
            None,
            "file.history",
            None,
            "article.delete",
        ),
    ),
    MenuSpec("help", "menu.help", ("help.about",)),
)

DYNAMIC_MENU_TITLES = {"move_to": "menu.move_to"}


def make_icon(name: str, color: str = ICON_COLOR) -> QIcon:
    """A qtawesome icon in the window's neutral ink (imported lazily: ~0.2 s)."""
    import qtawesome

    return qtawesome.icon(name, color=color, color_disabled="#b4bcc6")


class ActionRegistry(QObject):
    """Owns the window's QActions and the menus built from :data:`MENU_SPECS`."""

    def __init__(self, translator: Translator, owner: QWidget) -> None:
        super().__init__(owner)
        self._tr = translator
        self._owner = owner
        self._specs = {spec.id: spec for spec in ACTION_SPECS}
        self._actions: dict[str, QAction] = {}
        self._groups: dict[str, QActionGroup] = {}
        self._menus: dict[str, tuple[QMenu, str]] = {}
        self._icons_loaded = False
        for spec in ACTION_SPECS:
            self._actions[spec.id] = self._create(spec)
        translator.language_changed.connect(self.retranslate)
        self.retranslate()

    def _create(self, spec: ActionSpec) -> QAction:
        action = QAction(self._owner)
        action.setObjectName(spec.id)
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        action.setCheckable(spec.checkable)
        if spec.group:
            group = self._groups.setdefault(spec.group, QActionGroup(self))
            group.setExclusive(True)
            group.addAction(action)
        # Window-wide, except where a text field must keep its own keys (set later).
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self._owner.addAction(action)
        return action

    def load_icons(self) -> None:
        """Give actions and "@name" submenus their icons (once, after the first paint)."""
        if self._icons_loaded:
            return
        self._icons_loaded = True
        for spec in ACTION_SPECS:
            if spec.icon:
                self._actions[spec.id].setIcon(make_icon(spec.icon))
        for name in DYNAMIC_MENU_TITLES:
            entry = self._menus.get(name)
            if entry is not None:
                entry[0].setIcon(make_icon("ph.arrow-square-right"))

    def action(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def ids(self) -> list[str]:
        return list(self._actions)

    def connect(self, action_id: str, handler: Callable[..., object]) -> None:
        """Call ``handler()`` (or ``handler(checked)`` for checkable actions) on trigger."""
        action = self._actions[action_id]
        if action.isCheckable():
            action.toggled.connect(handler)
        else:
            action.triggered.connect(lambda _checked=False: handler())

    def set_enabled(self, action_id: str, enabled: bool) -> None:
        self._actions[action_id].setEnabled(enabled)

    def restrict_shortcut(self, action_id: str, widget: QWidget) -> None:
        """Make the shortcut work only while focus is inside ``widget`` (Delete
        must delete an article from the tree, never while typing elsewhere)."""
        action = self._actions[action_id]
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._owner.removeAction(action)
        widget.addAction(action)

    def menu(self, menu_id: str) -> QMenu | None:
        """A menu built by :meth:`build_menus` (None before they are built)."""
        entry = self._menus.get(menu_id)
        return entry[0] if entry else None

    def build_menus(
        self, menubar: QMenuBar, dynamic: dict[str, Callable[[QMenu], None]] | None = None
    ) -> None:
        """Fill ``menubar`` from MENU_SPECS; ``dynamic`` fills "@name" submenus on show."""
        dynamic = dynamic or {}
        for spec in MENU_SPECS:
            menubar.addMenu(self._build_menu(spec, menubar, dynamic))
        self.retranslate()

    def _build_menu(
        self, spec: MenuSpec, parent: QWidget, dynamic: dict[str, Callable[[QMenu], None]]
    ) -> QMenu:
        menu = QMenu(parent)
        menu.setObjectName(f"menu.{spec.id}")
        self._menus[spec.id] = (menu, spec.title_key)
        for item in spec.items:
            if item is None:
                menu.addSeparator()
            elif isinstance(item, MenuSpec):
                menu.addMenu(self._build_menu(item, menu, dynamic))
            elif item.startswith("@"):
                name = item[1:]
                sub = QMenu(menu)
                sub.setObjectName(f"menu.{name}")
                self._menus.setdefault(name, (sub, DYNAMIC_MENU_TITLES.get(name, name)))
                filler = dynamic.get(name)
                if filler is not None:
                    sub.aboutToShow.connect(lambda sub=sub, filler=filler: filler(sub))
                menu.addMenu(sub)
            else:
                menu.addAction(self._actions[item])
        return menu

    def retranslate(self, _language: str | None = None) -> None:
        tr = self._tr.tr
        for action_id, action in self._actions.items():
            spec = self._specs[action_id]
            action.setText(tr(spec.text_key))
            tip = f"{spec.text_key}.tip"
            action.setToolTip(tr(tip) if self._tr.has(tip) else action.text().replace("&", ""))
            action.setStatusTip(tr(tip) if self._tr.has(tip) else "")
        for menu, title_key in self._menus.values():
            menu.setTitle(tr(title_key))
