"""The sign-in dialog offers a moved site's address (never takes it silently) and says
when the account is a learner's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from moderator_app.gui.errors import Field
from moderator_app.gui.sign_in import SignInDialog
from moderator_app.platform.errors import Redirected
from moderator_app.platform.types import SiteCheck
from moderator_app.sandbox import DEMO_PASSWORD, MODERATOR, Sandbox
from tests.gui.test_sign_in import FakeSite, fill, make_dialog, real_dialog, sandbox

__all__ = ["sandbox"]

MOVED = "https://moodle.example.org/moodle"


class MovingSite(FakeSite):
    """The typed address answers with a move; the offered one works."""

    def __init__(self, error: Redirected) -> None:
        super().__init__()
        self.move = error

    def check_site(self, url: str) -> SiteCheck:
        self.calls.append(("check", url))
        if url != self.move.suggested_site:
            raise self.move
        return SiteCheck(url=url, is_moodle=True)


def moved(code: str = "sitemoved", suggested: str = MOVED) -> Redirected:
    return Redirected(
        "moved", location=f"{MOVED}/login/token.php", suggested_site=suggested, code=code
    )


def answer(monkeypatch: pytest.MonkeyPatch, yes: bool) -> list[str]:
    asked: list[str] = []

    def ask(parent: Any, question: str) -> bool:
        asked.append(question)
        return yes

    monkeypatch.setattr(SignInDialog, "ask_use_address", classmethod(lambda cls, p, q: ask(p, q)))
    return asked


def test_a_moved_site_is_offered_and_used_when_accepted(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer(monkeypatch, yes=True)
    site = MovingSite(moved())
    dialog = make_dialog(qtbot, site)
    fill(dialog, "http://moodle.example.org")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.submit()
    assert asked == [f"The site moved to {MOVED}; use that address?"]
    assert dialog.url_edit.text() == MOVED
    # The password went only to the address the user chose.
    assert [c for c in site.calls if c[0] == "sign_in"] == [("sign_in", MOVED, "moderator")]


def test_a_declined_move_signs_in_nowhere(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    asked = answer(monkeypatch, yes=False)
    site = MovingSite(moved(code="httpsonly", suggested="https://moodle.example.org"))
    dialog = make_dialog(qtbot, site)
    fill(dialog, "http://moodle.example.org")
    dialog.submit()
    qtbot.waitUntil(lambda: bool(asked))
    qtbot.waitUntil(lambda: dialog.sign_in_button.isEnabled())
    assert asked == ["This address answers only https; use https://moodle.example.org?"]
    assert dialog.url_edit.text() == "http://moodle.example.org"
    assert not [c for c in site.calls if c[0] == "sign_in"]
    assert "https://moodle.example.org" in dialog.message(Field.URL)


def test_a_move_to_another_site_is_named_not_offered(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer(monkeypatch, yes=True)
    elsewhere = Redirected(
        "elsewhere",
        location="https://evil.example/login/token.php?appsitecheck=1",
        code="redirectelsewhere",
    )
    site = FakeSite(elsewhere, at="check")
    dialog = make_dialog(qtbot, site)
    fill(dialog)
    dialog.submit()
    qtbot.waitUntil(lambda: bool(dialog.message(Field.URL)))
    assert asked == []
    assert "https://evil.example/login/token.php" in dialog.message(Field.URL)
    assert "appsitecheck" not in dialog.message(Field.URL)


@pytest.mark.parametrize("username, warned", [("sanne", True), (MODERATOR, False)])
def test_a_learner_account_is_told_what_it_will_see(
    qtbot: QtBot,
    sandbox: Sandbox,
    memory_keyring: Any,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    username: str,
    warned: bool,
) -> None:
    told: list[int] = []
    monkeypatch.setattr(
        SignInDialog, "tell_learner_account", classmethod(lambda cls, p, n: told.append(n))
    )
    dialog = real_dialog(qtbot)
    fill(dialog, sandbox.url, username=username, password=DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.submit()
    assert bool(told) is warned
    if warned:
        assert told[0] >= 1  # the learner's courses were counted
