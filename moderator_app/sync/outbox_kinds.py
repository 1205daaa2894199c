"""Each outbox kind: its payload (JSON <-> a typed request), how to send it, and how to
find out whether an earlier attempt already reached the platform.

`build_request` is pure and tested directly. Other features add kinds with
`register(kind)` (polls, retractions) without touching the push loop. A kind with an
effect on the local copy (lock, pin, delete; a reply ends a wait) also implements
`LocalEffects`, so the push, a pull and a cancel find it there, not in `if` chains.
"""

from __future__ import annotations

import contextlib
import html
import importlib
import json
import re
from dataclasses import asdict, dataclass, is_dataclass
from typing import Any, Protocol, runtime_checkable

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from moderator_app.platform.base import Platform
from moderator_app.platform.errors import InvalidInput, NotFound
from moderator_app.platform.moodle_html import clean_html
from moderator_app.platform.types import DiscussionOptions
from moderator_app.store import models as m
from moderator_app.store.waiting import refresh_waiting

# A post or discussion counts as ours when created at most this long before the item
# (clocks of the machine and the site may differ).
CLOCK_SLACK = 3600

KIND_REPLY = "reply"
KIND_DISCUSSION = "discussion"
KIND_LOCK = "lock"
KIND_PIN = "pin"
KIND_DELETE = "delete"

# What an outbox item acts on, stored as columns (target_type, target_id) so the
# store finds "the open replies of discussion N" by an index, not by parsing keys.
TARGET_DISCUSSION = "discussion"
TARGET_FORUM = "forum"  # a new discussion
TARGET_USER = "user"  # a message to one person


@dataclass(frozen=True)
class OutboxTarget:
    type: str
    id: int

    @staticmethod
    def discussion(discussion_id: int) -> OutboxTarget:
        return OutboxTarget(TARGET_DISCUSSION, discussion_id)

    @staticmethod
    def forum(forum_id: int) -> OutboxTarget:
        return OutboxTarget(TARGET_FORUM, forum_id)

    @staticmethod
    def user(user_id: int) -> OutboxTarget:
        return OutboxTarget(TARGET_USER, user_id)


@dataclass(frozen=True)
class ReplyRequest:
    discussion_id: int
    post_id: int  # the post replied to
    subject: str
    message: str  # HTML
    private: bool = False


@dataclass(frozen=True)
class DiscussionRequest:
    forum_id: int
    subject: str
    message: str  # HTML
    subscribe: bool = True
    pinned: bool = False
    group_id: int | None = None
    mail_now: bool = False


@dataclass(frozen=True)
class LockRequest:
    forum_id: int
    discussion_id: int
    locked: bool  # the state wanted
    time_locked: int = 0  # the current lock time (any non-zero value unlocks)
    previous: bool = False  # the local state before, restored on cancel


@dataclass(frozen=True)
class PinRequest:
    discussion_id: int
    pinned: bool
    previous: bool = False


@dataclass(frozen=True)
class DeleteRequest:
    post_id: int
    discussion_id: int
    is_first_post: bool = False  # deleting the first post deletes the discussion


Request = ReplyRequest | DiscussionRequest | LockRequest | PinRequest | DeleteRequest


class Kind(Protocol):
    name: str

    def build(self, payload: dict[str, Any]) -> Any: ...

    def send(self, platform: Platform, request: Any) -> str:
        """Send once; return what the platform gave back (an id) as text."""
        ...

    def find_applied(
        self, platform: Platform, request: Any, since: int, user_id: int
    ) -> str | None:
        """The result of an earlier attempt found on the platform, or None to resend."""
        ...


@runtime_checkable
class LocalEffects(Protocol):
    """What an item does to the local copy, kept on its kind (one place per kind)."""

    def show(self, session: Session, request: Any) -> bool:
        """Lay the wanted state over the local copy while the item is open (again after
        every pull). True when the kind has such a state."""
        ...

    def undo(self, session: Session, request: Any) -> None:
        """Cancelled before it was sent: the local copy as it was."""
        ...

    def sent(self, session: Session, request: Any, ref: str) -> None:
        """Sent: the local copy as the site now has it."""
        ...

    def thread_to_refresh(self, request: Any) -> int | None:
        """A discussion to fetch again once sent (a reply ends its wait), or None."""
        ...


class _NoLocalEffects:
    def show(self, session: Session, request: Any) -> bool:
        return False

    def undo(self, session: Session, request: Any) -> None:
        return None

    def sent(self, session: Session, request: Any, ref: str) -> None:
        return None

    def thread_to_refresh(self, request: Any) -> int | None:
        return None


_NO_EFFECTS = _NoLocalEffects()


def effects_of(name: str) -> LocalEffects:
    """The local effects of a kind; none for a kind without (polls, messages, claims)."""
    kind = kind_of(name)
    return kind if isinstance(kind, LocalEffects) else _NO_EFFECTS


def payload_json(request: object) -> str:
    """The JSON payload of a typed request (any dataclass instance)."""
    if not is_dataclass(request) or isinstance(request, type):
        raise InvalidInput(f"an outbox request must be a dataclass, not {type(request).__name__}")
    return json.dumps(asdict(request), sort_keys=True)


def _make(cls: type[Any], payload: dict[str, Any]) -> Any:
    try:
        return cls(**payload)
    except TypeError as exc:
        raise InvalidInput(f"outbox payload does not fit {cls.__name__}: {exc}") from None


_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def comparable_text(message_html: str) -> str:
    """Text of an HTML message for 'is this the same post' (the site may reformat HTML)."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", message_html))).strip()


def sent_text(message_html: str) -> str:
    """`comparable_text` of a body as it reached the site: the client cleans every body
    before sending (script, style and svg content go), so compare the cleaned form, or
    the crash check misses the post it sent and sends it again."""
    return comparable_text(clean_html(message_html))


class _Reply(_NoLocalEffects):
    name = KIND_REPLY

    def thread_to_refresh(self, request: ReplyRequest) -> int | None:
        return request.discussion_id  # the reply ends the wait

    def build(self, payload: dict[str, Any]) -> ReplyRequest:
        request: ReplyRequest = _make(ReplyRequest, payload)
        return request

    def send(self, platform: Platform, request: ReplyRequest) -> str:
        new = platform.reply(
            request.post_id, request.subject, request.message, private=request.private
        )
        return str(new.post_id)

    def find_applied(
        self, platform: Platform, request: ReplyRequest, since: int, user_id: int
    ) -> str | None:
        try:
            thread = platform.discussion_posts(request.discussion_id)
        except NotFound:
            return None  # sending will report the deletion
        wanted = sent_text(request.message)
        for post in thread.posts:
            if (
                post.author_id == user_id
                and post.parent_id == request.post_id
                and (post.time_created or 0) >= since - CLOCK_SLACK
                and sent_text(post.message) == wanted
            ):
                return str(post.id)
        return None


class _Discussion:
    name = KIND_DISCUSSION

    def build(self, payload: dict[str, Any]) -> DiscussionRequest:
        request: DiscussionRequest = _make(DiscussionRequest, payload)
        return request

    def send(self, platform: Platform, request: DiscussionRequest) -> str:
        options = DiscussionOptions(
            subscribe=request.subscribe,
            pinned=request.pinned,
            group_id=request.group_id,
            mail_now=request.mail_now,
        )
        return str(
            platform.start_discussion(request.forum_id, request.subject, request.message, options)
        )

    def find_applied(
        self, platform: Platform, request: DiscussionRequest, since: int, user_id: int
    ) -> str | None:
        # A new discussion is the newest-modified one (after the pinned): the first page holds it.
        page = platform.discussions(request.forum_id, 0, 100)
        # The text too: the same prompt title is often posted again with other words.
        wanted = sent_text(request.message)
        for d in page.items:
            if (
                d.author_id == user_id
                and d.subject == request.subject
                and d.created >= since - CLOCK_SLACK
                and sent_text(d.message) == wanted
            ):
                return str(d.id)
        return None


def _set_discussion(session: Session, discussion_id: int, **values: Any) -> None:
    session.execute(update(m.Discussion).where(m.Discussion.id == discussion_id).values(**values))


class _Lock(_NoLocalEffects):
    name = KIND_LOCK

    def show(self, session: Session, request: LockRequest) -> bool:
        _set_discussion(session, request.discussion_id, locked=request.locked)
        return True

    def undo(self, session: Session, request: LockRequest) -> None:
        _set_discussion(session, request.discussion_id, locked=request.previous)

    def sent(self, session: Session, request: LockRequest, ref: str) -> None:
        time_locked = int(ref) if ref.isdigit() else 0
        _set_discussion(
            session, request.discussion_id, locked=request.locked, time_locked=time_locked
        )

    def build(self, payload: dict[str, Any]) -> LockRequest:
        request: LockRequest = _make(LockRequest, payload)
        return request

    def send(self, platform: Platform, request: LockRequest) -> str:
        # Moodle's targetstate is the current lock time: 0 locks, non-zero unlocks.
        target = 0 if request.locked else (request.time_locked or 1)
        state = platform.set_lock(request.forum_id, request.discussion_id, target)
        return str(state.time_locked)

    def find_applied(
        self, platform: Platform, request: LockRequest, since: int, user_id: int
    ) -> str | None:
        return None  # setting a state twice is harmless


class _Pin(_NoLocalEffects):
    name = KIND_PIN

    def show(self, session: Session, request: PinRequest) -> bool:
        _set_discussion(session, request.discussion_id, pinned=request.pinned)
        return True

    def undo(self, session: Session, request: PinRequest) -> None:
        _set_discussion(session, request.discussion_id, pinned=request.previous)

    def sent(self, session: Session, request: PinRequest, ref: str) -> None:
        _set_discussion(session, request.discussion_id, pinned=request.pinned)

    def build(self, payload: dict[str, Any]) -> PinRequest:
        request: PinRequest = _make(PinRequest, payload)
        return request

    def send(self, platform: Platform, request: PinRequest) -> str:
        platform.set_pin(request.discussion_id, request.pinned)
        return "1" if request.pinned else "0"

    def find_applied(
        self, platform: Platform, request: PinRequest, since: int, user_id: int
    ) -> str | None:
        return None


class _Delete(_NoLocalEffects):
    name = KIND_DELETE

    def show(self, session: Session, request: DeleteRequest) -> bool:
        session.execute(update(m.Post).where(m.Post.id == request.post_id).values(is_deleted=True))
        return True

    def undo(self, session: Session, request: DeleteRequest) -> None:
        session.execute(update(m.Post).where(m.Post.id == request.post_id).values(is_deleted=False))
        refresh_waiting(session, [request.discussion_id])

    def sent(self, session: Session, request: DeleteRequest, ref: str) -> None:
        if request.is_first_post:  # the site deleted the whole discussion
            session.execute(delete(m.Discussion).where(m.Discussion.id == request.discussion_id))
            return
        session.execute(delete(m.Post).where(m.Post.id == request.post_id))
        refresh_waiting(session, [request.discussion_id])

    def build(self, payload: dict[str, Any]) -> DeleteRequest:
        request: DeleteRequest = _make(DeleteRequest, payload)
        return request

    def send(self, platform: Platform, request: DeleteRequest) -> str:
        # Already gone (an earlier attempt, or someone else) is what was wanted.
        with contextlib.suppress(NotFound):
            platform.delete_post(request.post_id)
        return str(request.post_id)

    def find_applied(
        self, platform: Platform, request: DeleteRequest, since: int, user_id: int
    ) -> str | None:
        return None  # resending a delete of a deleted post is treated as done


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    _KINDS[kind.name] = kind


# Modules of other features that register their kinds when imported (add yours here),
# so a push from any entry point (GUI, headless) knows every kind.
KIND_MODULES = (
    "moderator_app.sync.poll_push",
    "moderator_app.sync.share_push",
    "moderator_app.sync.claim_push",
)


def kind_of(name: str) -> Kind:
    if name not in _KINDS:
        for module in KIND_MODULES:
            with contextlib.suppress(ModuleNotFoundError):  # a feature not in this build
                importlib.import_module(module)
    try:
        return _KINDS[name]
    except KeyError:
        raise InvalidInput(f"unknown outbox kind {name!r}") from None


def build_request(kind: str, payload: str) -> Any:
    """The typed request of an outbox row; InvalidInput when it cannot be read."""
    try:
        data = json.loads(payload)
    except ValueError:
        raise InvalidInput("outbox payload is not JSON") from None
    if not isinstance(data, dict):
        raise InvalidInput("outbox payload is not an object")
    return kind_of(kind).build(data)


for _kind in (_Reply(), _Discussion(), _Lock(), _Pin(), _Delete()):
    register(_kind)
