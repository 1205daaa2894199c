"""The audit trail holds every event; a per-learner report and a CSV export of the trail."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator_app.services import audit, audit_report, consent_request, sharing
from moderator_app.services import consent as c
from moderator_app.services.pseudonyms import AUDIT_REVEAL, Pseudonyms
from moderator_app.store.db import Database
from moderator_app.store.models import OutboxItem
from tests.services.consent_seed import (
    ACTOR,
    COURSE,
    DAY,
    FORUM,
    NOW,
    PIETER,
    SANNE,
    SANNE_POST,
    FixedSecret,
    seed,
)

TARGET = sharing.Target("discussion", COURSE, forum_id=FORUM)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "account.sqlite")
    seed(database)
    yield database
    database.close()


def story(db: Database) -> tuple[str, str, str]:
    """Request, consent, share (sent), reveal, withdraw: one of everything."""
    names = Pseudonyms(FixedSecret())
    with db.session() as s:
        consent_request.queue_request(
            s, ACTOR, COURSE, SANNE, "Mag ik je bericht delen?", NOW - 3 * DAY, SANNE_POST
        )
        consent_id = c.add(
            s,
            ACTOR,
            c.ConsentSpec(COURSE, SANNE, "course", "message", NOW - 2 * DAY),
            NOW - 2 * DAY,
        ).id
        shared = sharing.share(
            s, names, ACTOR, SANNE_POST, "course", TARGET, lang="en", now=NOW - DAY
        )
        copy = s.get(OutboxItem, shared.outbox_id)
        assert copy is not None
        copy.state, copy.result_ref = "done", "4321"
        names.reveal(s, ACTOR, COURSE, SANNE, NOW - 10)
        sharing.withdraw(s, ACTOR, consent_id, NOW)
        c.add(s, ACTOR, c.ConsentSpec(COURSE, PIETER, "group", "form", NOW), NOW)
    return consent_id, shared.id, shared.outbox_id


def test_trail_holds_every_event_in_order(db: Database) -> None:
    story(db)
    with db.session() as s:
        assert [e.kind for e in audit.events(s, learner_id=SANNE)] == [
            consent_request.AUDIT_REQUESTED,
            c.AUDIT_ADDED,
            sharing.AUDIT_SHARED,
            AUDIT_REVEAL,
            c.AUDIT_WITHDRAWN,
            sharing.AUDIT_RETRACTED,
        ]
        assert {e.actor for e in audit.events(s)} == {ACTOR}


def test_learner_report_says_what_where_under_which_consent_and_what_was_retracted(
    db: Database,
) -> None:
    consent_id, share_id, _ = story(db)
    with db.session() as s:
        report = audit_report.learner_report(s, SANNE, COURSE)
        assert [x.id for x in report.consents] == [consent_id]
        (line,) = report.shares
        assert line.share.id == share_id and line.consent is not None
        assert line.consent.id == consent_id and line.consent.source == "message"
        assert line.share.target_forum_id == FORUM and line.posted_ref == "4321"
        assert line.place == "Vragen"  # the forum the copy went to
        assert report.retracted == (line,)
        assert line.share.retracted_at == NOW and line.retraction_state == "pending"
        assert line.retraction_done_at is None
        assert len(report.reveals) == 1
        other = audit_report.learner_report(s, PIETER)
        assert other.shares == () and len(other.events) == 1


def test_csv_export_of_the_whole_trail(db: Database) -> None:
    story(db)
    with db.session() as s:
        text = audit_report.trail_csv(s)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 7
    assert rows[0]["kind"] == consent_request.AUDIT_REQUESTED
    assert rows[0]["time_utc"].endswith("Z")
    assert {r["learner_id"] for r in rows} == {str(SANNE), str(PIETER)}
    shared = next(r for r in rows if r["kind"] == sharing.AUDIT_SHARED)
    assert json.loads(shared["detail"])["post_id"] == SANNE_POST
    # ids and kinds only: no learner text or names in the export
    assert "Pieter" not in text and "Sanne" not in text and "Mag ik" not in text


def test_csv_cells_cannot_become_formulas(db: Database) -> None:
    with db.session() as s:
        audit.record(s, "=HYPERLINK(1)", "x.kind", at=NOW)
        text = audit_report.trail_csv(s)
    assert "'=HYPERLINK(1)" in text
