"""The Accounts menu: every signed-in site one click away, add one, sign out, forget.

The menu only says what the user asked for (signals); gui/app.py does it, because
switching rebuilds the window around another account's database.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:
    from moderator_app.services.accounts import AccountRef


def account_label(info: Any) -> str:
    """'username — Site name' (as the window's switcher), the address when no name is known."""
    site = getattr(info, "site_name", "") or info.ref.site_url
    return f"{info.ref.username} — {site}"


class AccountsMenu(QMenu):
    switch_requested = Signal(object)  # AccountRef
    add_requested = Signal()
    sign_out_requested = Signal(object)  # AccountRef: drop its token, keep its data
    forget_requested = Signal(object)  # AccountRef: remove it from the list

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("&Accounts"), parent)
        self.setObjectName("accountsMenu")
        self._current: AccountRef | None = None
        self._group = QActionGroup(self)
        self.set_accounts([], None)

    @property
    def current(self) -> AccountRef | None:
        return self._current

    def set_accounts(self, accounts: Sequence[Any], current: AccountRef | None) -> None:
        self.clear()
        self._current = current
        for action in self._group.actions():
            self._group.removeAction(action)
        for info in accounts:
            action = QAction(account_label(info), self)
            action.setCheckable(True)
            action.setChecked(info.ref == current)
            action.setData(info.ref)
            action.triggered.connect(lambda _checked=False, ref=info.ref: self._switch(ref))
            self._group.addAction(action)
            self.addAction(action)
        if accounts:
            self.addSeparator()
        add = self.addAction(self.tr("&Add account…"))
        add.setObjectName("addAccountAction")
        add.triggered.connect(self.add_requested)
        sign_out = self.addAction(self.tr("Sign &out"))
        sign_out.setObjectName("signOutAction")
        sign_out.setEnabled(current is not None)
        sign_out.triggered.connect(lambda: self.sign_out_requested.emit(self._current))
        forget = self.addAction(self.tr("&Forget this account"))
        forget.setObjectName("forgetAccountAction")
        forget.setEnabled(current is not None)
        forget.triggered.connect(lambda: self.forget_requested.emit(self._current))

    def _switch(self, ref: AccountRef) -> None:
        if ref != self._current:
            self.switch_requested.emit(ref)
