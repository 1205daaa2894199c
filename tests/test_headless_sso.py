"""`moderator-app login --browser` and `--qr` against the sandbox's launch.php."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
import requests

from moderator_app.sandbox import Sandbox
from moderator_app.services import accounts
from tests.test_headless import run, sandbox  # noqa: F401 (the fixture)


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
