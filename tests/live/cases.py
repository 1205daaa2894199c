"""A course of its own per live test (php/forum_case.php): a moderator, learners, groups
and one forum, with tokens; learners act over REST as the site's web pages would.

For tests that change what others read (locks, edits, groups, the site policy), so the
shared `world` stays as its README describes it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.live.lab import Lab, WorldUser, new_password
from tests.live.store import LiveStore

PHP_DIR = Path(__file__).resolve().parent / "php"


@dataclass
class Case:
    lab: Lab
    course: int
    forum: int
    moderator: WorldUser
    learners: list[WorldUser]
    groups: list[dict[str, Any]] = field(default_factory=list)

    def rest(self, user: WorldUser, function: str, **params: Any) -> Any:
        """A web-service call as that user, outside the app (what the site's pages do)."""
        return self.lab.client(user.token).call(function, params, write=True)

    def start(self, learner: WorldUser, subject: str, group_id: int | None = None) -> int:
        params: dict[str, Any] = {"forumid": self.forum, "subject": subject}
        params["message"] = f"<p>{subject}?</p>"
        if group_id is not None:
            params["groupid"] = group_id
        return int(self.rest(learner, "mod_forum_add_discussion", **params)["discussionid"])

    def reply(self, user: WorldUser, post_id: int, text: str) -> int:
        body = self.rest(
            user, "mod_forum_add_discussion_post", postid=post_id, subject="Re", message=text
        )
        return int(body["postid"])

    def first_post(self, discussion_id: int) -> int:
        rows = self.lab.sql(
            f"SELECT firstpost FROM mdl_forum_discussions WHERE id = {discussion_id}"
        )
        return int(rows[0]["firstpost"])

    def discussion_row(self, discussion_id: int) -> dict[str, Any]:
        return self.lab.sql(
            "SELECT id, name, firstpost, groupid, timemodified, timelocked, usermodified"
            f" FROM mdl_forum_discussions WHERE id = {discussion_id}"
        )[0]

    def store(self, path: Path) -> LiveStore:
        return LiveStore.open(self.lab, self.moderator, path)


def make_case(lab: Lab, *, groupmode: int = 0, learners: int = 2, groups: int = 0) -> Case:
    suffix = secrets.token_hex(4)
    password = new_password()
    made = lab.php(
        PHP_DIR / "forum_case.php",
        suffix,
        groupmode,
        learners,
        groups,
        env={"MOODLE_CASE_PASSWORD": password},
    )

    def user(key: str, row: dict[str, Any]) -> WorldUser:
        token = lab.token(row["username"], password)
        return WorldUser(key, int(row["id"]), row["username"], row["fullname"], token)

    return Case(
        lab=lab,
        course=int(made["course"]),
        forum=int(made["forum"]["id"]),
        moderator=user("moderator", made["moderator"]),
        learners=[user(f"learner{i}", row) for i, row in enumerate(made["learners"])],
        groups=list(made["groups"]),
    )
