"""Start-up and the account's data: one app per account, a database that cannot be
used said in words (with a fresh start offered where it helps), never a crash."""

from __future__ import annotations

import signal
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from moderator_app.gui import app as app_mod
from moderator_app.gui.errors import StoreProblemText
from moderator_app.gui.store_problem import StoreProblemBox
from moderator_app.sandbox import DEMO_PASSWORD, MODERATOR, Sandbox
from moderator_app.services import accounts
from tests.gui.conftest import QUIET
from tests.store import lock_holder

GARBAGE = b"not a database at all " * 200


@pytest.fixture()
def signed_in(tmp_path: Path) -> Iterator[Any]:
    """A sandbox and one account signed in to it: yields the SignInResult."""
    site = Sandbox.start(db_path=tmp_path / "sandbox.sqlite", seed="demo")
    yield accounts.sign_in(site.url, MODERATOR, DEMO_PASSWORD)
    site.stop()


@pytest.fixture()
def told(monkeypatch: pytest.MonkeyPatch) -> list[StoreProblemText]:
    shown: list[StoreProblemText] = []
    monkeypatch.setattr(
        StoreProblemBox, "tell", classmethod(lambda cls, parent, problem: shown.append(problem))
    )
    return shown


def answer_fresh(monkeypatch: pytest.MonkeyPatch, answer: bool) -> list[StoreProblemText]:
    asked: list[StoreProblemText] = []

    def ask(cls: Any, parent: Any, problem: StoreProblemText) -> bool:
        asked.append(problem)
        return answer

    monkeypatch.setattr(StoreProblemBox, "ask_fresh", classmethod(ask))
    return asked


@pytest.fixture()
def second(qapp: object) -> Iterator[app_mod.AppController]:
    """A second app start in the same test (its own controller, windows never shown)."""
    ctl = app_mod.AppController(QUIET, show_windows=False)
    yield ctl
    ctl.shutdown()


def no_sign_in(controller: app_mod.AppController, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    asked: list[Any] = []
    monkeypatch.setattr(controller, "ask_sign_in", lambda *a, **k: asked.append(a) or False)
    return asked


def test_a_second_start_on_the_account_says_so_and_brings_the_first_forward(
    controller: app_mod.AppController,
    second: app_mod.AppController,
    signed_in: Any,
    told: list[StoreProblemText],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert controller.start()
    first_window = controller.window
    brought: list[bool] = []
    monkeypatch.setattr(first_window, "raise_", lambda: brought.append(True))
    asked = no_sign_in(second, monkeypatch)

    with qtbot.waitSignal(controller.raise_listener.raise_requested, timeout=5000):
        assert not second.start()

    qtbot.waitUntil(lambda: brought == [True])
    assert [t.text for t in told] == ["Moderator Desk is already open for this account."]
    assert told[0].advice == "Its window has been brought to the front."
    assert second.window is None and asked == []  # no sign-in dialog either

    controller.shutdown()  # the first app quits: the account is free again
    assert second.start()
    assert second.window.context.account == signed_in.ref


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_an_account_held_by_a_terminal_sync_is_said_without_a_window_to_raise(
    second: app_mod.AppController,
    signed_in: Any,
    told: list[StoreProblemText],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    holder = lock_holder.start(accounts.db_path(signed_in.ref))
    try:
        no_sign_in(second, monkeypatch)
        assert not second.start()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.communicate(timeout=30)
    assert told[0].text == "Moderator Desk is already open for this account."
    assert "wait until its sync in the terminal ends" in told[0].advice


def test_a_corrupt_database_is_said_and_a_fresh_one_started_beside_it_on_request(
    controller: app_mod.AppController,
    signed_in: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = accounts.db_path(signed_in.ref)
    path.write_bytes(GARBAGE)
    asked_sign_in = no_sign_in(controller, monkeypatch)
    asked = answer_fresh(monkeypatch, False)

    assert not controller.start()  # no crash, no empty sign-in: the user was told
    assert asked_sign_in == [] and controller.window is None
    problem = asked[0]
    assert problem.text == (
        f"The database of this account ({path.name}) is damaged or is not a Moderator Desk "
        "database. It has not been changed."
    )
    assert problem.fresh.startswith(
        f"Start a fresh database (the old file is kept as {path.name}.corrupt-"
    )
    assert path.read_bytes() == GARBAGE

    answer_fresh(monkeypatch, True)
    assert controller.start()
    assert controller.window.context.account == signed_in.ref
    kept = list(path.parent.glob(f"{path.name}.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == GARBAGE


def test_a_database_from_a_newer_app_is_said_and_left_alone(
    controller: app_mod.AppController,
    signed_in: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = accounts.db_path(signed_in.ref)
    controller.open_account(signed_in.ref)
    controller.shutdown()
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("DELETE FROM alembic_version")
        connection.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    connection.close()
    asked = answer_fresh(monkeypatch, False)
    no_sign_in(controller, monkeypatch)

    assert not controller.start()
    assert "written by a newer version of Moderator Desk" in asked[0].text
    assert f"{path.name}.newer-" in asked[0].fresh
    assert not list(path.parent.glob("*.newer-*"))


def test_a_read_only_data_folder_is_said_and_no_fresh_start_offered(
    controller: app_mod.AppController,
    signed_in: Any,
    told: list[StoreProblemText],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = accounts.db_path(signed_in.ref)
    real_access = app_mod.os.access

    def read_only_accounts(target: Any, mode: int) -> bool:  # the folder refuses writes
        return False if Path(target) == path.parent else real_access(target, mode)

    monkeypatch.setattr("moderator_app.store.db.os.access", read_only_accounts)
    asked = answer_fresh(monkeypatch, True)
    no_sign_in(controller, monkeypatch)

    assert not controller.start()
    assert asked == []
    assert told[0].text == f"Moderator Desk cannot write to its data folder ({path.parent})."
    assert "--data-dir" in told[0].advice


def test_signing_in_to_an_account_with_a_bad_database_does_not_crash(
    controller: app_mod.AppController,
    signed_in: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    accounts.db_path(signed_in.ref).write_bytes(GARBAGE)
    answer_fresh(monkeypatch, False)
    monkeypatch.setattr(
        controller,
        "sign_in_dialog",
        lambda ref, parent, **_k: (QDialog.DialogCode.Accepted, signed_in),
    )
    assert not controller.ask_sign_in()
    assert controller.window is None
