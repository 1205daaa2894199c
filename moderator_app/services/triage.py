"""The moderator's local decisions about waiting discussions: dismiss, snooze, claim, undo.

Each action is one transaction. A dismissal (and undoing one) is an audit event.
`undo()` reverts this instance's last action by restoring the triage row exactly as
it was before, so undoing a claim over an earlier claim brings the earlier one back.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from moderator_app.platform.base import FN_SET_CLAIM
from moderator_app.platform.types import CLAIMED, RELEASED
from moderator_app.services import audit
from moderator_app.services.outbox_queue import KIND_CLAIM, ClaimRequest, claim_key, enqueue
from moderator_app.services.queue import Clock, wall_clock
from moderator_app.store.db import Database
from moderator_app.store.models import Account, Discussion, Triage
from moderator_app.store.models_plugin import TeamClaim

AUDIT_DISMISS = "dismiss"
AUDIT_UNDISMISS = "dismiss_undone"
REASON_MAX = 500


class UnknownDiscussion(LookupError):
    """The discussion is not in the store (deleted on the platform, or never synced)."""


@dataclass(frozen=True)
class _Snapshot:
    """A triage row's values; None stands for "no row"."""

    dismissed_at: int | None = None
    dismissed_reason: str | None = None
    dismissed_at_modified: int | None = None
    snoozed_until: int | None = None
    claimed_by: str | None = None
    claimed_at: int | None = None

    @classmethod
    def of(cls, row: Triage) -> _Snapshot:
        return cls(
            row.dismissed_at,
            row.dismissed_reason,
            row.dismissed_at_modified,
            row.snoozed_until,
            row.claimed_by,
            row.claimed_at,
        )

    def apply(self, row: Triage) -> None:
        row.dismissed_at = self.dismissed_at
        row.dismissed_reason = self.dismissed_reason
        row.dismissed_at_modified = self.dismissed_at_modified
        row.snoozed_until = self.snoozed_until
        row.claimed_by = self.claimed_by
        row.claimed_at = self.claimed_at


@dataclass(frozen=True)
class _Done:
    kind: str
    discussion_id: int
    before: _Snapshot | None


Change = Callable[[Session, Discussion, Triage], None]


def colleague_claim(db: Database, discussion_id: int) -> str | None:
    """The name of another moderator who holds the site's claim on the discussion, if any.

    The team's claims come from the site (companion plugin); the app's own account is
    never a colleague. "" when the site names nobody (a deleted user).
    """
    with db.session() as session:
        own = session.scalars(select(Account.user_id)).first()
        claim = session.get(TeamClaim, discussion_id)
        if claim is None or claim.state != CLAIMED or claim.user_id == own:
            return None
        return claim.fullname


class TriageService:
    """Triage actions of one moderator; `undo` is per instance (one per window)."""

    def __init__(self, db: Database, actor: str, now: Clock = wall_clock) -> None:
        if not actor:
            raise ValueError("triage needs the moderator's name")
        self._db = db
        self._actor = actor
        self._now = now
        self._done: list[_Done] = []
        self._lock = threading.Lock()

    def _apply(self, kind: str, discussion_id: int, change: Change) -> None:
        with self._db.session() as session:
            discussion = session.get(Discussion, discussion_id)
            if discussion is None:
                raise UnknownDiscussion(discussion_id)
            row = session.get(Triage, discussion_id)
            before = _Snapshot.of(row) if row is not None else None
            if row is None:
                row = Triage(discussion_id=discussion_id)
                session.add(row)
            change(session, discussion, row)
        with self._lock:
            self._done.append(_Done(kind, discussion_id, before))

    def dismiss(self, discussion_id: int, reason: str) -> None:
        """Hide until something new is posted. The reason is required and audited."""
        reason = " ".join(reason.split())[:REASON_MAX]
        if not reason:
            raise ValueError("a dismissal needs a reason")
        now = self._now()

        def change(session: Session, discussion: Discussion, row: Triage) -> None:
            row.dismissed_at = now
            row.dismissed_reason = reason
            row.dismissed_at_modified = discussion.time_modified
            self._audit(session, AUDIT_DISMISS, discussion, {"reason": reason}, now)

        self._apply(AUDIT_DISMISS, discussion_id, change)

    def snooze(self, discussion_id: int, until: int) -> None:
        """Hide until `until` (unix seconds, in the future)."""
        if until <= self._now():
            raise ValueError("snooze until a time in the future")

        def change(_session: Session, _discussion: Discussion, row: Triage) -> None:
            row.snoozed_until = until

        self._apply("snooze", discussion_id, change)

    def claim(self, discussion_id: int) -> None:
        """Mine to answer; told to the team through the site when its plugin allows."""
        now = self._now()

        def change(session: Session, _discussion: Discussion, row: Triage) -> None:
            row.claimed_by = self._actor
            row.claimed_at = now
            self._tell_team(session, discussion_id, CLAIMED, now)

        self._apply("claim", discussion_id, change)

    def unclaim(self, discussion_id: int) -> None:
        now = self._now()

        def change(session: Session, _discussion: Discussion, row: Triage) -> None:
            row.claimed_by = None
            row.claimed_at = None
            self._tell_team(session, discussion_id, RELEASED, now)

        self._apply("unclaim", discussion_id, change)

    @staticmethod
    def _tell_team(session: Session, discussion_id: int, state: str, now: int) -> None:
        """Queue the claim for the site, in the same transaction as the local change.

        Only when the site's companion plugin offers set_claim (known from the last
        sync): without it a claim stays on this machine, as before.
        """
        functions = session.scalars(select(Account.functions)).first() or ""
        if FN_SET_CLAIM not in functions.split():
            return
        request = ClaimRequest(discussion_id=discussion_id, state=state)
        enqueue(
            session,
            KIND_CLAIM,
            json.dumps(asdict(request), sort_keys=True),
            now=now,
            ordering_key=claim_key(discussion_id),
        )

    def can_undo(self) -> bool:
        with self._lock:
            return bool(self._done)

    def undo(self) -> int | None:
        """Revert this instance's last action; returns its discussion id (None: nothing to undo).

        A discussion deleted in the meantime has nothing left to revert.
        """
        with self._lock:
            if not self._done:
                return None
            done = self._done.pop()
        now = self._now()
        with self._db.session() as session:
            discussion = session.get(Discussion, done.discussion_id)
            row = session.get(Triage, done.discussion_id)
            if discussion is None:
                return done.discussion_id
            if done.before is None:
                if row is not None:
                    session.delete(row)
            else:
                if row is None:
                    row = Triage(discussion_id=done.discussion_id)
                    session.add(row)
                done.before.apply(row)
            if done.kind == AUDIT_DISMISS:
                self._audit(session, AUDIT_UNDISMISS, discussion, {}, now)
            if done.kind in ("claim", "unclaim"):
                held = done.before is not None and done.before.claimed_by is not None
                self._tell_team(session, done.discussion_id, CLAIMED if held else RELEASED, now)
        return done.discussion_id

    def _audit(
        self, session: Session, kind: str, discussion: Discussion, extra: dict[str, str], at: int
    ) -> None:
        # Ids and the moderator's own reason only: never the learner's text or name.
        audit.record(
            session,
            self._actor,
            kind,
            discussion.course_id,
            discussion.last_post_user_id,
            {"discussion_id": discussion.id, **extra},
            at=at,
        )
