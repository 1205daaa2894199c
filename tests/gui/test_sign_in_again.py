"""An expired or revoked token is said above everything else and fixed in place."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QStatusBar

from moderator_app.gui.main_window import MainWindow
from moderator_app.gui.status_bar import Importance, SyncStatus
from moderator_app.gui.sync_jobs import report_importance
from moderator_app.platform.errors import AuthError, PolicyNotAgreed, Transient
from moderator_app.sync import SyncReport

EXPIRED = AuthError("Invalid token - token expired", code="invalidtoken")


class RefusingPlatform:
    """Every call answers as Moodle does for a revoked token."""

    total = 0
    counts: dict[str, int] = {}

    def __getattr__(self, name: str) -> Any:
        def refuse(*_args: object, **_kwargs: object) -> object:
            raise EXPIRED

        return refuse


class RefusedAtSync(RefusingPlatform):
    """The sync's first call is refused; anything else finds the network gone."""

    def __getattr__(self, name: str) -> Any:
        if name == "site_info":
            return super().__getattr__(name)

        def offline(*_args: object, **_kwargs: object) -> object:
            raise Transient("connection refused", code="offline")

        return offline


def _ask_recorder(monkeypatch, *answers: object) -> list[tuple[str, str]]:
    asked: list[tuple[str, str]] = []

    def ask(_parent: object, site_url: str, username: str) -> object:
        asked.append((site_url, username))
        return answers[len(asked) - 1] if len(asked) <= len(answers) else None

    monkeypatch.setattr(MainWindow, "ask_sign_in", staticmethod(ask))
    return asked


def test_a_refused_thread_read_pauses_sync_says_so_and_asks_to_sign_in(
    make_window, seeded_db, qtbot, monkeypatch
) -> None:
    asked = _ask_recorder(monkeypatch)
    window = make_window(seeded_db, platform_factory=RefusingPlatform)
    # Opening the first discussion reads it from the site: the token is refused.
    qtbot.waitUntil(lambda: len(asked) == 1)
    assert asked == [("http://127.0.0.1", "mila")]  # filled in for this account
    held = window.statusBar().currentMessage()
    assert "sign in again" in held
    assert "Offline" not in window.reply_box.status.text()  # the site answered
    # Any other message (a dismissal, a reply sent) does not hide it.
    window.statusBar().showMessage("Dismissed.", 5000)
    assert window.statusBar().currentMessage() == held
    assert not window.status.say("Reply sent.", Importance.INFORMATION)
    assert window.statusBar().currentMessage() == held
    # Sync is paused: no run starts, and F5 asks to sign in again instead.
    window.sync_now()
    assert window.actions_by_name["sync"].isEnabled()  # nothing running
    window.sync_now(manual=True)
    qtbot.waitUntil(lambda: len(asked) == 2)
    assert window.statusBar().currentMessage() == held  # still not signed in


def test_a_refused_sync_asks_and_signing_in_again_syncs_at_once(
    make_window, seeded_db, qtbot, monkeypatch
) -> None:
    windows: list[MainWindow] = []

    class Result:
        @property
        def ref(self) -> object:
            return windows[0].context.account

    asked = _ask_recorder(monkeypatch, Result())
    window = make_window(seeded_db, platform_factory=RefusedAtSync)
    windows.append(window)
    finished: list[object] = []
    window.sync_finished.connect(finished.append)
    window.sync_now()
    qtbot.waitUntil(lambda: len(finished) >= 1)
    assert finished[0].error is EXPIRED
    # The dialog answers "signed in": a new sync starts at once (the outbox goes with
    # it). That one is refused too (same platform): asked again, the message is back.
    qtbot.waitUntil(lambda: len(finished) == 2 and len(asked) == 2, timeout=10_000)
    assert "sign in again" in window.statusBar().currentMessage()


def test_a_poll_results_refusal_asks_to_sign_in_not_could_not_be_fetched(
    make_window, seeded_db, qtbot, monkeypatch
) -> None:
    asked = _ask_recorder(monkeypatch)
    window = make_window(seeded_db, platform_factory=RefusedAtSync)
    page = window._section_pages["polls"]
    page._platform_factory = RefusingPlatform
    with qtbot.waitSignal(page.results_refreshed, timeout=10_000):
        page.refresh_results()
    qtbot.waitUntil(lambda: len(asked) == 1)
    assert "could not be fetched" not in window.statusBar().currentMessage()
    assert "sign in again" in window.statusBar().currentMessage()


def test_a_less_important_message_waits_until_the_more_important_one_is_gone(qtbot) -> None:
    bar = QStatusBar()
    qtbot.addWidget(bar)
    status = SyncStatus(bar)
    assert status.say("Offline.", Importance.CONNECTIVITY, 10_000)
    assert not status.say("Claimed.", Importance.INFORMATION)
    assert bar.currentMessage() == "Offline."
    assert status.say("2 outbox items need your attention.", Importance.SAFETY)
    bar.clearMessage()  # the message timed out
    assert status.say("Claimed.", Importance.INFORMATION)
    assert bar.currentMessage() == "Claimed."


def test_report_importance_puts_sign_in_and_data_safety_first() -> None:
    assert report_importance(SyncReport(error=EXPIRED)) is Importance.SAFETY
    assert report_importance(SyncReport(outbox_needs_attention=1)) is Importance.SAFETY
    policy = PolicyNotAgreed("accept the policy", code="sitepolicynotagreed")
    assert report_importance(SyncReport(error=policy)) is Importance.CONNECTIVITY
    assert report_importance(SyncReport(offline=True, error=Transient("x"))) is (
        Importance.CONNECTIVITY
    )
    assert report_importance(SyncReport()) is Importance.INFORMATION
