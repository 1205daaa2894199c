"""A small in-memory site that lists discussions the way Moodle does.

Pinned first, then starred, then newest-modified (ties: higher id first); page and
per_page as offset/limit. Used for the engine tests that need exact control of
times and counts; the sandbox tests cover the same rules over HTTP.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field, replace

from moderator_app.platform import types as pt
from moderator_app.platform.errors import NotFound, PermissionDenied, Transient

TEACHER = 2
LEARNERS = (10, 11, 12)


@dataclass
class FakeSite:
    clock: int = 1_000_000
    course_map: dict[int, pt.Course] = field(default_factory=dict)
    people: dict[int, list[pt.Participant]] = field(default_factory=dict)
    forum_map: dict[int, pt.Forum] = field(default_factory=dict)
    disc_map: dict[int, pt.Discussion] = field(default_factory=dict)
    posts: dict[int, list[pt.Post]] = field(default_factory=dict)
    calls: Counter[str] = field(default_factory=Counter)
    fail_forum: dict[int, Exception] = field(default_factory=dict)
    offline: bool = False
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(100))

    def tick(self) -> int:
        self.clock += 60
        return self.clock

    def add_course(self, course_id: int) -> None:
        self.course_map[course_id] = pt.Course(course_id, f"c{course_id}", f"Course {course_id}")
        self.people[course_id] = [
            pt.Participant(TEACHER, course_id, "Teacher", roles=("editingteacher",)),
            *(pt.Participant(u, course_id, f"Learner {u}", roles=("student",)) for u in LEARNERS),
        ]

    def add_forum(self, forum_id: int, course_id: int) -> None:
        self.forum_map[forum_id] = pt.Forum(
            forum_id, course_id, forum_id + 1000, f"F{forum_id}", "general"
        )

    def start(self, forum_id: int, author: int, *, pinned: bool = False) -> int:
        now = self.tick()
        did, pid = next(self._ids), next(self._ids)
        self.disc_map[did] = pt.Discussion(
            id=did,
            forum_id=forum_id,
            first_post_id=pid,
            name=f"D{did}",
            subject=f"D{did}",
            message="<p>q</p>",
            author_id=author,
            author_fullname=f"U{author}",
            created=now,
            time_modified=now,
            last_post_user_id=author,
            last_post_user_fullname=f"U{author}",
            num_replies=0,
            pinned=pinned,
        )
        self.posts[did] = [self._post(pid, did, None, author, "<p>q</p>", now)]
        return did

    def _post(
        self, pid: int, did: int, parent: int | None, author: int, msg: str, now: int
    ) -> pt.Post:
        return pt.Post(pid, did, parent, f"D{did}", msg, author, f"U{author}", now, now)

    def add_reply(self, did: int, author: int, message: str = "<p>a</p>") -> int:
        now = self.tick()
        pid = next(self._ids)
        parent = self.disc_map[did].first_post_id
        self.posts[did].append(self._post(pid, did, parent, author, message, now))
        d = self.disc_map[did]
        self.disc_map[did] = replace(
            d, time_modified=now, last_post_user_id=author, num_replies=d.num_replies + 1
        )
        return pid

    def delete_discussion(self, did: int) -> None:
        del self.disc_map[did]
        del self.posts[did]

    # -- Platform --------------------------------------------------------------

    def _net(self, name: str) -> None:
        self.calls[name] += 1
        if self.offline:
            raise Transient("offline")

    def courses(self, user_id: int) -> list[pt.Course]:
        self._net("courses")
        return list(self.course_map.values())

    def participants(self, course_id: int) -> list[pt.Participant]:
        self._net("participants")
        return list(self.people[course_id])

    def forums(self, course_ids: list[int]) -> list[pt.Forum]:
        self._net("forums")
        out = []
        for f in self.forum_map.values():
            if f.course_id in course_ids:
                n = sum(1 for d in self.disc_map.values() if d.forum_id == f.id)
                out.append(replace(f, num_discussions=n))
        return out

    def discussions(self, forum_id: int, page: int, per_page: int) -> pt.Page:
        self._net("discussions")
        if forum_id in self.fail_forum:
            raise self.fail_forum[forum_id]
        if forum_id not in self.forum_map:
            raise NotFound("Unable to find forum")
        items = sorted(
            (d for d in self.disc_map.values() if d.forum_id == forum_id),
            key=lambda d: (d.pinned, d.starred, d.time_modified, d.id),
            reverse=True,
        )
        start = page * per_page
        return pt.Page(tuple(items[start : start + per_page]), page, per_page)

    def discussion_posts(self, discussion_id: int) -> pt.DiscussionPosts:
        self._net("discussion_posts")
        if discussion_id not in self.disc_map:
            raise NotFound("no discussion")
        d = self.disc_map[discussion_id]
        return pt.DiscussionPosts(
            d.forum_id, self.forum_map[d.forum_id].course_id, tuple(self.posts[discussion_id])
        )

    def reply(
        self, post_id: int, subject: str, message_html: str, *, private: bool = False
    ) -> pt.NewPost:
        self._net("reply")
        for did, posts in self.posts.items():
            if any(p.id == post_id for p in posts):
                if self.disc_map[did].locked:
                    raise PermissionDenied("locked", code="nopostforum")
                pid = self.add_reply(did, TEACHER, message_html)
                return pt.NewPost(pid, did, self.clock)
        raise NotFound("invalidparentpostid", code="invalidparentpostid")
