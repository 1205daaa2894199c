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


def test_reply_from_the_command_line_goes_at_the_next_sync(
    sandbox: Sandbox,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert login(sandbox, data_dir, monkeypatch, DEMO_PASSWORD) == 0
    assert run(data_dir, "sync") == 0
    capsys.readouterr()
    assert run(data_dir, "queue", "--json") == 0
    did = json.loads(capsys.readouterr().out)[0]["discussion_id"]
    message = tmp_path / "reply.txt"
    message.write_text("Goede vraag!\n\nKijk in hoofdstuk 2.", encoding="utf-8")

    assert run(data_dir, "reply", str(did), "--message-file", str(message)) == 0
    assert "Reply queued" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("Alleen voor jou: zie je mail.\n"))
    assert run(data_dir, "reply", str(did), "--message-file", "-", "--private") == 0
    assert "Reply queued" in capsys.readouterr().out
    assert run(data_dir, "outbox", "--json") == 0
    assert [e["state"] for e in json.loads(capsys.readouterr().out)] == ["pending", "pending"]
    assert not [p for p in sandbox.state.posts_in(did) if "hoofdstuk 2" in p["message"]]

    assert run(data_dir, "sync") == 0
    posts = sandbox.state.posts_in(did)
    public = [p for p in posts if p["message"] == "<p>Goede vraag!</p><p>Kijk in hoofdstuk 2.</p>"]
    private = [p for p in posts if "Alleen voor jou" in p["message"]]
    assert len(public) == 1 and not public[0]["privatereplyto"]
    assert len(private) == 1 and private[0]["privatereplyto"]  # to the opener's author


def test_reply_from_the_command_line_refuses_clearly(
    sandbox: Sandbox,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert login(sandbox, data_dir, monkeypatch, DEMO_PASSWORD) == 0
    assert run(data_dir, "sync") == 0
    capsys.readouterr()
    assert run(data_dir, "queue", "--json") == 0
    did = json.loads(capsys.readouterr().out)[0]["discussion_id"]
    empty, text = tmp_path / "empty.txt", tmp_path / "text.txt"
    empty.write_text(" \n", encoding="utf-8")
    text.write_text("Ja.", encoding="utf-8")

    assert run(data_dir, "reply", str(did), "--message-file", str(empty)) == 2
    assert "empty" in capsys.readouterr().err
    assert run(data_dir, "reply", str(did), "--message-file", str(tmp_path / "nope.txt")) == 2
    assert "Cannot read the message file" in capsys.readouterr().err
    assert run(data_dir, "reply", "987654", "--message-file", str(text)) == 2
    err = capsys.readouterr().err
    assert "discussion 987654 is not in the local store" in err and "moderator-app sync" in err
    assert run(data_dir, "reply", str(did), "--message-file", str(text), "--post", "987654") == 2
    assert "post 987654" in capsys.readouterr().err
    assert run(data_dir, "outbox", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []  # nothing was queued
