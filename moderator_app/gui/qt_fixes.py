"""Work around a reference-count bug in PySide6's Signal.emit (seen in 6.12.0).

``SignalInstance.emit`` returns True/False without taking a reference for it. On
Python 3.11, where True and False are ordinary counted objects, every emit from
Python code takes one reference away; after a few thousand emits (a sync's
progress, a model's resets) the interpreter aborts with "bool_dealloc: deallocating
True or False". Python 3.12+ makes True/False immortal, so the bug never shows there.

The fix probes once: emit a signal and see whether True's count dropped. Only then
is emit wrapped to add back the missing reference, so a fixed PySide6 runs untouched.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

log = logging.getLogger(__name__)

_applied = False


class _Probe(QObject):
    fired = Signal()


def _emit_steals_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    result: object = probe.fired.emit()  # type: ignore[func-returns-value]
    lost = sys.getrefcount(True) - before
    if result is True:
        # The probe itself lost one: give it back before deciding.
        if lost < 1:
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
        return lost < 1
    return False


def apply() -> bool:
    """Install the fix when this PySide6 needs it; True when installed."""
    global _applied
    if _applied:
        return True
    if sys.version_info >= (3, 12) or not _emit_steals_a_reference():
        return False
    original = SignalInstance.emit
    incref = ctypes.pythonapi.Py_IncRef

    def emit(self: SignalInstance, *args: object) -> object:
        result = original(self, *args)
        if result is True or result is False:
            incref(ctypes.py_object(result))
        return result

    SignalInstance.emit = emit  # type: ignore[method-assign, assignment]
    _applied = True
    log.info("PySide6 Signal.emit reference fix applied")
    return True
