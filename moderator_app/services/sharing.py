"""Share learner work as an example, with consent, anonymised; retract it when consent goes.

`prepare` checks the consent and builds the side-by-side preview; `share` re-checks and
writes the outbox item (an ordinary reply or new discussion), the Share record and the
audit event in the caller's one transaction. `withdraw` ends a consent and retracts
every copy made under it: a copy still waiting in the outbox is dropped from it (it
never reaches the platform), a copy on its way or posted gets a "retraction" item that
deletes it once online. `cancel_copy` is the moderator cancelling a copy's outbox item
before it left: the share was never made. Nothing here touches the network.
"""

from __future__ import annotations

import html
import json
import logging
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from moderator_app.services import audit
from moderator_app.services import consent as consents
from moderator_app.services.consent import Coverage, Scope, WithdrawReason
from moderator_app.services.outbox_queue import (
    CANCELLABLE_STATES,
    DONE,
    KIND_DISCUSSION,
    KIND_REPLY,
    KIND_RETRACTION,
    MAYBE_APPLIED,
    DiscussionRequest,
    OutboxTarget,
    ReplyRequest,
    RetractionRequest,
    discussion_key,
    enqueue,
    payload_json,
)
from moderator_app.services.pseudonyms import Pseudonyms
from moderator_app.services.redaction import Change, Person, redact_people
from moderator_app.store.models import Discussion, OutboxItem, Participant, Post
from moderator_app.store.models_consent import Consent, Share

log = logging.getLogger("moderator_app.services")

AUDIT_SHARED = "share.created"
AUDIT_RETRACTED = "share.retracted"
AUDIT_CANCELLED = "share.cancelled"

# The outbox's local_ref of a share's copy and of its retraction.
SHARE_REF_PREFIX = "share:"


def share_ref(share_id: str) -> str:
    return SHARE_REF_PREFIX + share_id


MARKERS = {
    "en": "Example by {who}, shared with consent and anonymised.",
    "nl": "Voorbeeld van {who}, gedeeld met toestemming en geanonimiseerd.",
}


class ShareError(Exception):
    """The share cannot be made; `coverage.problems` / `reason` say why."""


class SharingRefused(ShareError):
    def __init__(self, coverage: Coverage) -> None:
        super().__init__(", ".join(p.missing.value for p in coverage.problems))
        self.coverage = coverage


class TargetProblem(StrEnum):
    WIDER_THAN_SCOPE = "wider_than_scope"  # the place reaches more people than the scope
    UNKNOWN_POST = "unknown_post"
    INCOMPLETE = "incomplete"


class BadTarget(ShareError):
    def __init__(self, problem: TargetProblem, reach: str | None = None) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.reach = reach


@dataclass(frozen=True)
class Target:
    """Where the copy goes: a new discussion in a forum, or a reply to a post."""

    kind: str  # KIND_DISCUSSION or KIND_REPLY
    course_id: int
    forum_id: int | None = None  # new discussion
    group_id: int | None = None  # new discussion: post to this group only
    post_id: int | None = None  # reply: the post replied to
    discussion_id: int | None = None  # reply: that post's discussion
    subject: str = ""  # empty: the anonymised subject of the original


@dataclass(frozen=True)
class SourcePost:
    post_id: int
    discussion_id: int
    course_id: int
    author_id: int
    subject: str
    message: str
    has_attachments: bool


@dataclass(frozen=True)
class Preview:
    source: SourcePost
    subject: str
    anonymised_html: str  # what will be posted, marker included
    replaced: int
    dropped_media: int
    attachments_left_out: bool  # attachments are never copied (no upload through the API)
    include_media: bool
    pseudonym: str
    changes: tuple[Change, ...] = ()  # what redaction replaced, for the preview (never log)


@dataclass(frozen=True)
class Prepared:
    coverage: Coverage
    preview: Preview | None = None
    problems: tuple[str, ...] = field(default=())


def source_post(session: Session, post_id: int) -> SourcePost | None:
    post = session.get(Post, post_id)
    if post is not None:
        discussion = session.get(Discussion, post.discussion_id)
        if discussion is None or post.author_id is None:
            return None
        return SourcePost(
            post.id,
            post.discussion_id,
            discussion.course_id,
            post.author_id,
            post.subject,
            post.message,
            post.has_attachments,
        )
    # A first post known only from the discussion list.
    discussion = session.scalar(select(Discussion).where(Discussion.first_post_id == post_id))
    if discussion is None or discussion.author_id is None:
        return None
    return SourcePost(
        post_id,
        discussion.id,
        discussion.course_id,
        discussion.author_id,
        discussion.subject,
        discussion.message,
        False,
    )


def _learner_groups(session: Session, course_id: int, learner_id: int) -> set[int]:
    row = session.get(Participant, (course_id, learner_id))
    if row is None:
        return set()
    return {int(g) for g in row.group_ids.split() if g.lstrip("-").isdigit()}


def reach_of(session: Session, source: SourcePost, target: Target) -> Scope:
    """Who the target place reaches, as a scope (group peers, course, other cohorts)."""
    if target.course_id != source.course_id:
        return Scope.COHORTS
    if target.kind == KIND_REPLY:
        discussion = session.get(Discussion, target.discussion_id) if target.discussion_id else None
        group_id = discussion.group_id if discussion is not None else -1
    else:
        group_id = target.group_id if target.group_id is not None else -1
    if group_id > 0 and group_id in _learner_groups(session, source.course_id, source.author_id):
        return Scope.GROUP
    return Scope.COURSE


def _check_target(session: Session, source: SourcePost, scope: str, target: Target) -> None:
    if target.kind == KIND_REPLY and (target.post_id is None or target.discussion_id is None):
        raise BadTarget(TargetProblem.INCOMPLETE)
    if target.kind == KIND_DISCUSSION and target.forum_id is None:
        raise BadTarget(TargetProblem.INCOMPLETE)
    if target.kind not in (KIND_REPLY, KIND_DISCUSSION):
        raise BadTarget(TargetProblem.INCOMPLETE)
    reach = reach_of(session, source, target)
    if not consents.scope_covers(scope, reach):
        raise BadTarget(TargetProblem.WIDER_THAN_SCOPE, reach.value)


def _people(session: Session, course_id: int) -> list[Person]:
    rows = session.scalars(select(Participant).where(Participant.course_id == course_id))
    return [Person(r.user_id, r.fullname, r.username, r.email) for r in rows]


def build_preview(
    session: Session,
    pseudonyms: Pseudonyms,
    source: SourcePost,
    *,
    include_media: bool,
    lang: str,
    now: int,
    subject: str = "",
) -> Preview:
    """The anonymised copy of a post, as it would be posted (no consent check here)."""
    people = _people(session, source.course_id)
    labels_by_user = pseudonyms.assign(
        session, source.course_id, {p.user_id for p in people} | {source.author_id}, now
    )
    labels = {uid: p.label(lang) for uid, p in labels_by_user.items()}
    redactor = redact_people(people, labels, lang=lang)
    body = redactor.html(source.message, include_media=include_media)
    title = redactor.text(subject or source.subject, "subject")
    who = labels[source.author_id]
    marker = MARKERS.get(lang, MARKERS["en"]).format(who=who)
    anonymised = f"{body.text}\n<p><em>{html.escape(marker, quote=False)}</em></p>"
    return Preview(
        source=source,
        subject=title.text,
        anonymised_html=anonymised,
        replaced=body.replaced + title.replaced,
        dropped_media=body.dropped_media,
        attachments_left_out=source.has_attachments,
        include_media=include_media,
        pseudonym=who,
        changes=title.changes + body.changes,
    )


def prepare(
    session: Session,
    pseudonyms: Pseudonyms,
    post_id: int,
    scope: str,
    target: Target,
    *,
    lang: str,
    now: int,
) -> Prepared:
    """Check consent and target for sharing a post; build the preview when allowed."""
    source = source_post(session, post_id)
    if source is None:
        raise BadTarget(TargetProblem.UNKNOWN_POST)
    _check_target(session, source, scope, target)
    cover = consents.coverage(
        session, source.course_id, source.author_id, consents.post_ref(post_id), scope, now
    )
    if not cover.ok:
        return Prepared(cover)
    assert cover.consent is not None
    preview = build_preview(
        session,
        pseudonyms,
        source,
        include_media=cover.consent.include_media,
        lang=lang,
        now=now,
        subject=target.subject,
    )
    return Prepared(cover, preview)


def share(
    session: Session,
    pseudonyms: Pseudonyms,
    actor: str,
    post_id: int,
    scope: str,
    target: Target,
    *,
    lang: str,
    now: int,
) -> Share:
    """Queue the anonymised copy in the outbox and record the share (one transaction).

    Raises SharingRefused (with everything missing) or BadTarget; nothing is written then.
    """
    prepared = prepare(session, pseudonyms, post_id, scope, target, lang=lang, now=now)
    if prepared.preview is None or prepared.coverage.consent is None:
        raise SharingRefused(prepared.coverage)
    preview, consent = prepared.preview, prepared.coverage.consent
    share_row = Share(
        consent_id=consent.id,
        course_id=preview.source.course_id,
        learner_id=preview.source.author_id,
        source_post_id=post_id,
        scope=Scope(scope).value,
        target_kind=target.kind,
        target_course_id=target.course_id,
        target_forum_id=target.forum_id,
        target_discussion_id=target.discussion_id,
        target_post_id=target.post_id,
        group_id=target.group_id,
        subject=preview.subject,
        anonymised_html=preview.anonymised_html,
        outbox_id="",
        created_at=now,
        created_by=actor,
    )
    session.add(share_row)
    session.flush()
    if target.kind == KIND_REPLY:
        assert target.discussion_id is not None and target.post_id is not None
        payload = payload_json(
            ReplyRequest(
                target.discussion_id, target.post_id, preview.subject, preview.anonymised_html
            )
        )
        key = discussion_key(target.discussion_id)
        where = OutboxTarget.discussion(target.discussion_id)
    else:
        assert target.forum_id is not None
        group = target.group_id if target.group_id and target.group_id > 0 else None
        payload = payload_json(
            DiscussionRequest(
                target.forum_id, preview.subject, preview.anonymised_html, group_id=group
            )
        )
        key = share_ref(share_row.id)
        where = OutboxTarget.forum(target.forum_id)
    item = enqueue(
        session,
        target.kind,
        payload,
        now=now,
        ordering_key=key,
        local_ref=share_ref(share_row.id),
        target=where,
    )
    share_row.outbox_id = item.id
    audit.record(
        session,
        actor,
        AUDIT_SHARED,
        share_row.course_id,
        share_row.learner_id,
        {
            "share_id": share_row.id,
            "consent_id": consent.id,
            "post_id": post_id,
            "scope": share_row.scope,
            "target_kind": target.kind,
            "target_course_id": target.course_id,
            "target_forum_id": target.forum_id,
            "target_discussion_id": target.discussion_id,
            "target_post_id": target.post_id,
            "group_id": target.group_id,
            "outbox_id": item.id,
            "replaced": preview.replaced,
            "dropped_media": preview.dropped_media,
        },
        at=now,
    )
    log.info("share %s of post %s queued as outbox item %s", share_row.id, post_id, item.id)
    return share_row


def _retraction_payload(share_row: Share, item: OutboxItem | None) -> str:
    post_id: int | None = None
    discussion_id = share_row.target_discussion_id
    if item is not None and item.state == DONE and item.result_ref and item.result_ref.isdigit():
        if share_row.target_kind == KIND_REPLY:
            post_id = int(item.result_ref)
        else:
            discussion_id = int(item.result_ref)
    elif share_row.target_kind == KIND_DISCUSSION:
        discussion_id = None  # the copy's discussion is not known yet: find it by subject
    request = RetractionRequest(
        share_id=share_row.id,
        target_kind=share_row.target_kind,
        since=share_row.created_at,
        subject=share_row.subject,
        message=share_row.anonymised_html,
        post_id=post_id,
        discussion_id=discussion_id,
        forum_id=share_row.target_forum_id,
        parent_post_id=share_row.target_post_id,
    )
    return json.dumps(request.__dict__, sort_keys=True)


def retract(session: Session, actor: str, share_row: Share, reason: str, now: int) -> None:
    """Take a shared copy back: cancel it if unsent, else queue its deletion."""
    if share_row.retracted_at is not None:
        return
    item = session.get(OutboxItem, share_row.outbox_id) if share_row.outbox_id else None
    cancelled = False
    if (
        item is not None
        and item.state in CANCELLABLE_STATES
        and item.last_error_code != MAYBE_APPLIED
    ):
        # Dropped like OutboxService.cancel does. Conditional, so an item the push has
        # claimed meanwhile gets a real retraction instead.
        result = session.execute(
            delete(OutboxItem)
            .where(
                OutboxItem.id == item.id,
                OutboxItem.state.in_(CANCELLABLE_STATES),
                or_(
                    OutboxItem.last_error_code.is_(None),
                    OutboxItem.last_error_code != MAYBE_APPLIED,
                ),
            )
            .execution_options(synchronize_session=False)
        )
        cancelled = bool(getattr(result, "rowcount", 0))
        if cancelled:
            session.expunge(item)
            item = None
        else:
            session.refresh(item)
    share_row.retracted_at = now
    share_row.retract_reason = reason
    detail: dict[str, object] = {"share_id": share_row.id, "reason": reason}
    if cancelled:
        detail["cancelled_before_sending"] = True
    else:
        retraction = enqueue(
            session,
            KIND_RETRACTION,
            _retraction_payload(share_row, item),
            now=now,
            # Behind the copy's own item: it is deleted only once it exists.
            ordering_key=(item.ordering_key if item is not None else None)
            or share_ref(share_row.id),
            local_ref=share_ref(share_row.id),
            target=_copy_target(item),
        )
        share_row.retraction_outbox_id = retraction.id
        detail["retraction_outbox_id"] = retraction.id
    audit.record(
        session, actor, AUDIT_RETRACTED, share_row.course_id, share_row.learner_id, detail, at=now
    )


def _copy_target(item: OutboxItem | None) -> OutboxTarget | None:
    """Where the copy's own item acted (its discussion or forum), for its retraction."""
    if item is None or item.target_type is None or item.target_id is None:
        return None
    return OutboxTarget(item.target_type, item.target_id)


def cancel_copy(session: Session, actor: str, item: OutboxItem, now: int) -> Share | None:
    """Record that the outbox item of a share's copy was cancelled before it was sent.

    Called by OutboxService.cancel in its transaction; returns the share, or None when the
    item is no share's copy. The copy never reaches anyone, so the share record goes: the
    register and the learner's report count only what was shared. The audit trail keeps
    the share.created event and gets share.cancelled. A share already retracted (consent
    was withdrawn while its copy was on its way) keeps its record, which tells what the
    withdrawal did; its retraction then finds no copy on the site.
    """
    if item.kind not in (KIND_REPLY, KIND_DISCUSSION):
        return None
    ref = item.local_ref or ""
    if not ref.startswith(SHARE_REF_PREFIX):
        return None
    share_row = session.get(Share, ref.removeprefix(SHARE_REF_PREFIX))
    if share_row is None or share_row.outbox_id != item.id:
        return None
    detail: dict[str, object] = {
        "share_id": share_row.id,
        "consent_id": share_row.consent_id,
        "post_id": share_row.source_post_id,
        "outbox_id": item.id,
    }
    if share_row.retracted_at is None:
        session.delete(share_row)
    else:
        detail["retracted_at"] = share_row.retracted_at
    audit.record(
        session,
        actor,
        AUDIT_CANCELLED,
        share_row.course_id,
        share_row.learner_id,
        detail,
        at=now,
    )
    log.info("share %s cancelled before sending (outbox item %s)", share_row.id, item.id)
    return share_row


def shares_of(session: Session, consent_id: str) -> list[Share]:
    return list(
        session.scalars(
            select(Share).where(Share.consent_id == consent_id).order_by(Share.created_at)
        )
    )


def withdraw(
    session: Session,
    actor: str,
    consent_id: str,
    now: int,
    reason: WithdrawReason = WithdrawReason.MANUAL,
    at: int | None = None,
) -> list[Share]:
    """Withdraw a consent and retract every copy shared under it; returns those shares."""
    consent = session.get(Consent, consent_id)
    if consent is None:
        raise ShareError(f"no consent {consent_id}")
    consents.mark_withdrawn(session, actor, consent, reason, now if at is None else at, now)
    retracted = []
    for share_row in shares_of(session, consent_id):
        if share_row.retracted_at is None:
            retract(session, actor, share_row, reason.value, now)
            retracted.append(share_row)
    return retracted


def expire_due(session: Session, actor: str, now: int) -> list[Consent]:
    """Consents past valid_until become withdrawn (reason: expired) and their copies go."""
    expired = list(consents.due_for_expiry(session, now))
    for consent in expired:
        withdraw(session, actor, consent.id, now, WithdrawReason.EXPIRED, at=consent.valid_until)
    return expired


def reconcile_policy_acceptances(
    session: Session, actor: str, course_id: int, accepted_user_ids: set[int], now: int
) -> list[Consent]:
    """Withdraw policy-sourced consents whose acceptance disappeared from the platform."""
    revoked = list(consents.revoked_policy_consents(session, course_id, accepted_user_ids))
    for consent in revoked:
        withdraw(session, actor, consent.id, now, WithdrawReason.POLICY_REVOKED)
    return revoked
