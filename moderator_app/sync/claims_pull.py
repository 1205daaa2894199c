"""The team's claims from the companion plugin: one get_claims request per sync.

`since` is the site's own clock (the last answer's servertime), so the machine's clock
never matters. The plugin's `since` is inclusive and an answer can name a discussion
twice: the latest change per discussion wins. A claim of a discussion the store does
not hold (yet) is left out; a claim of one it does is stored whatever its state, so a
release clears what another moderator's claim showed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from moderator_app.platform.base import FN_GET_CLAIMS, Platform
from moderator_app.platform.types import Claim
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.store.models_plugin import CLAIMS_CURSOR, TeamClaim


@dataclass(frozen=True)
class ClaimsReport:
    stored: int
    server_time: int


def offered(session: Session) -> bool:
    """Whether the site listed get_claims at the last site info (stored with the account)."""
    functions = session.scalars(select(m.Account.functions)).first() or ""
    return FN_GET_CLAIMS in functions.split()


def latest_per_discussion(claims: tuple[Claim, ...]) -> list[Claim]:
    latest: dict[int, Claim] = {}
    for claim in claims:  # oldest change first; a tie goes to the later entry
        held = latest.get(claim.discussion_id)
        if held is None or claim.time_modified >= held.time_modified:
            latest[claim.discussion_id] = claim
    return list(latest.values())


def pull_claims(db: Database, platform: Platform, course_ids: list[int], now: int) -> ClaimsReport:
    with db.session() as s:
        cursor = s.get(m.SyncCursor, CLAIMS_CURSOR)
        since = cursor.last_time_modified if cursor is not None else 0
    answer = platform.claims(course_ids, since)
    claims = latest_per_discussion(answer.claims)
    with db.session() as s:
        known = set(
            s.scalars(
                select(m.Discussion.id).where(
                    m.Discussion.id.in_([c.discussion_id for c in claims])
                )
            )
        )
        stored = 0
        for claim in claims:
            if claim.discussion_id not in known:
                continue
            store_claim(s, claim)
            stored += 1
        row = s.get(m.SyncCursor, CLAIMS_CURSOR)
        if row is None:
            row = m.SyncCursor(key=CLAIMS_CURSOR)
            s.add(row)
        row.last_time_modified = answer.server_time
        row.last_synced_at = now
    return ClaimsReport(stored, answer.server_time)


def store_claim(session: Session, claim: Claim) -> None:
    """One claim as the site gave it (a pull, or set_claim's answer kept at once).

    An older answer never overwrites a newer state.
    """
    values = {
        "discussion_id": claim.discussion_id,
        "state": claim.state,
        "reason": claim.reason[:255],
        "user_id": claim.user_id,
        "fullname": claim.fullname[:255],
        "time_modified": claim.time_modified,
    }
    session.execute(
        insert(TeamClaim)
        .values(**values)
        .on_conflict_do_update(
            index_elements=[TeamClaim.discussion_id],
            set_=values,
            where=TeamClaim.time_modified <= claim.time_modified,
        )
    )
