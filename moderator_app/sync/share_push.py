"""Outbox kinds of the consent work: "retraction" (delete a shared copy) and
"consent_request" (a message asking a learner for consent).

A shared copy itself goes out as an ordinary "reply" or "discussion" item. Its
retraction uses the same ordering key, so it is sent only after the copy's item has
finished. When the copy's id was not known at withdrawal (the copy was on its way),
the retraction finds the copy on the platform the way the push's crash check does:
by this account, in that place, with that text or subject, created after the share.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from moderator_app.platform.base import Platform
from moderator_app.platform.errors import InvalidInput, NotFound
from moderator_app.sync.outbox_kinds import (
    KIND_DISCUSSION,
    KIND_REPLY,
    DiscussionRequest,
    ReplyRequest,
    kind_of,
    register,
)

KIND_RETRACTION = "retraction"
KIND_CONSENT_REQUEST = "consent_request"
ABSENT = "absent"  # result_ref of a retraction that found no copy to delete


@dataclass(frozen=True)
class RetractionRequest:
    share_id: str
    target_kind: str  # "reply" or "discussion": what the copy was
    since: int  # when the share was queued: the copy cannot be older
    subject: str
    message: str  # HTML as sent, to recognise the copy
    post_id: int | None = None  # the copy, when known (a reply)
    discussion_id: int | None = None  # the copy's discussion (new) or the one replied in
    forum_id: int | None = None  # where a new discussion was started
    parent_post_id: int | None = None  # the post the copy replied to


@dataclass(frozen=True)
class ConsentRequestMessage:
    user_id: int
    text_html: str
    client_msg_id: str


def _make(cls: type[Any], payload: dict[str, Any]) -> Any:
    try:
        return cls(**payload)
    except TypeError as exc:
        raise InvalidInput(f"outbox payload does not fit {cls.__name__}: {exc}") from None


def _first_post(platform: Platform, discussion_id: int) -> int | None:
    try:
        thread = platform.discussion_posts(discussion_id)
    except NotFound:
        return None
    firsts = [p.id for p in thread.posts if not p.parent_id]
    return min(firsts) if firsts else None


def locate_copy(platform: Platform, request: RetractionRequest) -> int | None:
    """The post id of the shared copy on the platform, or None when there is none."""
    if request.target_kind == KIND_REPLY:
        if request.post_id is not None:
            return request.post_id
        if request.discussion_id is None or request.parent_post_id is None:
            return None
        user_id = platform.site_info().user_id
        found = kind_of(KIND_REPLY).find_applied(
            platform,
            ReplyRequest(
                request.discussion_id, request.parent_post_id, request.subject, request.message
            ),
            request.since,
            user_id,
        )
        return int(found) if found else None
    discussion_id = request.discussion_id
    if discussion_id is None:
        if request.forum_id is None:
            return None
        user_id = platform.site_info().user_id
        found = kind_of(KIND_DISCUSSION).find_applied(
            platform,
            DiscussionRequest(request.forum_id, request.subject, request.message),
            request.since,
            user_id,
        )
        if not found:
            return None
        discussion_id = int(found)
    return _first_post(platform, discussion_id)


class _Retraction:
    name = KIND_RETRACTION

    def build(self, payload: dict[str, Any]) -> RetractionRequest:
        request: RetractionRequest = _make(RetractionRequest, payload)
        if request.target_kind not in (KIND_REPLY, KIND_DISCUSSION):
            raise InvalidInput(f"retraction of unknown kind {request.target_kind!r}")
        return request

    def send(self, platform: Platform, request: RetractionRequest) -> str:
        post_id = locate_copy(platform, request)
        if post_id is None:
            return ABSENT  # never posted, or already removed by someone
        # The first post takes its discussion with it; a copy already gone is what we want.
        with contextlib.suppress(NotFound):
            platform.delete_post(post_id)
        return str(post_id)

    def find_applied(
        self, platform: Platform, request: RetractionRequest, since: int, user_id: int
    ) -> str | None:
        return None  # deleting again is harmless: a gone copy reads as done


class _ConsentRequest:
    name = KIND_CONSENT_REQUEST

    def build(self, payload: dict[str, Any]) -> ConsentRequestMessage:
        request: ConsentRequestMessage = _make(ConsentRequestMessage, payload)
        return request

    def send(self, platform: Platform, request: ConsentRequestMessage) -> str:
        sent = platform.send_message(request.user_id, request.text_html, request.client_msg_id)
        return str(sent.message_id)

    def find_applied(
        self, platform: Platform, request: ConsentRequestMessage, since: int, user_id: int
    ) -> str | None:
        # No check possible: Moodle stores no client msg id (send_instant_messages only
        # echoes it back), and moodle-ws-4.2.md documents no function that reads sent
        # messages (the Platform and the sandbox have none either). So after a crash
        # mid-send the request goes again: a possible duplicate beats one never sent.
        return None


register(_Retraction())
register(_ConsentRequest())
