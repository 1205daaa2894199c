"""The sign-in dialog's ways in without a Moodle password, the Moodle app's way.

Once the site address is known, the site's public config says who the site is (its
name, shown as the moderator knows it), whether the app may ask for a password,
which identity providers it offers, and whether the profile page's QR code signs in.
"Sign in in the browser" opens launch.php; the address the browser is sent to
(moodlemobile://token=…) arrives through the URL handler (a second start hands it
over) or is pasted here, on every platform. Network work runs on the task runner.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QImage
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from moderator_app.gui.tasks import Task, TaskControl, TaskRunner

if TYPE_CHECKING:
    from moderator_app.platform.moodle_nologin import IdentityProvider, PublicConfig
    from moderator_app.services.accounts import SignInResult
    from moderator_app.services.sso_login import BrowserSignIn

log = logging.getLogger(__name__)

LookUpFn = Callable[[str], tuple[str, "PublicConfig"]]  # typed address -> (site, config)
FinishFn = Callable[[str], "SignInResult"]  # moodlemobile:// address -> signed in
QrFn = Callable[[str, str], "SignInResult"]  # (QR text, site) -> signed in


def _default_look_up(url: str) -> tuple[str, PublicConfig]:
    from moderator_app.platform.moodle import check_site
    from moderator_app.platform.moodle_nologin import read_public_config

    site = check_site(url)
    return site.url, read_public_config(site.url)


def _default_finish(url: str, sign_ins: BrowserSignIn) -> SignInResult:
    from moderator_app.services.sso_login import finish_browser_sign_in

    return finish_browser_sign_in(url, sign_ins=sign_ins)


def _default_qr(text: str, site_url: str) -> SignInResult:
    from moderator_app.services.qr_login import sign_in_with_qr

    return sign_in_with_qr(text, expected_site=site_url)


def _code(error: BaseException) -> str:
    return str(getattr(error, "code", "") or "")


def _qr_text(image: QImage) -> str:
    from moderator_app.services.qr_login import decode_qr

    return decode_qr(image.convertToFormat(QImage.Format.Format_Grayscale8))


class SsoPanel(QWidget):
    """Site name, identity providers, the browser and QR ways in, the paste fallback."""

    config_found = Signal(object)  # the PublicConfig
    signed_in = Signal(object)  # the SignInResult
    failed = Signal(str)  # what went wrong, in words
    busy = Signal(str)  # what runs now ("" when nothing)

    def __init__(
        self,
        runner: Callable[[], TaskRunner],
        site_text: Callable[[], str],
        *,
        look_up: LookUpFn | None = None,
        finish: FinishFn | None = None,
        sign_in_qr: QrFn | None = None,
        sign_ins: BrowserSignIn | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._site_text = site_text
        self._look_up = look_up or _default_look_up
        self._finish = finish or (lambda url: _default_finish(url, self._sign_ins))
        self._sign_in_qr = sign_in_qr or _default_qr
        if sign_ins is None:
            from moderator_app.services.sso_login import browser_sign_ins

            sign_ins = browser_sign_ins
        self._sign_ins = sign_ins
        self.site_url = ""  # where the config came from (after check_site)
        self.config: PublicConfig | None = None
        self.task: Task | None = None
        self._then: Callable[[], None] | None = None
        self._listener: Any = None  # single_instance.MessageListener, once a sign-in waits

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.site_label = QLabel(self)
        self.site_label.setWordWrap(True)
        self.site_label.setStyleSheet("font-weight: 600;")
        self.notice_label = QLabel(self)  # maintenance, app switched off
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet("color: #b3261e;")
        self.providers = QVBoxLayout()
        self.browser_button = QPushButton(self.tr("Sign in in the &browser"), self)
        self.browser_button.setAutoDefault(False)
        self.browser_button.setToolTip(
            self.tr("For sites that sign you in with your school or company account (SSO).")
        )
        self.qr_clipboard_button = QPushButton(self.tr("QR code from the &clipboard"), self)
        self.qr_file_button = QPushButton(self.tr("QR code from a &screenshot…"), self)
        for button in (self.qr_clipboard_button, self.qr_file_button):
            button.setAutoDefault(False)
        qr_row = QHBoxLayout()
        qr_row.addWidget(self.qr_clipboard_button)
        qr_row.addWidget(self.qr_file_button)
        self.paste_label = QLabel(
            self.tr(
                "Paste the address your browser was sent to (it starts with "
                "moodlemobile://token=; if the browser says it cannot open it, copy it "
                "from the address bar or that message):"
            ),
            self,
        )
        self.paste_label.setWordWrap(True)
        self.paste_edit = QLineEdit(self)
        self.paste_edit.setPlaceholderText("moodlemobile://token=…")
        self.paste_edit.setAccessibleName(self.tr("Address the browser was sent to"))
        self.paste_button = QPushButton(self.tr("&Finish sign-in"), self)
        self.paste_button.setAutoDefault(False)
        paste_row = QHBoxLayout()
        paste_row.addWidget(self.paste_edit, 1)
        paste_row.addWidget(self.paste_button)
        for item in (self.site_label, self.notice_label):
            layout.addWidget(item)
        layout.addLayout(self.providers)
        layout.addWidget(self.browser_button)
        layout.addLayout(qr_row)
        layout.addWidget(self.paste_label)
        layout.addLayout(paste_row)

        self.browser_button.clicked.connect(lambda: self.start_browser())
        self.paste_button.clicked.connect(lambda: self.finish_with(self.paste_edit.text()))
        self.paste_edit.returnPressed.connect(lambda: self.finish_with(self.paste_edit.text()))
        self.qr_clipboard_button.clicked.connect(self.qr_from_clipboard)
        self.qr_file_button.clicked.connect(self.qr_from_file)
        self._show_paste(False)
        for widget in (self.site_label, self.notice_label):
            widget.setVisible(False)
        self._show_qr(False)

    # -- the site -------------------------------------------------------------------

    def look_up(self, then: Callable[[], None] | None = None) -> None:
        """Read the site's public config (off the GUI thread); `then` runs after it."""
        url = self._site_text().strip()
        if not url or self.task is not None:
            return
        if self.config is not None and url in (self.site_url, self._looked_up_text):
            if then is not None:
                then()
            return
        self._looked_up_text = url
        self._then = then
        look_up = self._look_up
        self._run("site", lambda control: look_up(url), self._on_config)

    _looked_up_text = ""

    def _on_config(self, found: tuple[str, PublicConfig]) -> None:
        self.site_url, config = found
        self.show_config(config)
        then, self._then = self._then, None
        if then is not None and config.usable and not config.maintenance:
            then()

    def show_config(self, config: PublicConfig) -> None:
        self.config = config
        name = config.site_name or self.site_url
        self.site_label.setText(self.tr("Site: %1").replace("%1", name))
        self.site_label.setVisible(True)
        notice = ""
        if config.maintenance:
            notice = self.tr("The site is in maintenance mode. Try again later.")
        elif not config.web_services:
            notice = self.tr(
                "Web services are switched off on this site: its administrator must "
                "enable them before Moderator Desk (or the Moodle app) can sign in."
            )
        elif not config.mobile_service:
            notice = self.tr(
                "This site does not let the Moodle app in: its administrator must switch "
                "on 'Enable web services for mobile devices'."
            )
        self.notice_label.setText(notice)
        self.notice_label.setVisible(bool(notice))
        self._set_providers(config.identity_providers)
        self._show_qr(config.qr_login)
        log.info("site config shown (password in app: %s)", config.password_in_app)
        self.config_found.emit(config)

    def _set_providers(self, providers: tuple[IdentityProvider, ...]) -> None:
        while self.providers.count():
            item = self.providers.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for provider in providers:
            button = QPushButton(self.tr("Sign in with %1").replace("%1", provider.name), self)
            button.setAutoDefault(False)
            button.setObjectName("providerButton")
            button.clicked.connect(lambda _=False, p=provider: self.start_browser(p))
            self.providers.addWidget(button)

    # -- the browser ----------------------------------------------------------------

    def start_browser(self, provider: IdentityProvider | None = None) -> None:
        if self.config is None or self._site_text().strip() not in (
            self.site_url,
            self._looked_up_text,
        ):
            self.config = None
            self.look_up(then=lambda: self.start_browser(provider))
            return
        from moderator_app.services.sso_login import launch_url

        self._listen()
        pending = self._sign_ins.start(self.site_url, self.config)
        url = launch_url(self.config, pending.passport, provider)
        self._show_paste(True)
        self.paste_edit.setFocus()
        if not self.open_url(url):
            self.failed.emit(
                self.tr("No browser could be opened. Open this address yourself: %1").replace(
                    "%1", url
                )
            )

    def _listen(self) -> None:
        """A second start handed the browser's moodlemobile:// address (the URL handler)."""
        if self._listener is None:
            from moderator_app.gui.single_instance import MessageListener, sign_in_server_name

            self._listener = MessageListener(sign_in_server_name(), self)
            self._listener.message_received.connect(self.receive_url)

    def receive_url(self, url: str) -> bool:
        """An address handed over by the URL handler; False when no sign-in waits."""
        if not self._sign_ins.waiting():
            return False
        self.paste_edit.setText(url)
        self.finish_with(url)
        return True

    def finish_with(self, url: str) -> None:
        if not url.strip() or self.task is not None:
            return
        finish = self._finish
        self._run("finish", lambda control: finish(url.strip()), self._on_signed_in)

    # -- QR -------------------------------------------------------------------------

    def qr_from_clipboard(self) -> None:
        image = QGuiApplication.clipboard().image()
        if image.isNull():
            self.failed.emit(
                self.tr(
                    "The clipboard holds no image: copy the QR code of your profile "
                    "page (or a screenshot of it) first."
                )
            )
            return
        self.sign_in_with_image(image)

    def qr_from_file(self) -> None:
        path = self.pick_image(self)
        if not path:
            return
        image = QImage(path)
        if image.isNull():
            self.failed.emit(self.tr("That file is not an image."))
            return
        self.sign_in_with_image(image)

    def sign_in_with_image(self, image: QImage) -> None:
        if self.task is not None:
            return
        site = self.site_url or self._site_text().strip()
        sign_in_qr = self._sign_in_qr
        copy = image.copy()  # the worker reads its own copy

        def work(control: TaskControl) -> Any:
            return sign_in_qr(_qr_text(copy), site)

        self._run("qr", work, self._on_signed_in)

    # -- running --------------------------------------------------------------------

    def _run(
        self, what: str, work: Callable[[TaskControl], Any], done: Callable[[Any], None]
    ) -> None:
        self.busy.emit(what)
        self._set_enabled(False)
        task = self._runner().run(f"sign in: {what}", work)
        self.task = task
        task.finished.connect(lambda value: self._end(done, value))
        task.failed.connect(self._on_failed)

    def _end(self, done: Callable[[Any], None], value: Any) -> None:
        self.task = None
        self._set_enabled(True)
        self.busy.emit("")
        done(value)

    def _on_signed_in(self, result: SignInResult) -> None:
        self.paste_edit.clear()
        self.signed_in.emit(result)

    def _on_failed(self, error: BaseException) -> None:
        self.task = None
        self._then = None
        self._set_enabled(True)
        self.busy.emit("")
        log.info("sign-in without password failed: %s %s", type(error).__name__, _code(error))
        self.failed.emit(self.words(error))

    def words(self, error: BaseException) -> str:
        """The failure said for this way in; the rest as the dialog says it."""
        said = {
            "ssosignature": self.tr(
                "This address was not made for a sign-in started here, or it was used "
                "already or is too old. Click 'Sign in in the browser' again."
            ),
            "notssourl": self.tr(
                "That is not the address the site sends the app to: it starts with "
                "moodlemobile://token= (or another app's name, when the site sends "
                "people to its own branded app)."
            ),
            "badssotoken": self.tr("The address is damaged: copy it whole."),
            "noqrcode": self.tr("No QR code was found in that image."),
            "badimage": self.tr("That image could not be read."),
            "notmoodleqr": self.tr("That QR code is not a Moodle app code."),
            "qrsiteonly": self.tr(
                "This QR code holds only the site's address, not a sign-in: the site's "
                "administrator has not switched on 'QR code with automatic login'. Sign "
                "in in the browser instead."
            ),
            "qrothersite": self.tr("This QR code is for another site than the one you entered."),
            "qrcodedisabled": self.tr("This site does not allow signing in with a QR code."),
            "invalidkey": self.tr(
                "The QR code was used already or is too old: reload your profile page and "
                "copy the new one."
            ),
            "expiredkey": self.tr(
                "The QR code was used already or is too old: reload your profile page and "
                "copy the new one."
            ),
            "ipmismatch": self.tr(
                "The site accepts the QR code only from the network the profile page was "
                "opened on: open it on this computer."
            ),
            "autologinnotallowedtoadmins": self.tr(
                "Site administrators cannot sign in with a QR code: sign in in the browser."
            ),
            "httpsrequired": self.tr("QR sign-in works only on sites with https."),
        }.get(_code(error))
        if said is not None:
            return said
        from moderator_app.gui.errors import describe

        return describe(error).text

    def abandon(self) -> None:
        """The dialog closes: stop listening to a running task."""
        if self.task is not None:
            for signal in (self.task.finished, self.task.failed):
                signal.disconnect()
            self.task = None
        if self._listener is not None:
            self._listener.close()

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.browser_button,
            self.paste_button,
            self.paste_edit,
            self.qr_clipboard_button,
            self.qr_file_button,
        ):
            widget.setEnabled(enabled)

    def _show_paste(self, shown: bool) -> None:
        for widget in (self.paste_label, self.paste_edit, self.paste_button):
            widget.setVisible(shown)

    def _show_qr(self, shown: bool) -> None:
        for widget in (self.qr_clipboard_button, self.qr_file_button):
            widget.setVisible(shown)

    @classmethod
    def open_url(cls, url: str) -> bool:
        """Open the system browser (tests replace this)."""
        return QDesktopServices.openUrl(QUrl(url))

    @classmethod
    def pick_image(cls, parent: QWidget | None) -> str:
        """A screenshot of the QR code, chosen by the moderator (tests replace this)."""
        path, _ = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("SsoPanel", "The QR code of your profile page"),
            "",
            QCoreApplication.translate("SsoPanel", "Images (*.png *.jpg *.jpeg *.bmp *.gif)"),
        )
        return path
