"""A reply is refused when it is queued, not later by the site: what cannot be sent,
or would go out other than meant (a private reply Moodle would post for everyone)."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from moderator_app.platform.errors import InvalidInput, NotFound
from moderator_app.services.outbox import (
    REPLY_EMPTY,
    REPLY_POST_ELSEWHERE,
    REPLY_PRIVATE_NOT_ALLOWED,
    REPLY_TO_PRIVATE,
    OutboxService,
)
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.sync import outbox_kinds as kinds
from tests.services.prompt_support import MODERATOR


def refused(outbox: OutboxService, *args: int, private: bool = False, text: str = "Ja") -> str:
    with pytest.raises(InvalidInput) as caught:
        outbox.reply(*args, text, private=private)
    return caught.value.code


def test_a_private_reply_to_a_learners_post_is_queued(outbox: OutboxService) -> None:
    item = outbox.reply(110, 1102, "Kijk nog eens naar bron 2.", private=True)
    [entry] = outbox.list()
    assert entry.id == item and entry.kind == kinds.KIND_REPLY and entry.discussion_id == 110


def test_refused_replies(db: Database, outbox: OutboxService) -> None:
    assert refused(outbox, 110, 1102, text="  \n") == REPLY_EMPTY
    assert refused(outbox, 110, 2100) == REPLY_POST_ELSEWHERE  # a post of discussion 210
    with db.session() as s:
        s.execute(update(m.Post).where(m.Post.id == 1101).values(is_private_reply=True))
    assert refused(outbox, 110, 1101) == REPLY_TO_PRIVATE
    with db.session() as s:  # the moderator is a learner in this course now
        s.execute(
            update(m.Participant)
            .where(m.Participant.user_id == MODERATOR, m.Participant.course_id == 1)
            .values(is_staff=False)
        )
    assert refused(outbox, 110, 1102, private=True) == REPLY_PRIVATE_NOT_ALLOWED
    outbox.reply(110, 1102, "Mag wel openlijk.")  # not private: fine
    with pytest.raises(NotFound):
        outbox.reply(110, 999999, "Ja")  # an unknown post
    with pytest.raises(NotFound):
        outbox.reply(424242, 1, "Ja")  # an unknown discussion
    assert len(outbox.list()) == 1
