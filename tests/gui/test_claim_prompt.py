"""The queue names the colleague who claimed a discussion on the site, and a reply to it
asks first (the team's claims come from the companion plugin, stored by the sync)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from moderator_app.gui.queue_model import Role
from moderator_app.platform.errors import InvalidInput
from moderator_app.services.queue import QueueService
from moderator_app.store.models import Account
from moderator_app.store.models_plugin import TeamClaim
from tests.gui.seed import NOW


def _claim_current(window, db, user_id: int) -> int:
    item = window.current_item()
    assert item is not None
    with db.session() as s:
        own = s.query(Account.user_id).scalar()
        assert own != 9999
        s.add(
            TeamClaim(
                discussion_id=item.discussion_id,
                state="claimed",
                reason="",
                user_id=user_id,
                fullname="Joost Jansen",
                time_modified=1_700_000_000,
            )
        )
    return item.discussion_id


@pytest.mark.parametrize(
    "answer, sent", [(QMessageBox.StandardButton.No, 0), (QMessageBox.StandardButton.Yes, 1)]
)
def test_a_reply_to_a_colleagues_claim_asks_first(
    make_window, seeded_db, monkeypatch, answer, sent
) -> None:
    window = make_window(seeded_db)
    _claim_current(window, seeded_db, 9999)
    asked: list[str] = []
    replies: list[int] = []

    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return answer

    def reply(discussion_id, *args, **kwargs):
        replies.append(discussion_id)
        raise InvalidInput("stop here")  # the send job is not this test's concern

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(window.outbox, "reply", reply)
    window.send_reply("I will take this one")
    assert len(asked) == 1 and "Joost Jansen is answering" in asked[0]
    assert len(replies) == sent


def test_no_question_without_a_colleagues_claim(make_window, seeded_db, monkeypatch) -> None:
    window = make_window(seeded_db)
    asked: list[str] = []
    replies: list[int] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append("x"))

    def reply(discussion_id, *args, **kwargs):
        replies.append(discussion_id)
        raise InvalidInput("stop here")

    monkeypatch.setattr(window.outbox, "reply", reply)
    window.send_reply("hello")
    assert asked == [] and len(replies) == 1


def test_the_thread_header_and_the_queue_name_the_colleague_who_claimed_it(
    make_window, seeded_db
) -> None:
    window = make_window(seeded_db)
    did = _claim_current(window, seeded_db, 9999)
    item = QueueService(seeded_db, now=lambda: NOW).get(did)
    assert item is not None
    window.show_thread(item)
    assert "claimed by Joost Jansen" in window.thread_meta.text()
    window.model.refresh()
    model = window.model
    [row] = [
        r for r in range(model.rowCount()) if model.index(r, 0).data(Role.DISCUSSION_ID) == did
    ]
    assert "claimed by Joost Jansen" in model.index(row, 3).data()
    tip = model.index(row, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert "Claimed by Joost Jansen on " in tip
