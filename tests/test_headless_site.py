"""Headless commands and the site's own changes: `moderator-app thread` shows a
discussion as the app holds it after reading the site; `sync` says when a site policy
waits instead of reporting an empty site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moderator_app.sandbox import DEMO_PASSWORD, MODERATOR, Sandbox
from tests.test_headless import login, run, sandbox  # noqa: F401 (the fixture)


def _waiting_discussion(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> int:
    assert run(data_dir, "queue", "--json") == 0
    return int(json.loads(capsys.readouterr().out)[0]["discussion_id"])


def test_thread_reads_the_site_then_prints_edits_and_offline_says_so(
    sandbox: Sandbox,  # noqa: F811
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert login(sandbox, data_dir, monkeypatch, DEMO_PASSWORD) == 0
    assert run(data_dir, "sync") == 0
    capsys.readouterr()
    did = _waiting_discussion(data_dir, capsys)
    opener = int(sandbox.state.discussion(did)["firstpost"])  # type: ignore[index]
    sandbox.state.edit_post(opener, "<p>Edited &amp; clearer</p>", "Edited subject")

    assert run(data_dir, "thread", str(did), "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["from_site"] is True
    assert shown["subject"] == "Edited subject"
    first = next(p for p in shown["posts"] if p["id"] == opener)
    assert first["message_html"] == "<p>Edited &amp; clearer</p>"

    assert run(data_dir, "thread", str(did)) == 0
    assert "Edited & clearer" in capsys.readouterr().out

    sandbox.stop()
    assert run(data_dir, "thread", str(did)) == 0
    out = capsys.readouterr()
    assert "Edited & clearer" in out.out  # the stored copy
    assert "copy stored here" in out.err


def test_thread_of_an_unknown_discussion_fails_clearly(
    sandbox: Sandbox,  # noqa: F811
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert login(sandbox, data_dir, monkeypatch, DEMO_PASSWORD) == 0
    assert run(data_dir, "thread", "999999") != 0
    assert "999999" in capsys.readouterr().err


def test_sync_with_a_site_policy_waiting_exits_non_zero_and_says_where_to_accept(
    sandbox: Sandbox,  # noqa: F811
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert login(sandbox, data_dir, monkeypatch, DEMO_PASSWORD) == 0
    sandbox.state.set_policy_agreed(sandbox.state.user_id(MODERATOR), False)
    capsys.readouterr()

    assert run(data_dir, "sync") != 0

    err = capsys.readouterr().err
    assert "site policy" in err
    assert f"{sandbox.url}/admin/tool/policy/index.php" in err
