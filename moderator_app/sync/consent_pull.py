"""What the account may do per course, and the course participants' site policy answers,
from the companion plugin (moodle/local_moderatordesk/CONTRACT.md).

Capabilities change rarely: each course's are asked once a day (CAPABILITIES_EVERY), so
a sync with nothing new asks none. Acceptances are read only in courses where the
capabilities say the account may read consent, at most once an hour per course
(ACCEPTANCES_EVERY), page by page, and replace what the store had for that course. What
they mean for consents and shared copies is services/consent_sync.py's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from moderator_app.platform.base import FN_ACCEPTANCES, FN_CAPABILITIES, Platform
from moderator_app.platform.errors import NotFound, PermissionDenied, Unavailable
from moderator_app.platform.types import AcceptancesPage, CourseCapabilities
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.store.models_plugin import CourseCapability, PolicyAcceptance

CAPABILITIES_EVERY = 86400
ACCEPTANCES_EVERY = 3600
PER_PAGE = 500  # the plugin's most
MAX_PAGES = 200  # a runaway answer (total growing under us) stops here


def acceptances_cursor(course_id: int) -> str:
    return f"acceptances:{course_id}"


@dataclass
class ConsentPullReport:
    capabilities: int = 0  # courses whose capabilities were asked
    courses_read: list[int] = field(default_factory=list)  # acceptances replaced
    # Courses where the site refused acceptances, by course: the typed error's code
    # (e.g. "nottoolpolicy", "nopermissions").
    refused: dict[int, str] = field(default_factory=dict)


def offered(session: Session, function: str) -> bool:
    functions = session.scalars(select(m.Account.functions)).first() or ""
    return function in functions.split()


def _store_capabilities(session: Session, caps: CourseCapabilities, now: int) -> None:
    row = session.get(CourseCapability, caps.course_id)
    if row is None:
        row = CourseCapability(course_id=caps.course_id)
        session.add(row)
    row.create_polls = caps.create_polls
    row.read_consent = caps.read_consent
    row.triage = caps.triage
    row.lock = caps.lock
    row.pin = caps.pin
    row.all_groups = caps.all_groups
    row.policy_handler = caps.policy_handler[:100]
    row.fetched_at = now


def refresh_capabilities(
    db: Database, platform: Platform, course_ids: list[int], now: int, report: ConsentPullReport
) -> None:
    with db.session() as s:
        if not offered(s, FN_CAPABILITIES):
            return
        fresh = set(
            s.scalars(
                select(CourseCapability.course_id).where(
                    CourseCapability.fetched_at > now - CAPABILITIES_EVERY
                )
            )
        )
    for course_id in course_ids:
        if course_id in fresh:
            continue
        try:
            caps = platform.capabilities(course_id)
        except (NotFound, PermissionDenied):
            continue  # left the course meanwhile: the next list pull removes it
        report.capabilities += 1
        with db.session() as s:
            if s.get(m.Course, course_id) is not None:
                _store_capabilities(s, caps, now)


def _read_all(platform: Platform, course_id: int) -> list[AcceptancesPage]:
    pages = [platform.policy_acceptances(course_id, 0, PER_PAGE)]
    while pages[-1].maybe_more and len(pages) < MAX_PAGES:
        pages.append(platform.policy_acceptances(course_id, len(pages), PER_PAGE))
    return pages


def _store_acceptances(
    session: Session, course_id: int, pages: list[AcceptancesPage], now: int
) -> None:
    session.execute(delete(PolicyAcceptance).where(PolicyAcceptance.course_id == course_id))
    seen: set[tuple[int, int]] = set()
    for page in pages:
        versions = {p.version_id: p for p in page.policies}
        for person in page.participants:
            for answer in person.answers:
                key = (person.user_id, answer.version_id)
                policy = versions.get(answer.version_id)
                if key in seen or policy is None:
                    continue  # a participant twice across pages (the list moved)
                seen.add(key)
                session.add(
                    PolicyAcceptance(
                        course_id=course_id,
                        user_id=person.user_id,
                        version_id=answer.version_id,
                        policy_name=policy.name[:255],
                        revision=policy.revision[:100],
                        optional=policy.optional,
                        status=answer.status[:20],
                        time_modified=answer.time_modified,
                        on_behalf=answer.on_behalf,
                        fetched_at=now,
                    )
                )
    cursor = session.get(m.SyncCursor, acceptances_cursor(course_id))
    if cursor is None:
        cursor = m.SyncCursor(key=acceptances_cursor(course_id))
        session.add(cursor)
    cursor.last_synced_at = now


def pull_acceptances(db: Database, platform: Platform, now: int, report: ConsentPullReport) -> None:
    """Courses the account may read consent in, each at most once per ACCEPTANCES_EVERY."""
    with db.session() as s:
        if not offered(s, FN_ACCEPTANCES):
            return
        readable = list(
            s.scalars(
                select(CourseCapability.course_id)
                .where(CourseCapability.read_consent.is_(True))
                .order_by(CourseCapability.course_id)
            )
        )
        recent = {
            key
            for (key,) in s.execute(
                select(m.SyncCursor.key).where(
                    m.SyncCursor.key.in_([acceptances_cursor(c) for c in readable]),
                    m.SyncCursor.last_synced_at > now - ACCEPTANCES_EVERY,
                )
            )
        }
    for course_id in readable:
        if acceptances_cursor(course_id) in recent:
            continue
        try:
            pages = _read_all(platform, course_id)
        except (Unavailable, PermissionDenied, NotFound) as exc:
            report.refused[course_id] = exc.code or type(exc).__name__
            continue
        with db.session() as s:
            if s.get(m.Course, course_id) is None:
                continue
            _store_acceptances(s, course_id, pages, now)
        report.courses_read.append(course_id)
