"""The retraction and consent-request outbox kinds against a small fake platform."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

from moderator_app.platform import types as pt
from moderator_app.platform.errors import InvalidInput, NotFound
from moderator_app.sync.outbox_kinds import build_request, kind_of
from moderator_app.sync.share_push import (
    ABSENT,
    KIND_CONSENT_REQUEST,
    KIND_RETRACTION,
    RetractionRequest,
)

ME = 7


@dataclass
class Site:
    posts: dict[int, list[pt.Post]] = field(default_factory=dict)
    deleted: list[int] = field(default_factory=list)
    messages: list[tuple[int, str, str]] = field(default_factory=list)

    def site_info(self) -> pt.SiteInfo:
        return pt.SiteInfo("s", "http://127.0.0.1", ME, "mod", "Mod", "nl", "4.2", frozenset())

    def discussion_posts(self, discussion_id: int) -> pt.DiscussionPosts:
        if discussion_id not in self.posts:
            raise NotFound("gone")
        return pt.DiscussionPosts(1, 1, tuple(self.posts[discussion_id]))

    def delete_post(self, post_id: int) -> None:
        if post_id in self.deleted:
            raise NotFound("already deleted")
        self.deleted.append(post_id)

    def send_message(self, user_id: int, text_html: str, client_msg_id: str) -> pt.SentMessage:
        self.messages.append((user_id, text_html, client_msg_id))
        return pt.SentMessage(99, client_msg_id)


def post(pid: int, parent: int | None, author: int, message: str, created: int = 1000) -> pt.Post:
    return pt.Post(pid, 50, parent, "s", message, author, "x", created, created)


def retraction(**changes: object) -> RetractionRequest:
    values: dict[str, object] = {
        "share_id": "s1",
        "target_kind": "reply",
        "since": 900,
        "subject": "Voorbeeld",
        "message": "<p>Blauwe Reiger schreef</p>",
        "discussion_id": 50,
        "parent_post_id": 1,
    }
    values.update(changes)
    return RetractionRequest(**values)  # type: ignore[arg-type]


def send(site: Site, request: RetractionRequest) -> str:
    kind = kind_of(KIND_RETRACTION)
    built = build_request(KIND_RETRACTION, json.dumps(request.__dict__))
    return kind.send(site, built)  # type: ignore[arg-type]


def test_known_copy_is_deleted_and_a_second_delete_is_fine() -> None:
    site = Site()
    assert send(site, retraction(post_id=5)) == "5"
    assert send(site, retraction(post_id=5)) == "5"  # NotFound: already gone is done
    assert site.deleted == [5]


def test_unknown_copy_is_found_by_author_place_and_text() -> None:
    site = Site(
        posts={
            50: [
                post(1, None, 3, "<p>vraag</p>"),
                post(2, 1, 4, "<p>Blauwe Reiger schreef</p>"),  # someone else's
                post(3, 1, ME, "<p>Blauwe Reiger schreef</p>", created=950),
            ]
        }
    )
    assert send(site, retraction()) == "3"
    assert site.deleted == [3]


def test_a_copy_that_never_arrived_is_absent() -> None:
    site = Site(posts={50: [post(1, None, 3, "<p>vraag</p>")]})
    assert send(site, retraction()) == ABSENT
    assert site.deleted == []


def test_a_new_discussion_copy_goes_with_its_first_post() -> None:
    site = Site(posts={60: [post(8, None, ME, "<p>x</p>"), post(9, 8, 4, "<p>reactie</p>")]})
    assert send(site, retraction(target_kind="discussion", discussion_id=60)) == "8"
    assert site.deleted == [8]


def test_bad_payloads_need_attention() -> None:
    with pytest.raises(InvalidInput):
        build_request(KIND_RETRACTION, json.dumps({"share_id": "x"}))
    with pytest.raises(InvalidInput):
        build_request(KIND_RETRACTION, json.dumps(retraction(target_kind="poll").__dict__))


def test_consent_request_is_sent_as_a_message() -> None:
    site = Site()
    payload = {"user_id": 11, "text_html": "<p>Mag het?</p>", "client_msg_id": "c1"}
    request = build_request(KIND_CONSENT_REQUEST, json.dumps(payload))
    assert kind_of(KIND_CONSENT_REQUEST).send(site, request) == "99"  # type: ignore[arg-type]
    assert site.messages == [(11, "<p>Mag het?</p>", "c1")]
