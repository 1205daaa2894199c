"""A banner over the queue while the site's policy waits for the moderator's agreement.

Until then Moodle answers every list with nothing, so an empty queue would say
"nothing waiting" when the truth is "the site shows you nothing yet". The banner says
so, links to the policy text, and offers the way to agree the site allows: in the app
with core's handler (core_user_agree_site_policy), otherwise on the site's own page.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from moderator_app.gui.context import AppContext
from moderator_app.gui.tasks import TaskControl
from moderator_app.platform.types import SitePolicy


class PolicyBanner(QFrame):
    accept_requested = Signal()  # core's handler: agree from the app
    url_opened = Signal(str)  # for tests: the address handed to the browser

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("policyBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#policyBanner { background: palette(alternate-base); }")
        self.policy: SitePolicy | None = None
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.read_button = QPushButton(self.tr("Read the policy"), self)
        self.accept_button = QPushButton(self.tr("I accept the policy"), self)
        self.site_button = QPushButton(self.tr("Open the site to accept"), self)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        for button in (self.read_button, self.accept_button, self.site_button):
            layout.addWidget(button)
        self.read_button.clicked.connect(lambda: self._open(self.policy and self.policy.view_url))
        self.site_button.clicked.connect(lambda: self._open(self.policy and self.policy.accept_url))
        self.accept_button.clicked.connect(self.accept_requested)
        self.hide()

    def set_policy(self, policy: SitePolicy | None) -> None:
        """Show the banner for a waiting policy; None hides it."""
        self.policy = policy
        if policy is None:
            self.hide()
            return
        if policy.accept_here:
            self.text.setText(
                self.tr(
                    "The site shows you no courses until you accept its policy. Read it, "
                    "then accept it here."
                )
            )
        else:
            self.text.setText(
                self.tr(
                    "The site shows you no courses until you accept its policy. Accept it "
                    "on the site in your browser, then sync again."
                )
            )
        self.read_button.setVisible(bool(policy.view_url))
        self.accept_button.setVisible(policy.accept_here)
        self.accept_button.setEnabled(True)
        self.site_button.setVisible(not policy.accept_here)
        self.show()

    def set_busy(self, busy: bool) -> None:
        self.accept_button.setEnabled(not busy)

    def _open(self, url: str | None) -> None:
        if url:
            self.url_opened.emit(url)
            QDesktopServices.openUrl(QUrl(url))


def accept_policy_job(context: AppContext) -> Callable[[TaskControl], bool]:
    """Agree to the site policy on a worker thread; True once the site has it."""

    def work(_control: TaskControl) -> bool:
        return bool(context.platform_factory().agree_site_policy())

    return work
