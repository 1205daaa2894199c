"""Poll drafts: create, edit, duplicate, delete, and publish through the outbox.

Everything here works offline. Publishing writes an outbox item of kind "poll" (the
draft's id is the clientref) in the same transaction that sets the draft to "waiting";
the sync engine sends it later (sync/poll_push.py). A published or waiting draft is
frozen: what was sent is what the draft shows.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Collection
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from moderator_app.platform.base import FN_CREATE_POLL
from moderator_app.services.outbox_queue import (
    POLL_KIND,
    enqueue,
    poll_key,
    reconcile_drafts,
    spec_to_payload,
)
from moderator_app.services.poll_rules import (
    Issue,
    PollData,
    PollOption,
    state_at_a_glance,
    to_spec,
    validate,
)
from moderator_app.store.models import Account, Course
from moderator_app.store.models_polls import (
    DRAFT,
    PUBLISHED,
    WAITING,
    PollDraft,
    PollDraftOption,
    new_id,
)

log = logging.getLogger("moderator_app.services.polls")

__all__ = [
    "DraftFrozen",
    "DraftNotFound",
    "DraftSummary",
    "Issue",
    "PluginMissing",
    "PollData",
    "PollInvalid",
    "PollOption",
    "PollService",
    "PublishRefused",
    "validate",
]


class SessionSource(Protocol):
    """What the service needs of store.db.Database."""

    def session(self) -> AbstractContextManager[Session]: ...


class PollError(Exception):
    """Base of what the poll service refuses; the GUI words each subclass."""


class DraftNotFound(PollError):
    pass


class DraftFrozen(PollError):
    """The draft is waiting to publish or published: it cannot change any more."""

    def __init__(self, state: str) -> None:
        super().__init__(f"A {state} poll cannot be changed.")
        self.state = state


class PublishRefused(PollError):
    """Publishing is not possible right now (already sent, ...)."""


class PluginMissing(PublishRefused):
    """The site lacks the companion plugin; only a site admin can fix that."""

    def __init__(self) -> None:
        super().__init__(
            "This site cannot create polls from the app: a site administrator must install "
            f"the Moodle plugin local_moderatordesk, which adds {FN_CREATE_POLL} to the "
            "Moodle app's web service. The draft is kept."
        )


class PollInvalid(PublishRefused):
    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("; ".join(i.message for i in issues))
        self.issues = issues


@dataclass(frozen=True)
class DraftSummary:
    id: str
    question: str
    course_id: int | None
    course_name: str
    state: str  # stored: draft | waiting | published | failed
    status: str  # at a glance: draft | waiting | open | not_yet_open | closed | failed
    failure_reason: str | None
    option_count: int
    choice_id: int | None
    updated_at: int


def data_of(row: PollDraft) -> PollData:
    return PollData(
        question=row.question,
        description=row.description,
        options=tuple(PollOption(o.text, o.max_answers) for o in row.options),
        allow_multiple=row.allow_multiple,
        limit_answers=row.limit_answers,
        allow_update=row.allow_update,
        show_results=row.show_results,
        publish_names=row.publish_names,
        show_unanswered=row.show_unanswered,
        time_open=row.time_open,
        time_close=row.time_close,
        course_id=row.course_id,
        section=row.section,
    )


def write_data(row: PollDraft, poll: PollData) -> None:
    row.question = poll.question
    row.description = poll.description
    row.allow_multiple = poll.allow_multiple
    row.limit_answers = poll.limit_answers
    row.allow_update = poll.allow_update
    row.show_results = poll.show_results
    row.publish_names = poll.publish_names
    row.show_unanswered = poll.show_unanswered
    row.time_open = poll.time_open
    row.time_close = poll.time_close
    row.course_id = poll.course_id
    row.section = poll.section
    row.options = [
        PollDraftOption(position=i, text=o.text, max_answers=o.max_answers)
        for i, o in enumerate(poll.options)
    ]


def add_draft(session: Session, poll: PollData, now: int) -> str:
    """Insert a new draft row (used by create, duplicate and import)."""
    row = PollDraft(id=new_id(), state=DRAFT, created_at=now, updated_at=now)
    write_data(row, poll)
    session.add(row)
    return row.id


class PollService:
    def __init__(self, db: SessionSource, now: Callable[[], int] | None = None) -> None:
        self._db = db
        self._now = now or (lambda: int(time.time()))

    # -- drafts ---------------------------------------------------------------

    def create(self, poll: PollData) -> str:
        with self._db.session() as s:
            draft_id = add_draft(s, poll, self._now())
        log.info("poll draft %s created", draft_id)
        return draft_id

    def get(self, draft_id: str) -> PollData:
        with self._db.session() as s:
            return data_of(self._row(s, draft_id))

    def state(self, draft_id: str) -> tuple[str, str | None]:
        """The stored state and the failure reason (for a failed publish)."""
        with self._db.session() as s:
            reconcile_drafts(s, self._now())
            row = self._row(s, draft_id)
            return row.state, row.failure_reason

    def save(self, draft_id: str, poll: PollData) -> None:
        """Replace the draft's content. A failed draft becomes a draft again."""
        with self._db.session() as s:
            row = self._row(s, draft_id)
            if row.state in (WAITING, PUBLISHED):
                raise DraftFrozen(row.state)
            write_data(row, poll)
            row.state = DRAFT
            row.failure_reason = None
            row.updated_at = self._now()

    def duplicate(self, draft_id: str) -> str:
        """A new draft with the same content, whatever the original's state."""
        with self._db.session() as s:
            poll = data_of(self._row(s, draft_id))
            copy_id = add_draft(s, poll, self._now())
        log.info("poll draft %s duplicated as %s", draft_id, copy_id)
        return copy_id

    def delete(self, draft_id: str) -> None:
        """Delete a draft. A waiting one cannot go: its outbox item would still publish."""
        with self._db.session() as s:
            row = self._row(s, draft_id)
            if row.state == WAITING:
                raise DraftFrozen(row.state)
            s.delete(row)
        log.info("poll draft %s deleted", draft_id)

    def drafts(self) -> list[DraftSummary]:
        now = self._now()
        with self._db.session() as s:
            reconcile_drafts(s, now)  # pick up what the outbox did since
            names: dict[int, str] = {
                cid: name for cid, name in s.execute(select(Course.id, Course.fullname))
            }
            rows = s.scalars(select(PollDraft).order_by(PollDraft.updated_at.desc())).all()
            return [
                DraftSummary(
                    id=r.id,
                    question=r.question,
                    course_id=r.course_id,
                    course_name=names.get(r.course_id, "") if r.course_id is not None else "",
                    state=r.state,
                    status=state_at_a_glance(r.state, r.time_open, r.time_close, now),
                    failure_reason=r.failure_reason,
                    option_count=len(r.options),
                    choice_id=r.choice_id,
                    updated_at=r.updated_at,
                )
                for r in rows
            ]

    def courses(self) -> list[tuple[int, str]]:
        """Courses a draft can target (id, full name), as last synced."""
        with self._db.session() as s:
            rows = s.execute(select(Course.id, Course.fullname).order_by(Course.fullname))
            return [(cid, name) for cid, name in rows]

    # -- publishing -----------------------------------------------------------

    def site_functions(self) -> frozenset[str]:
        """The functions the site allowed at the last sign-in or sync (works offline)."""
        with self._db.session() as s:
            account = s.scalars(select(Account)).first()
            return frozenset(account.functions.split()) if account else frozenset()

    def can_publish(self, site_functions: Collection[str] | None = None) -> bool:
        functions = self.site_functions() if site_functions is None else site_functions
        return FN_CREATE_POLL in functions

    def publish(self, draft_id: str, site_functions: Collection[str] | None = None) -> str:
        """Queue the draft for publishing; returns the outbox item's id.

        Refused (PluginMissing, PollInvalid, DraftFrozen) without changing anything.
        `site_functions` defaults to what the store knows about the site.
        """
        if not self.can_publish(site_functions):
            raise PluginMissing()
        now = self._now()
        with self._db.session() as s:
            row = self._row(s, draft_id)
            if row.state in (WAITING, PUBLISHED):
                raise DraftFrozen(row.state)
            poll = data_of(row)
            issues = validate(poll, now)
            if issues:
                raise PollInvalid(issues)
            item = enqueue(
                s,
                POLL_KIND,
                json.dumps(spec_to_payload(to_spec(poll, draft_id))),
                now=now,
                ordering_key=poll_key(draft_id),
                local_ref=draft_id,
            )
            row.state = WAITING
            row.failure_reason = None
            row.updated_at = now
            s.flush()
            item_id = item.id
        log.info("poll draft %s queued for publishing as outbox item %s", draft_id, item_id)
        return item_id

    # -- helpers --------------------------------------------------------------

    @staticmethod
    def _row(session: Session, draft_id: str) -> PollDraft:
        row = session.get(PollDraft, draft_id)
        if row is None:
            raise DraftNotFound(draft_id)
        return row
