"""The sign-in dialog: checks off the GUI thread, errors next to their field."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from moderator_app.gui.errors import Field
from moderator_app.gui.sign_in import DEMO, SignInDialog
from moderator_app.platform import errors as pe
from moderator_app.platform.types import SiteCheck
from moderator_app.sandbox import DEMO_PASSWORD, MODERATOR, Sandbox
from moderator_app.services import accounts


@dataclass
class FakeRef:
    site_url: str
    username: str


@dataclass
class FakeInfo:
    site_name: str


@dataclass
class FakeResult:
    ref: FakeRef
    site_info: FakeInfo
    token_persistent: bool = True


class FakeSite:
    """Stands in for check_site + sign_in; records which thread they ran on."""

    def __init__(self, error: BaseException | None = None, at: str = "sign_in") -> None:
        self.error = error
        self.at = at
        self.threads: list[threading.Thread] = []
        self.calls: list[tuple[str, ...]] = []

    def check_site(self, url: str) -> SiteCheck:
        self.threads.append(threading.current_thread())
        self.calls.append(("check", url))
        if self.error is not None and self.at == "check":
            raise self.error
        return SiteCheck(url=url.rstrip("/"), is_moodle=True)

    def sign_in(self, url: str, username: str, password: str) -> Any:
        self.calls.append(("sign_in", url, username))
        if self.error is not None and self.at == "sign_in":
            raise self.error
        return FakeResult(FakeRef(url, username), FakeInfo("Leerplein Noord"))


def make_dialog(qtbot: QtBot, site: FakeSite) -> SignInDialog:
    dialog = SignInDialog(check_site=site.check_site, sign_in=site.sign_in)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill(
    dialog: SignInDialog,
    url: str = "https://moodle.example.org/",
    username: str = "moderator",
    password: str = "pw",
) -> None:
    dialog.url_edit.setText(url)
    dialog.username_edit.setText(username)
    dialog.password_edit.setText(password)


def test_right_credentials_sign_in_off_the_gui_thread(qtbot: QtBot) -> None:
    site = FakeSite()
    dialog = make_dialog(qtbot, site)
    fill(dialog)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)  # Enter submits
    assert dialog.result_value is not None
    assert dialog.result_value.ref.site_url == "https://moodle.example.org"
    assert site.calls[1] == ("sign_in", "https://moodle.example.org", "moderator")
    assert site.threads and site.threads[0] is not threading.main_thread()
    assert "Leerplein Noord" in dialog.message(Field.URL)
    assert dialog.password_edit.text() == ""  # the password is not kept


@pytest.mark.parametrize(
    ("error", "at", "field", "words"),
    [
        (pe.NotMoodle("not moodle"), "check", Field.URL, "not lead to a Moodle site"),
        (pe.Transient("connection refused"), "check", Field.URL, "cannot be reached"),
        (pe.Transient("maintenance", code="sitemaintenance"), "sign_in", Field.URL, "maintenance"),
        (
            pe.Unavailable("no mobile", code="servicenotavailable"),
            "sign_in",
            Field.URL,
            "does not allow the Moodle app",
        ),
        (pe.Unavailable("ws off", code="enablewsdescription"), "check", Field.URL, "Web services"),
        (pe.Unavailable("untrusted", code="sslerror"), "check", Field.URL, "REQUESTS_CA_BUNDLE"),
        (pe.Unavailable("http only", code="insecure"), "check", Field.URL, "type the address"),
        (
            pe.AuthError("invalid login", code="invalidlogin"),
            "sign_in",
            Field.CREDENTIALS,
            "not right",
        ),
        (
            pe.PolicyNotAgreed("policy", code="sitepolicynotagreed"),
            "sign_in",
            Field.GENERAL,
            "accept its policy",
        ),
    ],
)
def test_each_failure_is_said_next_to_its_field(
    qtbot: QtBot, error: BaseException, at: str, field: Field, words: str
) -> None:
    dialog = make_dialog(qtbot, FakeSite(error, at))
    fill(dialog)
    dialog.submit()
    assert not dialog.sign_in_button.isEnabled()  # busy: no second submit
    qtbot.waitUntil(lambda: dialog.sign_in_button.isEnabled())
    assert words in dialog.message(field)
    others = [f for f in Field if f is not field]
    assert all(dialog.message(f) == "" for f in others)
    assert dialog.isVisible() and dialog.result_value is None


def test_wrong_password_clears_only_the_password(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, FakeSite(pe.AuthError("x", code="invalidlogin")))
    fill(dialog)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.sign_in_button.isEnabled())
    assert dialog.password_edit.text() == ""
    assert dialog.username_edit.text() == "moderator"
    assert dialog.url_edit.text() == "https://moodle.example.org/"


def test_empty_fields_are_asked_for_without_a_network_call(qtbot: QtBot) -> None:
    site = FakeSite()
    dialog = make_dialog(qtbot, site)
    dialog.submit()
    assert "address" in dialog.message(Field.URL)
    dialog.url_edit.setText("moodle.example.org")
    dialog.submit()
    assert "username and password" in dialog.message(Field.CREDENTIALS)
    assert site.calls == []


def test_escape_cancels(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, FakeSite())
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_try_the_demo_closes_with_the_demo_result(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, FakeSite())
    with qtbot.waitSignal(dialog.finished) as blocker:
        qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [DEMO]


# -- against the sandbox and real loopback servers ------------------------------------


@pytest.fixture()
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    site = Sandbox.start(db_path=tmp_path / "sandbox.sqlite", seed="demo")
    yield site
    site.stop()


def real_dialog(qtbot: QtBot) -> SignInDialog:
    dialog = SignInDialog()  # the real check_site and accounts.sign_in
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def submit_and_wait(qtbot: QtBot, dialog: SignInDialog) -> None:
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20_000)


def test_sandbox_right_password_keeps_the_token_in_the_keyring_only(
    qtbot: QtBot, sandbox: Sandbox, memory_keyring: Any, data_dir: Path
) -> None:
    dialog = real_dialog(qtbot)
    fill(dialog, sandbox.url, username=MODERATOR, password=DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.submit()
    result = dialog.result_value
    assert result is not None and result.token_persistent
    assert result.ref.username == MODERATOR
    assert "Leerplein Demo" in dialog.message(Field.URL)
    assert [a.ref for a in accounts.list_accounts()] == [result.ref]

    tokens = list(memory_keyring.secrets.values())
    assert len(tokens) == 1 and tokens[0]
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert tokens[0].encode() not in path.read_bytes(), path


def test_sandbox_wrong_password(qtbot: QtBot, sandbox: Sandbox, memory_keyring: Any) -> None:
    dialog = real_dialog(qtbot)
    fill(dialog, sandbox.url, username=MODERATOR, password="not-the-password")
    submit_and_wait(qtbot, dialog)
    assert "username or password is not right" in dialog.message(Field.CREDENTIALS)
    assert dialog.result_value is None
    assert memory_keyring.secrets == {}
    assert accounts.list_accounts() == []


def test_a_url_where_nothing_listens(qtbot: QtBot) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dialog = real_dialog(qtbot)
    fill(dialog, f"http://127.0.0.1:{port}")
    submit_and_wait(qtbot, dialog)
    assert "cannot be reached" in dialog.message(Field.URL)


class _HtmlPage(BaseHTTPRequestHandler):
    def _page(self) -> None:
        body = b"<!doctype html><html><body><h1>Welcome to my blog</h1></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _page

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture()
def html_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _HtmlPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_an_html_page_that_is_not_moodle(qtbot: QtBot, html_site: str) -> None:
    dialog = real_dialog(qtbot)
    fill(dialog, html_site)
    submit_and_wait(qtbot, dialog)
    assert "does not lead to a Moodle site" in dialog.message(Field.URL)
