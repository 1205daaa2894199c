"""The sign-in dialog: site address, username, password, or "Try the demo".

The address is checked only when the form is submitted, on a worker thread (the
window never freezes); each failure is said in plain words next to the field it
concerns. The password goes to the worker once and is dropped: only the token the
site gives back is kept (by services/accounts.py, in the keyring). "Try the demo"
starts the demo site here too, off the GUI thread (gui/sign_in_demo.py), and closes
the dialog once it is up; closing the dialog first stops it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from moderator_app.gui.errors import Field, describe
from moderator_app.gui.forms import child, load_form
from moderator_app.gui.sign_in_sso import FinishFn, LookUpFn, QrFn, SsoPanel
from moderator_app.gui.tasks import Task, TaskControl, TaskRunner
from moderator_app.platform.errors import Redirected

if TYPE_CHECKING:
    from moderator_app.gui.sign_in_demo import DemoStarter
    from moderator_app.platform.moodle_nologin import PublicConfig
    from moderator_app.platform.types import SiteCheck
    from moderator_app.services.accounts import SignInResult
    from moderator_app.services.sso_login import BrowserSignIn

log = logging.getLogger(__name__)

CheckSiteFn = Callable[[str], "SiteCheck"]
SignInFn = Callable[[str, str, str], "SignInResult"]
StartDemoFn = Callable[[], "DemoStarter"]  # begins the start; the dialog follows it

# The dialog's exec() result when the user chose "Try the demo".
DEMO = 2
BUSY_DELAY_MS = 300
ERROR_STYLE = "color: #b3261e;"
OK_STYLE = "color: #1b7f3b;"

_runner: TaskRunner | None = None


def _shared_runner() -> TaskRunner:
    # Not owned by the dialog: a check still running when the dialog closes must
    # deliver its result to a live object, not to a deleted one.
    global _runner
    if _runner is None:
        _runner = TaskRunner(QCoreApplication.instance())
    return _runner


def _default_check_site(url: str) -> SiteCheck:
    from moderator_app.platform.moodle import check_site

    return check_site(url)


def _default_sign_in(site_url: str, username: str, password: str) -> SignInResult:
    from moderator_app.services import accounts

    return accounts.sign_in(site_url, username, password)


class SignInDialog(QDialog):
    signed_in = Signal(object)  # the SignInResult
    site_found = Signal(str)  # the normalised site address

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        check_site: CheckSiteFn | None = None,
        sign_in: SignInFn | None = None,
        allow_demo: bool = True,
        start_demo: StartDemoFn | None = None,
        site_url: str = "",
        username: str = "",
        look_up_site: LookUpFn | None = None,
        finish_browser: FinishFn | None = None,
        sign_in_qr: QrFn | None = None,
        sign_ins: BrowserSignIn | None = None,
    ) -> None:
        super().__init__(parent)
        self._check_site = check_site or _default_check_site
        self._sign_in = sign_in or _default_sign_in
        # None: "Try the demo" just closes with DEMO and the caller starts it.
        self._start_demo = start_demo
        self.result_value: SignInResult | None = None
        self.task: Task | None = None
        self.demo_starter: DemoStarter | None = None
        self.demo_session: Any = None  # the running demo, when it closed with DEMO

        self.setWindowTitle(self.tr("Moderator Desk: sign in"))
        self.form = load_form("sign_in", self)
        self._layout = layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.url_edit = child(self.form, QLineEdit, "urlEdit")
        self.username_edit = child(self.form, QLineEdit, "usernameEdit")
        self.password_edit = child(self.form, QLineEdit, "passwordEdit")
        self.url_message = child(self.form, QLabel, "urlMessage")
        self.credentials_message = child(self.form, QLabel, "credentialsMessage")
        self.general_message = child(self.form, QLabel, "generalMessage")
        self.busy_label = child(self.form, QLabel, "busyLabel")
        self.busy_bar = child(self.form, QProgressBar, "busyBar")
        self.sign_in_button = child(self.form, QPushButton, "signInButton")
        self.cancel_button = child(self.form, QPushButton, "cancelButton")
        self.demo_button = child(self.form, QPushButton, "demoButton")

        # The ways in without a password (browser, identity providers, QR code).
        self.sso = SsoPanel(
            _shared_runner,
            self.url_edit.text,
            look_up=look_up_site or self._look_up_site,
            finish=finish_browser,
            sign_in_qr=sign_in_qr,
            sign_ins=sign_ins,
            parent=self.form,
        )
        main = self.form.layout()
        assert isinstance(main, QVBoxLayout)
        main.insertWidget(main.indexOf(self.general_message), self.sso)
        self.sso.config_found.connect(self._on_config)
        self.sso.signed_in.connect(self._on_signed_in)
        self.sso.failed.connect(lambda text: self._say(Field.GENERAL, text))
        self.sso.busy.connect(self._on_sso_busy)
        # The site first: once the address is typed, it says how it signs people in.
        self.url_edit.editingFinished.connect(lambda: self.sso.look_up())

        self.demo_button.setVisible(allow_demo)
        self.url_edit.setText(site_url)
        self.username_edit.setText(username)
        self.sign_in_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.demo_button.clicked.connect(self.try_demo)
        self._busy_timer = QTimer(self, singleShot=True, interval=BUSY_DELAY_MS)
        self._busy_timer.timeout.connect(lambda: self._show_busy(True))
        self._clear_messages()
        self._show_busy(False)
        first_empty = next(
            (e for e in (self.url_edit, self.username_edit) if not e.text()), self.password_edit
        )
        first_empty.setFocus()

    # -- submitting -----------------------------------------------------------------

    def submit(self) -> None:
        if self.task is not None or self.demo_starter is not None:
            return  # already checking; Enter pressed twice
        self._clear_messages()
        url = self.url_edit.text().strip()
        username = self.username_edit.text().strip()
        password = self.password_edit.text()
        if not url:
            self._say(Field.URL, self.tr("Enter the address of your Moodle site."))
            self.url_edit.setFocus()
            return
        config = self.sso.config
        if not username and not password and config is not None and not config.password_in_app:
            self.sso.start_browser()
            return
        if not username or not password:
            self._say(Field.CREDENTIALS, self.tr("Enter your username and password."))
            (self.username_edit if not username else self.password_edit).setFocus()
            return

        check_site, sign_in = self._check_site, self._sign_in

        def work(control: TaskControl) -> Any:
            site = check_site(url)
            control.progress(site.url)
            return sign_in(site.url, username, password)

        self._set_editable(False)
        self.busy_label.setText(self.tr("Checking the site…"))
        self._busy_timer.start()
        self.task = _shared_runner().run("sign in", work)
        self.task.progress.connect(self._on_site_found)
        self.task.finished.connect(self._on_signed_in)
        self.task.failed.connect(self._on_failed)

    def _look_up_site(self, url: str) -> tuple[str, PublicConfig]:
        from moderator_app.platform.moodle_nologin import read_public_config

        site = self._check_site(url)
        return site.url, read_public_config(site.url)

    def _on_config(self, config: PublicConfig) -> None:
        """Password fields only where the site lets the app ask for a password."""
        for name in ("usernameLabel", "passwordLabel"):
            child(self.form, QLabel, name).setVisible(config.password_in_app)
        for edit in (self.username_edit, self.password_edit):
            edit.setVisible(config.password_in_app)
        self.sign_in_button.setVisible(config.password_in_app)
        if not config.password_in_app:
            self.credentials_message.clear()
            self.credentials_message.setVisible(False)
        (self.username_edit if config.password_in_app else self.sso.browser_button).setFocus()

    def _on_sso_busy(self, what: str) -> None:
        if what:
            self._clear_messages()
            self.busy_label.setText(
                self.tr("Checking the site…") if what == "site" else self.tr("Signing in…")
            )
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self._show_busy(False)

    def receive_url(self, url: str) -> bool:
        """The moodlemobile:// address a second start handed over (the URL handler)."""
        return self.sso.receive_url(url)

    def _on_site_found(self, site_url: object) -> None:
        self.busy_label.setText(self.tr("Moodle site found. Signing in…"))
        self.site_found.emit(str(site_url))

    def _on_signed_in(self, result: SignInResult) -> None:
        self._end_task()
        self.password_edit.clear()
        self.result_value = result
        site_name = getattr(result.site_info, "site_name", "") or result.ref.site_url
        self._say(Field.URL, self.tr("Signed in to %1.").replace("%1", site_name), ok=True)
        log.info("signed in (token persistent: %s)", result.token_persistent)
        if getattr(result, "staff_somewhere", None) is False:
            # Signed in fine, but as a learner: say so before the queue misleads.
            self.tell_learner_account(self, result.courses)
        self.signed_in.emit(result)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self._end_task()
        if isinstance(error, Redirected):
            self._on_redirected(error)
            return
        text = describe(error)
        log.info("sign-in failed: %s %s", type(error).__name__, getattr(error, "code", ""))
        self._say(text.field, text.text)
        if text.field is Field.CREDENTIALS:
            self.password_edit.clear()
            self.password_edit.setFocus()
        elif text.field is Field.URL:
            self.url_edit.setFocus()
            self.url_edit.selectAll()

    def _on_redirected(self, error: Redirected) -> None:
        """The site answers at another address: offer it (never taken silently).

        Only a safe move has a suggestion (same host, or http to https); the password
        has gone nowhere yet, and goes to the new address only when the user agrees.
        """
        log.info("sign-in: the site answers elsewhere (%s)", error.code)
        target = error.suggested_site
        if not target:
            shown = error.location.split("?", 1)[0]
            self._say(
                Field.URL,
                self.tr(
                    "This address sends you on to %1, which is not the same site. Check "
                    "the address; if that is your Moodle site, type its address yourself."
                ).replace("%1", shown),
            )
            self.url_edit.setFocus()
            return
        if error.code == "httpsonly":
            question = self.tr("This address answers only https; use %1?")
        else:
            question = self.tr("The site moved to %1; use that address?")
        question = question.replace("%1", target)
        self._say(Field.URL, question)
        if self.ask_use_address(self, question):
            self.url_edit.setText(target)
            self.submit()
        else:
            self.url_edit.setFocus()
            self.url_edit.selectAll()

    # -- the demo -------------------------------------------------------------------

    def try_demo(self) -> None:
        """Start the demo with the dialog awake (it shows the stage and can cancel)."""
        if self._start_demo is None:
            self.done(DEMO)
            return
        if self.task is not None or self.demo_starter is not None:
            return
        self._clear_messages()
        self._set_editable(False)
        self.busy_label.setText(self.tr("Starting the demo site…"))
        self._busy_timer.start()
        self.setCursor(Qt.CursorShape.BusyCursor)
        starter = self._start_demo()
        self.demo_starter = starter
        starter.stage.connect(self._on_demo_stage)
        starter.started.connect(self._on_demo_started)
        starter.failed.connect(self._on_demo_failed)

    def _on_demo_stage(self, stage: str) -> None:
        if stage == "sync":
            self.busy_label.setText(self.tr("Fetching the demo's courses and posts…"))

    def _on_demo_started(self, session: object) -> None:
        self._end_task()
        self.demo_session = session
        log.info("demo started from the sign-in dialog")
        self.done(DEMO)

    def _on_demo_failed(self, error: BaseException) -> None:
        self._end_task()
        text = self.tr("The demo could not start. %1").replace("%1", describe(error).text)
        self._say(Field.GENERAL, text)
        self.demo_button.setFocus()

    # -- closing ---------------------------------------------------------------------

    def reject(self) -> None:
        self.sso.abandon()
        # Esc or Cancel while checking: stop listening; the worker finishes on its own.
        if self.task is not None:
            for signal in (self.task.progress, self.task.finished, self.task.failed):
                signal.disconnect()
            self._end_task()
        # While the demo starts: stop it; what it started is stopped, not left running.
        if self.demo_starter is not None:
            self.demo_starter.abandon()
            self._end_task()
        super().reject()

    def _end_task(self) -> None:
        self.task = None
        self.demo_starter = None
        self._busy_timer.stop()
        self._show_busy(False)
        self._set_editable(True)
        self.unsetCursor()

    # -- showing state --------------------------------------------------------------

    def _say(self, field: Field, text: str, *, ok: bool = False) -> None:
        label = {
            Field.URL: self.url_message,
            Field.CREDENTIALS: self.credentials_message,
            Field.GENERAL: self.general_message,
        }[field]
        label.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        label.setText(text)
        label.setVisible(True)
        # A wrapped message needs more height than the dialog had: grow to fit it.
        self._layout.activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def message(self, field: Field) -> str:
        """The text shown for `field` (empty when none): what the user reads there."""
        label = {
            Field.URL: self.url_message,
            Field.CREDENTIALS: self.credentials_message,
            Field.GENERAL: self.general_message,
        }[field]
        return label.text() if label.isVisibleTo(self) else ""

    def _clear_messages(self) -> None:
        for label in (self.url_message, self.credentials_message, self.general_message):
            label.clear()
            label.setVisible(False)

    def _show_busy(self, busy: bool) -> None:
        self.busy_label.setVisible(busy)
        self.busy_bar.setVisible(busy)

    def _set_editable(self, editable: bool) -> None:
        for widget in (
            self.url_edit,
            self.username_edit,
            self.password_edit,
            self.sign_in_button,
            self.demo_button,
        ):
            widget.setEnabled(editable)

    @classmethod
    def ask_use_address(cls, parent: QWidget | None, question: str) -> bool:
        """Whether to sign in at the address the site moved to (tests replace this)."""
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("SignInDialog", "The site has another address"),
            question,
        )
        return answer == QMessageBox.StandardButton.Yes

    @classmethod
    def tell_learner_account(cls, parent: QWidget | None, courses: int) -> None:
        """Said after signing in with an account that moderates nowhere (tests replace this)."""
        QMessageBox.information(
            parent,
            QCoreApplication.translate("SignInDialog", "This is a learner's account"),
            QCoreApplication.translate(
                "SignInDialog",
                "This account is not a teacher, non-editing teacher or manager in any of "
                "its %1 courses. Moderator Desk will show the forums as a learner sees "
                "them: other learners' posts count as waiting, private replies and other "
                "groups stay hidden, and locking, pinning and deleting are refused. If you "
                "moderate, sign in with your teacher account.",
            ).replace("%1", str(courses)),
        )

    @classmethod
    def tell_token_not_persisted(cls, parent: QWidget | None) -> None:
        """Said once per session when no keyring works (tests replace this)."""
        QMessageBox.information(
            parent,
            QCoreApplication.translate("SignInDialog", "Sign-in kept for this session only"),
            QCoreApplication.translate(
                "SignInDialog",
                "Your computer has no password store (keyring) that Moderator Desk can use, "
                "so your sign-in is kept only while the app is open. You will be asked to "
                "sign in again next time.",
            ),
        )
