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

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    false,
    func,
    literal_column,
    or_,
    select,
    table,
    true,
    tuple_,
)
from sqlalchemy.sql import FromClause

from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.store.models_plugin import TeamClaim
from moderator_app.store.search import MIN_INDEXED_CHARS, SEARCH_TABLE, match_phrase

Clock = Callable[[], int]
SlaLevel = Literal["ok", "warn", "overdue"]

D = m.Discussion.__table__
F = m.Forum.__table__
C = m.Course.__table__
T = m.Triage.__table__
TC = TeamClaim.__table__
# The site's team state that means "someone is answering it" (platform.types.CLAIMED).
CLAIMED = "claimed"


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
    claimed_at: int | None = None  # when claimed_by claimed it here
    # The team's state on the site (companion plugin): who claimed or dismissed it, when.
    team_state: str | None = None  # claimed, dismissed, released; None: nothing known
    team_user_id: int | None = None
    team_name: str | None = None
    team_at: int | None = None

    def claimed_on_site_by_other(self, own_user_id: int) -> bool:
        """Another moderator holds the site's claim: a reply from here should ask first."""
        return self.team_state == CLAIMED and self.team_user_id not in (None, own_user_id)


class SortKey(enum.Enum):
    AGE = "age"
    COURSE = "course"
    FORUM = "forum"
    SUBJECT = "subject"
    LEARNER = "learner"
    REPLIES = "replies"


@dataclass(frozen=True)
class PageCursor:
    """Where a page ended: its last row's sort value and discussion id (keyset paging).

    The next page starts right after this key, so every page costs an index range
    read however deep the moderator has scrolled (OFFSET re-read every row before it).
    """

    value: Any
    discussion_id: int


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

# Sort values that can be NULL: no last poster, a course not stored. (A waiting
# discussion always has its waiting_since: store/waiting.py derives one from the other.)
_NULLABLE_SORTS = frozenset({SortKey.COURSE, SortKey.LEARNER})

_DISMISSED = and_(
    T.c.dismissed_at_modified.is_not(None), T.c.dismissed_at_modified == D.c.time_modified
)

_FROM: FromClause = (
    D.join(F, F.c.id == D.c.forum_id)
    .outerjoin(C, C.c.id == D.c.course_id)
    .outerjoin(T, T.c.discussion_id == D.c.id)
    .outerjoin(TC, TC.c.discussion_id == D.c.id)
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
    T.c.claimed_at,
    TC.c.state,
    TC.c.user_id,
    TC.c.fullname,
    TC.c.time_modified,
)


def _item(row: Any) -> QueueItem:
    return QueueItem(*row)


def _after(
    column: Any, descending: bool, cursor: PageCursor, nullable: bool
) -> ColumnElement[bool]:
    """Rows after the cursor in ORDER BY column, id; SQLite puts NULL first ascending.

    A column that is never NULL gets a plain row-value range, which SQLite reads
    straight from the sort's index (an OR with IS NULL would not be a range).
    """
    value, last_id = cursor.value, cursor.discussion_id
    if not nullable:
        if descending:
            return tuple_(column, D.c.id) < tuple_(value, last_id)
        return tuple_(column, D.c.id) > tuple_(value, last_id)
    if not descending:
        if value is None:
            return or_(and_(column.is_(None), D.c.id > last_id), column.is_not(None))
        return tuple_(column, D.c.id) > tuple_(value, last_id)
    if value is None:
        return and_(column.is_(None), D.c.id < last_id)
    return or_(tuple_(column, D.c.id) < tuple_(value, last_id), column.is_(None))


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
            # `asks` is decided when the entry is stored (store.upsert.asks).
            where.append(or_(F.c.type == "qanda", D.c.asks == true()))
        text = flt.text.strip()
        if len(text) >= MIN_INDEXED_CHARS:
            # The FTS5 trigram index finds the same pieces of text as LIKE did.
            found: Select[Any] = (
                select(literal_column("rowid"))
                .select_from(table(SEARCH_TABLE))
                .where(literal_column(SEARCH_TABLE).op("MATCH")(match_phrase(text)))
            )
            where.append(D.c.id.in_(found))
        elif text:
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
        """One page of waiting items by position; AGE ascending is oldest first.

        For scrolling use page_after: OFFSET reads every row before the page.
        """
        query = self.page_query(flt, sort, descending, limit=limit).offset(max(offset, 0))
        with self._db.session() as session:
            return [_item(row[:-1]) for row in session.execute(query)]

    def page_after(
        self,
        flt: QueueFilter = QueueFilter(),
        sort: SortKey = SortKey.AGE,
        descending: bool = False,
        after: PageCursor | None = None,
        limit: int = 200,
    ) -> tuple[list[QueueItem], PageCursor | None]:
        """The page that follows `after` (None: the first) and the cursor for the next one.

        The rows and their order are those of page() with the matching offset.
        """
        query = self.page_query(flt, sort, descending, after, limit)
        with self._db.session() as session:
            rows = list(session.execute(query))
        if not rows:
            return [], None
        last = rows[-1]
        return [_item(row[:-1]) for row in rows], PageCursor(last[-1], last[0])

    def page_query(
        self,
        flt: QueueFilter = QueueFilter(),
        sort: SortKey = SortKey.AGE,
        descending: bool = False,
        after: PageCursor | None = None,
        limit: int = 200,
    ) -> Select[Any]:
        """The SQL behind page_after(), for tests and benchmarks to check its plan.

        Its last column is the sort value (the cursor's), after the QueueItem's fields.
        """
        column = _SORT_COLUMNS[sort]
        # The id breaks ties so pages never overlap or skip.
        order = [column.desc(), D.c.id.desc()] if descending else [column.asc(), D.c.id.asc()]
        where = self._conditions(flt, self._now())
        if after is not None:
            where.append(_after(column, descending, after, sort in _NULLABLE_SORTS))
        return (
            select(*_COLUMNS, column)
            .select_from(_FROM)
            .where(*where)
            .order_by(*order)
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
