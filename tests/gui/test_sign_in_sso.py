"""The sign-in dialog on single sign-on sites: the site first, then the browser or a QR
code; the answer pasted or handed over by the URL handler. Against the sandbox's
public config and launch.php."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import segno
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from moderator_app import cli, credentials
from moderator_app.gui.errors import Field
from moderator_app.gui.sign_in import SignInDialog
from moderator_app.gui.sign_in_sso import SsoPanel
from moderator_app.platform.moodle_nologin import parse_public_config
from moderator_app.sandbox import MODERATOR, Sandbox
from moderator_app.services import accounts
from moderator_app.services.sso_login import BrowserSignIn


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    credentials.forget_session_tokens()
    sb = Sandbox.start()
    sb.type_of_login = 2  # 'via a browser window': no password in the app
    yield sb
    sb.stop()
    credentials.forget_session_tokens()


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the dialog asked the system browser to open (nothing opens)."""
    urls: list[str] = []

    def open_url(cls: type, url: str) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(SsoPanel, "open_url", classmethod(open_url))
    return urls


def follow_launch(url: str) -> str:
    """The browser's part: launch.php redirects to the app's address."""
    return requests.get(url, allow_redirects=False, timeout=10).headers["Location"]


def dialog_for(qtbot: QtBot, sb: Sandbox, sign_ins: BrowserSignIn) -> SignInDialog:
    dialog = SignInDialog(sign_ins=sign_ins, allow_demo=False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.url_edit.setText(sb.url)
    return dialog


def test_the_site_is_read_first_and_its_form_chosen(qtbot: QtBot, sandbox: Sandbox) -> None:
    dialog = dialog_for(qtbot, sandbox, BrowserSignIn())
    with qtbot.waitSignal(dialog.sso.config_found):
        qtbot.keyClick(dialog.url_edit, Qt.Key.Key_Return)  # Enter on the address alone
    assert "Moderator Desk sandbox" in dialog.sso.site_label.text()
    assert not dialog.password_edit.isVisible() and not dialog.username_edit.isVisible()
    assert dialog.sso.browser_button.isVisible()
    assert dialog.message(Field.CREDENTIALS) == ""


def test_browser_sign_in_with_the_pasted_address(
    qtbot: QtBot, sandbox: Sandbox, opened: list[str]
) -> None:
    dialog = dialog_for(qtbot, sandbox, BrowserSignIn())
    with qtbot.waitSignal(dialog.sso.config_found):
        dialog.sso.browser_button.click()
    qtbot.waitUntil(lambda: len(opened) == 1)
    assert "/admin/tool/mobile/launch.php?service=moodle_mobile_app" in opened[0]
    assert dialog.sso.paste_edit.isVisible()
    dialog.sso.paste_edit.setText(follow_launch(opened[0]))
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.sso.paste_button.click()
    assert dialog.result_value is not None
    assert dialog.result_value.ref.username == MODERATOR
    assert [a.ref for a in accounts.list_accounts()] == [dialog.result_value.ref]


def test_the_url_handler_finishes_the_waiting_sign_in(
    qtbot: QtBot, sandbox: Sandbox, opened: list[str]
) -> None:
    sign_ins = BrowserSignIn()
    dialog = dialog_for(qtbot, sandbox, sign_ins)
    assert not dialog.receive_url("moodlemobile://token=abc")  # nothing waits yet
    dialog.sso.browser_button.click()
    qtbot.waitUntil(lambda: len(opened) == 1)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        assert dialog.receive_url(follow_launch(opened[0]))
    assert dialog.result_value is not None


def test_an_address_from_elsewhere_is_refused_in_words(
    qtbot: QtBot, sandbox: Sandbox, opened: list[str]
) -> None:
    dialog = dialog_for(qtbot, sandbox, BrowserSignIn())
    dialog.sso.browser_button.click()
    qtbot.waitUntil(lambda: len(opened) == 1)
    other = opened[0].replace("passport=", "passport=x")  # signed for a passport not ours
    dialog.sso.paste_edit.setText(follow_launch(other))
    dialog.sso.paste_button.click()
    qtbot.waitUntil(lambda: "not made for a sign-in started here" in dialog.message(Field.GENERAL))
    assert dialog.result_value is None and accounts.list_accounts() == []


def test_identity_providers_get_their_buttons(qtbot: QtBot, opened: list[str]) -> None:
    site = "https://moodle.school.example"
    config = parse_public_config(
        {
            "wwwroot": site,
            "typeoflogin": 2,
            "tool_mobile_qrcodetype": 2,
            "identityproviders": [
                {"name": "Microsoft", "url": f"{site}/auth/oauth2/login.php?id=4", "iconurl": ""}
            ],
        },
        site,
    )
    dialog = SignInDialog(look_up_site=lambda url: (site, config), sign_ins=BrowserSignIn())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.url_edit.setText(site)
    with qtbot.waitSignal(dialog.sso.config_found):
        qtbot.keyClick(dialog.url_edit, Qt.Key.Key_Return)
    [button] = [b for b in dialog.findChildren(QPushButton) if b.objectName() == "providerButton"]
    assert button.text() == "Sign in with Microsoft"
    assert dialog.sso.qr_clipboard_button.isVisible()  # this site's QR code signs in
    button.click()
    assert "oauthsso=4" in opened[0]


def test_a_qr_code_on_the_clipboard_signs_in(qtbot: QtBot) -> None:
    text = "moodlemobile://https://moodle.school.example?qrlogin=Key123&userid=9"
    png = segno.make(text, error="m")
    path_image = QImage()
    import io

    buffer = io.BytesIO()
    png.save(buffer, kind="png", scale=6)
    assert path_image.loadFromData(buffer.getvalue(), "PNG")
    seen: list[tuple[str, str]] = []

    def sign_in_qr(qr_text: str, site: str) -> Any:
        seen.append((qr_text, site))
        raise ValueError("stop here")

    dialog = SignInDialog(sign_in_qr=sign_in_qr, sign_ins=BrowserSignIn())
    qtbot.addWidget(dialog)
    dialog.url_edit.setText("https://moodle.school.example")
    QGuiApplication.clipboard().setImage(path_image)
    dialog.sso.qr_from_clipboard()
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(text, "https://moodle.school.example")]
    qtbot.waitUntil(lambda: dialog.sso.task is None)


def test_a_second_start_hands_the_address_to_the_waiting_dialog(
    qtbot: QtBot, sandbox: Sandbox, opened: list[str], data_dir: Path
) -> None:
    """`moderator-app moodlemobile://token=…` (the URL handler) ends the dialog's sign-in."""
    dialog = dialog_for(qtbot, sandbox, BrowserSignIn())
    dialog.sso.browser_button.click()
    qtbot.waitUntil(lambda: len(opened) == 1)
    address = follow_launch(opened[0])
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        assert cli.main(["--data-dir", str(data_dir), address]) == 0
    assert dialog.result_value is not None


def test_a_handed_over_address_with_nothing_waiting_is_said(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--data-dir", str(data_dir), "moodlemobile://token=abc"]) == 2
    assert "No sign-in waits" in capsys.readouterr().err
