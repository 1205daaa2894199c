"""Our sandbox answers like the real Moodle: the same world, the same questions, the same
answers (ids replaced by the world's keys, times by hours before now).

The world is made on the lab by php/make_world.php and in a sandbox by
sandbox_world.mirror_world; each user asks both sites through the app's MoodleClient.
Raw answers are compared too, by their keys: a field the app may one day read must not
be missing from the double.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from moderator_app.platform.errors import PlatformError
from moderator_app.platform.moodle import MoodleClient
from moderator_app.platform.types import DiscussionOptions
from moderator_app.sandbox import Sandbox
from tests.live.lab import Lab, World, act_over_rest
from tests.live.sandbox_world import SandboxSite, mirror_world
from tests.live.store import LiveStore

pytestmark = pytest.mark.live

ClientOf = Callable[[str], MoodleClient]
Attempt = Callable[[World, ClientOf], object]
ASKERS = ("editor", "teacher", "learner1", "learner3")


@pytest.fixture(scope="module")
def sandbox_world() -> Iterator[tuple[Sandbox, World]]:
    with Sandbox.start(seed=None) as sandbox:
        world = mirror_world(sandbox, "mirror")
        act_over_rest(lambda token: MoodleClient(sandbox.url, token), world)
        yield sandbox, world


class Names:
    """Ids of one site's world turned into the world's keys."""

    def __init__(self, world: World) -> None:
        self.users = {u.id: k for k, u in world.users.items()}
        self.discussions = {int(d["id"]): k for k, d in world.discussions.items()}
        self.posts = {v: k for k, v in world.posts.items()}
        self.groups = {v: k for k, v in world.groups.items()}
        self.courses = {int(c["id"]): k for k, c in world.courses.items()}

    def user(self, user_id: int | None) -> str:
        return self.users.get(user_id or 0, f"other:{user_id}")

    def post(self, post_id: int | None) -> str:
        return self.posts.get(post_id or 0, f"new:{post_id}" if post_id else "-")


def _hours_ago(when: int | None) -> int | None:
    """Times to the hour before now: the two worlds were made a few seconds apart."""
    return None if when is None else round((time.time() - when) / 3600)


def _to_the_hour(
    order: Callable[[Any], object], entries: Iterable[tuple[Any, ...]]
) -> tuple[list[object], list[tuple[Any, ...]]]:
    """An ordered list compared to the hour: the order of its sort keys, and its entries.

    The two worlds are made minutes apart, so what happened within the same second on
    one site (the learners' REST actions) may be a second apart on the other.
    """
    listed = list(entries)
    return [order(entry) for entry in listed], sorted(listed, key=repr)


def view(client_of: ClientOf, world: World) -> dict[str, Any]:
    """What each asker sees of the world, in the world's own words."""
    names = Names(world)

    def plain(text: str) -> str:
        return text.replace(world.suffix, "SUFFIX")

    seen: dict[str, Any] = {}
    editor = client_of(world.user("editor").token)
    course_ids = [int(c["id"]) for c in world.courses.values()]
    seen["participants"] = sorted(
        (
            names.user(p.id),
            tuple(sorted(p.roles)),
            tuple(sorted(names.groups[g.id] for g in p.groups)),
            bool(p.username),
            bool(p.email),
            plain(p.fullname),
        )
        for p in editor.participants(world.course_id())
    )
    for key in ASKERS:
        client = client_of(world.user(key).token)
        user = world.user(key)
        seen[f"{key} courses"] = sorted(names.courses[c.id] for c in client.courses(user.id))
        seen[f"{key} forums"] = sorted(
            (
                plain(f.name),
                f.type,
                names.courses[f.course_id],
                # Write tests add to the scratch forums: their count is not the world's.
                None if "scratch" in f.name else f.num_discussions,
                f.can_create_discussions,
            )
            for f in client.forums(course_ids)
        )
        for forum in ("general", "groups", "qanda"):
            page = client.discussions(world.forum_id(forum), 0, 50)
            seen[f"{key} lists {forum}"] = _to_the_hour(
                lambda entry: (entry[1], entry[11]),
                [
                    (
                        names.discussions.get(d.id, d.subject),
                        d.pinned,
                        d.locked,
                        names.groups.get(d.group_id, str(d.group_id)),
                        names.user(d.author_id),
                        names.user(d.last_post_user_id),
                        d.num_replies,
                        d.can_reply,
                        d.can_lock,
                        names.post(d.first_post_id),
                        _hours_ago(d.created),
                        _hours_ago(d.time_modified),
                        plain(d.subject),
                        plain(d.message),
                        plain(d.author_fullname or ""),
                    )
                    for d in page.items
                ],
            )
        for discussion in ("private", "qanda", "followup", "locked", "group_a"):
            try:
                posts = client.discussion_posts(world.discussion_id(discussion)).posts
            except Exception as exc:  # the same refusal on both sites is the same answer
                seen[f"{key} posts {discussion}"] = type(exc).__name__
                continue
            seen[f"{key} posts {discussion}"] = sorted(
                (
                    names.post(p.id),
                    names.post(p.parent_id),
                    names.user(p.author_id),
                    p.is_private_reply,
                    _hours_ago(p.time_created),
                    plain(p.subject),
                    plain(p.message),
                    plain(p.author_fullname),
                    p.can_reply,
                    p.can_delete,
                )
                for p in posts
            )
    choice = world.choices["times"]["id"]
    seen["choice results"] = sorted(
        (r.text, r.count, tuple(names.user(x.user_id) for x in r.responses))
        for r in editor.choice_results(choice)
    )
    return seen


def raw_keys(client_of: ClientOf, world: World) -> dict[str, Any]:
    """The keys of the raw answers the app parses, per function (nested one level)."""
    editor = client_of(world.user("editor").token)
    calls: dict[str, dict[str, Any]] = {
        "core_webservice_get_site_info": {},
        "core_enrol_get_users_courses": {"userid": world.user("editor").id},
        "core_enrol_get_enrolled_users": {"courseid": world.course_id()},
        "mod_forum_get_forums_by_courses": {"courseids": [world.course_id()]},
        "mod_forum_get_forum_discussions": {"forumid": world.forum_id("general"), "sortorder": 1},
        "mod_forum_get_discussion_posts": {"discussionid": world.discussion_id("followup")},
        "mod_choice_get_choices_by_courses": {"courseids": [world.course_id()]},
        "mod_choice_get_choice_results": {"choiceid": world.choices["times"]["id"]},
    }
    return {fn: _shape(editor.call(fn, params)) for fn, params in calls.items()}


def _shape(value: Any, depth: int = 0) -> Any:
    if isinstance(value, dict):
        return {k: _shape(v, depth + 1) for k, v in value.items()} if depth < 3 else "{}"
    if isinstance(value, list):
        return [_shape(value[0], depth + 1)] if value else []
    return type(value).__name__


def differences(real: dict[str, Any], double: dict[str, Any]) -> list[str]:
    return [
        f"{key}:\n  moodle:  {real.get(key)!r}\n  sandbox: {double.get(key)!r}"
        for key in sorted(set(real) | set(double))
        if real.get(key) != double.get(key)
    ]


def test_the_sandbox_shows_each_user_what_moodle_shows(
    lab: Lab, world: World, sandbox_world: tuple[Sandbox, World]
) -> None:
    sandbox, mirror = sandbox_world
    real = view(lab.client, world)
    double = view(lambda token: MoodleClient(sandbox.url, token), mirror)
    assert differences(real, double) == []


def _missing_keys(real: Any, double: Any, path: str) -> list[str]:
    """Keys Moodle sends that the sandbox does not, and leaves of another JSON type."""
    if isinstance(real, dict) and isinstance(double, dict):
        out = [f"{path}.{k}" for k in real if k not in double]
        for k in real:
            if k in double:
                out += _missing_keys(real[k], double[k], f"{path}.{k}")
        return out
    if isinstance(real, list) and isinstance(double, list):
        return _missing_keys(real[0], double[0], f"{path}[]") if real and double else []
    if real != double and "NoneType" not in (real, double):
        return [f"{path}: {real} on Moodle, {double} in the sandbox"]
    return []


def test_the_sandbox_answers_carry_the_fields_moodle_sends(
    lab: Lab, world: World, sandbox_world: tuple[Sandbox, World]
) -> None:
    sandbox, mirror = sandbox_world
    real = raw_keys(lab.client, world)
    double = raw_keys(lambda token: MoodleClient(sandbox.url, token), mirror)
    missing = [m for fn in real for m in _missing_keys(real[fn], double[fn], fn)]
    assert missing == []


def _as(key: str, world: World, client_of: ClientOf) -> MoodleClient:
    return client_of(world.user(key).token)


# Requests both sites must refuse (nothing in the shared world changes), by the error
# class and code the app reads.
REFUSALS: dict[str, Attempt] = {
    "learner locks": lambda w, c: _as("learner1", w, c).set_lock(
        w.forum_id("general"), w.discussion_id("waiting"), 0
    ),
    "learner pins": lambda w, c: _as("learner1", w, c).set_pin(w.discussion_id("waiting"), True),
    "non-editing teacher locks": lambda w, c: _as("teacher", w, c).set_lock(
        w.forum_id("general"), w.discussion_id("answered"), 0
    ),
    "learner replies to a locked discussion": lambda w, c: _as("learner1", w, c).reply(
        w.posts["locked.0"], "Re", "<p>x</p>"
    ),
    "learner deletes another's post": lambda w, c: _as("learner1", w, c).delete_post(
        w.posts["followup.2"]
    ),
    "learner deletes own post after 30 minutes": lambda w, c: _as("learner1", w, c).delete_post(
        w.posts["waiting.0"]
    ),
    "reply to a private reply": lambda w, c: _as("learner2", w, c).reply(
        w.posts["private.1"], "Re", "<p>x</p>"
    ),
    "learner asks in a Q&A": lambda w, c: _as("learner1", w, c).start_discussion(
        w.forum_id("qanda"), "Q", "<p>q</p>", DiscussionOptions()
    ),
    "learner starts in another group": lambda w, c: _as("learner1", w, c).start_discussion(
        w.forum_id("groups"), "G", "<p>g</p>", DiscussionOptions(group_id=w.groups["b"])
    ),
    "learner starts for all groups": lambda w, c: _as("learner1", w, c).start_discussion(
        w.forum_id("groups"), "G", "<p>g</p>", DiscussionOptions()
    ),
    "learner replies in another group": lambda w, c: _as("learner3", w, c).reply(
        w.posts["group_a.0"], "Re", "<p>x</p>"
    ),
    "a course one is not in": lambda w, c: _as("learner2", w, c).discussions(
        w.forum_id("course2"), 0, 10
    ),
    "posts of no discussion": lambda w, c: _as("editor", w, c).discussion_posts(999_999),
    "reply to no post": lambda w, c: _as("editor", w, c).reply(999_999, "Re", "<p>x</p>"),
    "delete no post": lambda w, c: _as("editor", w, c).delete_post(999_999),
    "list no forum": lambda w, c: _as("editor", w, c).discussions(999_999, 0, 10),
}


def _refusal(attempt: Attempt, world: World, client_of: ClientOf) -> str:
    try:
        attempt(world, client_of)
    except PlatformError as exc:
        return f"{type(exc).__name__} {exc.code}"
    return "accepted"


def test_the_sandbox_refuses_what_moodle_refuses(
    lab: Lab, world: World, sandbox_world: tuple[Sandbox, World]
) -> None:
    sandbox, mirror = sandbox_world

    def on_sandbox(token: str) -> MoodleClient:
        return MoodleClient(sandbox.url, token)

    real = {name: _refusal(a, world, lab.client) for name, a in REFUSALS.items()}
    double = {name: _refusal(a, mirror, on_sandbox) for name, a in REFUSALS.items()}
    assert "accepted" not in real.values(), real
    assert differences(real, double) == []


@pytest.mark.parametrize("key", ["editor", "teacher"])
def test_the_app_queues_the_same_on_both_sites(
    lab: Lab, world: World, sandbox_world: tuple[Sandbox, World], tmp_path: Path, key: str
) -> None:
    """A real sync of each site: the same waiting discussions, in the same order."""
    sandbox, mirror = sandbox_world
    queues = []
    for site, made, name in ((lab, world, "moodle"), (SandboxSite(sandbox.url), mirror, "sandbox")):
        store = LiveStore.open(site, made.user(key), tmp_path / f"{name}.sqlite")
        try:
            store.pull()
            names = Names(made)
            queues.append(
                _to_the_hour(
                    lambda entry: entry[1],
                    (
                        (names.discussions[d], _hours_ago(since))
                        for d, since in store.queue()
                        # Only the world's discussions: other tests add theirs on the lab.
                        if d in names.discussions
                    ),
                )
            )
        finally:
            store.close()
    real, double = queues
    assert real == double
    assert real  # the world has waiting discussions for both


def _write_story(world: World, client_of: ClientOf) -> list[object]:
    """One scratch discussion taken through every write, each answer in the world's words."""
    story: list[object] = []

    def step(label: str, action: Callable[[], object]) -> object:
        try:
            result = action()
        except PlatformError as exc:
            story.append((label, f"{type(exc).__name__} {exc.code}"))
            return None
        story.append((label, result))
        return result

    learner, teacher, editor = (_as(k, world, client_of) for k in ("learner2", "teacher", "editor"))
    forum = world.forum_id("scratch")
    opened = learner.start_discussion(forum, "Story", "<p>Help?</p>", DiscussionOptions())
    first = learner.discussion_posts(opened).posts[0].id
    answer = teacher.reply(first, "Re: Story", "<p>Public</p>")
    step("reply in the discussion", lambda: answer.discussion_id == opened)
    aside = teacher.reply(first, "Re: Story", "<p>Private</p>", private=True)
    step("private seen by learner", lambda: aside.post_id in _post_ids(learner, opened))
    step(
        "private hidden from learner1",
        lambda: aside.post_id in _post_ids(_as("learner1", world, client_of), opened),
    )
    lock = editor.set_lock(forum, opened, 0)
    step("lock", lambda: (lock.locked, lock.time_locked > 0))
    step("lock again", lambda: editor.set_lock(forum, opened, 0).locked)
    step("learner replies when locked", lambda: learner.reply(first, "Re", "<p>x</p>").post_id > 0)
    step("teacher replies when locked", lambda: teacher.reply(first, "Re", "<p>x</p>").post_id > 0)
    step("unlock", lambda: editor.set_lock(forum, opened, lock.time_locked).locked)
    step("pin", lambda: editor.set_pin(opened, True))
    step("pin again", lambda: editor.set_pin(opened, True))
    step("unpin", lambda: editor.set_pin(opened, False))
    own = learner.reply(first, "Re", "<p>Oops</p>")
    step("learner deletes own fresh reply", lambda: learner.delete_post(own.post_id))
    step("learner deletes own opener with replies", lambda: learner.delete_post(first))
    step("listed", lambda: opened in _listed(editor, forum))
    step("editor deletes the opener", lambda: editor.delete_post(first))
    step("posts after delete", lambda: len(_post_ids(editor, opened)))
    step(
        "listed after delete",
        lambda: opened in {d.id for d in editor.discussions(forum, 0, 100).items},
    )
    return story


def _listed(client: MoodleClient, forum_id: int) -> set[int]:
    return {d.id for d in client.discussions(forum_id, 0, 100).items}


def _post_ids(client: MoodleClient, discussion_id: int) -> set[int]:
    return {p.id for p in client.discussion_posts(discussion_id).posts}


def test_the_sandbox_takes_writes_as_moodle_does(
    lab: Lab, world: World, sandbox_world: tuple[Sandbox, World]
) -> None:
    sandbox, mirror = sandbox_world
    real = _write_story(world, lab.client)
    double = _write_story(mirror, lambda token: MoodleClient(sandbox.url, token))
    assert (
        differences(
            {str(i): r for i, r in enumerate(real)}, {str(i): d for i, d in enumerate(double)}
        )
        == []
    )
