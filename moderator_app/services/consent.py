"""The consent register: who agreed to what, and whether a share is covered.

Scopes are ordered narrow -> wide (group peers, whole course, other cohorts): a wider
consent covers narrower sharing, never the reverse. A consent covers one item
("post:123") or all the learner's work in the course. Expired is withdrawn: an expired
consent covers nothing, and `expire_due` records the withdrawal and retracts its shares.
Every change is an audit event. Words for the GUI live in gui/; here reasons are codes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from moderator_app.services import audit
from moderator_app.store.models_consent import Consent


class Scope(StrEnum):
    GROUP = "group"  # peers in the learner's own group
    COURSE = "course"  # the whole course
    COHORTS = "cohorts"  # other cohorts (other courses), as an example


SCOPE_ORDER = (Scope.GROUP, Scope.COURSE, Scope.COHORTS)


def scope_covers(given: str, wanted: str) -> bool:
    return SCOPE_ORDER.index(Scope(given)) >= SCOPE_ORDER.index(Scope(wanted))


class Source(StrEnum):
    POLICY = "policy"  # the platform's policy acceptance
    MESSAGE = "message"  # a message from the learner
    FORM = "form"  # a signed form


class State(StrEnum):
    VALID = "valid"
    NOT_YET_VALID = "not_yet_valid"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


class WithdrawReason(StrEnum):
    MANUAL = "manual"
    EXPIRED = "expired"
    POLICY_REVOKED = "policy_revoked"


class Missing(StrEnum):
    """Why a consent does not cover a share (each shown to the moderator)."""

    NO_CONSENT = "no_consent"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    SCOPE_TOO_NARROW = "scope_too_narrow"
    OTHER_ITEM = "other_item"


AUDIT_ADDED = "consent.added"
AUDIT_WITHDRAWN = "consent.withdrawn"


class ConsentError(ValueError):
    """The consent asked for cannot be recorded (the message says why)."""


def post_ref(post_id: int) -> str:
    return f"post:{post_id}"


def state_of(consent: Consent, now: int) -> State:
    if consent.withdrawn_at is not None:
        # A consent withdrawn because it ran out still reads as expired.
        if consent.withdrawn_reason == WithdrawReason.EXPIRED:
            return State.EXPIRED
        return State.WITHDRAWN
    if consent.valid_until is not None and consent.valid_until <= now:
        return State.EXPIRED
    if consent.given_at > now:
        return State.NOT_YET_VALID
    return State.VALID


@dataclass(frozen=True)
class ConsentSpec:
    course_id: int
    learner_id: int
    scope: str
    source: str
    given_at: int
    note: str = ""
    valid_until: int | None = None
    item_ref: str | None = None  # None: all the learner's work in the course
    include_media: bool = False


def add(session: Session, actor: str, spec: ConsentSpec, now: int) -> Consent:
    """Record a consent (an audit event)."""
    try:
        scope = Scope(spec.scope)
        source = Source(spec.source)
    except ValueError as exc:
        raise ConsentError(str(exc)) from None
    if spec.valid_until is not None and spec.valid_until <= spec.given_at:
        raise ConsentError("valid_until must be after given_at")
    consent = Consent(
        course_id=spec.course_id,
        learner_id=spec.learner_id,
        scope=scope.value,
        item_ref=spec.item_ref,
        include_media=spec.include_media,
        source=source.value,
        note=spec.note,
        given_at=spec.given_at,
        valid_until=spec.valid_until,
        recorded_by=actor,
        recorded_at=now,
    )
    session.add(consent)
    session.flush()
    audit.record(
        session,
        actor,
        AUDIT_ADDED,
        spec.course_id,
        spec.learner_id,
        {
            "consent_id": consent.id,
            "scope": scope.value,
            "source": source.value,
            "item": spec.item_ref or "all",
            "media": spec.include_media,
            "given_at": spec.given_at,
            "valid_until": spec.valid_until,
        },
        at=now,
    )
    return consent


def of_learner(session: Session, course_id: int, learner_id: int) -> list[Consent]:
    return list(
        session.scalars(
            select(Consent)
            .where(Consent.course_id == course_id, Consent.learner_id == learner_id)
            .order_by(Consent.given_at, Consent.id)
        )
    )


@dataclass(frozen=True)
class Problem:
    missing: Missing
    consent_id: str | None = None
    scope: str | None = None  # what the consent covers, for SCOPE_TOO_NARROW
    at: int | None = None  # when it was withdrawn / expired / becomes valid


@dataclass(frozen=True)
class Coverage:
    """Whether a share is covered; if not, everything that is missing."""

    consent: Consent | None
    problems: tuple[Problem, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.consent is not None


def _problems(consent: Consent, item_ref: str, scope: str, now: int) -> list[Problem]:
    found: list[Problem] = []
    state = state_of(consent, now)
    if state == State.WITHDRAWN:
        found.append(Problem(Missing.WITHDRAWN, consent.id, at=consent.withdrawn_at))
    elif state == State.EXPIRED:
        found.append(Problem(Missing.EXPIRED, consent.id, at=consent.valid_until))
    elif state == State.NOT_YET_VALID:
        found.append(Problem(Missing.NOT_YET_VALID, consent.id, at=consent.given_at))
    if not scope_covers(consent.scope, scope):
        found.append(Problem(Missing.SCOPE_TOO_NARROW, consent.id, scope=consent.scope))
    if consent.item_ref is not None and consent.item_ref != item_ref:
        found.append(Problem(Missing.OTHER_ITEM, consent.id))
    return found


def coverage(
    session: Session, course_id: int, learner_id: int, item_ref: str, scope: str, now: int
) -> Coverage:
    """The consent that covers sharing `item_ref` with `scope` now, or what is missing.

    Of several covering consents the one that includes media wins, then the newest.
    """
    consents = of_learner(session, course_id, learner_id)
    if not consents:
        return Coverage(None, (Problem(Missing.NO_CONSENT),))
    covering = [c for c in consents if not _problems(c, item_ref, scope, now)]
    if covering:
        best = max(covering, key=lambda c: (c.include_media, c.given_at))
        return Coverage(best)
    problems: list[Problem] = []
    for consent in consents:
        problems.extend(_problems(consent, item_ref, scope, now))
    return Coverage(None, tuple(problems))


def mark_withdrawn(
    session: Session, actor: str, consent: Consent, reason: WithdrawReason, at: int, now: int
) -> bool:
    """Set the withdrawal on the consent and record it; False if it was already withdrawn.

    Retracting its shares is services/sharing.py's `withdraw`, which calls this.
    """
    if consent.withdrawn_at is not None:
        return False
    consent.withdrawn_at = at
    consent.withdrawn_reason = reason.value
    audit.record(
        session,
        actor,
        AUDIT_WITHDRAWN,
        consent.course_id,
        consent.learner_id,
        {"consent_id": consent.id, "reason": reason.value, "withdrawn_at": at},
        at=now,
    )
    return True


def due_for_expiry(session: Session, now: int) -> Sequence[Consent]:
    return session.scalars(
        select(Consent).where(
            Consent.withdrawn_at.is_(None),
            Consent.valid_until.is_not(None),
            Consent.valid_until <= now,
        )
    ).all()


def revoked_policy_consents(
    session: Session, course_id: int, accepted_user_ids: set[int]
) -> Sequence[Consent]:
    """Open policy-sourced consents whose learner no longer has an accepted policy."""
    rows = session.scalars(
        select(Consent).where(
            Consent.course_id == course_id,
            Consent.source == Source.POLICY.value,
            Consent.withdrawn_at.is_(None),
        )
    ).all()
    return [c for c in rows if c.learner_id not in accepted_user_ids]
