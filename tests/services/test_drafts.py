"""Drafts are kept per discussion, survive reopening the store, and go when sent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator_app.services.drafts import NEW_DISCUSSION, REPLY, DraftService
from moderator_app.store.db import Database


@pytest.fixture()
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "account.sqlite")
    yield database
    database.close()


def test_a_draft_is_kept_per_discussion(db: Database) -> None:
    drafts = DraftService(db, now=lambda: 100)
    drafts.save(REPLY, 7, "Goed punt, en")
    drafts.save(REPLY, 8, "Dank je")
    assert drafts.get(REPLY, 7) == "Goed punt, en"
    assert drafts.get(REPLY, 8) == "Dank je"
    assert drafts.get(NEW_DISCUSSION, 7) is None
    assert drafts.reply_discussions() == {7, 8}


def test_saving_again_replaces_and_blank_text_removes(db: Database) -> None:
    drafts = DraftService(db)
    drafts.save(REPLY, 7, "eerste")
    drafts.save(REPLY, 7, "tweede")
    assert drafts.get(REPLY, 7) == "tweede"
    drafts.save(REPLY, 7, "  \n")
    assert drafts.get(REPLY, 7) is None
    assert drafts.reply_discussions() == frozenset()


def test_a_draft_survives_closing_the_store(tmp_path: Path) -> None:
    path = tmp_path / "account.sqlite"
    with Database.open(path) as first:
        DraftService(first).save(REPLY, 7, "half geschreven")
    with Database.open(path) as again:
        assert DraftService(again).get(REPLY, 7) == "half geschreven"


def test_discard_says_whether_there_was_a_draft(db: Database) -> None:
    drafts = DraftService(db)
    drafts.save(REPLY, 7, "weg ermee")
    assert drafts.discard(REPLY, 7) is True
    assert drafts.discard(REPLY, 7) is False
    assert drafts.get(REPLY, 7) is None


def test_unknown_kind_is_refused(db: Database) -> None:
    with pytest.raises(ValueError):
        DraftService(db).save("letter", 1, "x")
