"""The register as the consent view shows it: per course, every learner and their consent state.

Also says whether consent can come from the platform's policy acceptances. Core Moodle
has no web-service function a teacher may call for them (tool_policy's need system
capabilities); the companion plugin's get_policy_acceptances is one. Without it, or on
a site whose policies are not tool_policy's, that source is shown as unavailable with
the reason, never faked.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from moderator_app.platform.base import FN_ACCEPTANCES
from moderator_app.services.consent import SCOPE_ORDER, Scope, State, state_of
from moderator_app.store.models import Participant
from moderator_app.store.models_consent import Consent, Share
from moderator_app.store.models_plugin import CourseCapability

# The function a site must offer (and allow for this token) to read acceptances.
FN_POLICY_ACCEPTANCES = FN_ACCEPTANCES


class Summary(StrEnum):
    """One word per learner for the list and its filter."""

    NONE = "none"
    VALID = "valid"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"
    NOT_YET_VALID = "not_yet_valid"


@dataclass(frozen=True)
class LearnerRow:
    user_id: int
    fullname: str
    summary: Summary
    widest_scope: Scope | None  # of the valid consents
    consents: int
    shares: int
    retracted: int
    last_withdrawn_at: int | None


def _summary(states: list[State]) -> Summary:
    for state, summary in (
        (State.VALID, Summary.VALID),
        (State.NOT_YET_VALID, Summary.NOT_YET_VALID),
        (State.WITHDRAWN, Summary.WITHDRAWN),
        (State.EXPIRED, Summary.EXPIRED),
    ):
        if state in states:
            return summary
    return Summary.NONE


def learners(
    session: Session,
    course_id: int,
    now: int,
    *,
    summaries: Collection[Summary] = (),
    text: str = "",
) -> list[LearnerRow]:
    """Learners (not staff) of a course with their consent state, by name; filters optional."""
    query = select(Participant).where(
        Participant.course_id == course_id, Participant.is_staff.is_(False)
    )
    if text.strip():
        query = query.where(Participant.fullname.ilike(f"%{text.strip()}%"))
    people = list(session.scalars(query.order_by(Participant.fullname, Participant.user_id)))
    by_learner: dict[int, list[Consent]] = {}
    for consent in session.scalars(select(Consent).where(Consent.course_id == course_id)):
        by_learner.setdefault(consent.learner_id, []).append(consent)
    # A copy withdrawn before it was sent (retracted, with no retraction item: its outbox
    # item was dropped) never reached anyone: it counts as neither shared nor retracted.
    reached_site = or_(Share.retracted_at.is_(None), Share.retraction_outbox_id.is_not(None))
    share_counts = dict(
        session.execute(
            select(Share.learner_id, func.count())
            .where(Share.course_id == course_id, reached_site)
            .group_by(Share.learner_id)
        ).all()
    )
    retracted_counts = dict(
        session.execute(
            select(Share.learner_id, func.count())
            .where(
                Share.course_id == course_id,
                Share.retracted_at.is_not(None),
                Share.retraction_outbox_id.is_not(None),
            )
            .group_by(Share.learner_id)
        ).all()
    )
    rows = []
    for person in people:
        mine = by_learner.get(person.user_id, [])
        states = [state_of(c, now) for c in mine]
        valid_scopes = [
            Scope(c.scope) for c, s in zip(mine, states, strict=True) if s == State.VALID
        ]
        withdrawn = [c.withdrawn_at for c in mine if c.withdrawn_at is not None]
        row = LearnerRow(
            user_id=person.user_id,
            fullname=person.fullname,
            summary=_summary(states),
            widest_scope=max(valid_scopes, key=SCOPE_ORDER.index) if valid_scopes else None,
            consents=len(mine),
            shares=int(share_counts.get(person.user_id, 0)),
            retracted=int(retracted_counts.get(person.user_id, 0)),
            last_withdrawn_at=max(withdrawn) if withdrawn else None,
        )
        if not summaries or row.summary in summaries:
            rows.append(row)
    return rows


@dataclass(frozen=True)
class PolicySource:
    available: bool
    function: str
    reason: str  # a code the GUI words: "no_function" or "" when available


def policy_source(site_functions: Collection[str], refusal: str = "") -> PolicySource:
    """Can consent be synced from the platform's policy acceptances for this token?

    `refusal`: what the stored course capabilities say (policy_refusal), "" if nothing.
    """
    if FN_POLICY_ACCEPTANCES not in site_functions:
        return PolicySource(False, FN_POLICY_ACCEPTANCES, "no_function")
    if refusal:
        return PolicySource(False, FN_POLICY_ACCEPTANCES, refusal)
    return PolicySource(True, FN_POLICY_ACCEPTANCES, "")


def policy_refusal(session: Session) -> str:
    """Why acceptances cannot be read, from the capabilities the last sync stored.

    "nottoolpolicy" when the site's policy handler is not tool_policy, "nopermissions"
    when no course lets this account read them, "" when one does (or nothing is known).
    """
    rows = session.scalars(select(CourseCapability)).all()
    if not rows or any(r.read_consent for r in rows):
        return ""
    if any(r.policy_handler != "tool_policy" for r in rows):
        return "nottoolpolicy"
    return "nopermissions"
