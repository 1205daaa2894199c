"""Load the Designer layouts in ui/ (shipped as package data moderator_app.forms).

Loaded with QUiLoader when a widget is built, never at import time, so a plain
`pip install` needs no build step and tests import gui modules without a display.
"""

from __future__ import annotations

from importlib import resources
from typing import TypeVar

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

T = TypeVar("T", bound=QObject)


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    """Build the widget tree of ``ui/<name>.ui`` as a child of ``parent``."""
    data = (resources.files("moderator_app.forms") / f"{name}.ui").read_bytes()
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    widget = QUiLoader().load(buffer, parent)
    buffer.close()
    if widget is None:
        raise RuntimeError(f"could not load form {name}.ui")
    return widget


def child(form: QWidget, kind: type[T], name: str) -> T:
    """A named widget of a loaded form; a missing name is our bug, so fail loudly."""
    found = form.findChild(kind, name)
    if found is None:
        raise LookupError(f"{name} ({kind.__name__}) missing from form {form.objectName()}")
    return found
