"""The moderator's writes: each becomes an outbox item, with its local effect, in one
transaction and before any network call. The sync engine sends them later.

Local effects: a reply marks its discussion "reply pending" (the open outbox item,
see `pending_reply_discussions`); lock and pin show at once; a deleted post is hidden
at once. Cancelling an item undoes its local effect (a shared copy: its share record).

Every write takes an optional `session`: given, the item is written in the caller's
transaction (the caller commits), so a service can write the item and its own record
(a prompt use) atomically; left out, the write is its own transaction.
"""

from __future__ import annotations

import html
import json
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from moderator_app.platform.errors import InvalidInput, NotFound
from moderator_app.platform.types import DiscussionOptions
from moderator_app.services import sharing
from moderator_app.services.outbox_counts import count_outbox
from moderator_app.services.outbox_queue import discussion_key, enqueue
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.store.waiting import refresh_waiting
from moderator_app.sync import outbox_kinds as kinds
from moderator_app.sync import outbox_plan as op
from moderator_app.sync.share_push import KIND_RETRACTION

_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]]")
_BLANK_LINES = re.compile(r"\n\s*\n")


def plain_to_html(text: str) -> str:
    """Plain text -> Moodle HTML: paragraphs, line breaks, links; everything escaped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [p.strip("\n") for p in _BLANK_LINES.split(text) if p.strip()]
    return "".join(f"<p>{_linkify_lines(p)}</p>" for p in paragraphs)


def _linkify_lines(paragraph: str) -> str:
    return "<br>".join(_linkify(line) for line in paragraph.split("\n"))


def _linkify(line: str) -> str:
    out: list[str] = []
    last = 0
    for match in _URL.finditer(line):
        out.append(html.escape(line[last : match.start()]))
        url = html.escape(match.group(0))
        out.append(f'<a href="{url}">{url}</a>')
        last = match.end()
    out.append(html.escape(line[last:]))
    return "".join(out)


def reply_subject(subject: str) -> str:
    return subject if subject.lower().startswith("re:") else f"Re: {subject}"


@dataclass(frozen=True)
class OutboxEntry:
    """An outbox item as the UI and `moderator-app outbox` show it."""

    id: str
    kind: str
    state: str
    created_at: int
    not_before: int
    attempts: int
    reason: str | None  # locked, deleted, permission, invalid, unavailable
    last_error: str | None
    last_error_code: str | None
    result_ref: str | None
    local_ref: str | None
    discussion_id: int | None
    summary: str  # subject or action, never the message body
    # Being sent, or maybe applied: when its request can no longer land. A sync after
    # that looks for it on the site and sends it again only if it is not there. 0
    # otherwise.
    check_after: int = 0


class Refusal(StrEnum):
    """Why cancel or retry refuses an item: a code the GUI words in its own language."""

    SENT = "sent"  # done: it is on the site already
    ON_ITS_WAY = "on_its_way"  # sending right now
    MAYBE_APPLIED = "maybe_applied"  # a send may have reached the site; the next sync checks
    RETRACTION = "retraction"  # consent was withdrawn: the copy must come off the site
    NOT_FAILED = "not_failed"  # retry: only a failed item can be sent again


class Outcome(StrEnum):
    """Where one item stands after a push, for the window that queued it."""

    SENT = "sent"  # on the site
    WAITING = "waiting"  # the next sync sends it (or first checks, when maybe_applied)
    BEING_SENT = "being_sent"  # another sender has it on its way
    REFUSED = "refused"  # the site refused it; it waits in the Outbox for the moderator
    GONE = "gone"  # cancelled meanwhile


@dataclass(frozen=True)
class ItemOutcome:
    outcome: Outcome
    reason: str | None = None  # REFUSED: locked, deleted, permission, invalid, unavailable
    maybe_applied: bool = False  # WAITING: the last send may have arrived; checked first


class OutboxRefused(InvalidInput):
    """Cancel or retry refused: `refusal` for the GUI, the English `message` for the CLI."""

    def __init__(self, refusal: Refusal, message: str) -> None:
        super().__init__(message, code=refusal.value)
        self.refusal = refusal


def cancel_refusal(state: str, kind: str, last_error_code: str | None) -> Refusal | None:
    """Why an item in this state cannot be cancelled, or None when it can.

    One rule for `OutboxService.cancel` and for a window that greys out its Cancel button.
    """
    if state == op.DONE:
        return Refusal.SENT
    if state not in op.CANCELLABLE_STATES:
        return Refusal.ON_ITS_WAY
    if last_error_code == op.MAYBE_APPLIED:
        return Refusal.MAYBE_APPLIED
    if kind == KIND_RETRACTION:
        # The learner withdrew consent: dropping it would leave their copy online
        # while the register says it was retracted.
        return Refusal.RETRACTION
    return None


_CANCEL_MESSAGES = {
    Refusal.MAYBE_APPLIED: "this item may already be on the site; sync first to find out",
    Refusal.RETRACTION: "a retraction cannot be cancelled",
}


# InvalidInput codes of a reply refused before it is queued (the GUI and CLI word them).
REPLY_EMPTY = "reply_empty"
REPLY_POST_ELSEWHERE = "reply_post_elsewhere"
REPLY_TO_PRIVATE = "reply_to_private"
REPLY_PRIVATE_NOT_ALLOWED = "reply_private_not_allowed"


def _check_reply(
    s: Session,
    discussion: m.Discussion,
    parent_post_id: int,
    parent: m.Post | None,
    *,
    private: bool,
) -> None:
    if parent is None and parent_post_id != discussion.first_post_id:
        # The opener may not be fetched yet (lists only); any other post must be known.
        raise NotFound(f"post {parent_post_id} is not in the local store")
    if parent is not None and parent.discussion_id != discussion.id:
        raise InvalidInput(
            f"post {parent_post_id} is not in discussion {discussion.id}",
            code=REPLY_POST_ELSEWHERE,
        )
    if parent is not None and parent.is_private_reply:
        raise InvalidInput("the site takes no reply to a private reply", code=REPLY_TO_PRIVATE)
    if private and not _staff_in_course(s, discussion):
        raise InvalidInput(
            "only a teacher, non-editing teacher or manager of the course can reply privately",
            code=REPLY_PRIVATE_NOT_ALLOWED,
        )


def _staff_in_course(s: Session, discussion: m.Discussion) -> bool:
    """Whether this account held a staff role in the discussion's course at the last sync."""
    forum = s.get(m.Forum, discussion.forum_id)
    account = s.execute(select(m.Account)).scalars().first()
    if forum is None or account is None:
        return False
    me = s.get(m.Participant, (forum.course_id, account.user_id))
    return bool(me is not None and me.is_staff)


def _in_discussion(discussion_id: int) -> kinds.OutboxTarget:
    return kinds.OutboxTarget.discussion(discussion_id)


def pending_reply_discussions(session: Session) -> set[int]:
    """Discussions with a reply still in the outbox: the queue shows them as "reply pending"."""
    ids = session.execute(
        select(m.OutboxItem.target_id).where(
            m.OutboxItem.kind == kinds.KIND_REPLY,
            m.OutboxItem.state.in_(op.OPEN_STATES),
            m.OutboxItem.target_type == kinds.TARGET_DISCUSSION,
        )
    ).scalars()
    return {i for i in ids if i is not None}


class OutboxService:
    def __init__(
        self, db: Database, actor: str, *, now: Callable[[], int] = lambda: int(time.time())
    ) -> None:
        self.db = db
        self.actor = actor
        self.now = now

    # -- writes -------------------------------------------------------------

    def reply(
        self,
        discussion_id: int,
        parent_post_id: int | None,
        text: str,
        *,
        private: bool = False,
        session: Session | None = None,
    ) -> str:
        """Queue a reply (plain text) to a post, None: to the opener. Returns the item id.

        Refused here rather than by the site later: an empty text, a post not in that
        discussion, a reply to a private reply (Moodle refuses any), and a private
        reply from someone not staff in the course (Moodle would post it for all).
        """
        if not text.strip():
            raise InvalidInput("the reply is empty", code=REPLY_EMPTY)
        with self._session(session) as s:
            discussion = s.get(m.Discussion, discussion_id)
            if discussion is None:
                raise NotFound(f"discussion {discussion_id} is not in the local store")
            if parent_post_id is None:
                parent_post_id = discussion.first_post_id
            parent = s.get(m.Post, parent_post_id)
            _check_reply(s, discussion, parent_post_id, parent, private=private)
            subject = parent.subject if parent is not None else discussion.subject
            request = kinds.ReplyRequest(
                discussion_id=discussion_id,
                post_id=parent_post_id,
                subject=reply_subject(subject),
                message=plain_to_html(text),
                private=private,
            )
            return self._add(s, kinds.KIND_REPLY, request, _in_discussion(discussion_id))

    def start_discussion(
        self,
        forum_id: int,
        subject: str,
        text_or_html: str,
        options: DiscussionOptions | None = None,
        not_before: int = 0,
        *,
        is_html: bool = False,
        local_ref: str | None = None,
        session: Session | None = None,
    ) -> str:
        """Queue a new discussion, now or at `not_before` (a scheduled prompt)."""
        if not subject.strip():
            raise InvalidInput("the subject is empty")
        if not text_or_html.strip():
            raise InvalidInput("the message is empty")
        options = options or DiscussionOptions()
        message = text_or_html if is_html else plain_to_html(text_or_html)
        with self._session(session) as s:
            if s.get(m.Forum, forum_id) is None:
                raise NotFound(f"forum {forum_id} is not in the local store")
            request = kinds.DiscussionRequest(
                forum_id=forum_id,
                subject=subject.strip(),
                message=message,
                subscribe=options.subscribe,
                pinned=options.pinned,
                group_id=options.group_id,
                mail_now=options.mail_now,
            )
            # No ordering key: starters in one forum do not wait for each other.
            return self._add(
                s,
                kinds.KIND_DISCUSSION,
                request,
                kinds.OutboxTarget.forum(forum_id),
                ordered=False,
                not_before=not_before,
                local_ref=local_ref,
            )

    def lock(
        self, discussion_id: int, locked: bool = True, *, session: Session | None = None
    ) -> str:
        with self._session(session) as s:
            d = self._discussion(s, discussion_id)
            request = kinds.LockRequest(
                forum_id=d.forum_id,
                discussion_id=d.id,
                locked=locked,
                time_locked=d.time_locked,
                previous=d.locked,
            )
            d.locked = locked
            return self._add(s, kinds.KIND_LOCK, request, _in_discussion(discussion_id))

    def pin(
        self, discussion_id: int, pinned: bool = True, *, session: Session | None = None
    ) -> str:
        with self._session(session) as s:
            d = self._discussion(s, discussion_id)
            request = kinds.PinRequest(discussion_id=d.id, pinned=pinned, previous=d.pinned)
            d.pinned = pinned
            return self._add(s, kinds.KIND_PIN, request, _in_discussion(discussion_id))

    def delete_post(self, post_id: int, *, session: Session | None = None) -> str:
        """Queue a delete; the post is hidden locally at once (deleting the first post
        deletes the whole discussion on the platform)."""
        with self._session(session) as s:
            post = s.get(m.Post, post_id)
            if post is None:
                raise NotFound(f"post {post_id} is not in the local store")
            d = self._discussion(s, post.discussion_id)
            request = kinds.DeleteRequest(
                post_id=post_id, discussion_id=d.id, is_first_post=post_id == d.first_post_id
            )
            post.is_deleted = True
            s.flush()
            refresh_waiting(s, [d.id])
            return self._add(s, kinds.KIND_DELETE, request, _in_discussion(d.id))

    # -- reading and managing ------------------------------------------------

    def list(self, *, include_done: bool = False) -> list[OutboxEntry]:
        with self.db.session() as s:
            query = select(m.OutboxItem).order_by(m.OutboxItem.created_at)
            if not include_done:
                query = query.where(m.OutboxItem.state != op.DONE)
            return [_entry(item) for item in s.execute(query).scalars()]

    def outcome(self, item_id: str) -> ItemOutcome:
        """Where the item stands now: read from the item itself, not guessed from the queue."""
        with self.db.session() as s:
            item = s.get(m.OutboxItem, item_id)
            if item is None:
                return ItemOutcome(Outcome.GONE)
            state, error, code = item.state, item.last_error, item.last_error_code
        if state == op.DONE:
            return ItemOutcome(Outcome.SENT)
        if state == op.SENDING:
            return ItemOutcome(Outcome.BEING_SENT)
        if state == op.FAILED_NEEDS_ATTENTION:
            return ItemOutcome(Outcome.REFUSED, reason=op.reason_of(error))
        return ItemOutcome(Outcome.WAITING, maybe_applied=code == op.MAYBE_APPLIED)

    def count_open(self) -> int:
        return count_outbox(self.db, self.now()).total

    def retry(self, item_id: str, *, session: Session | None = None) -> None:
        """Send a failed item again at the next sync (after the user fixed the cause)."""
        with self._session(session) as s:
            item = self._item(s, item_id)
            if item.state not in (op.FAILED_RETRYABLE, op.FAILED_NEEDS_ATTENTION):
                raise OutboxRefused(
                    Refusal.NOT_FAILED,
                    f"only a failed item can be retried (this one is {item.state})",
                )
            now = self.now()
            if item.last_error_code == op.MAYBE_APPLIED:
                # Its last request may still land: looking for it earlier finds nothing
                # and sends it again. Retry may skip the backoff, never the settle time.
                item.state = op.FAILED_RETRYABLE
                item.not_before = max(min(item.not_before, now), op.settles_at(item.claimed_at))
            else:
                item.state = op.PENDING
                item.not_before = min(item.not_before, now)
            item.updated_at = now

    def cancel(self, item_id: str, *, session: Session | None = None) -> None:
        """Drop a pending or failed item and undo its local effect."""
        with self._session(session) as s:
            item = self._item(s, item_id)
            refusal = cancel_refusal(item.state, item.kind, item.last_error_code)
            if refusal is not None:
                message = _CANCEL_MESSAGES.get(
                    refusal, f"an item that is {item.state} cannot be cancelled"
                )
                raise OutboxRefused(refusal, message)
            self._undo(s, item)
            s.delete(item)

    # -- helpers ----------------------------------------------------------------

    @contextmanager
    def _session(self, session: Session | None) -> Iterator[Session]:
        """The caller's session (the caller commits or rolls back), else one of our own."""
        if session is not None:
            yield session
            return
        with self.db.session() as s:
            yield s

    def _add(
        self,
        s: Session,
        kind: str,
        request: kinds.Request,
        target: kinds.OutboxTarget,
        *,
        ordered: bool = True,
        not_before: int = 0,
        local_ref: str | None = None,
    ) -> str:
        # A discussion's writes go in order (ordering key); a forum's new ones do not.
        ordering_key = discussion_key(target.id) if ordered else None
        item = enqueue(
            s,
            kind,
            kinds.payload_json(request),
            now=self.now(),
            ordering_key=ordering_key,
            not_before=not_before,
            local_ref=local_ref or ordering_key,
            target=target,
        )
        return item.id

    def _discussion(self, s: Session, discussion_id: int) -> m.Discussion:
        d = s.get(m.Discussion, discussion_id)
        if d is None:
            raise NotFound(f"discussion {discussion_id} is not in the local store")
        return d

    def _item(self, s: Session, item_id: str) -> m.OutboxItem:
        item = s.get(m.OutboxItem, item_id)
        if item is None:
            raise NotFound(f"outbox item {item_id} does not exist")
        return item

    def _undo(self, s: Session, item: m.OutboxItem) -> None:
        if sharing.cancel_copy(s, self.actor, item, self.now()) is not None:
            return  # a share's copy has no other local effect
        try:
            request = kinds.build_request(item.kind, item.payload)
        except InvalidInput:
            return
        kinds.effects_of(item.kind).undo(s, request)


def _check_after(item: m.OutboxItem) -> int:
    """When a sync may look for an item whose request may have reached the site."""
    if item.state == op.SENDING:
        return op.settles_at(item.updated_at)  # the claim time, as the push reads it
    if item.state == op.FAILED_RETRYABLE and item.last_error_code == op.MAYBE_APPLIED:
        return max(item.not_before, op.settles_at(item.claimed_at))
    return 0


def _entry(item: m.OutboxItem) -> OutboxEntry:
    try:
        data = json.loads(item.payload)
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    discussion_id = data.get("discussion_id")
    summary = str(data.get("subject") or data.get("name") or item.kind)
    return OutboxEntry(
        id=item.id,
        kind=item.kind,
        state=item.state,
        created_at=item.created_at,
        not_before=item.not_before,
        attempts=item.attempts,
        reason=op.reason_of(item.last_error) if item.state == op.FAILED_NEEDS_ATTENTION else None,
        last_error=item.last_error,
        last_error_code=item.last_error_code,
        result_ref=item.result_ref,
        local_ref=item.local_ref,
        discussion_id=int(discussion_id) if isinstance(discussion_id, int) else None,
        summary=summary,
        check_after=_check_after(item),
    )
