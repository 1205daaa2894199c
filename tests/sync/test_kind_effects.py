"""A kind's local effects live on the kind: registering one kind is enough for the
outbox to show its wanted state through a pull, undo it on cancel and apply the
site's answer once sent (no `if` chain elsewhere to extend)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from moderator_app.platform.base import Platform
from moderator_app.services.outbox import OutboxService
from moderator_app.services.outbox_queue import OutboxTarget, discussion_key, enqueue
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.sync import outbox_kinds as kinds
from tests.sync.conftest import AppClock, EngineFactory, Site

KIND_MARK = "test_mark"


@dataclass(frozen=True)
class MarkRequest:
    discussion_id: int


class _Mark:
    """Marks a discussion pinned locally; sending asks the site nothing."""

    name = KIND_MARK

    def build(self, payload: dict[str, Any]) -> MarkRequest:
        return MarkRequest(**payload)

    def send(self, platform: Platform, request: MarkRequest) -> str:
        return "sent"

    def find_applied(
        self, platform: Platform, request: MarkRequest, since: int, user_id: int
    ) -> str | None:
        return None

    def show(self, session: Session, request: MarkRequest) -> bool:
        self._pin(session, request, True)
        return True

    def undo(self, session: Session, request: MarkRequest) -> None:
        self._pin(session, request, False)

    def sent(self, session: Session, request: MarkRequest, ref: str) -> None:
        session.execute(
            update(m.Discussion).where(m.Discussion.id == request.discussion_id).values(locked=True)
        )

    def thread_to_refresh(self, request: MarkRequest) -> int | None:
        return None

    @staticmethod
    def _pin(session: Session, request: MarkRequest, pinned: bool) -> None:
        session.execute(
            update(m.Discussion)
            .where(m.Discussion.id == request.discussion_id)
            .values(pinned=pinned)
        )


kinds.register(_Mark())


def _queue(db: Database, clock: AppClock, discussion_id: int, not_before: int = 0) -> str:
    with db.session() as s:
        return enqueue(
            s,
            KIND_MARK,
            f'{{"discussion_id": {discussion_id}}}',
            now=clock(),
            ordering_key=discussion_key(discussion_id),
            not_before=not_before,
            target=OutboxTarget.discussion(discussion_id),
        ).id


def _flags(db: Database, discussion_id: int) -> tuple[bool, bool]:
    """(pinned, locked) of the local copy."""
    with db.session() as s:
        d = s.get(m.Discussion, discussion_id)
        assert d is not None
        return d.pinned, d.locked


def test_a_registered_kind_shows_through_a_pull_and_cancel_undoes_it(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    forum = site.forum(site.course())
    did = site.start(forum, site.learners[0])
    assert engine().run().ok
    item = _queue(db, clock, did, not_before=clock() + 3600)  # waits: not sent in this test
    assert _flags(db, did) == (False, False)
    site.reply(did, site.learners[0])  # the site's copy changes: the pull stores it again
    assert engine().run().ok
    assert _flags(db, did) == (True, False)  # the open item's wanted state laid over it

    OutboxService(db, "moderator", now=clock).cancel(item)
    assert _flags(db, did) == (False, False)


def test_a_registered_kind_applies_the_sites_answer_once_sent(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    forum = site.forum(site.course())
    did = site.start(forum, site.learners[0])
    assert engine().run().ok
    _queue(db, clock, did)
    assert engine().push().outbox_sent == 1
    assert _flags(db, did)[1] is True
