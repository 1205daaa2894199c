"""Sending outbox items of kind "poll", and keeping poll drafts in step with them.

The payload is the PollSpec as JSON, frozen when the moderator pressed Publish. The
plugin's create_choice is idempotent on clientref (the draft's id), so an item found in
`sending` after a crash is simply sent again: the platform answers `created = 0` with the
activity made the first time, and no second poll appears.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from moderator_app.platform.base import FN_CREATE_POLL, Platform
from moderator_app.platform.errors import InvalidInput
from moderator_app.platform.types import CreatedPoll, PollSpec
from moderator_app.store.models import OutboxItem
from moderator_app.store.models_polls import DRAFT, FAILED, PUBLISHED, WAITING, PollDraft
from moderator_app.sync.outbox_kinds import register
from moderator_app.sync.outbox_plan import DONE, FAILED_NEEDS_ATTENTION

log = logging.getLogger("moderator_app.sync.poll_push")

POLL_KIND = "poll"
PAYLOAD_VERSION = 1

# Cancelled items may be marked rather than deleted; either way the draft is a draft again.
_CANCELLED = ("cancelled", "canceled")


def spec_to_payload(spec: PollSpec) -> dict[str, Any]:
    return {
        "v": PAYLOAD_VERSION,
        "course_id": spec.course_id,
        "section": spec.section,
        "name": spec.name,
        "intro": spec.intro,
        "options": [[text, max_answers] for text, max_answers in spec.options],
        "allow_multiple": spec.allow_multiple,
        "allow_update": spec.allow_update,
        "limit_answers": spec.limit_answers,
        "show_results": spec.show_results,
        "publish_names": spec.publish_names,
        "show_unanswered": spec.show_unanswered,
        "time_open": spec.time_open,
        "time_close": spec.time_close,
        "visible": spec.visible,
        "client_ref": spec.client_ref,
    }


def spec_from_payload(payload: str | dict[str, Any]) -> PollSpec:
    """The spec back from an outbox payload; ValueError when it is not one of ours."""
    data = json.loads(payload) if isinstance(payload, str) else payload
    if not isinstance(data, dict) or data.get("v") != PAYLOAD_VERSION:
        raise ValueError("not a version 1 poll payload")
    try:
        return PollSpec(
            course_id=int(data["course_id"]),
            name=str(data["name"]),
            options=tuple((str(t), int(m)) for t, m in data["options"]),
            client_ref=str(data["client_ref"]),
            section=int(data["section"]),
            intro=str(data["intro"]),
            allow_multiple=bool(data["allow_multiple"]),
            allow_update=bool(data["allow_update"]),
            limit_answers=bool(data["limit_answers"]),
            show_results=int(data["show_results"]),
            publish_names=bool(data["publish_names"]),
            show_unanswered=bool(data["show_unanswered"]),
            time_open=int(data["time_open"]),
            time_close=int(data["time_close"]),
            visible=bool(data["visible"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"bad poll payload: {exc}") from exc


def result_ref(created: CreatedPoll) -> str:
    return f"{created.cmid}:{created.choice_id}"


def parse_result_ref(ref: str) -> tuple[int, int] | None:
    try:
        cmid, choice_id = ref.split(":")
        return int(cmid), int(choice_id)
    except ValueError:
        return None


class PollKind:
    """The outbox kind "poll" (sync/outbox_kinds.Kind)."""

    name = POLL_KIND

    def build(self, payload: dict[str, Any]) -> PollSpec:
        try:
            return spec_from_payload(payload)
        except ValueError as exc:
            raise InvalidInput(str(exc), function=FN_CREATE_POLL) from None

    def send(self, platform: Platform, request: PollSpec) -> str:
        created = platform.create_poll(request)
        log.info(
            "poll %s: cmid %s choice %s (%s)",
            request.client_ref,
            created.cmid,
            created.choice_id,
            "created" if created.created else "already there",
        )
        return result_ref(created)

    def find_applied(
        self, platform: Platform, request: PollSpec, since: int, user_id: int
    ) -> str | None:
        # create_choice is idempotent on clientref: resending returns the first poll.
        return None


register(PollKind())


def mark_published(session: Session, draft_id: str, created: CreatedPoll, now: int) -> None:
    """Record the platform's ids on the draft; call in the transaction that marks it done."""
    row = session.get(PollDraft, draft_id)
    if row is None:  # deleted locally meanwhile: the poll exists on the platform anyway
        return
    row.state = PUBLISHED
    row.cmid = created.cmid
    row.choice_id = created.choice_id
    row.failure_reason = None
    row.updated_at = now


def mark_failed(session: Session, draft_id: str, reason: str, now: int) -> None:
    row = session.get(PollDraft, draft_id)
    if row is None or row.state == PUBLISHED:
        return
    row.state = FAILED
    row.failure_reason = reason
    row.updated_at = now


def reconcile_drafts(session: Session, now: int) -> int:
    """Bring waiting drafts in line with their outbox items; returns how many changed.

    The outbox is the truth for what happened to a publish: done -> published (ids from
    result_ref), needs attention -> failed with the platform's reason, item gone
    (cancelled) -> draft again. Pending, sending and retryable items leave it waiting.
    """
    changed = 0
    waiting = session.scalars(select(PollDraft).where(PollDraft.state == WAITING)).all()
    for draft in waiting:
        item = session.scalars(
            select(OutboxItem)
            .where(OutboxItem.kind == POLL_KIND, OutboxItem.local_ref == draft.id)
            .order_by(OutboxItem.created_at.desc())
        ).first()
        if item is None or item.state in _CANCELLED:
            draft.state = DRAFT
        elif item.state == DONE:
            ids = parse_result_ref(item.result_ref or "")
            if ids is None:
                continue
            mark_published(session, draft.id, CreatedPoll(ids[0], ids[1], True), now)
        elif item.state == FAILED_NEEDS_ATTENTION:
            mark_failed(session, draft.id, item.last_error or "", now)
        else:
            continue
        changed += 1
    return changed
