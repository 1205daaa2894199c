"""Shared set-up for the poll service tests: a migrated store and a fixed clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator_app.services.poll_rules import PollData
from moderator_app.store.db import Database
from moderator_app.store.models import Account, Course

NOW = 1_800_000_000
WITH_PLUGIN = frozenset({"core_webservice_get_site_info", "local_moderatordesk_create_choice"})
WITHOUT_PLUGIN = frozenset({"core_webservice_get_site_info", "mod_choice_get_choices_by_courses"})


class Clock:
    def __init__(self, now: int = NOW) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now


@pytest.fixture
def poll_db(tmp_path: Path) -> Iterator[Database]:
    db = Database.open(tmp_path / "polls.sqlite")
    with db.session() as s:
        s.add(Course(id=2, shortname="c2", fullname="Samen leren online"))
    yield db
    db.close()


def add_account(db: Database, functions: frozenset[str]) -> None:
    with db.session() as s:
        s.add(
            Account(
                site_url="http://127.0.0.1",
                username="moderator",
                user_id=2,
                functions=" ".join(sorted(functions)),
                created_at=NOW,
            )
        )


def sample_poll(**changes: object) -> PollData:
    from dataclasses import replace

    poll = PollData(
        question="Which evening suits you?",
        description="<p>For the live session.</p>",
        course_id=2,
        section=1,
        publish_names=True,
        show_results=3,
        time_close=NOW + 86_400,
    ).with_options("Tuesday", "Wednesday", "Thursday")
    return replace(poll, **changes)  # type: ignore[arg-type]
