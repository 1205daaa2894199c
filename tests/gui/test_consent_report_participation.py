"""The consent area's per-learner report also says what the participation view holds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from moderator_app.gui.consent_page import ConsentPage
from moderator_app.store.db import Database
from moderator_app.store.models import Account, Participant
from tests.services.consent_seed import (
    ACTOR,
    COURSE,
    DAY,
    NOW,
    PIETER,
    SANNE,
    TEACHER,
    FixedSecret,
    seed,
)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "account.sqlite")
    seed(database)
    with database.session() as s:
        s.add(Account(id="a", site_url="https://x", username=ACTOR, user_id=TEACHER, created_at=0))
        s.get_one(Participant, (COURSE, SANNE)).last_course_access = NOW - DAY
        s.get_one(Participant, (COURSE, PIETER)).last_course_access = 0
    yield database
    database.close()


def report_for(qtbot: QtBot, db: Database, learner: int) -> str:
    page = ConsentPage(db, ACTOR, secrets=FixedSecret(), lang="en", now=lambda: NOW)
    qtbot.addWidget(page)
    page.course.setCurrentIndex(page.course.findData(COURSE))
    row = next(n for n, r in enumerate(page.model.rows) if r.user_id == learner)
    page.table.selectRow(row)
    page.show_report()
    return page.report.text()


def test_report_lists_the_learners_participation(qtbot: QtBot, db: Database) -> None:
    text = report_for(qtbot, db, SANNE)
    assert "Participation: " in text
    assert "1 discussions started" in text  # Sanne opened the course's question
    assert "last visit never" not in text


def test_report_says_a_learner_never_visited(qtbot: QtBot, db: Database) -> None:
    text = report_for(qtbot, db, PIETER)
    assert "absent" in text and "last visit never" in text
