"""Small builders of platform dataclasses for store and service tests."""

from __future__ import annotations

from moderator_app.platform import types as pt
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.store.upsert import (
    replace_participants,
    upsert_courses,
    upsert_discussions,
    upsert_forums,
    upsert_posts,
)

ACCOUNT_USER = 2  # the signed-in moderator
TEACHER = 3
LEARNER = 10
LEARNER2 = 11


def course(id: int = 1, name: str = "Course one") -> pt.Course:
    return pt.Course(id=id, shortname=f"c{id}", fullname=name)


def forum(
    id: int = 100, course_id: int = 1, type: str = "general", name: str = "Forum"
) -> pt.Forum:
    return pt.Forum(id=id, course_id=course_id, cmid=id + 1000, name=name, type=type)


def discussion(
    id: int,
    *,
    forum_id: int = 100,
    author: int = LEARNER,
    created: int = 1_000,
    modified: int | None = None,
    last_user: int | None = None,
    replies: int = 0,
    subject: str = "A topic",
    message: str = "<p>Hello</p>",
    author_name: str = "Lena Leerling",
    last_name: str | None = None,
) -> pt.Discussion:
    return pt.Discussion(
        id=id,
        forum_id=forum_id,
        first_post_id=id * 10,
        name=subject,
        subject=subject,
        message=message,
        author_id=author,
        author_fullname=author_name,
        created=created,
        time_modified=modified if modified is not None else created,
        last_post_user_id=last_user if last_user is not None else author,
        last_post_user_fullname=last_name if last_name is not None else author_name,
        num_replies=replies,
    )


def post(
    id: int,
    discussion_id: int,
    author: int,
    created: int,
    *,
    deleted: bool = False,
    private: bool = False,
    parent: int | None = None,
) -> pt.Post:
    return pt.Post(
        id=id,
        discussion_id=discussion_id,
        parent_id=parent,
        subject="Re: topic",
        message="<p>text</p>",
        author_id=author,
        author_fullname=f"user {author}",
        time_created=created,
        time_modified=created,
        is_deleted=deleted,
        is_private_reply=private,
    )


def people(course_id: int = 1) -> list[pt.Participant]:
    return [
        pt.Participant(id=ACCOUNT_USER, course_id=course_id, fullname="Mo", roles=()),
        pt.Participant(id=TEACHER, course_id=course_id, fullname="Tess", roles=("teacher",)),
        pt.Participant(id=LEARNER, course_id=course_id, fullname="Lena", roles=("student",)),
        pt.Participant(id=LEARNER2, course_id=course_id, fullname="Lars", roles=("student",)),
    ]


def seed_course(
    db: Database,
    *,
    course_id: int = 1,
    forums: list[pt.Forum] | None = None,
    discussions: list[pt.Discussion] | None = None,
    posts: list[pt.Post] | None = None,
    course_name: str = "Course one",
) -> None:
    """A course with staff and learners, its forums, discussions and (optionally) posts."""
    with db.session() as s:
        if s.get(m.Account, "acc") is None:
            s.add(
                m.Account(
                    id="acc",
                    site_url="https://moodle.example.org",
                    username="mo",
                    user_id=ACCOUNT_USER,
                    created_at=0,
                )
            )
            s.flush()
        upsert_courses(s, [course(course_id, course_name)])
        replace_participants(s, course_id, people(course_id))
        upsert_forums(s, forums or [forum(course_id=course_id)])
        upsert_discussions(s, course_id, discussions or [])
        if posts:
            upsert_posts(s, posts)
