"""Who takes part: per learner and course their posts, last visit and a state; per course
and week the counts; per forum and week the peer-answer rate.

Built from what sync already stores (participants with their last course access from
the enrolled-users answer, discussions and posts): no request of its own. Learners are
participants without a staff role (teacher, non-editing teacher, manager), the same rule
the queue uses. Only courses where the account itself holds a staff role are shown: the
figures are personal data the moderator needs for their own courses, nobody else's.
The aggregation is SQL grouped per author, so a course of thousands costs one query.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import ColumnElement, and_, case, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from moderator_app.services import introductions
from moderator_app.store.models import Discussion, Participant, Post

State = Literal["active", "occasional", "silent", "absent"]
STATES: tuple[State, ...] = ("active", "occasional", "silent", "absent")

DAY = 86400
WEEK = 7 * DAY
# Unix time 0 was a Thursday; weeks here start on Monday 00:00 UTC (1970-01-05).
_MONDAY = 4 * DAY


@dataclass(frozen=True)
class Thresholds:
    """Settings participation_active_days and participation_absent_days."""

    active_days: int = 14
    absent_days: int = 21


@dataclass(frozen=True)
class LearnerParticipation:
    course_id: int
    user_id: int
    fullname: str  # for the page; never logged, left out of the CLI's table
    group_ids: tuple[int, ...]
    discussions_started: int
    replies: int
    replies_to_learners: int  # replies to another learner's post (not to staff, not own)
    last_post_at: int | None
    last_course_access: int | None  # 0 = never; None = the site hides it from this account
    state: State
    introduced: bool | None  # None: no introductions forum marked for the course


@dataclass(frozen=True)
class WeekCounts:
    course_id: int
    week_start: int  # Monday 00:00 UTC, unix seconds
    discussions: int  # started by learners
    replies: int  # by learners
    posters: int  # distinct learners who posted


@dataclass(frozen=True)
class PeerAnswerWeek:
    """Learner questions (a learner's new discussion) of one forum, by the week they were asked."""

    forum_id: int
    week_start: int
    questions: int
    peer_first: int  # another learner answered before any staff member did
    staff_first: int
    unanswered: int

    @property
    def peer_answer_rate(self) -> float | None:
        return self.peer_first / self.questions if self.questions else None


def week_start(at: int) -> int:
    return (at - _MONDAY) // WEEK * WEEK + _MONDAY


def state_of(
    *,
    last_post_at: int | None,
    last_course_access: int | None,
    now: int,
    thresholds: Thresholds,
) -> State:
    """Active beats absent beats silent beats occasional.

    An unknown access time (the site hides it) never makes a learner absent: no visit
    is assumed only when the site says 0.
    """
    if last_post_at is not None and last_post_at >= now - thresholds.active_days * DAY:
        return "active"
    if last_course_access is not None and last_course_access < now - thresholds.absent_days * DAY:
        return "absent"
    if last_post_at is None:
        return "silent"
    return "occasional"


def teaching_courses(session: Session, account_user_id: int) -> list[int]:
    """Courses where the account holds a teacher, non-editing teacher or manager role."""
    return list(
        session.scalars(
            select(Participant.course_id)
            .where(Participant.user_id == account_user_id, Participant.is_staff)
            .order_by(Participant.course_id)
        )
    )


def _courses(session: Session, account_user_id: int, course_id: int | None) -> list[int]:
    allowed = teaching_courses(session, account_user_id)
    return [c for c in allowed if course_id is None or c == course_id]


def _in_group(group_id: int) -> ColumnElement[bool]:
    # group_ids is space-separated; pad so 12 does not match 112.
    return (literal(" ") + Participant.group_ids + literal(" ")).like(f"% {int(group_id)} %")


def learners(
    session: Session,
    account_user_id: int,
    *,
    now: int,
    thresholds: Thresholds = Thresholds(),
    course_id: int | None = None,
    group_id: int | None = None,
    user_id: int | None = None,
) -> list[LearnerParticipation]:
    """Every enrolled learner of the account's teaching courses, with counts and state."""
    courses = _courses(session, account_user_id, course_id)
    if not courses:
        return []
    parent = aliased(Post)
    parent_person = aliased(Participant)
    is_reply = Post.parent_id.is_not(None)
    to_learner = and_(
        is_reply,
        parent.author_id != Post.author_id,
        parent_person.is_staff.is_(False),
    )
    posts = (
        select(
            Discussion.course_id.label("course_id"),
            Post.author_id.label("user_id"),
            func.sum(case((is_reply, 1), else_=0)).label("replies"),
            func.sum(case((to_learner, 1), else_=0)).label("to_learners"),
            func.max(Post.time_created).label("last_post"),
        )
        .join(Discussion, Discussion.id == Post.discussion_id)
        .outerjoin(parent, parent.id == Post.parent_id)
        .outerjoin(
            parent_person,
            and_(
                parent_person.course_id == Discussion.course_id,
                parent_person.user_id == parent.author_id,
            ),
        )
        .where(Discussion.course_id.in_(courses), Post.is_deleted.is_(False))
        .group_by(Discussion.course_id, Post.author_id)
        .subquery()
    )
    started = (
        select(
            Discussion.course_id.label("course_id"),
            Discussion.author_id.label("user_id"),
            func.count().label("started"),
            func.max(Discussion.created).label("last_started"),
        )
        .where(Discussion.course_id.in_(courses))
        .group_by(Discussion.course_id, Discussion.author_id)
        .subquery()
    )
    query = (
        select(
            Participant.course_id,
            Participant.user_id,
            Participant.fullname,
            Participant.group_ids,
            Participant.last_course_access,
            func.coalesce(started.c.started, 0),
            func.coalesce(posts.c.replies, 0),
            func.coalesce(posts.c.to_learners, 0),
            posts.c.last_post,
            started.c.last_started,
        )
        .outerjoin(
            posts,
            and_(
                posts.c.course_id == Participant.course_id,
                posts.c.user_id == Participant.user_id,
            ),
        )
        .outerjoin(
            started,
            and_(
                started.c.course_id == Participant.course_id,
                started.c.user_id == Participant.user_id,
            ),
        )
        .where(Participant.course_id.in_(courses), Participant.is_staff.is_(False))
        .order_by(Participant.course_id, Participant.user_id)
    )
    if group_id is not None:
        query = query.where(_in_group(group_id))
    if user_id is not None:
        query = query.where(Participant.user_id == user_id)
    introduced = {c: introductions.introduced(session, c) for c in courses}
    out = []
    for row in session.execute(query):
        (cid, uid, name, groups, access, n_started, n_replies, n_peer, last_post, last_start) = row
        times = [t for t in (last_post, last_start) if t is not None]
        last = max(times) if times else None
        marked = introduced[cid]
        out.append(
            LearnerParticipation(
                course_id=cid,
                user_id=uid,
                fullname=name,
                group_ids=tuple(int(g) for g in groups.split()),
                discussions_started=int(n_started),
                replies=int(n_replies),
                replies_to_learners=int(n_peer),
                last_post_at=last,
                last_course_access=access,
                state=state_of(
                    last_post_at=last,
                    last_course_access=access,
                    now=now,
                    thresholds=thresholds,
                ),
                introduced=None if marked is None else uid in marked,
            )
        )
    return out


def weekly_counts(
    session: Session, account_user_id: int, *, course_id: int | None = None
) -> list[WeekCounts]:
    """Per course and week (Monday UTC): learners' new discussions, replies and posters."""
    courses = _courses(session, account_user_id, course_id)
    if not courses:
        return []
    week = ((Post.time_created - _MONDAY) // WEEK * WEEK + _MONDAY).label("week")
    learner = and_(
        Participant.course_id == Discussion.course_id,
        Participant.user_id == Post.author_id,
        Participant.is_staff.is_(False),
    )
    query = (
        select(
            Discussion.course_id,
            week,
            func.sum(case((Post.parent_id.is_(None), 1), else_=0)),
            func.sum(case((Post.parent_id.is_not(None), 1), else_=0)),
            func.count(func.distinct(Post.author_id)),
        )
        .join(Discussion, Discussion.id == Post.discussion_id)
        .join(Participant, learner)
        .where(
            Discussion.course_id.in_(courses),
            Post.is_deleted.is_(False),
            Post.time_created.is_not(None),
        )
        .group_by(Discussion.course_id, week)
        .order_by(Discussion.course_id, week)
    )
    return [
        WeekCounts(
            course_id=c, week_start=int(w), discussions=int(d), replies=int(r), posters=int(p)
        )
        for c, w, d, r, p in session.execute(query)
    ]


def peer_answers(
    session: Session, account_user_id: int, *, course_id: int | None = None
) -> list[PeerAnswerWeek]:
    """Per forum and week asked: how many learner questions a peer answered first.

    The first answer is the earliest reply (not deleted, not private) by someone other
    than the asker; it is a peer's when that someone is a learner of the course.
    """
    courses = _courses(session, account_user_id, course_id)
    if not courses:
        return []
    asker = aliased(Participant)
    answerer = aliased(Participant)
    questions = (
        select(Discussion.id, Discussion.forum_id, Discussion.course_id, Discussion.created)
        .join(
            asker,
            and_(
                asker.course_id == Discussion.course_id,
                asker.user_id == Discussion.author_id,
                asker.is_staff.is_(False),
            ),
        )
        .where(Discussion.course_id.in_(courses))
        .subquery()
    )
    ranked = (
        select(
            Post.discussion_id.label("discussion_id"),
            Post.author_id.label("author_id"),
            func.row_number()
            .over(partition_by=Post.discussion_id, order_by=(Post.time_created, Post.id))
            .label("n"),
        )
        .join(Discussion, Discussion.id == Post.discussion_id)
        .where(
            Discussion.course_id.in_(courses),
            Post.parent_id.is_not(None),
            Post.is_deleted.is_(False),
            Post.is_private_reply.is_(False),
            or_(Discussion.author_id.is_(None), Post.author_id != Discussion.author_id),
        )
        .subquery()
    )
    week = ((questions.c.created - _MONDAY) // WEEK * WEEK + _MONDAY).label("week")
    peer = and_(ranked.c.author_id.is_not(None), answerer.is_staff.is_(False))
    query = (
        select(
            questions.c.forum_id,
            week,
            func.count(),
            func.sum(case((peer, 1), else_=0)),
            func.sum(case((answerer.is_staff.is_(True), 1), else_=0)),
            func.sum(case((ranked.c.discussion_id.is_(None), 1), else_=0)),
        )
        .outerjoin(ranked, and_(ranked.c.discussion_id == questions.c.id, ranked.c.n == 1))
        .outerjoin(
            answerer,
            and_(
                answerer.course_id == questions.c.course_id,
                answerer.user_id == ranked.c.author_id,
            ),
        )
        .group_by(questions.c.forum_id, week)
        .order_by(questions.c.forum_id, week)
    )
    return [
        PeerAnswerWeek(
            forum_id=f,
            week_start=int(w),
            questions=int(q),
            peer_first=int(p),
            staff_first=int(s),
            unanswered=int(u),
        )
        for f, w, q, p, s, u in session.execute(query)
    ]


def as_json_rows(rows: Sequence[LearnerParticipation]) -> list[dict[str, object]]:
    """The CLI's JSON: ids, counts, times and state; no names, no post text."""
    return [
        {
            "course_id": r.course_id,
            "user_id": r.user_id,
            "group_ids": list(r.group_ids),
            "state": r.state,
            "discussions_started": r.discussions_started,
            "replies": r.replies,
            "replies_to_learners": r.replies_to_learners,
            "last_post_at": r.last_post_at,
            "last_course_access": r.last_course_access,
            "introduced": r.introduced,
        }
        for r in rows
    ]
