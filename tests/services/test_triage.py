"""Triage: dismiss with a reason (audited), snooze into the future, claim, and undo."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text

from moderator_app.services import audit
from moderator_app.services.queue import QueueFilter, QueueService
from moderator_app.services.triage import TriageService, UnknownDiscussion
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.store.waiting import refresh_waiting
from tests.store import helpers as h

NOW = 1_000_000


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "account.sqlite")
    h.seed_course(
        database,
        discussions=[
            h.discussion(1, created=NOW - 100, message="<p>secret learner text</p>"),
            h.discussion(2, created=NOW - 50),
        ],
    )
    with database.session() as s:
        refresh_waiting(s)
    yield database
    database.close()


def visible(db: Database) -> list[int]:
    return [i.discussion_id for i in QueueService(db, now=lambda: NOW).page(QueueFilter())]


def triage_row(db: Database, discussion_id: int) -> m.Triage | None:
    with db.session() as s:
        return s.get(m.Triage, discussion_id)


def test_dismiss_needs_a_reason_and_is_audited_without_post_text(db: Database) -> None:
    triage = TriageService(db, "mo", now=lambda: NOW)
    for empty in ("", "   \n"):
        with pytest.raises(ValueError, match="reason"):
            triage.dismiss(1, empty)
    assert visible(db) == [1, 2]

    triage.dismiss(1, "  answered in\nthe live session ")

    assert visible(db) == [2]
    with db.session() as s:
        events = audit.events(s, learner_id=h.LEARNER)
        assert [(e.kind, e.actor, e.course_id, e.at) for e in events] == [("dismiss", "mo", 1, NOW)]
        assert json.loads(events[0].detail) == {
            "discussion_id": 1,
            "reason": "answered in the live session",
        }
        dumped = " ".join(str(r) for r in s.execute(text("SELECT * FROM audit_event")))
    assert "secret" not in dumped and "Lena" not in dumped


def test_snooze_must_be_in_the_future(db: Database) -> None:
    triage = TriageService(db, "mo", now=lambda: NOW)
    for past in (NOW - 1, NOW):
        with pytest.raises(ValueError, match="future"):
            triage.snooze(1, past)
    triage.snooze(1, NOW + 60)
    row = triage_row(db, 1)
    assert row is not None and row.snoozed_until == NOW + 60
    assert visible(db) == [2]


def test_claim_and_unclaim(db: Database) -> None:
    triage = TriageService(db, "mo", now=lambda: NOW)
    triage.claim(2)
    item = QueueService(db, now=lambda: NOW).get(2)
    assert item is not None and item.claimed_by == "mo"
    assert visible(db) == [1, 2]  # claiming does not hide
    triage.unclaim(2)
    row = triage_row(db, 2)
    assert row is not None and (row.claimed_by, row.claimed_at) == (None, None)


def test_undo_reverts_the_last_actions_in_reverse_order(db: Database) -> None:
    other = TriageService(db, "tess", now=lambda: NOW)
    other.claim(1)
    triage = TriageService(db, "mo", now=lambda: NOW)
    triage.claim(1)
    triage.dismiss(1, "duplicate")
    triage.snooze(2, NOW + 600)
    assert visible(db) == []

    assert triage.undo() == 2
    assert visible(db) == [2]
    assert triage_row(db, 2) is None  # no row before the snooze: none after undo

    assert triage.undo() == 1
    assert visible(db) == [1, 2]
    with db.session() as s:
        kinds = [e.kind for e in audit.events(s)]
    assert kinds == ["dismiss", "dismiss_undone"]

    assert triage.undo() == 1
    row = triage_row(db, 1)
    assert row is not None and row.claimed_by == "tess"  # the earlier claim is back

    assert triage.undo() is None  # another instance's actions are not ours to undo
    assert not triage.can_undo()


def test_unknown_discussion_is_refused_and_leaves_nothing_to_undo(db: Database) -> None:
    triage = TriageService(db, "mo", now=lambda: NOW)
    with pytest.raises(UnknownDiscussion):
        triage.claim(999)
    with pytest.raises(UnknownDiscussion):
        triage.dismiss(999, "gone")
    assert triage.undo() is None
    with db.session() as s:
        assert s.scalars(select(m.AuditEvent)).all() == []


def test_undo_after_the_discussion_was_deleted_is_harmless(db: Database) -> None:
    triage = TriageService(db, "mo", now=lambda: NOW)
    triage.claim(1)
    with db.session() as s:
        s.execute(text("DELETE FROM discussion WHERE id = 1"))
    assert triage.undo() == 1
    assert triage_row(db, 1) is None
