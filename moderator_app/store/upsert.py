"""Bulk upserts of what the platform returned, one statement per page.

Each function takes the caller's Session (the caller owns the transaction: one per
page) and plain dataclasses from moderator_app.platform.types. Rows go through
SQLAlchemy Core `INSERT ... ON CONFLICT DO UPDATE` as one executemany: no ORM
objects, so a page of 100 posts costs one round of parameter binding.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Table, case, delete, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from moderator_app.platform import limits
from moderator_app.platform import types as pt
from moderator_app.store import models as m

# SQLite allows 32766 bound variables; stay far below it per statement.
CHUNK = 500

COURSE: Table = m.Course.__table__  # type: ignore[assignment]
PARTICIPANT: Table = m.Participant.__table__  # type: ignore[assignment]
FORUM: Table = m.Forum.__table__  # type: ignore[assignment]
DISCUSSION: Table = m.Discussion.__table__  # type: ignore[assignment]
POST: Table = m.Post.__table__  # type: ignore[assignment]

# Computed locally (store/waiting.py, upsert_posts): a list page must not reset them.
DISCUSSION_DERIVED = frozenset({"is_waiting", "waiting_since", "posts_synced_at_modified"})


# SQLite stores integers in 64 bits; a larger one fails the whole statement (OverflowError).
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1


def unstorable(record: object) -> str | None:
    """Why a platform record cannot be stored, or None when it can.

    Checked before any statement sees the record, so one bad record is skipped on
    its own instead of failing the page it came in (and the queries that name its id).
    Nested records and tuples (a participant's roles and groups) are looked into.
    """
    stack = [record]
    while stack:  # a loop, not recursion: this runs for every post of a big sync
        value = stack.pop()
        if isinstance(value, str):
            if not value.isascii():
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:  # a lone surrogate from a \ud800 escape in the JSON
                    return "text that is not valid Unicode"
        elif isinstance(value, int):
            if not _INT_MIN <= value <= _INT_MAX:
                return "a number too large to store"
        elif isinstance(value, _SEQUENCES):
            stack.extend(value)
        elif hasattr(value, "__dataclass_fields__"):
            stack.extend(vars(value).values())
    return None


_SEQUENCES = (tuple, list, frozenset, set)


@functools.cache
def _upsert_statement(table: Table, columns: tuple[str, ...], keep: frozenset[str]) -> Any:
    """Built once per shape: making `excluded` proxies per page is measurable at 100k rows."""
    stmt = insert(table)
    keys = {c.name for c in table.primary_key.columns}
    updates = {name: stmt.excluded[name] for name in columns if name not in keys | keep}
    return stmt.on_conflict_do_update(index_elements=sorted(keys), set_=updates)


def _upsert(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], keep: Iterable[str] = ()
) -> None:
    """INSERT rows; on a primary-key conflict update every column except keys and `keep`."""
    if not rows:
        return
    session.execute(_upsert_statement(table, tuple(rows[0]), frozenset(keep)), list(rows))


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def upsert_courses(session: Session, courses: Sequence[pt.Course]) -> None:
    rows = [
        {"id": c.id, "shortname": c.shortname, "fullname": c.fullname, "visible": c.visible}
        for c in courses
    ]
    _upsert(session, COURSE, rows)


def replace_participants(
    session: Session, course_id: int, participants: Sequence[pt.Participant]
) -> None:
    """Make the course's participant rows exactly `participants` (left people disappear)."""
    session.execute(delete(PARTICIPANT).where(PARTICIPANT.c.course_id == course_id))
    rows = [
        {
            "course_id": course_id,
            "user_id": p.id,
            "fullname": p.fullname,
            "username": p.username,
            "email": p.email,
            "roles": " ".join(p.roles),
            "is_staff": p.is_staff,
            "group_ids": " ".join(str(g.id) for g in p.groups),
            "last_access": p.last_access,
            "last_course_access": p.last_course_access,
        }
        for p in participants
    ]
    # The same person twice in one answer (paged lists overlap) must not fail the page.
    unique = list({row["user_id"]: row for row in rows}.values())
    _upsert(session, PARTICIPANT, unique)


def upsert_forums(session: Session, forums: Sequence[pt.Forum]) -> None:
    rows = [
        {
            "id": f.id,
            "course_id": f.course_id,
            "cmid": f.cmid,
            "name": f.name,
            "type": f.type,
            "intro": f.intro,
            "num_discussions": f.num_discussions,
            "can_create_discussions": f.can_create_discussions,
            "time_modified": f.time_modified,
        }
        for f in forums
    ]
    _upsert(session, FORUM, rows)


def _discussion_row(course_id: int, d: pt.Discussion) -> dict[str, Any]:
    return {
        "id": d.id,
        "forum_id": d.forum_id,
        "course_id": course_id,
        "first_post_id": d.first_post_id,
        "name": d.name,
        "subject": d.subject,
        # The list repeats the first post's message: kept within the same cap.
        "message": cut_html(d.message, limits.MAX_POST_HTML_CHARS)[0],
        "author_id": d.author_id,
        "author_fullname": d.author_fullname,
        "created": d.created,
        "time_modified": d.time_modified,
        "last_post_user_id": d.last_post_user_id,
        "last_post_user_fullname": d.last_post_user_fullname,
        "num_replies": d.num_replies,
        "group_id": d.group_id,
        "pinned": d.pinned,
        "locked": d.locked,
        "can_reply": d.can_reply,
        "can_lock": d.can_lock,
        "asks": asks(d.subject, d.message),
        # Values for a new row only; kept as they are on conflict (DISCUSSION_DERIVED).
        "time_locked": 0,
        "posts_synced_at_modified": 0,
        "is_waiting": False,
        "waiting_since": None,
    }


# What follows a question mark that ends a sentence in HTML: a tag, a space or line
# break, or an entity (&nbsp;). In a link's query string a name follows it instead.
SENTENCE_ENDS = ("<", " ", "\n", "&")


def asks(subject: str, message: str) -> bool:
    """The list entry asks something: "questions only" reads this stored flag.

    A "?" in the subject, or a "?" that ends a sentence of the opening post (migration
    0006 computes the same for rows stored before it).
    """
    if "?" in subject:
        return True
    if "?" not in message:
        return False
    return message.endswith("?") or any(f"?{end}" in message for end in SENTENCE_ENDS)


def upsert_discussions(
    session: Session, course_id: int, discussions: Sequence[pt.Discussion]
) -> None:
    """Store a page of a forum's discussion list; derived queue columns are left alone."""
    rows = [_discussion_row(course_id, d) for d in discussions]
    if rows:
        session.execute(_discussion_statement(), rows)


@functools.cache
def _discussion_statement() -> Any:
    stmt = insert(DISCUSSION)
    skip = DISCUSSION_DERIVED | {"id", "time_locked"}
    columns = _discussion_row(0, _PROBE).keys()
    updates: dict[str, Any] = {name: stmt.excluded[name] for name in columns if name not in skip}
    # The lock time is learnt from lock calls; an unlocked discussion has none.
    updates["time_locked"] = case((stmt.excluded.locked, DISCUSSION.c.time_locked), else_=0)
    return stmt.on_conflict_do_update(index_elements=["id"], set_=updates)


_PROBE = pt.Discussion(0, 0, 0, "", "", "", None, None, 0, 0, None, None, 0)


def cut_html(html: str, limit: int) -> tuple[str, bool]:
    """At most `limit` characters of `html`, and whether it was cut.

    The cut never ends inside a tag or an entity, so what is kept still renders.
    """
    if len(html) <= limit:
        return html, False
    kept = html[:limit]
    tag = kept.rfind("<")
    if tag > kept.rfind(">"):
        kept = kept[:tag]
    entity = kept.rfind("&")
    if entity > kept.rfind(";") and len(kept) - entity <= 12:
        kept = kept[:entity]
    return kept, True


def upsert_posts(session: Session, posts: Sequence[pt.Post]) -> None:
    """Store posts and mark their discussions' posts as synced at their current time_modified.

    A message longer than limits.MAX_POST_HTML_CHARS is stored cut, flagged `truncated`
    (the rest stays on the site): one huge post must not bloat the store or the view.

    The rows go as plain tuples through the driver's executemany with one SQL text,
    which sqlite3 prepares once per connection and reuses: at 100k posts SQLAlchemy's
    per-row parameter processing cost as much as SQLite's own work.
    """
    if not posts:
        return
    limit = limits.MAX_POST_HTML_CHARS
    rows = []
    for p in posts:
        message = p.message
        truncated = False
        if len(message) > limit:
            message, truncated = cut_html(message, limit)
        rows.append(
            (
                p.id,
                p.discussion_id,
                p.parent_id,
                p.subject,
                message,
                p.author_id,
                p.author_fullname,
                p.time_created,
                p.time_modified,
                p.is_deleted,
                p.is_private_reply,
                p.has_attachments,
                truncated,
            )
        )
    driver = _driver(session)
    driver.executemany(_POST_UPSERT, rows)
    driver.executemany(_MARK_SYNCED, [(did,) for did in sorted({p.discussion_id for p in posts})])


# The tuple order of upsert_posts; a test checks it names every column of the table.
POST_COLUMNS = (
    "id",
    "discussion_id",
    "parent_id",
    "subject",
    "message",
    "author_id",
    "author_fullname",
    "time_created",
    "time_modified",
    "is_deleted",
    "is_private_reply",
    "has_attachments",
    "truncated",
)
_POST_UPSERT = (
    f"INSERT INTO post ({', '.join(POST_COLUMNS)}) VALUES ({', '.join('?' * len(POST_COLUMNS))})"
    " ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in POST_COLUMNS if name != "id")
)
_MARK_SYNCED = "UPDATE discussion SET posts_synced_at_modified = time_modified WHERE id = ?"


def _driver(session: Session) -> Any:
    """The sqlite3 connection under the session, inside the session's transaction."""
    return session.connection().connection.driver_connection


def _delete_missing(
    session: Session, table: Table, parent: Any, parent_id: int, keep_ids: Iterable[int]
) -> list[int]:
    present = session.execute(select(table.c.id).where(parent == parent_id)).scalars().all()
    keep = set(keep_ids)
    gone = sorted(i for i in present if i not in keep)
    for chunk in _chunks(gone):
        session.execute(delete(table).where(table.c.id.in_(chunk)))
    return gone


def delete_missing_discussions(
    session: Session, forum_id: int, keep_ids: Iterable[int]
) -> list[int]:
    """Delete the forum's discussions not in `keep_ids` (their posts and triage cascade).

    Returns the deleted discussion ids.
    """
    return _delete_missing(session, DISCUSSION, DISCUSSION.c.forum_id, forum_id, keep_ids)


def delete_missing_posts(
    session: Session, discussion_id: int, keep_ids: Iterable[int]
) -> list[int]:
    """Delete the discussion's posts not in `keep_ids`; returns the deleted post ids.

    Call store.waiting.refresh_waiting for the discussion afterwards.
    """
    return _delete_missing(session, POST, POST.c.discussion_id, discussion_id, keep_ids)


def delete_missing_posts_of(
    session: Session, keep_by_discussion: Mapping[int, Iterable[int]]
) -> list[int]:
    """delete_missing_posts for many discussions at once (the posts phase stores batches).

    One query per chunk of discussions finds what is stored, instead of one per
    discussion. Returns the deleted post ids; refresh their discussions' waiting state.
    """
    discussion_ids = sorted(keep_by_discussion)
    keep = {did: set(ids) for did, ids in keep_by_discussion.items()}
    gone: list[int] = []
    for chunk in _chunks(discussion_ids):
        present = session.execute(
            select(POST.c.id, POST.c.discussion_id).where(POST.c.discussion_id.in_(chunk))
        )
        gone.extend(post_id for post_id, did in present if post_id not in keep[did])
    gone.sort()
    for chunk in _chunks(gone):
        session.execute(delete(POST).where(POST.c.id.in_(chunk)))
    return gone


def save_account(session: Session, info: pt.SiteInfo, now: int) -> None:
    """Record who this database belongs to (one row), from the site's answer.

    The queue rule reads the user id from here: the account's own posts always count
    as staff answers, even where its course role is not a teacher role. No token here.
    """
    values = {
        "site_url": info.site_url,
        "username": info.username,
        "user_id": info.user_id,
        "fullname": info.fullname,
        "site_name": info.site_name,
        "functions": " ".join(sorted(info.functions)),
    }
    account = session.scalars(select(m.Account)).first()
    if account is None:
        session.add(m.Account(created_at=now, **values))
    else:
        for name, value in values.items():
            setattr(account, name, value)
