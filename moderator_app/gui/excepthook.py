"""Unexpected exceptions: logged, then shown in a dialog whose details can be copied.

`install()` replaces sys.excepthook (and threading.excepthook, so a worker's crash is
not silent). The dialog is behind `ExceptionDialog.show_error`, a classmethod tests
replace; `install(show_dialog=False)` keeps a test run from ever blocking on it.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from moderator_app import __version__
from moderator_app.logging_setup import log_file_path, mask_secrets

log = logging.getLogger(__name__)


class ExceptionDialog:
    @classmethod
    def show_error(cls, details: str) -> None:
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QCoreApplication.translate("excepthook", "Moderator Desk: an error"))
        box.setText(
            QCoreApplication.translate(
                "excepthook",
                "Something went wrong that Moderator Desk did not expect. Your data is safe; "
                "you can keep working. If it happens again, please send the details below "
                "to the developers.",
            )
        )
        box.setInformativeText(
            QCoreApplication.translate("excepthook", "Log file: %1").replace(
                "%1", str(log_file_path())
            )
        )
        box.setDetailedText(details)  # a read-only text box: select all and copy
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.exec()


def format_details(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    header = f"Moderator Desk {__version__}, Python {sys.version.split()[0]}, {sys.platform}\n"
    return mask_secrets(header + text)


class _Bridge(QObject):
    """Carries a crash from any thread to the GUI thread, where dialogs may open."""

    crashed = Signal(str)


class _Hook:
    def __init__(self, show_dialog: bool) -> None:
        self.show_dialog = show_dialog
        self.bridge = _Bridge()
        self.bridge.crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._showing = False

    def __call__(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        if self.show_dialog:
            self.bridge.crashed.emit(format_details(exc_type, exc, tb))

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, details: str) -> None:
        if self._showing:  # one dialog at a time; a crash loop must not stack them
            return
        self._showing = True
        try:
            ExceptionDialog.show_error(details)
        finally:
            self._showing = False


_hook: _Hook | None = None


def install(*, show_dialog: bool = True) -> None:
    global _hook
    _hook = _Hook(show_dialog)
    sys.excepthook = _hook
    threading.excepthook = _hook.thread_hook


def uninstall() -> None:
    global _hook
    _hook = None
    sys.excepthook = sys.__excepthook__
    threading.excepthook = threading.__excepthook__
