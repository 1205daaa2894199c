"""The waiting queue: filtered, sorted and paged in SQL over the store.

Which discussions wait is decided by store/waiting.py and kept in indexed columns;
this module only reads. A locked discussion is not waiting: replies are closed; the
`locked` filter lists those instead. Snoozed items stay hidden until their time; dismissed ones
until something new is posted (the discussion's time_modified moves on).
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select, true
from sqlalchemy.sql import FromClause

from moderator_app.store import models as m
from moderator_app.store.db import Database

Clock = Callable[[], int]
SlaLevel = Literal["ok", "warn", "overdue"]

D = m.Discussion.__table__
F = m.Forum.__table__
C = m.Course.__table__
T = m.Triage.__table__


# What follows a question mark that ends a sentence in HTML: a tag, a space or line
# break, or an entity (&nbsp;). In a link's query string a name follows it instead.
_SENTENCE_ENDS = ("<", " ", "\n", "&")


def wall_clock() -> int:
    return int(time.time())


@dataclass(frozen=True)
class QueueFilter:
    course_id: int | None = None
    forum_id: int | None = None
    min_age_hours: float | None = None
    questions_only: bool = False
    text: str = ""
    include_snoozed: bool = False
    include_dismissed: bool = False
    # Locked discussions whose last word is a learner's: closed, so not waiting, but
    # listed here where the moderator looks for them.
    locked: bool = False


@dataclass(frozen=True)
class QueueItem:
    discussion_id: int
    first_post_id: int
    course_id: int
    course_name: str
    forum_id: int
    forum_name: str
    subject: str
    learner_id: int | None  # the last poster
    learner_name: str
    waiting_since: int | None
    num_replies: int
    locked: bool
    claimed_by: str | None
    snoozed_until: int | None
    dismissed: bool


class SortKey(enum.Enum):
    AGE = "age"
    COURSE = "course"
    FORUM = "forum"
    SUBJECT = "subject"
    LEARNER = "learner"
    REPLIES = "replies"


class Option(NamedTuple):
    """A choice for a filter drop-down."""

    id: int
    name: str


_SORT_COLUMNS: dict[SortKey, Any] = {
    SortKey.AGE: D.c.waiting_since,
    SortKey.COURSE: C.c.fullname,
    SortKey.FORUM: F.c.name,
    SortKey.SUBJECT: D.c.subject,
    SortKey.LEARNER: D.c.last_post_user_fullname,
    SortKey.REPLIES: D.c.num_replies,
}

_DISMISSED = and_(
    T.c.dismissed_at_modified.is_not(None), T.c.dismissed_at_modified == D.c.time_modified
)

_FROM: FromClause = (
    D.join(F, F.c.id == D.c.forum_id)
    .outerjoin(C, C.c.id == D.c.course_id)
    .outerjoin(T, T.c.discussion_id == D.c.id)
)
# Counting needs the forum only for "questions only", and never the course: fewer
# row lookups per waiting item.
_COUNT_FROM: FromClause = D.outerjoin(T, T.c.discussion_id == D.c.id)
_COUNT_FROM_FORUM: FromClause = _COUNT_FROM.join(F, F.c.id == D.c.forum_id)

_COLUMNS = (
    D.c.id,
    D.c.first_post_id,
    D.c.course_id,
    func.coalesce(C.c.fullname, ""),
    D.c.forum_id,
    F.c.name,
    D.c.subject,
    D.c.last_post_user_id,
    func.coalesce(D.c.last_post_user_fullname, ""),
    D.c.waiting_since,
    D.c.num_replies,
    D.c.locked,
    T.c.claimed_by,
    T.c.snoozed_until,
    func.coalesce(_DISMISSED, false()),
)


def _item(row: Any) -> QueueItem:
    return QueueItem(*row)


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class QueueService:
    """Reads for the queue view; one short session per call, safe from any thread."""

    def __init__(self, db: Database, now: Clock = wall_clock) -> None:
        self._db = db
        self._now = now

    def _conditions(self, flt: QueueFilter, now: int) -> list[ColumnElement[bool]]:
        where: list[ColumnElement[bool]] = [
            D.c.is_waiting == true(),
            # A lock from the outbox lands on the row before any waiting refresh.
            D.c.locked == (true() if flt.locked else false()),
        ]
        if flt.course_id is not None:
            where.append(D.c.course_id == flt.course_id)
        if flt.forum_id is not None:
            where.append(D.c.forum_id == flt.forum_id)
        if flt.min_age_hours is not None:
            where.append(D.c.waiting_since <= now - int(flt.min_age_hours * 3600))
        if flt.questions_only:
            where.append(
                or_(
                    F.c.type == "qanda",
                    D.c.subject.like("%?%"),
                    # A "?" that ends a sentence, not one inside a link's query string.
                    # (LIKE: GLOB with a character class is ten times slower here.)
                    *(D.c.message.like(f"%?{end}%") for end in _SENTENCE_ENDS),
                    D.c.message.like("%?"),
                )
            )
        text = flt.text.strip()
        if text:
            # SQLite's LIKE ignores case (ASCII letters); the pattern is escaped.
            pattern = _like(text)
            where.append(
                or_(
                    D.c.subject.like(pattern, escape="\\"),
                    D.c.message.like(pattern, escape="\\"),
                    D.c.last_post_user_fullname.like(pattern, escape="\\"),
                    D.c.author_fullname.like(pattern, escape="\\"),
                )
            )
        if not flt.include_snoozed:
            where.append(or_(T.c.snoozed_until.is_(None), T.c.snoozed_until <= now))
        if not flt.include_dismissed:
            where.append(~func.coalesce(_DISMISSED, false()))
        return where

    def count(self, flt: QueueFilter = QueueFilter()) -> int:
        source = _COUNT_FROM_FORUM if flt.questions_only else _COUNT_FROM
        query = select(func.count()).select_from(source).where(*self._conditions(flt, self._now()))
        with self._db.session() as session:
            return int(session.execute(query).scalar_one())

    def page(
        self,
        flt: QueueFilter = QueueFilter(),
        sort: SortKey = SortKey.AGE,
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
    ) -> list[QueueItem]:
        """One page of waiting items; AGE ascending is oldest first."""
        query = self.page_query(flt, sort, descending, offset, limit)
        with self._db.session() as session:
            return [_item(row) for row in session.execute(query)]

    def page_query(
        self,
        flt: QueueFilter = QueueFilter(),
        sort: SortKey = SortKey.AGE,
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
    ) -> Select[Any]:
        """The SQL behind page(), for tests and benchmarks to check its plan."""
        column = _SORT_COLUMNS[sort]
        # The id breaks ties so pages never overlap or skip.
        order = [column.desc(), D.c.id.desc()] if descending else [column.asc(), D.c.id.asc()]
        return (
            select(*_COLUMNS)
            .select_from(_FROM)
            .where(*self._conditions(flt, self._now()))
            .order_by(*order)
            .offset(max(offset, 0))
            .limit(max(limit, 0))
        )

    def get(self, discussion_id: int) -> QueueItem | None:
        """One discussion as a queue item, whatever its state (waiting, snoozed, answered)."""
        query = select(*_COLUMNS).select_from(_FROM).where(D.c.id == discussion_id)
        with self._db.session() as session:
            row = session.execute(query).first()
        return _item(row) if row is not None else None

    def courses(self) -> list[Option]:
        query = select(C.c.id, C.c.fullname).order_by(C.c.fullname, C.c.id)
        with self._db.session() as session:
            return [Option(*row) for row in session.execute(query)]

    def forums(self, course_id: int | None = None) -> list[Option]:
        query = select(F.c.id, F.c.name).order_by(F.c.name, F.c.id)
        if course_id is not None:
            query = query.where(F.c.course_id == course_id)
        with self._db.session() as session:
            return [Option(*row) for row in session.execute(query)]

    def sla_level(
        self, waiting_since: int | None, warn_hours: float = 24, overdue_hours: float = 48
    ) -> SlaLevel:
        if waiting_since is None:
            return "ok"
        age = self._now() - waiting_since
        if age >= overdue_hours * 3600:
            return "overdue"
        if age >= warn_hours * 3600:
            return "warn"
        return "ok"
