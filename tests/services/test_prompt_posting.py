"""Posting a prompt: filled for the forum, into the outbox now or scheduled, recorded as a use."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import event, func, select, update
from sqlalchemy.exc import IntegrityError

from moderator_app.platform.errors import InvalidInput
from moderator_app.platform.types import DiscussionOptions
from moderator_app.services import prompt_posting
from moderator_app.services.prompt_posting import (
    CANNOT_FORUM,
    CANNOT_SITE,
    PostingRefused,
    PromptPoster,
    ScheduleInPast,
)
from moderator_app.services.prompt_rules import MissingPlaceholders, PromptData, PromptText
from moderator_app.services.prompts import PromptService
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.store.models_prompts import PromptUse
from moderator_app.sync.engine import SyncEngine
from tests.services.prompt_support import MODERATOR, NOW, H

PROMPT = PromptData(
    "statement",
    {"nl": PromptText("Stelling week {week}", "In {course}, forum {forum}: {topic}. Eens?")},
)


class Site:
    """Only what the push of a new discussion needs."""

    def __init__(self) -> None:
        self.started: list[tuple[int, str, str, DiscussionOptions]] = []

    def start_discussion(
        self, forum_id: int, subject: str, message: str, options: DiscussionOptions
    ) -> int:
        self.started.append((forum_id, subject, message, options))
        return 900 + len(self.started)

    def discussions(self, *_args: Any) -> Any:
        raise AssertionError("nothing was sent before, so nothing needs checking")


@pytest.fixture
def prompt_id(db: Database) -> str:
    return PromptService(db, now=lambda: NOW).create(PROMPT)


def outbox_rows(db: Database) -> list[m.OutboxItem]:
    with db.session() as s:
        return list(s.scalars(select(m.OutboxItem)))


def uses(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(PromptUse)) or 0


def push(db: Database, site: Site, at: int) -> None:
    SyncEngine(db, site, account_user_id=MODERATOR, now=lambda: at).push()  # type: ignore[arg-type]


def test_post_now_fills_course_and_forum_and_queues_html(db: Database, prompt_id: str) -> None:
    poster = PromptPoster(db, "mila", now=lambda: NOW)
    assert poster.open_placeholders(prompt_id, "nl") == ("week", "topic")
    use = poster.post(
        prompt_id,
        "nl",
        11,
        {"week": "2", "topic": "Bomen <3", "forum": "ignored"},
        DiscussionOptions(pinned=True, subscribe=False),
    )
    [item] = outbox_rows(db)
    payload = json.loads(item.payload)
    assert item.kind == "discussion" and item.not_before == 0
    assert item.local_ref == f"prompt-use:{use}"
    assert payload["subject"] == "Stelling week 2"
    assert payload["message"] == "<p>In Biologie, forum Vragen: Bomen &lt;3. Eens?</p>"
    assert (payload["pinned"], payload["subscribe"]) == (True, False)
    [waiting] = poster.scheduled()
    assert (waiting.use_id, waiting.scheduled_for, waiting.forum_name) == (use, 0, "Vragen")


def test_a_missing_placeholder_refuses_and_writes_nothing(db: Database, prompt_id: str) -> None:
    poster = PromptPoster(db, "mila", now=lambda: NOW)
    with pytest.raises(MissingPlaceholders) as info:
        poster.post(prompt_id, "nl", 11, {"week": "2"})
    assert info.value.names == ("topic",)
    assert outbox_rows(db) == [] and uses(db) == 0


def test_refused_where_the_site_or_forum_does_not_allow_it(db: Database, prompt_id: str) -> None:
    no_site = PromptPoster(
        db, "mila", site_functions={"core_webservice_get_site_info"}, now=lambda: NOW
    )
    ability = no_site.ability(11)
    assert (ability.can_post, ability.reason, ability.can_pin) == (False, CANNOT_SITE, False)
    with pytest.raises(PostingRefused):
        no_site.post(prompt_id, "nl", 11, {"week": "1", "topic": "t"})
    with db.session() as s:
        forum = s.get(m.Forum, 12)
        assert forum is not None
        forum.can_create_discussions = False
    poster = PromptPoster(db, "mila", site_functions={"mod_forum_add_discussion"}, now=lambda: NOW)
    assert poster.ability(12).reason == CANNOT_FORUM
    assert poster.ability(11).can_post and not poster.ability(11).can_pin
    with pytest.raises(ScheduleInPast):
        poster.post(prompt_id, "nl", 11, {"week": "1", "topic": "t"}, at=NOW - 3600)
    assert outbox_rows(db) == [] and uses(db) == 0


def test_pinning_is_dropped_where_the_app_cannot_pin(db: Database, prompt_id: str) -> None:
    poster = PromptPoster(db, "mila", site_functions={"mod_forum_add_discussion"}, now=lambda: NOW)
    poster.post(prompt_id, "nl", 11, {"week": "1", "topic": "t"}, DiscussionOptions(pinned=True))
    assert json.loads(outbox_rows(db)[0].payload)["pinned"] is False


def test_scheduled_waits_then_goes_once_and_the_use_learns_its_discussion(
    db: Database, prompt_id: str
) -> None:
    poster = PromptPoster(db, "mila", now=lambda: NOW)
    use = poster.post(prompt_id, "nl", 21, {"week": "3", "topic": "t"}, at=NOW + 2 * H)
    [entry] = poster.scheduled()
    assert entry.scheduled_for == NOW + 2 * H and entry.course_name == "Geschiedenis"
    site = Site()
    push(db, site, NOW + H)
    assert site.started == []
    push(db, site, NOW + 2 * H + 1)
    push(db, site, NOW + 3 * H)
    assert [s[0] for s in site.started] == [21]
    assert poster.scheduled() == []
    assert poster.refresh_uses() == 1
    with db.session() as s:
        row = s.get(PromptUse, use)
        assert row is not None and (row.discussion_id, row.posted_at) == (901, NOW + 2 * H + 1)
    assert poster.refresh_uses() == 0


def test_cancel_takes_it_back_and_forgets_the_use(db: Database, prompt_id: str) -> None:
    poster = PromptPoster(db, "mila", now=lambda: NOW)
    use = poster.post(prompt_id, "nl", 11, {"week": "3", "topic": "t"}, at=NOW + H)
    poster.cancel(use)
    assert poster.scheduled() == [] and outbox_rows(db) == [] and uses(db) == 0


def test_a_post_on_its_way_cannot_be_cancelled(db: Database, prompt_id: str) -> None:
    poster = PromptPoster(db, "mila", now=lambda: NOW)
    use = poster.post(prompt_id, "nl", 11, {"week": "3", "topic": "t"})
    with db.session() as s:
        s.execute(update(m.OutboxItem).values(state="sending"))
    with pytest.raises(InvalidInput):
        poster.cancel(use)
    assert uses(db) == 1


def test_a_use_cancelled_from_the_outbox_list_is_dropped(db: Database, prompt_id: str) -> None:
    poster = PromptPoster(db, "mila", now=lambda: NOW)
    poster.post(prompt_id, "nl", 11, {"week": "3", "topic": "t"}, at=NOW + H)
    poster.outbox.cancel(outbox_rows(db)[0].id)
    poster.refresh_uses()
    assert uses(db) == 0


def test_a_use_that_cannot_be_recorded_leaves_no_outbox_item(
    db: Database, prompt_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    poster = PromptPoster(db, "mila", now=lambda: NOW)
    # The prompt was deleted (another window) after the dialog read its text: the use's
    # insert breaks its foreign key. The discussion must not go out without its use.
    text = poster.text_of(prompt_id, "nl")
    monkeypatch.setattr(poster, "text_of", lambda _id, _lang: text)
    with pytest.raises(IntegrityError):
        poster.post("deleted-prompt", "nl", 11, {"week": "3", "topic": "t"})
    assert outbox_rows(db) == [] and uses(db) == 0


def test_an_outbox_item_that_cannot_be_written_leaves_no_use(db: Database, prompt_id: str) -> None:
    # The other way round: whatever the order of the two writes, a use never stays
    # without its outbox item.
    poster = PromptPoster(db, "mila", now=lambda: NOW)

    def disk_full(*_args: Any) -> None:
        raise OSError("disk full")

    event.listen(m.OutboxItem, "before_insert", disk_full)
    try:
        with pytest.raises(OSError):
            poster.post(prompt_id, "nl", 11, {"week": "3", "topic": "t"})
    finally:
        event.remove(m.OutboxItem, "before_insert", disk_full)
    assert outbox_rows(db) == [] and uses(db) == 0


def test_cancel_drops_the_item_and_the_use_together(
    db: Database, prompt_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    poster = PromptPoster(db, "mila", now=lambda: NOW)
    use = poster.post(prompt_id, "nl", 11, {"week": "3", "topic": "t"}, at=NOW + H)

    def disk_full(*_args: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(prompt_posting, "delete", disk_full)  # deleting the use fails
    with pytest.raises(OSError):
        poster.cancel(use)
    assert len(outbox_rows(db)) == 1 and uses(db) == 1
