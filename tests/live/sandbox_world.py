"""The live world of make_world.php, made again in our sandbox (moderator_app/sandbox).

Same people, roles, groups, forums, discussions, posts and times (hours before now), so
the same questions asked of both sites must get the same answers (test_sandbox_parity).
Keep it in step with php/make_world.php.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from moderator_app.platform.moodle import MoodleClient
from moderator_app.sandbox import Sandbox
from tests.live.lab import World, WorldUser

SEPARATEGROUPS = 1
ROLES_MAIN = {
    "editor": "editingteacher",
    "teacher": "teacher",
    "learner1": "student",
    "learner2": "student",
    "learner3": "student",
    "learner4": "student",
}


@dataclass(frozen=True)
class SandboxSite:
    """A sandbox as a Site for LiveStore (what Lab.client is for the lab)."""

    url: str

    def client(self, token: str) -> MoodleClient:
        return MoodleClient(self.url, token)


def mirror_world(sandbox: Sandbox, suffix: str) -> World:
    st = sandbox.state
    now = st.now()

    def hours(h: float) -> int:
        return now - round(h * 3600)

    ids: dict[str, int] = {}
    users: dict[str, WorldUser] = {}
    for key in ROLES_MAIN:
        username = f"live{key}{suffix}"
        user_id = st.add_user(username, key.capitalize(), f"Live {suffix}")
        ids[key] = user_id
        users[key] = WorldUser(
            key=key,
            id=user_id,
            username=username,
            fullname=f"{key.capitalize()} Live {suffix}",
            token=sandbox.token_for(username),
        )
    main = st.add_course(f"LIVE1-{suffix}", f"Live course {suffix}")
    for key, role in ROLES_MAIN.items():
        st.enrol(main, ids[key], role)
    group_a = st.add_group(
        main, f"Group A {suffix}", [ids["learner1"], ids["learner2"], ids["teacher"]]
    )
    group_b = st.add_group(main, f"Group B {suffix}", [ids["learner3"], ids["learner4"]])
    second = st.add_course(f"LIVE2-{suffix}", f"Live course two {suffix}")
    st.enrol(second, ids["editor"], "editingteacher")
    st.enrol(second, ids["teacher"], "student")
    st.enrol(second, ids["learner1"], "student")

    forums: dict[str, dict[str, Any]] = {}
    for key, course, kind, mode in (
        ("general", main, "general", 0),
        ("groups", main, "general", SEPARATEGROUPS),
        ("qanda", main, "qanda", 0),
        ("course2", second, "general", 0),
        ("scratch", main, "general", 0),
        ("scratch_groups", main, "general", SEPARATEGROUPS),
    ):
        forum_id = st.add_forum(course, f"Live {key} {suffix}", kind, groupmode=mode)
        forums[key] = {"id": forum_id, "course_id": course, "type": kind}

    discussions: dict[str, dict[str, Any]] = {}
    posts: dict[str, int] = {}

    def discuss(key: str, forum: str, author: str, age: float, **extra: Any) -> None:
        discussion_id = st.add_discussion(
            forums[forum]["id"],
            ids[author],
            f"Live {key}",
            f"<p>Opening of {key}?</p>",
            created=hours(age),
            **extra,
        )
        row = st.discussion(discussion_id)
        assert row is not None
        discussions[key] = {
            "id": discussion_id,
            "forum_id": forums[forum]["id"],
            "first_post_id": int(row["firstpost"]),
            "author": author,
            "group_id": int(row["groupid"]),
            "pinned": bool(row["pinned"]),
            "locked": bool(row["timelocked"]),
        }
        posts[f"{key}.0"] = int(row["firstpost"])

    def reply(key: str, discussion: str, author: str, age: float, private_to: int = 0) -> None:
        posts[key] = st.add_post(
            discussions[discussion]["id"],
            ids[author],
            f"<p>Reply {key}</p>",
            created=hours(age),
            private_to=private_to,
        )

    discuss("waiting", "general", "learner1", 50)
    discuss("answered", "general", "learner2", 40)
    reply("answered.1", "answered", "editor", 39)
    discuss("followup", "general", "learner1", 30)
    reply("followup.1", "followup", "teacher", 29)
    reply("followup.2", "followup", "learner2", 28)
    discuss("staff", "general", "editor", 20)
    discuss("pinned", "general", "learner3", 18, pinned=True)
    discuss("locked", "general", "learner4", 16, locked=True)
    discuss("private", "general", "learner2", 14)
    reply("private.1", "private", "teacher", 13, private_to=ids["learner2"])
    discuss("group_a", "groups", "learner1", 12, group_id=group_a)
    discuss("group_b", "groups", "learner3", 11, group_id=group_b)
    discuss("group_all", "groups", "editor", 10)
    reply("group_all.1", "group_all", "learner4", 9)
    discuss("qanda", "qanda", "editor", 8)
    reply("qanda.1", "qanda", "learner1", 7)
    reply("qanda.2", "qanda", "learner2", 6)
    discuss("course2", "course2", "teacher", 5)

    choice_id = st.add_choice(
        main,
        f"Live choice {suffix}",
        ["Morning", "Afternoon", "Evening"],
        publish=True,
        showresults=3,
        allowupdate=True,
    )
    choice = st.choice(choice_id)
    assert choice is not None
    options = [{"id": int(o["id"]), "text": o["text"]} for o in st.choice_options(choice_id)]
    return World(
        suffix=suffix,
        courses={
            "main": {"id": main, "shortname": f"LIVE1-{suffix}"},
            "second": {"id": second, "shortname": f"LIVE2-{suffix}"},
        },
        users=users,
        groups={"a": group_a, "b": group_b},
        forums=forums,
        discussions=discussions,
        posts=posts,
        choices={
            "times": {
                "id": choice_id,
                "cmid": int(choice["cmid"]),
                "course_id": main,
                "options": options,
            }
        },
        password="",
    )
