"""A small sandbox site built per test, and the engine that syncs one account with it.

The sandbox starts empty (seed=None) and each test adds exactly the courses, forums
and posts it needs through `sb.state`, so request counts and waiting sets are known.
Seeded posts get site times from a clock in the past that moves a minute per post:
lists sort as intended, and anything the app sends (stamped with the real time by
the sandbox) is newer than all of them.

The app's own clock (`AppClock`) is separate and frozen: backoff and scheduled
items move only when a test moves it. The site never sees it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from moderator_app.platform.limits import SEND_SETTLE_SECONDS
from moderator_app.platform.moodle import MoodleClient
from moderator_app.sandbox import MODERATOR, Sandbox
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.sync import SyncEngine
from moderator_app.sync import outbox_plan as op

FN_DISCUSSIONS = "mod_forum_get_forum_discussions"
FN_POSTS = "mod_forum_get_discussion_posts"
FN_REPLY = "mod_forum_add_discussion_post"
FN_START = "mod_forum_add_discussion"
LEARNER_NAMES = ("anna", "bram", "cem")


@dataclass
class AppClock:
    """The app's 'now' for the engine and the outbox: frozen until a test moves it."""

    value: int = field(default_factory=lambda: int(time.time()))

    def __call__(self) -> int:
        return self.value


@dataclass
class Site:
    """The sandbox with helpers that write to it as the site's users would."""

    sb: Sandbox
    moderator: int
    learners: tuple[int, ...]
    clock: int = field(default_factory=lambda: int(time.time()) - 30 * 86400)

    def tick(self) -> int:
        self.clock += 60
        return self.clock

    def course(self, role: str = "editingteacher") -> int:
        """A course with the moderator in `role` and the learners as students."""
        n = len(self.sb.state.rows("SELECT id FROM courses")) + 1
        course_id = self.sb.state.add_course(f"C{n}", f"Course {n}")
        self.sb.state.enrol(course_id, self.moderator, role)
        for learner in self.learners:
            self.sb.state.enrol(course_id, learner, "student")
        return course_id

    def forum(self, course_id: int) -> int:
        n = len(self.sb.state.rows("SELECT id FROM forums")) + 1
        return self.sb.state.add_forum(course_id, f"Forum {n}")

    def start(self, forum_id: int, author: int, *, pinned: bool = False) -> int:
        when = self.tick()
        return self.sb.state.add_discussion(
            forum_id, author, f"Question {when}", "<p>q</p>", created=when, pinned=pinned
        )

    def starts(self, forum_id: int, author: int, n: int) -> list[int]:
        with self.sb.state.tx():  # one transaction: hundreds of discussions stay quick
            return [self.start(forum_id, author) for _ in range(n)]

    def reply(self, discussion_id: int, author: int, message: str = "<p>a</p>") -> int:
        return self.sb.state.add_post(discussion_id, author, message, created=self.tick())

    def first_post(self, discussion_id: int) -> int:
        row = self.sb.state.discussion(discussion_id)
        assert row is not None
        return int(row["firstpost"])

    def delete_discussion(self, discussion_id: int) -> None:
        self.sb.state.delete_post(self.first_post(discussion_id))

    def lock_on_site(self, discussion_id: int) -> None:
        with self.sb.state.tx() as conn:
            conn.execute(
                "UPDATE discussions SET timelocked = ? WHERE id = ?", (self.tick(), discussion_id)
            )

    def leave_course(self, course_id: int) -> None:
        with self.sb.state.tx() as conn:
            conn.execute(
                "DELETE FROM enrolments WHERE courseid = ? AND userid = ?",
                (course_id, self.moderator),
            )

    def remove_forum(self, forum_id: int) -> None:
        with self.sb.state.tx() as conn:
            conn.execute("DELETE FROM forums WHERE id = ?", (forum_id,))

    def messages_by(self, discussion_id: int, user_id: int) -> list[str]:
        return [
            str(p["message"])
            for p in self.sb.state.posts_in(discussion_id)
            if p["userid"] == user_id
        ]

    def requests(self, function: str) -> int:
        return self.sb.requests[function]


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    sb = Sandbox.start(db_path=tmp_path / "site.sqlite", seed=None)
    yield sb
    sb.stop()


@pytest.fixture
def demo_sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    """The seeded Dutch demo site, for tests that need a realistic site as it comes."""
    sb = Sandbox.start(db_path=tmp_path / "demo-site.sqlite")
    yield sb
    sb.stop()


@pytest.fixture
def site(sandbox: Sandbox) -> Site:
    state = sandbox.state
    moderator = state.add_user(MODERATOR, "Marieke", "de Vries")
    learners = tuple(state.add_user(name, name.title(), "Leerling") for name in LEARNER_NAMES)
    return Site(sandbox, moderator, learners)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "account.sqlite")
    yield database
    database.close()


@pytest.fixture
def clock() -> AppClock:
    return AppClock()


EngineFactory = Callable[..., SyncEngine]


@pytest.fixture
def engine(site: Site, db: Database, clock: AppClock) -> EngineFactory:
    """engine(**SyncEngine options) -> an engine for the moderator over HTTP.

    No pause between read retries (backoff=0): a broken forum costs no waiting.
    """
    token = site.sb.token_for(MODERATOR)

    def make(*, timeout: float = 10.0, **kw: Any) -> SyncEngine:
        client = MoodleClient(site.sb.url, token, timeout=timeout, backoff=0.0)
        return SyncEngine(db, client, account_user_id=site.moderator, now=clock, **kw)

    return make


def in_thread(work: Callable[[], Any]) -> tuple[threading.Thread, list[Any]]:
    """Run `work` on a worker thread (as the GUI runs a sync); its result lands in the list."""
    out: list[Any] = []
    thread = threading.Thread(target=lambda: out.append(work()), name="test-sync", daemon=True)
    thread.start()
    return thread, out


def sync_process(data_dir: Path, token: str, **env_extra: str) -> subprocess.Popen[bytes]:
    """A real `moderator-app sync` on `data_dir`; the token only in its environment."""
    env = {**os.environ, "MODERATOR_DESK_TOKEN": token, **env_extra}
    return subprocess.Popen(
        [sys.executable, "-m", "moderator_app", "--data-dir", str(data_dir), "sync"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def age_claims(db: Database, seconds: int = SEND_SETTLE_SECONDS) -> None:
    """As if `seconds` had passed since each `sending` item was claimed.

    A subprocess keeps real time; this stands in for moving its clock.
    """
    with db.session() as s:
        s.execute(
            update(m.OutboxItem)
            .where(m.OutboxItem.state == op.SENDING)
            .values(updated_at=m.OutboxItem.updated_at - seconds)
        )


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Wait for something another thread or process does and nothing signals (as
    qtbot.waitUntil does); fails the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while not condition():
        assert time.monotonic() < deadline, "the condition never came true"
        pause.wait(0.05)
