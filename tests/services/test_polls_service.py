"""Drafts in the store: create, edit, duplicate, delete, publish through the outbox."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from moderator_app.platform.types import CreatedPoll
from moderator_app.services.polls import (
    DraftFrozen,
    DraftNotFound,
    PluginMissing,
    PollInvalid,
    PollService,
)
from moderator_app.store.db import Database
from moderator_app.store.models import OutboxItem
from moderator_app.store.models_polls import PollDraft, PollDraftOption
from moderator_app.sync.poll_push import mark_published, spec_from_payload
from tests.services.polls_support import (
    NOW,
    WITH_PLUGIN,
    WITHOUT_PLUGIN,
    Clock,
    add_account,
    poll_db,
    sample_poll,
)

__all__ = ["poll_db"]


@pytest.fixture
def service(poll_db: Database) -> PollService:
    return PollService(poll_db, now=Clock())


def outbox_rows(db: Database) -> list[OutboxItem]:
    with db.session() as s:
        return list(s.scalars(select(OutboxItem)))


def test_create_and_read_back_keeps_every_field_and_option_order(service: PollService) -> None:
    poll = sample_poll(allow_multiple=True, allow_update=True, time_open=NOW + 60)
    draft_id = service.create(poll)
    assert service.get(draft_id) == poll
    [summary] = service.drafts()
    assert (summary.id, summary.status, summary.option_count) == (draft_id, "draft", 3)
    assert summary.course_name == "Samen leren online"


def test_edit_replaces_content_and_options(service: PollService, poll_db: Database) -> None:
    draft_id = service.create(sample_poll())
    edited = sample_poll(question="Which morning?").with_options("Mon", "Fri")
    service.save(draft_id, edited)
    assert service.get(draft_id) == edited
    with poll_db.session() as s:
        assert s.scalar(select(func.count()).select_from(PollDraftOption)) == 2


def test_invalid_drafts_can_be_saved_offline(service: PollService) -> None:
    draft_id = service.create(sample_poll(question="", course_id=None).with_options("only"))
    assert service.get(draft_id).question == ""


def test_duplicate_is_an_independent_draft(service: PollService) -> None:
    original = service.create(sample_poll())
    copy = service.duplicate(original)
    assert copy != original
    assert service.get(copy) == service.get(original)
    service.save(copy, sample_poll(question="Changed"))
    assert service.get(original).question == "Which evening suits you?"


def test_delete_removes_draft_and_options(service: PollService, poll_db: Database) -> None:
    draft_id = service.create(sample_poll())
    service.delete(draft_id)
    with pytest.raises(DraftNotFound):
        service.get(draft_id)
    with poll_db.session() as s:
        assert s.scalar(select(func.count()).select_from(PollDraftOption)) == 0


def test_publish_writes_outbox_item_and_waiting_state_together(
    service: PollService, poll_db: Database
) -> None:
    draft_id = service.create(sample_poll())
    item_id = service.publish(draft_id, WITH_PLUGIN)
    [item] = outbox_rows(poll_db)
    assert (item.id, item.kind, item.state, item.local_ref) == (
        item_id,
        "poll",
        "pending",
        draft_id,
    )
    spec = spec_from_payload(item.payload)
    assert spec.client_ref == draft_id
    assert spec.course_id == 2 and spec.section == 1
    assert spec.options == (("Tuesday", 0), ("Wednesday", 0), ("Thursday", 0))
    assert spec.publish_names and spec.show_results == 3 and spec.time_close == NOW + 86_400
    assert service.state(draft_id) == ("waiting", None)
    assert service.drafts()[0].status == "waiting"


def test_a_waiting_draft_is_frozen(service: PollService) -> None:
    draft_id = service.create(sample_poll())
    service.publish(draft_id, WITH_PLUGIN)
    with pytest.raises(DraftFrozen):
        service.save(draft_id, sample_poll(question="Too late"))
    with pytest.raises(DraftFrozen):
        service.publish(draft_id, WITH_PLUGIN)
    with pytest.raises(DraftFrozen):
        service.delete(draft_id)


def test_publish_refused_without_plugin_keeps_draft(
    service: PollService, poll_db: Database
) -> None:
    draft_id = service.create(sample_poll())
    with pytest.raises(PluginMissing) as refused:
        service.publish(draft_id, WITHOUT_PLUGIN)
    assert "local_moderatordesk" in str(refused.value)
    assert "administrator" in str(refused.value)
    assert outbox_rows(poll_db) == []
    assert service.state(draft_id) == ("draft", None)
    assert service.get(draft_id) == sample_poll()


def test_publish_uses_the_functions_stored_for_the_account_when_offline(
    poll_db: Database,
) -> None:
    add_account(poll_db, WITH_PLUGIN)
    service = PollService(poll_db, now=Clock())
    draft_id = service.create(sample_poll())
    service.publish(draft_id)
    assert service.state(draft_id)[0] == "waiting"


def test_publish_refused_when_no_account_knows_the_plugin(poll_db: Database) -> None:
    add_account(poll_db, WITHOUT_PLUGIN)
    service = PollService(poll_db, now=Clock())
    draft_id = service.create(sample_poll())
    with pytest.raises(PluginMissing):
        service.publish(draft_id)


def test_publish_refused_while_invalid(service: PollService, poll_db: Database) -> None:
    draft_id = service.create(sample_poll().with_options("Yes", "yes "))
    with pytest.raises(PollInvalid) as refused:
        service.publish(draft_id, WITH_PLUGIN)
    assert [(i.field, i.code) for i in refused.value.issues] == [("option", "duplicate")]
    assert outbox_rows(poll_db) == []
    assert service.state(draft_id)[0] == "draft"


def test_done_outbox_item_makes_the_draft_published(
    service: PollService, poll_db: Database
) -> None:
    draft_id = service.create(sample_poll())
    service.publish(draft_id, WITH_PLUGIN)
    with poll_db.session() as s:
        item = s.scalars(select(OutboxItem)).one()
        item.state, item.result_ref = "done", "41:7"
    assert service.state(draft_id) == ("published", None)
    [summary] = service.drafts()
    assert (summary.status, summary.choice_id) == ("open", 7)
    with poll_db.session() as s:
        assert s.get(PollDraft, draft_id).cmid == 41  # type: ignore[union-attr]


def test_needs_attention_makes_the_draft_failed_with_the_reason_and_editable(
    service: PollService, poll_db: Database
) -> None:
    draft_id = service.create(sample_poll())
    service.publish(draft_id, WITH_PLUGIN)
    with poll_db.session() as s:
        item = s.scalars(select(OutboxItem)).one()
        item.state = "failed_needs_attention"
        item.last_error = "permission: Sorry, but you do not currently have permissions"
    state, reason = service.state(draft_id)
    assert state == "failed" and reason is not None and "permission" in reason
    assert service.drafts()[0].status == "failed"
    service.save(draft_id, sample_poll(question="Fixed"))
    assert service.state(draft_id) == ("draft", None)


def test_cancelled_publish_returns_to_draft(service: PollService, poll_db: Database) -> None:
    draft_id = service.create(sample_poll())
    service.publish(draft_id, WITH_PLUGIN)
    with poll_db.session() as s:
        s.delete(s.scalars(select(OutboxItem)).one())
    assert service.state(draft_id)[0] == "draft"


def test_published_poll_status_follows_its_times(poll_db: Database) -> None:
    clock = Clock()
    service = PollService(poll_db, now=clock)
    draft_id = service.create(sample_poll(time_open=NOW + 100, time_close=NOW + 200))
    with poll_db.session() as s:
        mark_published(s, draft_id, CreatedPoll(5, 6, True), NOW)
    assert service.drafts()[0].status == "not_yet_open"
    clock.now = NOW + 150
    assert service.drafts()[0].status == "open"
    clock.now = NOW + 200
    assert service.drafts()[0].status == "closed"


def test_outbox_payload_is_frozen_at_publish(service: PollService, poll_db: Database) -> None:
    draft_id = service.create(sample_poll())
    service.publish(draft_id, WITH_PLUGIN)
    payload = json.loads(outbox_rows(poll_db)[0].payload)
    assert payload["name"] == "Which evening suits you?"
    assert payload["client_ref"] == draft_id
