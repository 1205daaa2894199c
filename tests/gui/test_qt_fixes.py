"""Emitting signals many times must not wear away Python's True (PySide6 6.12 bug)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

import moderator_app.gui  # noqa: F401  (applies the fix)


class _Emitter(QObject):
    changed = Signal(int)


def test_emit_keeps_the_reference_count_of_true(qapp) -> None:
    emitter = _Emitter()
    seen: list[int] = []
    emitter.changed.connect(seen.append)
    before = sys.getrefcount(True)
    for value in range(5000):
        emitter.changed.emit(value)
    assert len(seen) == 5000
    # Without the fix True loses one reference per emit (and the process aborts).
    assert abs(sys.getrefcount(True) - before) < 50
