"""The headless commands from a fresh data dir against the sandbox demo."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator_app import cli
from moderator_app.sandbox import DEMO_PASSWORD, MODERATOR, Sandbox


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    sb = Sandbox.start()
    yield sb
    sb.stop()


def run(data_dir: Path, *argv: str) -> int:
    return cli.main(["--data-dir", str(data_dir), *argv])


def login(sb: Sandbox, data_dir: Path, monkeypatch: pytest.MonkeyPatch, password: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))  # not a tty: read a line
    return run(data_dir, "login", "--site", sb.url, "--username", MODERATOR)


def test_login_sync_queue_outbox(
    sandbox: Sandbox,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert login(sandbox, data_dir, monkeypatch, DEMO_PASSWORD) == 0
    assert "Signed in" in capsys.readouterr().out

    assert run(data_dir, "sync") == 0
    out = capsys.readouterr()
    assert "discussions:" in out.err and "posts:" in out.err  # progress
    assert out.out.startswith("Sync:")

    assert run(data_dir, "queue", "--json") == 0
    items = json.loads(capsys.readouterr().out)
    assert items, "the demo has waiting questions"
    ages = [i["waiting_since"] for i in items]
    assert ages == sorted(ages)  # oldest first

    assert run(data_dir, "outbox", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []
    # The token is nowhere in the data dir.
    token = sandbox.token_for(MODERATOR)
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert token.encode() not in path.read_bytes()


def test_wrong_password_and_no_account_fail_clearly(
    sandbox: Sandbox,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(data_dir, "sync") == 2
    assert "login" in capsys.readouterr().err
    assert login(sandbox, data_dir, monkeypatch, "wrong") == 2
    assert "Sign-in failed" in capsys.readouterr().err


def test_sync_exits_non_zero_when_the_site_is_down(
    sandbox: Sandbox,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert login(sandbox, data_dir, monkeypatch, DEMO_PASSWORD) == 0
    sandbox.stop()
    assert run(data_dir, "sync") != 0
    assert "could not be reached" in capsys.readouterr().err
