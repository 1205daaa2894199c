"""Each outbox kind: its payload (JSON <-> a typed request), how to send it, and how to
find out whether an earlier attempt already reached the platform.

`build_request` is pure and tested directly. Other features add kinds with
`register(kind)` (polls, retractions) without touching the push loop.
"""

from __future__ import annotations

import contextlib
import html
import importlib
import json
import re
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from moderator_app.platform.base import Platform
from moderator_app.platform.errors import InvalidInput, NotFound
from moderator_app.platform.moodle_html import clean_html
from moderator_app.platform.types import DiscussionOptions

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


def payload_json(request: Request) -> str:
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


class _Reply:
    name = KIND_REPLY

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


class _Lock:
    name = KIND_LOCK

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


class _Pin:
    name = KIND_PIN

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


class _Delete:
    name = KIND_DELETE

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
