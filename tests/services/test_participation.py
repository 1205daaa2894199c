"""Participation figures on a hand-made store: every state, count, week and peer answer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from moderator_app.platform import types as pt
from moderator_app.services import introductions, participation
from moderator_app.services.audit_report import learner_report
from moderator_app.services.participation import Thresholds
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.store.upsert import (
    replace_participants,
    upsert_courses,
    upsert_discussions,
    upsert_forums,
    upsert_posts,
)
from tests.store.helpers import discussion, forum, post

NOW = 1_800_000_000
DAY = 86400
ME, TEACHER = 2, 3
ACTIVE, OCCASIONAL, SILENT, NEVER_CAME, GONE, HIDDEN = 10, 11, 12, 13, 14, 15
T1, T2, T3, T4, T5 = NOW - 30 * DAY, NOW - 60 * DAY, NOW - 2 * DAY, NOW - 10 * DAY, NOW - 25 * DAY


def person(uid: int, role: str, access: int | None, groups: tuple[int, ...] = ()) -> pt.Participant:
    return pt.Participant(
        id=uid,
        course_id=1,
        fullname=f"Person {uid}",
        roles=(role,),
        groups=tuple(pt.Group(id=g, name=f"g{g}") for g in groups),
        last_access=access,
        last_course_access=access,
    )


def seed(db: Database) -> None:
    people = [
        person(ME, "editingteacher", NOW),
        person(TEACHER, "teacher", NOW),
        person(ACTIVE, "student", NOW - 1 * DAY, (7,)),
        person(OCCASIONAL, "student", NOW - 3 * DAY, (17,)),
        person(SILENT, "student", NOW - 5 * DAY, (7, 17)),
        person(NEVER_CAME, "student", 0),
        person(GONE, "student", NOW - 40 * DAY),
        person(HIDDEN, "student", None),
    ]
    with db.session() as s:
        s.add(m.Account(id="acc", site_url="https://x", username="mo", user_id=ME, created_at=0))
        upsert_courses(
            s, [pt.Course(id=1, shortname="c1", fullname="C1"), pt.Course(2, "c2", "C2")]
        )
        replace_participants(s, 1, people)
        # Course 2: the account is a learner there; nothing of it may show.
        replace_participants(
            s,
            2,
            [
                pt.Participant(id=ME, course_id=2, fullname="Me", roles=("student",)),
                pt.Participant(id=ACTIVE, course_id=2, fullname="P", roles=("student",)),
            ],
        )
        upsert_forums(
            s,
            [
                forum(100, name="General discussion"),
                forum(101, name="Stel je voor!"),
                forum(200, course_id=2, name="Course two"),
            ],
        )
        upsert_discussions(
            s,
            1,
            [
                discussion(1, author=OCCASIONAL, created=T1),
                discussion(2, author=GONE, created=T2),
                discussion(3, author=ACTIVE, created=T3),
                discussion(4, author=TEACHER, created=T4),
                discussion(5, forum_id=101, author=OCCASIONAL, created=T5),
            ],
        )
        upsert_discussions(s, 2, [discussion(6, forum_id=200, author=ACTIVE, created=NOW)])
        upsert_posts(
            s,
            [
                post(10, 1, OCCASIONAL, T1),
                post(11, 1, ACTIVE, T1 + 3600, parent=10),  # a peer answers first
                post(12, 1, TEACHER, T1 + 7200, parent=10),
                post(20, 2, GONE, T2),
                post(21, 2, TEACHER, T2 + 3600, parent=20),  # staff answers first
                post(22, 2, ACTIVE, T2 + 7200, parent=21),  # a reply to staff
                post(30, 3, ACTIVE, T3),
                post(31, 3, ACTIVE, T3 + 60, parent=30),  # own follow-up: no answer
                post(40, 4, TEACHER, T4),
                post(50, 5, OCCASIONAL, T5),
                post(51, 5, ACTIVE, T5 + 60, parent=50),
                post(52, 5, SILENT, NOW - DAY, parent=50, deleted=True),  # removed: not counted
                post(60, 6, ACTIVE, NOW),
            ],
        )


@pytest.fixture()
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "account.sqlite")
    seed(database)
    yield database
    database.close()


def rows(db: Database, **kw: object) -> dict[int, participation.LearnerParticipation]:
    with db.session() as s:
        found = participation.learners(s, ME, now=NOW, **kw)  # type: ignore[arg-type]
    return {r.user_id: r for r in found}


def test_every_learner_of_teaching_courses_only_with_a_state(db: Database) -> None:
    found = rows(db)
    assert set(found) == {ACTIVE, OCCASIONAL, SILENT, NEVER_CAME, GONE, HIDDEN}
    assert {r.course_id for r in found.values()} == {1}
    assert {uid: r.state for uid, r in found.items()} == {
        ACTIVE: "active",
        OCCASIONAL: "occasional",
        SILENT: "silent",
        NEVER_CAME: "absent",
        GONE: "absent",
        HIDDEN: "silent",  # access hidden by the site: not taken for absence
    }


def test_counts_per_learner(db: Database) -> None:
    found = rows(db)
    active, occasional, silent = found[ACTIVE], found[OCCASIONAL], found[SILENT]
    assert (active.discussions_started, active.replies, active.replies_to_learners) == (1, 4, 2)
    assert active.last_post_at == T3 + 60
    assert active.last_course_access == NOW - DAY
    assert (occasional.discussions_started, occasional.replies) == (2, 0)
    assert occasional.last_post_at == T5
    assert (silent.discussions_started, silent.replies, silent.last_post_at) == (0, 0, None)
    assert found[GONE].last_post_at == T2
    assert found[HIDDEN].last_course_access is None
    assert found[NEVER_CAME].last_course_access == 0


def test_thresholds_move_learners_between_states(db: Database) -> None:
    found = rows(db, thresholds=Thresholds(active_days=30, absent_days=4))
    assert found[OCCASIONAL].state == "active"
    assert found[SILENT].state == "absent"


def test_group_filter_matches_whole_ids(db: Database) -> None:
    assert set(rows(db, group_id=7)) == {ACTIVE, SILENT}
    assert set(rows(db, group_id=17)) == {OCCASIONAL, SILENT}


def test_no_rows_for_a_course_without_a_teaching_role(db: Database) -> None:
    assert rows(db, course_id=2) == {}
    with db.session() as s:
        assert participation.teaching_courses(s, ME) == [1]
        assert participation.weekly_counts(s, ME, course_id=2) == []
        assert participation.peer_answers(s, ME, course_id=2) == []


def monday(at: int) -> int:
    day = datetime.fromtimestamp(at, UTC).date()
    start = datetime.combine(day - timedelta(days=day.weekday()), datetime.min.time(), UTC)
    return int(start.timestamp())


def test_weekly_counts_of_learner_posts(db: Database) -> None:
    with db.session() as s:
        weeks = participation.weekly_counts(s, ME)
    by_week = {w.week_start: w for w in weeks}
    assert all(w.course_id == 1 for w in weeks)
    assert sum(w.discussions for w in weeks) == 4  # openers of 1, 2, 3, 5
    assert sum(w.replies for w in weeks) == 4  # 11, 22, 31, 51; staff and deleted left out
    recent = by_week[monday(T3)]
    assert (recent.discussions, recent.replies, recent.posters) == (1, 1, 1)
    first = by_week[monday(T1)]
    assert (first.discussions, first.replies, first.posters) == (1, 1, 2)


def test_peer_answer_rate_per_forum_and_week(db: Database) -> None:
    with db.session() as s:
        weeks = participation.peer_answers(s, ME)
    by_key = {(w.forum_id, w.week_start): w for w in weeks}
    peer = by_key[(100, monday(T1))]
    assert (peer.questions, peer.peer_first, peer.staff_first, peer.unanswered) == (1, 1, 0, 0)
    assert peer.peer_answer_rate == 1.0
    staff = by_key[(100, monday(T2))]
    assert (staff.peer_first, staff.staff_first, staff.peer_answer_rate) == (0, 1, 0.0)
    alone = by_key[(100, monday(T3))]
    assert (alone.questions, alone.unanswered, alone.peer_answer_rate) == (1, 1, 0.0)
    assert sum(w.questions for w in weeks if w.forum_id == 100) == 3  # not the teacher's
    assert by_key[(101, monday(T5))].peer_first == 1


def test_introductions_suggested_marked_and_missing(db: Database) -> None:
    with db.session() as s:
        assert introductions.suggested_forum(s, 1) == 101
        assert introductions.not_introduced(s, 1) is None
        introductions.mark_forum(s, 1, 101, now=NOW)
    assert rows(db)[ACTIVE].introduced is True
    assert rows(db)[SILENT].introduced is False  # a deleted post is no introduction
    with db.session() as s:
        assert introductions.not_introduced(s, 1) == [SILENT, NEVER_CAME, GONE, HIDDEN]
        with pytest.raises(ValueError):
            introductions.mark_forum(s, 1, 200, now=NOW)  # another course's forum
        introductions.clear_mark(s, 1)
    assert rows(db)[ACTIVE].introduced is None


@pytest.mark.parametrize(
    "name",
    [
        "Introductions",
        "Introduce yourself",
        "Kennismaking",
        "Voorstellen",
        "Stel je voor",
        "Kennismaken 🙂",
    ],
)
def test_introductions_names(name: str) -> None:
    assert introductions.looks_like_introductions(name)


def test_ordinary_names_are_not_introductions() -> None:
    assert not introductions.looks_like_introductions("Vragen over module 2")


def test_learner_report_holds_the_participation(db: Database) -> None:
    with db.session() as s:
        report = learner_report(s, ACTIVE)
    assert [(p.course_id, p.user_id, p.state) for p in report.participation] == [
        (1, ACTIVE, "active")
    ]


@pytest.mark.parametrize("seed_id", ["intro-motto-hope-photo", "intro-second-call"])
def test_seeded_introduction_prompts_ask_for_more_than_name_and_job(seed_id: str) -> None:
    from moderator_app.services.prompt_io import seed_library

    (prompt,) = [p for p in seed_library() if p.seed_id == seed_id]
    assert prompt.kind == "introduction"
    en, nl = prompt.texts["en"].body, prompt.texts["nl"].body
    assert all(asked in en for asked in ("motto", "hope to learn", "photo"))
    assert all(asked in nl for asked in ("motto", "te leren", "foto"))
