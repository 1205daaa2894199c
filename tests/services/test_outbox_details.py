"""Outbox details: the names, direction and text the Outbox window words, read in one go."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from moderator_app.services.consent_request import queue_request
from moderator_app.services.outbox import OutboxService
from moderator_app.services.outbox_details import OutboxDetail, load_details, plain_text
from moderator_app.store.db import Database
from tests.services.prompt_support import NOW

REPLY_TEXT = "Hallo Bram,\n\nKijk op https://example.org/bronnen & <zoek> verder.\nGroet, Mila"


def details_of(outbox: OutboxService) -> dict[str, OutboxDetail]:
    return load_details(outbox.db, outbox.list(include_done=True))


def test_a_reply_gives_back_the_text_as_written_and_its_discussion(outbox: OutboxService) -> None:
    item = outbox.reply(110, 1102, REPLY_TEXT)

    detail = details_of(outbox)[item]

    assert detail.text == REPLY_TEXT  # stored as HTML, copied back as the moderator typed it
    assert detail.subject == "D110"
    assert not detail.shared_copy


def test_a_new_discussion_names_its_forum_and_copies_subject_and_text(
    outbox: OutboxService,
) -> None:
    item = outbox.start_discussion(11, "Stelling", "Eens of oneens?\nZeg waarom.")
    shared = outbox.start_discussion(
        12, "Voorbeeld", "<p>Anoniem</p>", is_html=True, local_ref="share:s1"
    )

    details = details_of(outbox)

    assert details[item].forum_name == "Vragen"
    assert details[item].text == "Stelling\n\nEens of oneens?\nZeg waarom."
    assert details[item].subject is None  # no discussion yet
    assert (details[shared].forum_name, details[shared].shared_copy) == ("Casussen", True)


def test_lock_pin_and_delete_say_which_way_they_go(db: Database, outbox: OutboxService) -> None:
    lock = outbox.lock(110)
    unlock = outbox.lock(120, locked=False)
    pin = outbox.pin(110)
    unpin = outbox.pin(210, pinned=False)
    whole = outbox.delete_post(2100)  # the first post: the discussion goes
    one = outbox.delete_post(1101)

    details = details_of(outbox)

    assert (details[lock].locks, details[unlock].locks) == (True, False)
    assert (details[pin].pins, details[unpin].pins) == (True, False)
    assert (details[whole].deletes_discussion, details[one].deletes_discussion) == (True, False)
    assert details[unpin].subject == "D210"
    assert all(details[i].text is None for i in (lock, pin, whole))  # nothing to copy


def test_a_consent_request_names_its_learner(db: Database, outbox: OutboxService) -> None:
    with db.session() as s:
        item = queue_request(s, "mila", 1, 12, "Mag ik je verslag delen?", NOW).id

    detail = details_of(outbox)[item]

    assert detail.learner_name == "Learner 12"
    assert detail.text is None  # the message to a learner is not the window's to copy


def test_an_item_gone_since_the_list_still_gets_a_detail_without_text(
    outbox: OutboxService,
) -> None:
    item = outbox.reply(110, 1102, "Weg.")
    entries = outbox.list()
    outbox.cancel(item)

    # The text went with it; the subject still comes from the entry's discussion.
    assert load_details(outbox.db, entries) == {item: OutboxDetail(subject="D110")}
    assert load_details(outbox.db, []) == {}


def test_reads_in_one_session_with_a_fixed_number_of_queries(
    db: Database, outbox: OutboxService
) -> None:
    def count_selects(entries: list[Any]) -> int:
        statements: list[str] = []

        def seen(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
            if statement.lstrip().upper().startswith("SELECT"):
                statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", seen)
        try:
            load_details(db, entries)
        finally:
            event.remove(db.engine, "before_cursor_execute", seen)
        return len(statements)

    outbox.reply(110, 1102, "Een.")
    few = count_selects(outbox.list())
    for discussion, post in ((110, 1101), (120, 1201), (210, 2101), (120, 1202)):
        outbox.reply(discussion, post, "Nog een.")
        outbox.lock(discussion)
    outbox.start_discussion(11, "Stelling", "Eens?")
    many = outbox.list()

    assert len(many) == 10 and count_selects(many) == few  # IN queries, no query per item


def test_plain_text_reads_paragraphs_breaks_and_entities() -> None:
    html = '<p>Een &amp; twee<br>drie</p><p class="x">vier <a href="https://e.org">https://e.org</a></p>'
    assert plain_text(html) == "Een & twee\ndrie\n\nvier https://e.org"
