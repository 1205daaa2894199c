"""What a window needs about outbox items beyond `OutboxEntry`: names, direction, the text.

`OutboxService.list` leaves payloads (message bodies) out on purpose, so that the CLI and
logs never carry them. The Outbox window is the one place that shows them (Copy text, so
a reply the site refused is never lost), so this reads them for the listed items only,
with the names the words need, in one short session and one IN query per table.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from moderator_app.services.outbox import OutboxEntry
from moderator_app.services.outbox_queue import KIND_CONSENT_REQUEST, KIND_DISCUSSION, KIND_REPLY
from moderator_app.services.sharing import SHARE_REF_PREFIX
from moderator_app.store import models as m
from moderator_app.store.db import Database


@dataclass(frozen=True)
class OutboxDetail:
    """Plain facts about one item; the words are made in gui/."""

    subject: str | None = None  # its discussion's subject in the store (None: not there)
    forum_name: str | None = None  # a new discussion's forum
    learner_name: str | None = None  # a consent request's learner
    text: str | None = None  # what the moderator wrote (reply, new discussion), plain text
    locks: bool = True  # a lock item: True locks, False unlocks
    pins: bool = True  # a pin item: True pins, False unpins
    deletes_discussion: bool = False  # a delete of the first post takes the discussion
    shared_copy: bool = False  # a reply or discussion that is a share's anonymised copy


def load_details(db: Database, entries: Sequence[OutboxEntry]) -> dict[str, OutboxDetail]:
    """A detail for every entry, by item id (an item gone meanwhile gets an empty one)."""
    if not entries:
        return {}
    with db.session() as s:
        raw = s.execute(
            select(m.OutboxItem.id, m.OutboxItem.payload).where(
                m.OutboxItem.id.in_([e.id for e in entries])
            )
        ).all()
        payloads = {item_id: _parse(payload) for item_id, payload in raw}
        discussions = {e.discussion_id for e in entries if e.discussion_id is not None}
        forums = {_int(p.get("forum_id")) for p in payloads.values()} - {None}
        people = {_int(p.get("user_id")) for p in payloads.values()} - {None}
        subjects: dict[int, str] = dict(
            s.execute(
                select(m.Discussion.id, m.Discussion.subject).where(
                    m.Discussion.id.in_(discussions)
                )
            ).all()
        )
        forum_names: dict[int, str] = dict(
            s.execute(select(m.Forum.id, m.Forum.name).where(m.Forum.id.in_(forums))).all()
        )
        person_names: dict[int, str] = dict(
            s.execute(
                select(m.Participant.user_id, m.Participant.fullname).where(
                    m.Participant.user_id.in_(people)
                )
            ).all()
        )
    details = {}
    for entry in entries:
        payload = payloads.get(entry.id, {})
        details[entry.id] = OutboxDetail(
            subject=subjects.get(entry.discussion_id or 0),
            forum_name=forum_names.get(_int(payload.get("forum_id")) or 0),
            learner_name=(
                person_names.get(_int(payload.get("user_id")) or 0)
                if entry.kind == KIND_CONSENT_REQUEST
                else None
            ),
            text=written_text(entry.kind, payload),
            locks=bool(payload.get("locked", True)),
            pins=bool(payload.get("pinned", True)),
            deletes_discussion=bool(payload.get("is_first_post")),
            shared_copy=entry.kind in (KIND_REPLY, KIND_DISCUSSION)
            and (entry.local_ref or "").startswith(SHARE_REF_PREFIX),
        )
    return details


def _parse(payload: str) -> dict[str, Any]:
    try:
        data = json.loads(payload)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


_PARAGRAPH = re.compile(r"</p>\s*<p[^>]*>", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def plain_text(message_html: str) -> str:
    """The moderator's text back from the HTML the outbox stores (see plain_to_html)."""
    text = _BREAK.sub("\n", _PARAGRAPH.sub("\n\n", message_html))
    return html.unescape(_TAG.sub("", text)).strip()


def written_text(kind: str, payload: dict[str, Any]) -> str | None:
    """What the moderator wrote, to copy: a reply's text, a new discussion's subject and text."""
    message = payload.get("message")
    if kind not in (KIND_REPLY, KIND_DISCUSSION) or not isinstance(message, str):
        return None
    body = plain_text(message)
    subject = payload.get("subject")
    if kind == KIND_DISCUSSION and isinstance(subject, str) and subject:
        return f"{subject}\n\n{body}"  # the subject is written by the moderator too
    return body
