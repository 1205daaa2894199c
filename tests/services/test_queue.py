"""The queue service: what is shown, in which order, with which filters, from SQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, text, update

from moderator_app.services.queue import PageCursor, QueueFilter, QueueService, SortKey
from moderator_app.services.triage import TriageService
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.store.upsert import upsert_discussions
from moderator_app.store.waiting import refresh_waiting
from tests.store import helpers as h
from tests.store.helpers import LEARNER, LEARNER2, TEACHER

HOUR = 3600
NOW = 1_000_000


class Clock:
    def __init__(self, now: int = NOW) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "account.sqlite")
    h.seed_course(
        database,
        course_id=1,
        course_name="Biologie",
        forums=[h.forum(100, 1, name="Algemeen"), h.forum(101, 1, type="qanda", name="Vragen")],
        discussions=[
            h.discussion(1, created=NOW - 50 * HOUR, subject="Fotosynthese", author_name="Lena"),
            h.discussion(2, forum_id=101, created=NOW - 30 * HOUR, subject="Celdeling"),
            h.discussion(
                3,
                created=NOW - 60 * HOUR,
                modified=NOW - 2 * HOUR,
                last_user=LEARNER2,
                last_name="Lars Zee",
                replies=3,
                subject="Wat is 100% zeker?",
            ),
            # Answered by the teacher: not waiting.
            h.discussion(4, created=NOW - 90 * HOUR, modified=NOW - HOUR, last_user=TEACHER),
            h.discussion(
                5, created=NOW - 10 * HOUR, subject="Huiswerk", message="<p>Hoe moet dit?</p>"
            ),
        ],
    )
    h.seed_course(
        database,
        course_id=2,
        course_name="Aardrijkskunde",
        forums=[h.forum(200, 2, name="Kaarten")],
        discussions=[
            h.discussion(
                6,
                forum_id=200,
                created=NOW - 20 * HOUR,
                subject="Kaart_lezen",
                message='<p>Zie <a href="https://maps.example/?q=1">de kaart</a>.</p>',
            )
        ],
    )
    with database.session() as s:
        refresh_waiting(s)
    yield database
    database.close()


def ids(items: list) -> list[int]:  # type: ignore[type-arg]
    return [item.discussion_id for item in items]


def test_only_waiting_discussions_oldest_first(db: Database) -> None:
    queue = QueueService(db, now=Clock())
    assert queue.count(QueueFilter()) == 5
    assert ids(queue.page(QueueFilter())) == [1, 2, 6, 5, 3]
    assert ids(queue.page(QueueFilter(), descending=True)) == [3, 5, 6, 2, 1]
    first = queue.page(QueueFilter(), limit=1)[0]
    assert (first.course_name, first.forum_name, first.subject) == (
        "Biologie",
        "Algemeen",
        "Fotosynthese",
    )
    assert (first.learner_id, first.learner_name, first.waiting_since) == (
        LEARNER,
        "Lena",
        NOW - 50 * HOUR,
    )
    assert (first.claimed_by, first.snoozed_until, first.dismissed, first.locked) == (
        None,
        None,
        False,
        False,
    )


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (QueueFilter(course_id=2), [6]),
        (QueueFilter(course_id=1, forum_id=101), [2]),
        (QueueFilter(min_age_hours=24), [1, 2]),
        # Q&A forum, "?" in the subject, "?" in the first message (not in a link: 6).
        (QueueFilter(questions_only=True), [2, 5, 3]),
        (QueueFilter(text="fotoSYNTHESE"), [1]),  # subject, any case
        (QueueFilter(text="moet dit"), [5]),  # first message
        (QueueFilter(text="lars zee"), [3]),  # the learner who posted last
        (QueueFilter(text="100%"), [3]),  # wildcards are literal
        (QueueFilter(text="_"), [6]),
        (QueueFilter(text="   "), [1, 2, 6, 5, 3]),
        (QueueFilter(course_id=1, text="zzz"), []),
    ],
)
def test_filters(db: Database, flt: QueueFilter, expected: list[int]) -> None:
    queue = QueueService(db, now=Clock())
    assert ids(queue.page(flt)) == expected
    assert queue.count(flt) == len(expected)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (SortKey.COURSE, [6, 1, 2, 3, 5]),  # Aardrijkskunde first, then ids
        (SortKey.FORUM, [1, 3, 5, 6, 2]),  # Algemeen, Kaarten, Vragen
        (SortKey.SUBJECT, [2, 1, 5, 6, 3]),
        (SortKey.LEARNER, [3, 1, 2, 5, 6]),  # "Lars Zee" before "Lena Leerling"
        (SortKey.REPLIES, [1, 2, 5, 6, 3]),
    ],
)
def test_sorting(db: Database, key: SortKey, expected: list[int]) -> None:
    queue = QueueService(db, now=Clock())
    assert ids(queue.page(sort=key)) == expected
    assert ids(queue.page(sort=key, descending=True)) == expected[::-1]


def test_pages_neither_overlap_nor_skip(db: Database) -> None:
    queue = QueueService(db, now=Clock())
    pages = [ids(queue.page(sort=SortKey.COURSE, offset=o, limit=2)) for o in (0, 2, 4)]
    assert pages == [[6, 1], [2, 3], [5]]


def test_snoozed_items_come_back_when_their_time_comes(db: Database) -> None:
    clock = Clock()
    queue, triage = QueueService(db, now=clock), TriageService(db, "mo", now=clock)
    triage.snooze(1, until=NOW + HOUR)
    assert 1 not in ids(queue.page())
    assert queue.count() == 4
    snoozed = queue.page(QueueFilter(include_snoozed=True))[0]
    assert (snoozed.discussion_id, snoozed.snoozed_until) == (1, NOW + HOUR)
    clock.now = NOW + HOUR
    assert ids(queue.page())[0] == 1


def test_dismissed_items_come_back_when_something_new_is_posted(db: Database) -> None:
    clock = Clock()
    queue, triage = QueueService(db, now=clock), TriageService(db, "mo", now=clock)
    triage.dismiss(5, "answered in class")
    assert 5 not in ids(queue.page())
    shown = [i for i in queue.page(QueueFilter(include_dismissed=True)) if i.discussion_id == 5]
    assert shown[0].dismissed is True
    # A sync brings a new learner post in discussion 5.
    newer = h.discussion(
        5, created=NOW - 10 * HOUR, modified=NOW - 1, last_user=LEARNER2, replies=1
    )
    with db.session() as s:
        upsert_discussions(s, 1, [newer])
        refresh_waiting(s, [5])
    item = queue.get(5)
    assert item is not None and item.dismissed is False
    assert 5 in ids(queue.page())


def test_get_returns_any_discussion_and_none_for_unknown(db: Database) -> None:
    queue = QueueService(db, now=Clock())
    answered = queue.get(4)
    assert answered is not None and answered.waiting_since is None
    assert queue.get(999) is None


def test_filter_choices(db: Database) -> None:
    queue = QueueService(db, now=Clock())
    assert queue.courses() == [(2, "Aardrijkskunde"), (1, "Biologie")]
    assert [f.name for f in queue.forums(1)] == ["Algemeen", "Vragen"]
    assert [f.id for f in queue.forums()] == [100, 200, 101]


def test_sla_levels(db: Database) -> None:
    queue = QueueService(db, now=Clock())
    assert queue.sla_level(None) == "ok"
    assert queue.sla_level(NOW - 23 * HOUR) == "ok"
    assert queue.sla_level(NOW - 24 * HOUR) == "warn"
    assert queue.sla_level(NOW - 48 * HOUR) == "overdue"
    assert queue.sla_level(NOW - 3 * HOUR, warn_hours=2, overdue_hours=4) == "warn"


def _plan(db: Database, query: Any) -> str:
    compiled = query.compile(db.engine, compile_kwargs={"literal_binds": True})
    with db.session() as s:
        return " | ".join(row[-1] for row in s.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))


@pytest.mark.parametrize("key", [SortKey.AGE, SortKey.SUBJECT, SortKey.LEARNER, SortKey.REPLIES])
@pytest.mark.parametrize("descending", [False, True])
def test_pages_of_the_discussion_sorts_read_an_index_without_sorting(
    db: Database, key: SortKey, descending: bool
) -> None:
    # At 100,000 rows a page must come from an index range, not a sort of everything,
    # the first page and any page after a cursor alike.
    queue = QueueService(db, now=Clock())
    for after in (None, PageCursor("M", 3), PageCursor(None, 3)):
        if after is not None and key in (SortKey.AGE, SortKey.REPLIES):
            after = PageCursor(None if after.value is None else 5, 3)
        plan = _plan(db, queue.page_query(sort=key, descending=descending, after=after))
        assert "ix_discussion_queue_" in plan
        assert "TEMP B-TREE" not in plan


@pytest.mark.parametrize("key", list(SortKey))
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("size", [1, 2, 3])
def test_keyset_pages_are_the_offset_pages(
    db: Database, key: SortKey, descending: bool, size: int
) -> None:
    # Ties (equal subjects, reply counts, waiting times) and missing values (no last
    # poster) are where a keyset can skip or repeat rows.
    h.seed_course(
        db,
        course_id=3,
        course_name="Aardrijkskunde",
        forums=[h.forum(300, 3, name="Kaarten")],
        discussions=[
            h.discussion(d, forum_id=300, created=NOW - HOUR, subject="Kaart_lezen")
            for d in (7, 8, 9)
        ],
    )
    with db.session() as s:
        s.execute(
            update(m.Discussion)
            .where(m.Discussion.id.in_([7, 9]))
            .values(last_post_user_fullname=None)
        )
    queue = QueueService(db, now=Clock())
    by_offset = [
        ids(queue.page(sort=key, descending=descending, offset=o, limit=size))
        for o in range(0, queue.count() + size, size)
    ]
    by_key, cursor = [], None
    for _ in by_offset:
        items, next_cursor = queue.page_after(
            sort=key, descending=descending, after=cursor, limit=size
        )
        by_key.append(ids(items))
        cursor = next_cursor if next_cursor is not None else cursor
    assert by_key == by_offset
    assert sum(by_key, []) and sorted(sum(by_key, [])) == sorted(set(sum(by_key, [])))


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("Kaart_", [6]),  # the underscore is a character, not a wildcard
        ("KAART", [6]),  # any case
        ("maps.example/?q", [6]),  # inside a link in the opening post
        ('ee"n', []),  # a quote is text, not FTS syntax
        ("zee OR", []),  # nor are FTS operators
    ],
)
def test_text_search_finds_pieces_of_text_through_the_index(
    db: Database, search: str, expected: list[int]
) -> None:
    queue = QueueService(db, now=Clock())
    flt = QueueFilter(text=search)
    assert ids(queue.page(flt)) == expected
    assert "discussion_search" in _plan(db, queue.page_query(flt))


def test_search_follows_edits_and_deletions(db: Database) -> None:
    queue = QueueService(db, now=Clock())
    with db.session() as s:
        s.execute(update(m.Discussion).where(m.Discussion.id == 6).values(subject="Atlas"))
    assert ids(queue.page(QueueFilter(text="atlas"))) == [6]
    assert ids(queue.page(QueueFilter(text="Kaart_lezen"))) == []
    with db.session() as s:
        s.execute(delete(m.Discussion).where(m.Discussion.id == 6))
    assert ids(queue.page(QueueFilter(text="atlas"))) == []
