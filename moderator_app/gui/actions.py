"""Every action of the main window, with its keys, in one table.

The menus, the toolbar, the reading pane's buttons and the shortcuts overview are all
built from these QActions, so a key works wherever the action is shown and the
overview cannot forget one.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str  # English source; translated in build_actions
    keys: tuple[str, ...] = ()
    tip: str = ""


SPECS: tuple[ActionSpec, ...] = (
    ActionSpec("next", "&Next item", ("J", "Down")),
    ActionSpec("previous", "&Previous item", ("K", "Up")),
    ActionSpec("open", "&Open thread", ("Return", "Enter")),
    ActionSpec("back", "Back to the &list", ("Escape",)),
    ActionSpec("reply", "&Reply", ("R",), "Write a reply to this discussion"),
    ActionSpec("send", "&Send reply", ("Ctrl+Return", "Ctrl+Enter")),
    ActionSpec("dismiss", "&Dismiss…", ("D",), "No reply needed: hide it, with a reason"),
    ActionSpec("snooze", "S&nooze…", ("S",), "Hide it until a later moment"),
    ActionSpec("claim", "&Claim", ("C",), "Tell colleagues you are answering this one"),
    ActionSpec("undo", "&Undo", ("Ctrl+Z",), "Undo the last dismiss, snooze or claim"),
    ActionSpec("sync", "S&ync now", ("F5",), "Fetch new posts and send the outbox"),
    ActionSpec("cancel_sync", "Stop s&ync", (), ""),
    ActionSpec("search", "&Search the queue", ("Ctrl+F",)),
    ActionSpec(
        "outbox", "Out&box…", ("Ctrl+Shift+O",), "See what waits to be sent; retry or cancel"
    ),
    ActionSpec("shortcuts", "&Keyboard shortcuts", ("F1", "?")),
    ActionSpec("quit", "&Quit", ("Ctrl+Q",)),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def _texts() -> dict[str, tuple[str, str]]:
    # Spelled out so pyside6-lupdate sees each string.
    return {
        "next": (_tr("&Next item"), ""),
        "previous": (_tr("&Previous item"), ""),
        "open": (_tr("&Open thread"), ""),
        "back": (_tr("Back to the &list"), ""),
        "reply": (_tr("&Reply"), _tr("Write a reply to this discussion")),
        "send": (_tr("&Send reply"), ""),
        "dismiss": (_tr("&Dismiss…"), _tr("No reply needed: hide it, with a reason")),
        "snooze": (_tr("S&nooze…"), _tr("Hide it until a later moment")),
        "claim": (_tr("&Claim"), _tr("Tell colleagues you are answering this one")),
        "undo": (_tr("&Undo"), _tr("Undo the last dismiss, snooze or claim")),
        "sync": (_tr("S&ync now"), _tr("Fetch new posts and send the outbox")),
        "cancel_sync": (_tr("Stop s&ync"), ""),
        "search": (_tr("&Search the queue"), ""),
        "outbox": (_tr("Out&box…"), _tr("See what waits to be sent; retry or cancel")),
        "shortcuts": (_tr("&Keyboard shortcuts"), ""),
        "quit": (_tr("&Quit"), ""),
    }


def build_actions(owner: QWidget) -> dict[str, QAction]:
    texts = _texts()
    actions: dict[str, QAction] = {}
    for spec in SPECS:
        text, tip = texts[spec.name]
        action = QAction(text, owner)
        action.setObjectName(f"action_{spec.name}")
        action.setShortcuts([QKeySequence(key) for key in spec.keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        owner.addAction(action)
        actions[spec.name] = action
    return actions
