"""A claim made here is queued for the team (outbox kind 'claim') only when the site's
companion plugin offers set_claim; undoing it queues the state it restored."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from moderator_app.services.triage import TriageService
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.store.waiting import refresh_waiting
from moderator_app.sync.claim_push import KIND_CLAIM, claim_key
from tests.store import helpers as h

NOW = 1_000_000


def _db(tmp_path: Path, functions: str) -> Database:
    database = Database.open(tmp_path / "account.sqlite")
    h.seed_course(database, discussions=[h.discussion(1, created=NOW - 100)])
    with database.session() as s:
        refresh_waiting(s)
        account = s.get(m.Account, "acc")  # the one the seed made
        assert account is not None
        account.functions = functions
    return database


@pytest.fixture
def with_plugin(tmp_path: Path) -> Iterator[Database]:
    db = _db(tmp_path, "core_webservice_get_site_info local_moderatordesk_set_claim")
    yield db
    db.close()


def _claims(db: Database) -> list[tuple[str, str | None]]:
    with db.session() as s:
        items = s.scalars(
            select(m.OutboxItem)
            .where(m.OutboxItem.kind == KIND_CLAIM)
            .order_by(m.OutboxItem.created_at)
        ).all()
        return [(json.loads(i.payload)["state"], i.ordering_key) for i in items]


def test_claim_unclaim_and_undo_go_to_the_team_in_order(with_plugin: Database) -> None:
    triage = TriageService(with_plugin, "mila", now=lambda: NOW)
    triage.claim(1)
    triage.unclaim(1)
    triage.undo()  # the unclaim: claimed again
    key = claim_key(1)
    assert _claims(with_plugin) == [("claimed", key), ("released", key), ("claimed", key)]


def test_without_the_plugin_a_claim_stays_local(tmp_path: Path) -> None:
    db = _db(tmp_path, "core_webservice_get_site_info")
    try:
        TriageService(db, "mila", now=lambda: NOW).claim(1)
        assert _claims(db) == []
        with db.session() as s:
            row = s.get(m.Triage, 1)
            assert row is not None and row.claimed_by == "mila"
    finally:
        db.close()
