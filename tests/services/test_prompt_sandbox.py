"""End to end on the sandbox: a quiet forum of the demo gets a scheduled prompt, which is
not sent before its time, is sent once after it, and is then counted as a use."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from moderator_app.platform.moodle import MoodleClient
from moderator_app.sandbox import MODERATOR, Sandbox
from moderator_app.services.prompt_posting import PromptPoster
from moderator_app.services.prompt_stats import PromptStats
from moderator_app.services.prompts import PromptFilter, PromptService
from moderator_app.services.quiet_forums import find_quiet
from moderator_app.store.db import Database
from moderator_app.store.models import Account
from moderator_app.store.upsert import save_account
from moderator_app.sync.engine import SyncEngine

HOUR = 3600


@pytest.fixture
def site() -> Iterator[MoodleClient]:
    with Sandbox.start() as sandbox:
        yield MoodleClient(sandbox.url, sandbox.token_for(MODERATOR), read_retries=0, backoff=0)


@pytest.fixture
def db(tmp_path: Path, site: MoodleClient) -> Iterator[Database]:
    database = Database.open(tmp_path / "account.sqlite")
    with database.session() as s:
        save_account(s, site.site_info(), int(time.time()))
    yield database
    database.close()


def sync(db: Database, site: MoodleClient, later: int = 0) -> None:
    with db.session() as s:
        user_id = s.scalars(select(Account.user_id)).one()
    report = SyncEngine(
        db, site, account_user_id=user_id, now=lambda: int(time.time()) + later
    ).run()
    assert report.error is None


def copies(site: MoodleClient, forum_id: int, subject: str) -> int:
    return sum(d.subject == subject for d in site.discussions(forum_id, 0, 100).items)


def test_a_scheduled_prompt_goes_out_once_after_its_time(db: Database, site: MoodleClient) -> None:
    sync(db, site)
    now = int(time.time())
    quiet = {q.forum_name: q for q in find_quiet(db, now, days=7, min_posters=3)}
    tips = quiet["Tips en trucs"]  # the demo's forum where learners fell silent
    assert tips.silent and tips.last_learner_post is not None

    library = PromptService(db)
    library.ensure_seeded()
    prompt = library.library(PromptFilter(kind="statement", lang="nl"))[0]
    poster = PromptPoster(db, MODERATOR, site_functions=site.site_info().functions)
    use = poster.post(
        prompt.id,
        "nl",
        tips.forum_id,
        {"topic": "Plannen is tijdverspilling", "week": "3"},
        at=now + 2 * HOUR,
    )
    [scheduled] = poster.scheduled()
    subject = scheduled.subject

    sync(db, site)  # before its time
    assert copies(site, tips.forum_id, subject) == 0
    assert [s.use_id for s in poster.scheduled()] == [use]

    sync(db, site, later=2 * HOUR + 60)  # after it
    assert copies(site, tips.forum_id, subject) == 1
    assert poster.scheduled() == []

    sync(db, site, later=3 * HOUR)  # and never again
    assert copies(site, tips.forum_id, subject) == 1

    poster.refresh_uses()
    [measured] = PromptStats(db, now=lambda: now).per_use()
    assert measured.use_id == use and measured.replies == 0
