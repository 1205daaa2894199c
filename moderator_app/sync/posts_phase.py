"""The posts phase: fetch threads, store them a batch at a time.

Storing a thread costs a transaction, a waiting refresh and a few lookups; per thread
that was about as much as the request itself. Here fetched threads are collected and
stored together: one transaction, one lookup of which discussions still exist, one
waiting refresh per batch. When the caller can make more platform clients, a few of
them fetch ahead in parallel (a real site's round trip, not our work, is the cost);
results are still handled one by one, in order, on the caller's thread, so the order,
cancel and offline rules are those of a plain loop.

A batch is stored when it is full, when it has waited long enough (the queue's waiting
times keep being refined while a slow site trickles threads in), and before the phase
ends for any reason (cancel, offline, an auth error), so no fetched thread is lost.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import islice

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from moderator_app.platform import types as pt
from moderator_app.platform.base import Platform
from moderator_app.platform.errors import AuthError, NotFound, PlatformError, Transient
from moderator_app.store import models as m
from moderator_app.store.upsert import delete_missing_posts_of, upsert_posts
from moderator_app.store.waiting import refresh_waiting
from moderator_app.sync import pending_effects
from moderator_app.sync.context import RunContext, Stopped
from moderator_app.sync.report import PHASE_POSTS
from moderator_app.sync.storable import storable

log = logging.getLogger("moderator_app.sync")

# Threads per transaction: large enough that the per-transaction cost is small per
# thread, small enough that a batch is stored well within a second on a fast site.
BATCH_THREADS = 50
# A batch older than this is stored even when not full (slow sites, big threads).
BATCH_SECONDS = 1.0

RefreshParticipants = Callable[[RunContext, int], None]


def due_discussions(s: Session) -> list[int]:
    """Discussions whose posts are behind their list entry: waiting ones first, oldest first."""
    return list(
        s.execute(
            select(m.Discussion.id)
            .where(m.Discussion.posts_synced_at_modified != m.Discussion.time_modified)
            .order_by(
                m.Discussion.is_waiting.desc(),
                m.Discussion.waiting_since.is_(None),
                m.Discussion.waiting_since,
                m.Discussion.time_modified.desc(),
            )
        ).scalars()
    )


@dataclass
class KnownAuthors:
    """Participants known per course, read once per course: a thread's authors are checked
    in memory instead of with a query per thread."""

    ctx: RunContext
    refresh: RefreshParticipants
    _known: dict[int, set[int]] = field(default_factory=dict)

    def check(self, thread: pt.DiscussionPosts) -> None:
        """Fetch the course's participants (once per run) when a thread shows someone new."""
        course_id = thread.course_id
        if course_id in self.ctx.participants_done:
            return
        authors = {p.author_id for p in thread.posts if p.author_id is not None}
        authors.discard(self.ctx.user_id)
        if not authors or authors <= self._course(course_id):
            return
        self.refresh(self.ctx, course_id)
        self._known.pop(course_id, None)

    def _course(self, course_id: int) -> set[int]:
        if course_id not in self._known:
            with self.ctx.db.session() as s:
                self._known[course_id] = set(
                    s.execute(
                        select(m.Participant.user_id).where(m.Participant.course_id == course_id)
                    ).scalars()
                )
        return self._known[course_id]


def store_threads(
    s: Session, threads: Sequence[tuple[int, pt.DiscussionPosts]]
) -> list[tuple[int, int]]:
    """Store fetched threads in the caller's transaction, reconciling each one's post ids.

    Threads of discussions not (or no longer) stored locally are skipped: there is
    nothing to attach their posts to. Returns (discussion id, posts stored) per stored
    thread.
    """
    ids = [discussion_id for discussion_id, _ in threads]
    present = set(s.execute(select(m.Discussion.id).where(m.Discussion.id.in_(ids))).scalars())
    kept = {
        discussion_id: [p for p in thread.posts if p.discussion_id == discussion_id]
        for discussion_id, thread in threads
        if discussion_id in present
    }
    if not kept:
        return []
    upsert_posts(s, [p for posts in kept.values() for p in posts])
    delete_missing_posts_of(s, {did: [p.id for p in posts] for did, posts in kept.items()})
    pending_effects.reapply(s, list(kept))
    # A thread with no visible posts is still synced: upsert_posts marked only the others.
    empty = [did for did, posts in kept.items() if not posts]
    if empty:
        s.execute(
            update(m.Discussion)
            .where(m.Discussion.id.in_(empty))
            .values(posts_synced_at_modified=m.Discussion.time_modified)
        )
    refresh_waiting(s, list(kept))
    return [(did, len(posts)) for did, posts in kept.items()]


class ThreadBatch:
    """Fetched threads waiting to be stored together; counts them into the report."""

    def __init__(self, ctx: RunContext, now: Callable[[], float] = time.monotonic) -> None:
        self.ctx = ctx
        self._now = now
        self._threads: list[tuple[int, pt.DiscussionPosts]] = []
        self._started = 0.0

    def add(self, discussion_id: int, thread: pt.DiscussionPosts) -> None:
        if not self._threads:
            self._started = self._now()
        self._threads.append((discussion_id, thread))
        if len(self._threads) >= BATCH_THREADS or self._now() - self._started >= BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if not self._threads:
            return
        threads, self._threads = self._threads, []
        with self.ctx.db.session() as s:
            stored = store_threads(s, threads)
        self.ctx.report.threads_fetched += len(stored)
        self.ctx.report.posts_stored += sum(n for _, n in stored)


def fetch_one(ctx: RunContext, known: KnownAuthors, discussion_id: int) -> pt.DiscussionPosts:
    """One thread from the platform; NotFound removes the discussion locally and re-raises."""
    try:
        thread = ctx.platform.discussion_posts(discussion_id)
    except NotFound:
        _removed(ctx, discussion_id)
        raise
    thread = storable_thread(ctx, thread)
    known.check(thread)
    return thread


def storable_thread(ctx: RunContext, thread: pt.DiscussionPosts) -> pt.DiscussionPosts:
    """The thread without the posts the store cannot hold (reported as skipped)."""
    posts = storable(ctx, thread.posts, "post", thread.forum_id)
    return thread if len(posts) == len(thread.posts) else replace(thread, posts=tuple(posts))


def _removed(ctx: RunContext, discussion_id: int) -> None:
    with ctx.db.session() as s:
        s.execute(delete(m.Discussion).where(m.Discussion.id == discussion_id))
    ctx.report.discussions_removed += 1


Fetched = pt.DiscussionPosts | PlatformError


def _fetch_in_turn(ctx: RunContext, ids: Sequence[int]) -> Iterator[tuple[int, Fetched]]:
    for discussion_id in ids:
        try:
            yield discussion_id, ctx.platform.discussion_posts(discussion_id)
        except PlatformError as exc:
            yield discussion_id, exc


def _fetch_in_parallel(
    ctx: RunContext, ids: Sequence[int], factory: Callable[[], Platform], workers: int
) -> Iterator[tuple[int, Fetched]]:
    """Threads fetched by `workers` clients of their own, handed back in the order asked.

    Only the requests run on the workers; everything that touches the store, the
    report or the rules stays on the caller's thread, as in the plain loop. A few more
    than `workers` are asked ahead, so a stop wastes little.
    """
    local = threading.local()
    clients: list[Platform] = []
    clients_lock = threading.Lock()

    def fetch(discussion_id: int) -> Fetched:
        client = getattr(local, "client", None)
        if client is None:
            client = local.client = factory()
            with clients_lock:
                clients.append(client)
        ctx.platform.count_elsewhere("discussion_posts")
        try:
            return client.discussion_posts(discussion_id)
        except PlatformError as exc:
            return exc

    pending = iter(ids)
    window: deque[tuple[int, Future[Fetched]]] = deque()
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="posts-fetch")
    try:
        for discussion_id in islice(pending, 2 * workers):
            window.append((discussion_id, pool.submit(fetch, discussion_id)))
        while window:
            discussion_id, future = window.popleft()
            following = next(pending, None)
            if following is not None:
                window.append((following, pool.submit(fetch, following)))
            yield discussion_id, future.result()
    finally:
        for _, future in window:
            future.cancel()
        pool.shutdown(wait=True)  # requests in flight end within the client's timeout
        for client in clients:
            close = getattr(client, "close", None)
            if callable(close):
                close()


def _fetched(ctx: RunContext, ids: Sequence[int]) -> Iterator[tuple[int, Fetched]]:
    if ctx.platform_factory is None or ctx.fetchers <= 1 or len(ids) <= 1:
        return _fetch_in_turn(ctx, ids)
    return _fetch_in_parallel(ctx, ids, ctx.platform_factory, ctx.fetchers)


def run_posts_phase(ctx: RunContext, refresh: RefreshParticipants) -> None:
    """Posts of every discussion that changed, waiting ones first (see module docstring)."""
    with ctx.db.session() as s:
        ids = due_discussions(s)
    known = KnownAuthors(ctx, refresh)
    batch = ThreadBatch(ctx)
    fetched = _fetched(ctx, ids)
    try:
        for i in range(len(ids)):
            ctx.emit(PHASE_POSTS, i, len(ids))
            ctx.check_cancel()  # before asking for the next: a cancel costs no request
            discussion_id, outcome = next(fetched)
            if isinstance(outcome, NotFound):
                _removed(ctx, discussion_id)
                continue
            if isinstance(outcome, Transient):
                ctx.transient(outcome)  # raises Offline when failures keep coming
                continue
            if isinstance(outcome, PlatformError):
                if isinstance(outcome, AuthError):
                    raise outcome
                log.info("posts of discussion %s failed: %s", discussion_id, type(outcome).__name__)
                continue
            thread = storable_thread(ctx, outcome)
            known.check(thread)
            ctx.succeeded()
            batch.add(discussion_id, thread)
    except (Stopped, PlatformError):
        batch.flush()  # keep what was fetched before the cancel, the outage or the refusal
        raise
    finally:
        close = getattr(fetched, "close", None)
        if callable(close):
            close()  # stops the fetchers when the loop ends early
    batch.flush()
    ctx.emit(PHASE_POSTS, len(ids), len(ids))


def fetch_and_store(
    ctx: RunContext, refresh: RefreshParticipants, discussion_id: int
) -> pt.DiscussionPosts:
    """One thread, fetched and stored now (opening a thread, after a reply)."""
    thread = fetch_one(ctx, KnownAuthors(ctx, refresh), discussion_id)
    batch = ThreadBatch(ctx)
    batch.add(discussion_id, thread)
    batch.flush()
    return thread
