"""`moderator-app login --browser` and `--qr` against the sandbox's launch.php."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import segno

from moderator_app import credentials
from moderator_app.credentials import TokenStore
from moderator_app.sandbox import Sandbox
from moderator_app.services import accounts
from tests.replay_server import Exchange, ReplayServer
from tests.test_headless import run, sandbox  # noqa: F401 (the fixture)


@pytest.fixture(autouse=True)
def fresh_session() -> Iterator[None]:
    credentials.forget_session_tokens()
    yield
    credentials.forget_session_tokens()


def be_the_browser(monkeypatch: pytest.MonkeyPatch, opened: list[str]) -> None:
    """webbrowser.open follows launch.php as a browser would and 'pastes' where it ended."""

    def open_url(url: str) -> bool:
        opened.append(url)
        answer = requests.get(url, allow_redirects=False, timeout=10)
        monkeypatch.setattr(sys, "stdin", io.StringIO(answer.headers.get("Location", "") + "\n"))
        return True

    monkeypatch.setattr("webbrowser.open", open_url)


def test_browser_sign_in_from_the_command_line(
    sandbox: Sandbox,  # noqa: F811
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sandbox.type_of_login = 2
    opened: list[str] = []
    be_the_browser(monkeypatch, opened)
    assert run(data_dir, "login", "--site", sandbox.url, "--browser") == 0
    out = capsys.readouterr().out
    assert opened and opened[0] in out  # printed for a machine without a browser
    assert "/admin/tool/mobile/launch.php?service=moodle_mobile_app&passport=" in opened[0]
    assert "Signed in to" in out
    [account] = accounts.list_accounts()
    assert account.username == "moderator"
    assert run(data_dir, "sync") == 0  # the browser's token works


def test_a_pasted_address_from_elsewhere_is_refused(
    sandbox: Sandbox,  # noqa: F811
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sandbox.type_of_login = 2
    monkeypatch.setattr("webbrowser.open", lambda url: False)
    # A token signed for another passport (one we never started).
    forged = requests.get(
        f"{sandbox.url}/admin/tool/mobile/launch.php",
        params={"service": "moodle_mobile_app", "passport": "not-ours"},
        allow_redirects=False,
        timeout=10,
    ).headers["Location"]
    monkeypatch.setattr(sys, "stdin", io.StringIO(forged + "\n"))
    assert run(data_dir, "login", "--site", sandbox.url, "--browser") == 2
    captured = capsys.readouterr()
    assert "No browser could be opened" in captured.out
    assert "not made for a sign-in started here" in captured.err
    assert accounts.list_accounts() == []


def test_password_sign_in_still_needs_a_username(
    sandbox: Sandbox,  # noqa: F811
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(data_dir, "login", "--site", sandbox.url) == 2
    assert "--username" in capsys.readouterr().err


def test_qr_sign_in_from_a_screenshot_file(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nologin = "/lib/ajax/service-nologin.php"
    exchanges = [
        Exchange.json(
            "/login/token.php", {"appsitecheck": "ok"}, method="GET", query=[("appsitecheck", "1")]
        ),
        Exchange.json(
            nologin,
            [{"error": False, "data": {"typeoflogin": 2, "tool_mobile_qrcodetype": 2}}],
            query=[("info", "tool_mobile_get_public_config")],
            match="function",
        ),
        Exchange.json(
            nologin,
            [{"error": False, "data": {"token": "qrtoken", "privatetoken": "", "warnings": []}}],
            query=[("info", "tool_mobile_get_tokens_for_qr_login")],
            match="function",
        ),
        "007-site-info",
    ]
    with ReplayServer(exchanges, match="function") as server:
        screenshot = tmp_path / "qr.png"
        segno.make(f"moodlemobile://{server.url}?qrlogin=Key9&userid=5").save(
            str(screenshot), scale=5
        )
        assert run(data_dir, "login", "--site", server.url, "--qr", str(screenshot)) == 0
        sent = [r for r in server.received if r.path == nologin][-1]
        assert json.loads(sent.form[0][0])[0]["args"] == {"qrloginkey": "Key9", "userid": 5}
    assert "Signed in to" in capsys.readouterr().out
    [account] = accounts.list_accounts()
    assert TokenStore().load(account.ref.key) == "qrtoken"


def test_an_unreadable_screenshot_is_said(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exchanges = [
        Exchange.json(
            "/login/token.php", {"appsitecheck": "ok"}, method="GET", query=[("appsitecheck", "1")]
        ),
        Exchange.json(
            "/lib/ajax/service-nologin.php",
            [{"error": False, "data": {}}],
            query=[("info", "tool_mobile_get_public_config")],
            match="function",
        ),
    ]
    blank = tmp_path / "blank.png"
    segno.make("x").save(str(blank), scale=1, border=0, dark="white")  # an image, no code
    with ReplayServer(exchanges, match="function") as server:
        assert run(data_dir, "login", "--site", server.url, "--qr", str(blank)) == 2
    assert "No QR code was found" in capsys.readouterr().err
