"""The small steps of a run around the lists, posts and outbox: who the account is,
and the polls of its courses."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select

from moderator_app.platform.errors import AuthError, PlatformError, Transient
from moderator_app.store import models as m
from moderator_app.store.upsert import save_account
from moderator_app.sync import claims_pull, consent_pull, poll_pull, poll_push
from moderator_app.sync.context import RunContext

log = logging.getLogger("moderator_app.sync")

T = TypeVar("T")


def _apart(
    ctx: RunContext, what: str, run: Callable[[], T]
) -> tuple[T | None, PlatformError | None]:
    """Run a side step whose failure leaves the queue's sync intact: offline counts as
    offline, a lost sign-in stops the run, anything else is only reported."""
    try:
        result = run()
        ctx.succeeded()
        return result, None
    except Transient as exc:
        ctx.transient(exc)
        return None, exc
    except PlatformError as exc:
        if isinstance(exc, AuthError):
            raise
        log.info("%s not pulled: %s", what, type(exc).__name__)
        return None, exc


def refresh_account(ctx: RunContext) -> None:
    """Store who this database belongs to, from the site's answer, at every pull.

    Whatever signed in (dialog, CLI, an older version), the queue rule's "own posts are
    answers" and offline poll publishing read this row; the site's name, the user's
    name and the functions offered may also change between syncs. One small request
    that also proves the token before any list is fetched.
    """
    info = ctx.platform.site_info()
    ctx.succeeded()
    with ctx.db.session() as s:
        stored = s.scalars(select(m.Account.user_id)).first()
        # 0: the caller did not know (an offline start on a store without its account row).
        expected = ctx.user_id or stored
        if expected and info.user_id != expected:
            # The token now answers for someone else: do not mix their data into this store.
            raise AuthError(
                "this sign-in now belongs to another user on the site; sign in again",
                code="wronguser",
            )
        save_account(s, info, ctx.now())
    ctx.user_id = info.user_id


def pull_polls(ctx: RunContext) -> None:
    """The choices of the stored courses and their results; a failure here leaves the
    queue's sync intact and is reported on its own."""
    with ctx.db.session() as s:
        course_ids = list(s.execute(select(m.Course.id).order_by(m.Course.id)).scalars())
    if not course_ids:
        return
    ctx.check_cancel()
    report, ctx.report.polls_error = _apart(
        ctx,
        "polls",
        lambda: poll_pull.pull_polls(
            ctx.db, ctx.platform, course_ids, ctx.now(), ctx.poll_results_every
        ),
    )
    if report is not None:
        ctx.report.polls = report.choices


def pull_claims(ctx: RunContext) -> None:
    """The team's claims in the stored courses: one request, only when the site's
    companion plugin offers it; a failure is reported apart from the queue's sync."""
    with ctx.db.session() as s:
        if not claims_pull.offered(s):
            return
        course_ids = list(s.execute(select(m.Course.id).order_by(m.Course.id)).scalars())
    if not course_ids:
        return
    ctx.check_cancel()
    report, ctx.report.claims_error = _apart(
        ctx, "claims", lambda: claims_pull.pull_claims(ctx.db, ctx.platform, course_ids, ctx.now())
    )
    if report is not None:
        ctx.report.claims = report.stored


def pull_consent(ctx: RunContext) -> None:
    """Capabilities per course (daily) and policy acceptances where the account may read
    them (hourly), through the companion plugin; failures are reported apart."""
    with ctx.db.session() as s:
        course_ids = list(s.execute(select(m.Course.id).order_by(m.Course.id)).scalars())
    if not course_ids:
        return
    ctx.check_cancel()
    report = consent_pull.ConsentPullReport()

    def pull() -> None:
        consent_pull.refresh_capabilities(ctx.db, ctx.platform, course_ids, ctx.now(), report)
        ctx.check_cancel()
        consent_pull.pull_acceptances(ctx.db, ctx.platform, ctx.now(), report)

    _, ctx.report.consent_error = _apart(ctx, "consent", pull)
    ctx.report.consent = report


def reconcile_poll_drafts(ctx: RunContext) -> None:
    """Drafts waiting to publish follow what the outbox just did with them."""
    with ctx.db.session() as s:
        poll_push.reconcile_drafts(s, ctx.now())
