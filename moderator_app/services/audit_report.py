"""What the app did with one learner's work (for an access request), and the whole trail as CSV.

Built from the consent register, the Share records and the audit events, never from
logs. The CSV holds ids, kinds and times (no post text); cells that a spreadsheet
would read as a formula are prefixed with a quote.
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from moderator_app.services import audit, participation
from moderator_app.services.participation import LearnerParticipation
from moderator_app.services.pseudonyms import AUDIT_REVEAL
from moderator_app.store.models import Account, AuditEvent, Discussion, Forum, OutboxItem
from moderator_app.store.models_consent import Consent, Share

CSV_COLUMNS = ("time_utc", "at", "actor", "kind", "course_id", "learner_id", "detail")


@dataclass(frozen=True)
class ShareLine:
    share: Share
    consent: Consent | None
    copy_state: str | None  # the copy's outbox state (pending, done, cancelled, ...)
    posted_ref: str | None  # what the platform gave back (post or discussion id)
    retraction_state: str | None
    retraction_done_at: int | None
    place: str  # the forum's name (new discussion) or the discussion's subject (reply)

    @property
    def never_sent(self) -> bool:
        """Withdrawn while its copy still waited in the outbox: nothing reached the site."""
        return self.share.retracted_at is not None and self.share.retraction_outbox_id is None


@dataclass(frozen=True)
class LearnerReport:
    learner_id: int
    consents: tuple[Consent, ...]
    shares: tuple[ShareLine, ...]
    reveals: tuple[AuditEvent, ...]
    events: tuple[AuditEvent, ...]
    # What the participation view holds about the learner, per course (counts, state).
    participation: tuple[LearnerParticipation, ...] = ()

    @property
    def retracted(self) -> tuple[ShareLine, ...]:
        return tuple(
            line
            for line in self.shares
            if line.share.retracted_at is not None and not line.never_sent
        )


def learner_report(
    session: Session, learner_id: int, course_id: int | None = None, *, now: int | None = None
) -> LearnerReport:
    consent_query = select(Consent).where(Consent.learner_id == learner_id)
    share_query = select(Share).where(Share.learner_id == learner_id)
    if course_id is not None:
        consent_query = consent_query.where(Consent.course_id == course_id)
        share_query = share_query.where(Share.course_id == course_id)
    consent_rows = list(session.scalars(consent_query.order_by(Consent.given_at, Consent.id)))
    by_id = {c.id: c for c in consent_rows}
    lines = []
    for share_row in session.scalars(share_query.order_by(Share.created_at, Share.id)):
        copy = session.get(OutboxItem, share_row.outbox_id) if share_row.outbox_id else None
        retraction = (
            session.get(OutboxItem, share_row.retraction_outbox_id)
            if share_row.retraction_outbox_id
            else None
        )
        lines.append(
            ShareLine(
                share=share_row,
                consent=by_id.get(share_row.consent_id)
                or session.get(Consent, share_row.consent_id),
                copy_state=copy.state if copy else None,
                posted_ref=copy.result_ref if copy else None,
                retraction_state=retraction.state if retraction else None,
                retraction_done_at=(
                    retraction.updated_at if retraction and retraction.state == "done" else None
                ),
                place=_place(session, share_row),
            )
        )
    events = audit.events(session, learner_id=learner_id, course_id=course_id)
    return LearnerReport(
        learner_id=learner_id,
        consents=tuple(consent_rows),
        shares=tuple(lines),
        reveals=tuple(e for e in events if e.kind == AUDIT_REVEAL),
        events=tuple(events),
        participation=_participation(session, learner_id, course_id, now),
    )


def _participation(
    session: Session, learner_id: int, course_id: int | None, now: int | None
) -> tuple[LearnerParticipation, ...]:
    account_user = session.scalar(select(Account.user_id).limit(1))
    if account_user is None:
        return ()
    return tuple(
        participation.learners(
            session,
            account_user,
            now=int(time.time()) if now is None else now,
            course_id=course_id,
            user_id=learner_id,
        )
    )


def _place(session: Session, share_row: Share) -> str:
    if share_row.target_kind == "reply" and share_row.target_discussion_id is not None:
        discussion = session.get(Discussion, share_row.target_discussion_id)
        return (
            discussion.subject if discussion is not None else f"#{share_row.target_discussion_id}"
        )
    forum = session.get(Forum, share_row.target_forum_id) if share_row.target_forum_id else None
    return forum.name if forum is not None else f"#{share_row.target_forum_id}"


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


def _iso(at: int) -> str:
    return datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_csv(events: Iterable[AuditEvent], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for e in events:
        writer.writerow(
            [
                _iso(e.at),
                e.at,
                _cell(e.actor),
                _cell(e.kind),
                _cell(e.course_id),
                _cell(e.learner_id),
                _cell(e.detail),
            ]
        )
        count += 1
    return count


def trail_csv(
    session: Session, *, course_id: int | None = None, learner_id: int | None = None
) -> str:
    """The audit trail (oldest first) as CSV text."""
    out = io.StringIO()
    write_csv(audit.events(session, course_id=course_id, learner_id=learner_id), out)
    return out.getvalue()
