"""Site policy acceptances (stored by sync/consent_pull.py) into the consent register.

A learner who accepted every current policy of the course's site has a policy-sourced
consent, given at the time the site recorded the last of those answers (the evidence:
the policies, their revisions and whether someone answered on the learner's behalf are
in its note). A learner whose answer reads `withdrawn` or `declined` on the site loses
the policy consent, and every copy shared under it is retracted through the outbox, the
same way as a manual withdrawal (services/sharing.py). `pending` (a new version nobody
has answered yet) changes nothing: the site has not heard the learner yet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from moderator_app.platform.types import ACCEPTED, DECLINED, WITHDRAWN
from moderator_app.services import consent as consents
from moderator_app.services import sharing
from moderator_app.services.consent import ConsentSpec, Scope, Source, State
from moderator_app.store.db import Database
from moderator_app.store.models_consent import Consent
from moderator_app.store.models_plugin import PolicyAcceptance

# The scope a policy acceptance gives: the course, as the policy is the site's word to
# everyone in it (a narrower or wider sharing still needs a consent of its own).
POLICY_SCOPE = Scope.COURSE


@dataclass
class Applied:
    added: list[str] = field(default_factory=list)  # consent ids
    withdrawn: list[str] = field(default_factory=list)  # consent ids


def _by_learner(session: Session, course_id: int) -> dict[int, list[PolicyAcceptance]]:
    rows = session.scalars(
        select(PolicyAcceptance)
        .where(PolicyAcceptance.course_id == course_id)
        .order_by(PolicyAcceptance.user_id, PolicyAcceptance.version_id)
    )
    grouped: dict[int, list[PolicyAcceptance]] = defaultdict(list)
    for row in rows:
        grouped[row.user_id].append(row)
    return grouped


def _evidence(answers: list[PolicyAcceptance]) -> str:
    parts = []
    for a in answers:
        behalf = " (on behalf)" if a.on_behalf else ""
        parts.append(f"{a.policy_name} {a.revision}".strip() + f": {a.status}{behalf}")
    return "Site policy acceptance; " + "; ".join(parts)


def _open_policy_consents(session: Session, course_id: int, learner_id: int) -> list[Consent]:
    return [
        c
        for c in consents.of_learner(session, course_id, learner_id)
        if c.source == Source.POLICY.value and c.withdrawn_at is None
    ]


def apply_course(session: Session, actor: str, course_id: int, now: int) -> Applied:
    """Bring the course's policy-sourced consents in line with the stored acceptances."""
    applied = Applied()
    for learner_id, answers in _by_learner(session, course_id).items():
        statuses = {a.status for a in answers}
        open_ones = _open_policy_consents(session, course_id, learner_id)
        if statuses & {WITHDRAWN, DECLINED}:
            revoked_at = max(
                (a.time_modified for a in answers if a.status in (WITHDRAWN, DECLINED)),
                default=now,
            )
            for consent in open_ones:
                sharing.withdraw(
                    session,
                    actor,
                    consent.id,
                    now,
                    consents.WithdrawReason.POLICY_REVOKED,
                    at=revoked_at or now,
                )
                applied.withdrawn.append(consent.id)
            continue
        if statuses != {ACCEPTED}:
            continue  # pending somewhere: nothing new from the site yet
        given_at = max(a.time_modified for a in answers)
        if any(consents.state_of(c, now) == State.VALID for c in open_ones):
            continue  # already recorded (the evidence does not change by reading again)
        spec = ConsentSpec(
            course_id=course_id,
            learner_id=learner_id,
            scope=POLICY_SCOPE.value,
            source=Source.POLICY.value,
            given_at=min(given_at, now),
            note=_evidence(answers)[:2000],
        )
        applied.added.append(consents.add(session, actor, spec, now).id)
    return applied


def apply_all(session: Session, actor: str, now: int) -> Applied:
    """Every course with stored acceptances."""
    total = Applied()
    course_ids = session.scalars(select(PolicyAcceptance.course_id).distinct())
    for course_id in list(course_ids):
        applied = apply_course(session, actor, course_id, now)
        total.added.extend(applied.added)
        total.withdrawn.extend(applied.withdrawn)
    return total


def after_sync(actor: str) -> Callable[[Database, int], Applied]:
    """The sync engine's after_pull: apply what the pull stored before the push, so a
    withdrawal's retractions go out in the same run."""

    def apply(db: Database, now: int) -> Applied:
        with db.session() as session:
            return apply_all(session, actor, now)

    return apply
