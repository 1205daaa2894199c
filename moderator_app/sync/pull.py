"""The pull: courses, participants, forums, discussion lists (the queue), then posts.

Network calls happen outside transactions; each page is stored in one transaction
with its waiting state refreshed, so the queue is right page by page.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence

from sqlalchemy import delete, func, literal, select, tuple_, update
from sqlalchemy.orm import Session

from moderator_app.platform import types as pt
from moderator_app.platform.errors import (
    AuthError,
    NotFound,
    PermissionDenied,
    PlatformError,
    PolicyNotAgreed,
    Transient,
)
from moderator_app.store import models as m
from moderator_app.store.upsert import (
    asks,
    delete_missing_discussions,
    replace_participants,
    upsert_courses,
    upsert_discussions,
    upsert_forums,
)
from moderator_app.store.waiting import refresh_waiting
from moderator_app.sync import pending_effects, plan, posts_phase
from moderator_app.sync.context import RunContext
from moderator_app.sync.report import (
    PHASE_COURSES,
    PHASE_DISCUSSIONS,
    PHASE_FORUMS,
    PHASE_PARTICIPANTS,
    ForumFailure,
)
from moderator_app.sync.storable import storable

log = logging.getLogger("moderator_app.sync")

SYNC_COUNT_KEY = "sync:count"


def _offset_key(forum_id: int) -> str:
    return f"sync:forum:{forum_id}:offset"


def _cursor_key(forum_id: int) -> str:
    return f"forum:{forum_id}"


def _next_sync_number(ctx: RunContext) -> int:
    with ctx.db.session() as s:
        row = s.get(m.KeyValue, SYNC_COUNT_KEY)
        number = int(row.value) + 1 if row is not None else 1
        s.merge(m.KeyValue(key=SYNC_COUNT_KEY, value=str(number)))
    return number


def pull_lists(ctx: RunContext) -> None:
    """Everything the queue needs: after this the waiting list is right."""
    sync_number = _next_sync_number(ctx)
    ctx.emit(PHASE_COURSES, 0, 1)
    courses = storable(ctx, ctx.platform.courses(ctx.user_id), "course", None)
    ctx.succeeded()
    if not courses:
        _check_site_policy(ctx)
    course_ids = sorted(c.id for c in courses)
    with ctx.db.session() as s:
        upsert_courses(s, courses)
        # Courses the moderator left: their forums, discussions and posts cascade away.
        gone = s.execute(delete(m.Course).where(m.Course.id.not_in(course_ids)))
        ctx.report.courses_removed += _rowcount(gone)
        staffed = set(s.execute(select(m.Participant.course_id).distinct()).scalars())
    ctx.report.courses = len(courses)
    ctx.emit(PHASE_COURSES, 1, 1)

    due = plan.participants_due(course_ids, staffed, sync_number, ctx.reconcile_after <= 0)
    for i, cid in enumerate(due):
        ctx.emit(PHASE_PARTICIPANTS, i, len(due))
        ctx.check_cancel()
        refresh_participants(ctx, cid)
    ctx.emit(PHASE_PARTICIPANTS, len(due), len(due))

    ctx.check_cancel()
    ctx.emit(PHASE_FORUMS, 0, 1)
    # An empty list would mean "all my courses" to Moodle: ask only when there are some.
    forums = ctx.platform.forums(course_ids) if course_ids else []
    forums = storable(ctx, forums, "forum", None)
    ctx.succeeded()
    wanted = set(course_ids)
    forums = [f for f in forums if f.course_id in wanted]
    with ctx.db.session() as s:
        upsert_forums(s, forums)
        # Forums we may no longer see (removed, hidden, access lost).
        gone = s.execute(delete(m.Forum).where(m.Forum.id.not_in([f.id for f in forums])))
        ctx.report.forums_removed += _rowcount(gone)
    ctx.report.forums = len(forums)
    ctx.emit(PHASE_FORUMS, 1, 1)

    for i, forum in enumerate(forums):
        ctx.emit(PHASE_DISCUSSIONS, i, len(forums))
        ctx.check_cancel()
        try:
            _pull_forum(ctx, forum)
            ctx.succeeded()
        except NotFound:
            log.info("forum %s is gone; removing it", forum.id)
            with ctx.db.session() as s:
                s.execute(delete(m.Forum).where(m.Forum.id == forum.id))
            ctx.report.forums_removed += 1
        except Transient as exc:
            ctx.report.failures.append(ForumFailure(forum.id, exc))
            ctx.transient(exc)
        except PlatformError as exc:
            if _is_auth(exc):
                raise
            log.info("forum %s failed: %s", forum.id, type(exc).__name__)
            ctx.report.failures.append(ForumFailure(forum.id, exc))
    ctx.emit(PHASE_DISCUSSIONS, len(forums), len(forums))


def _check_site_policy(ctx: RunContext) -> None:
    """No courses may mean a site policy not yet agreed to: Moodle then answers every
    list with nothing, not with an error. Say so, and leave the store as it is (taking
    the empty answer as true would remove every course)."""
    policy = ctx.platform.pending_site_policy()
    if policy is None:
        return
    ctx.report.site_policy = policy
    log.info("a site policy waits for the user's agreement (handler %s)", policy.handler or "core")
    raise PolicyNotAgreed(
        "Accept the site policy first: the site shows no courses until you do.",
        code="sitepolicynotagreed",
        function="core_enrol_get_users_courses",
    )


def _rowcount(result: object) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def _is_auth(exc: PlatformError) -> bool:
    return isinstance(exc, AuthError)


def refresh_participants(ctx: RunContext, course_id: int) -> None:
    """Fetch a course's people and roles (at most once per run)."""
    if course_id in ctx.participants_done:
        return
    ctx.participants_done.add(course_id)
    try:
        people = ctx.platform.participants(course_id)
    except PermissionDenied:
        log.info("participants of course %s not visible; roles unknown", course_id)
        return
    people = storable(ctx, people, "participant", None)
    with ctx.db.session() as s:
        if s.get(m.Course, course_id) is None:
            return
        staff_before = _staff(s, course_id)
        replace_participants(s, course_id, people)
        if _staff(s, course_id) != staff_before:
            # Who counts as staff decides what is waiting: a learner made teacher
            # answers the queue, a teacher who left no longer does.
            refresh_waiting(
                s,
                s.execute(
                    select(m.Discussion.id).where(m.Discussion.course_id == course_id)
                ).scalars(),
            )


def _staff(s: Session, course_id: int) -> set[int]:
    return set(
        s.execute(
            select(m.Participant.user_id).where(
                m.Participant.course_id == course_id, m.Participant.is_staff
            )
        ).scalars()
    )


def _unknown_users(ctx: RunContext, course_id: int, user_ids: set[int]) -> bool:
    user_ids = user_ids - {ctx.user_id}
    if not user_ids or course_id in ctx.participants_done:
        return False
    with ctx.db.session() as s:
        known = set(
            s.execute(
                select(m.Participant.user_id).where(
                    m.Participant.course_id == course_id, m.Participant.user_id.in_(user_ids)
                )
            ).scalars()
        )
    return bool(user_ids - known)


def _pull_forum(ctx: RunContext, forum: pt.Forum) -> None:
    with ctx.db.session() as s:
        cursor_row = s.get(m.SyncCursor, _cursor_key(forum.id))
        cursor = cursor_row.last_time_modified if cursor_row is not None else 0
        local_count = _count(s, forum.id)
        local_pinned = s.execute(
            select(func.count()).where(m.Discussion.forum_id == forum.id, m.Discussion.pinned)
        ).scalar_one()
        offset_row = s.get(m.KeyValue, _offset_key(forum.id))
        known_offset = int(offset_row.value) if offset_row is not None else None

    reconcile = cursor > 0 and plan.should_reconcile(
        last_full=cursor_row.last_full_reconcile if cursor_row is not None else 0,
        now=ctx.now(),
        after=ctx.reconcile_after,
        budget_left=ctx.reconcile_budget > 0,
        platform_count=forum.num_discussions,
        local_count=local_count,
        known_offset=known_offset,
    )
    if reconcile:
        ctx.reconcile_budget -= 1
    full = cursor == 0 or reconcile
    per_page = plan.PAGE_SIZE if full else plan.probe_size(local_pinned)
    page = 0
    seen: dict[int, pt.Discussion] = {}
    while True:
        ctx.check_cancel()
        result = ctx.platform.discussions(forum.id, page, per_page)
        # Paging goes by what the site sent; only storable discussions are kept.
        items = storable(ctx, result.items, "discussion", forum.id)
        before = len(seen)
        verdict = _store_page(ctx, forum.course_id, items, cursor, full)
        seen.update((d.id, d) for d in items)
        if not full:
            if verdict.stop or len(result.items) < per_page:
                break
            if per_page < plan.PAGE_SIZE:
                per_page, page = plan.PAGE_SIZE, 0  # more changed than the probe holds
                continue
        else:
            hint = 0 if reconcile else forum.num_discussions
            if plan.full_scan_done(
                page_len=len(result.items), per_page=per_page, seen=len(seen), hint=hint
            ):
                break
            if len(seen) == before:
                log.warning("forum %s: a full page with nothing new; stopping its scan", forum.id)
                break
        page += 1

    if reconcile:
        _remove_deleted(ctx, forum, set(seen))
        _refetch_waiting(ctx, forum.id)
        ctx.report.forums_reconciled += 1
    now = ctx.now()
    with ctx.db.session() as s:
        s.merge(
            m.SyncCursor(
                key=_cursor_key(forum.id),
                last_time_modified=plan.next_cursor(cursor, seen.values()),
                last_full_reconcile=now
                if full
                else (cursor_row.last_full_reconcile if cursor_row else 0),
                last_synced_at=now,
            )
        )
        if full:
            offset = forum.num_discussions - _count(s, forum.id)
            s.merge(m.KeyValue(key=_offset_key(forum.id), value=json.dumps(offset)))


def _refetch_waiting(ctx: RunContext, forum_id: int) -> None:
    """An edited reply shows in no list: now and then, read the waiting threads again
    (the posts phase does), so what the moderator answers is what the learner wrote."""
    with ctx.db.session() as s:
        s.execute(
            update(m.Discussion)
            .where(m.Discussion.forum_id == forum_id, m.Discussion.is_waiting)
            .values(posts_synced_at_modified=0)
        )


def _count(s: Session, forum_id: int) -> int:
    return int(
        s.execute(select(func.count()).where(m.Discussion.forum_id == forum_id)).scalar_one()
    )


def _store_page(
    ctx: RunContext, course_id: int, items: Sequence[pt.Discussion], cursor: int, full: bool
) -> plan.PageVerdict:
    if not items:
        return plan.PageVerdict((), stop=False)
    ids = [d.id for d in items]
    with ctx.db.session() as s:
        local = {
            row.id: (row.time_modified, row.num_replies)
            for row in s.execute(
                select(m.Discussion.id, m.Discussion.time_modified, m.Discussion.num_replies).where(
                    m.Discussion.id.in_(ids)
                )
            )
        }
    local_modified = {i: t for i, (t, _) in local.items()}
    if full:
        verdict = plan.PageVerdict(tuple(ids), stop=False)
    else:
        verdict = plan.scan_page(items, cursor, local_modified)
    if _unknown_users(ctx, course_id, plan.users_in(items)):
        refresh_participants(ctx, course_id)
    # Same last-post time but another reply count: a post was deleted; fetch posts again.
    stale = [
        d.id for d in items if d.id in local and local[d.id] != (d.time_modified, d.num_replies)
    ]
    stale += _edited_openers(ctx, [d for d in items if d.id in local and d.id not in stale])
    with ctx.db.session() as s:
        upsert_discussions(s, course_id, list(items))
        if stale:
            s.execute(
                update(m.Discussion)
                .where(m.Discussion.id.in_(stale))
                .values(posts_synced_at_modified=0)
            )
        pending_effects.reapply(s, ids)
        refresh_waiting(s, ids)
    ctx.report.discussions_stored += len(items)
    return verdict


def _edited_openers(ctx: RunContext, items: Sequence[pt.Discussion]) -> list[int]:
    """Discussions whose first post was edited since its posts were stored.

    An edit leaves the discussion's time alone, so nothing else in the list shows it;
    the entry's `modified` is the opener's own edit time.
    """
    edited = {d.first_post_id: d.first_post_modified for d in items if d.first_post_modified}
    if not edited:
        return []
    with ctx.db.session() as s:
        stored = dict(
            s.execute(
                select(m.Post.id, m.Post.time_modified).where(m.Post.id.in_(list(edited)))
            ).all()
        )
    changed = {pid for pid, t in stored.items() if t is not None and t != edited[pid]}
    return [d.id for d in items if d.first_post_id in changed]


def refresh_entry(ctx: RunContext, discussion_id: int) -> None:
    """Fetch the list page that should hold this discussion and store it.

    A lock, unlike a post, leaves a discussion's modified time alone, so an incremental
    pull never sees an old discussion being locked. When the site refuses a reply, this
    one request tells whether the discussion is locked now. The page is found by the
    discussion's place in the site's order (pinned first, newest-modified, higher id).
    """
    with ctx.db.session() as s:
        d = s.get(m.Discussion, discussion_id)
        if d is None:
            return
        forum_id, course_id = d.forum_id, d.course_id
        before = s.execute(
            select(func.count()).where(
                m.Discussion.forum_id == forum_id,
                tuple_(m.Discussion.pinned, m.Discussion.time_modified, m.Discussion.id)
                > tuple_(literal(d.pinned), literal(d.time_modified), literal(d.id)),
            )
        ).scalar_one()
    page = ctx.platform.discussions(forum_id, int(before) // plan.PAGE_SIZE, plan.PAGE_SIZE)
    _store_page(ctx, course_id, storable(ctx, page.items, "discussion", forum_id), 0, True)


def _remove_deleted(ctx: RunContext, forum: pt.Forum, seen: set[int]) -> None:
    """After a full listing: drop what the platform no longer lists.

    A discussion that got a new post while we paged moves to the top and can slip
    between pages; one look at the first page again keeps it from being dropped.
    """
    with ctx.db.session() as s:
        local = set(
            s.execute(select(m.Discussion.id).where(m.Discussion.forum_id == forum.id)).scalars()
        )
    if not local - seen:
        return
    ctx.check_cancel()
    top = ctx.platform.discussions(forum.id, 0, plan.PAGE_SIZE)
    top_items = storable(ctx, top.items, "discussion", forum.id)
    _store_page(ctx, forum.course_id, top_items, 0, True)
    keep = seen | {d.id for d in top_items}
    with ctx.db.session() as s:
        gone = delete_missing_discussions(s, forum.id, keep)
    ctx.report.discussions_removed += len(gone)


def pull_posts(ctx: RunContext) -> None:
    """The background phase: posts of discussions whose list entry changed, waiting first.

    Threads are fetched (a few at once when the caller can make more clients) and
    stored a batch per transaction (posts_phase.py).
    """
    posts_phase.run_posts_phase(ctx, refresh_participants)


def fetch_thread(ctx: RunContext, discussion_id: int) -> pt.DiscussionPosts:
    """Fetch and store one discussion's posts as the site has them now: edited text,
    subject and times replace the stored ones, posts gone from the site go.

    NotFound removes the discussion locally and is raised to the caller.
    """
    thread = posts_phase.fetch_and_store(ctx, refresh_participants, discussion_id)
    _opener_from_posts(ctx, discussion_id, thread)
    return thread


def _opener_from_posts(ctx: RunContext, discussion_id: int, thread: pt.DiscussionPosts) -> None:
    """The queue shows the discussion's subject and opening text: take an edit of the
    first post from the thread just read, not from the list entry seen earlier."""
    opener = next((p for p in thread.posts if p.parent_id is None), None)
    if opener is None or opener.is_deleted:
        return
    with ctx.db.session() as s:
        s.execute(
            update(m.Discussion)
            .where(m.Discussion.id == discussion_id, m.Discussion.first_post_id == opener.id)
            .values(
                subject=opener.subject,
                message=opener.message,
                asks=asks(opener.subject, opener.message),
            )
        )
