"""The message boxes for an account whose database cannot be opened (tests replace
these classmethods, as they do the sign-in dialog's)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from moderator_app.gui.errors import StoreProblemText


class StoreProblemBox:
    @classmethod
    def tell(cls, parent: QWidget | None, problem: StoreProblemText) -> None:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Information if not problem.fresh else QMessageBox.Icon.Warning)
        box.setWindowTitle(problem.title)
        box.setText(problem.text)
        box.setInformativeText(problem.advice)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()

    @classmethod
    def ask_fresh(cls, parent: QWidget | None, problem: StoreProblemText) -> bool:
        """True when the user chose to start a fresh database (the old one kept)."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(problem.title)
        box.setText(problem.text)
        box.setInformativeText(problem.advice)
        fresh = box.addButton(problem.fresh, QMessageBox.ButtonRole.AcceptRole)
        leave = box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(leave)
        box.exec()
        return box.clickedButton() is fresh
