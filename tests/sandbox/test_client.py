"""The Moodle connector's whole surface against the sandbox, and each fault as a typed error."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from moderator_app.platform import errors
from moderator_app.platform.base import FN_CREATE_POLL
from moderator_app.platform.moodle import MoodleClient, check_site, login
from moderator_app.platform.types import DiscussionOptions, PollSpec
from moderator_app.sandbox import DEMO_PASSWORD, Fault, Sandbox, SiteMode

FN_LIST = "mod_forum_get_forum_discussions"
FN_REPLY = "mod_forum_add_discussion_post"


def _client(sb: Sandbox, username: str, **kwargs: float) -> MoodleClient:
    token = login(sb.url, username, DEMO_PASSWORD).token
    options = {"read_retries": 1, "backoff": 0.0, "timeout": 10.0, **kwargs}
    client = MoodleClient(
        sb.url,
        token,
        read_retries=int(options["read_retries"]),
        backoff=options["backoff"],
        timeout=options["timeout"],
    )
    client.site_info()  # as the app does first: learns the function list
    return client


@pytest.fixture
def moderator(sandbox: Sandbox) -> Iterator[MoodleClient]:
    yield _client(sandbox, "moderator")


def test_sign_in_and_site_check(sandbox: Sandbox) -> None:
    check = check_site(sandbox.url)
    assert check.is_moodle and check.url == sandbox.url
    with pytest.raises(errors.AuthError):
        login(sandbox.url, "moderator", "wrong")
    sandbox.plugin = False
    info = _client(sandbox, "facilitator").site_info()
    assert info.username == "facilitator" and not info.can(FN_CREATE_POLL)


def test_read_surface(sandbox: Sandbox, moderator: MoodleClient) -> None:
    info = moderator.site_info()
    assert info.can(FN_CREATE_POLL) and info.user_id == sandbox.state.user_id("moderator")
    courses = moderator.courses(info.user_id)
    assert {c.fullname for c in courses} == {
        "Communicatievaardigheden",
        "Leidinggeven op afstand",
        "Timemanagement",
    }
    comm = next(c for c in courses if c.shortname == "COMM-2026")
    people = moderator.participants(comm.id)
    staff = {p.username or p.fullname for p in people if p.is_staff}
    assert "moderator" in staff and len(people) - len(staff) == 16
    forums = moderator.forums([c.id for c in courses])
    assert {f.type for f in forums} == {"general", "qanda"}
    questions = next(f for f in forums if f.name == "Vragen aan de begeleider")
    page = moderator.discussions(questions.id, 0, 3)
    assert len(page.items) == 3 and page.maybe_more and page.items[0].pinned
    seen = list(page.items)
    while page.maybe_more:
        page = moderator.discussions(questions.id, page.page + 1, 3)
        seen += page.items
    assert len({d.id for d in seen}) == len(seen) == questions.num_discussions
    followup = next(d for d in seen if d.name.startswith("Feedback op"))
    thread = moderator.discussion_posts(followup.id)
    assert [p.author_id for p in thread.posts][0] == followup.author_id
    assert thread.posts[0].id == followup.first_post_id and thread.course_id == comm.id
    assert moderator.can_add_discussion(questions.id)
    named, anonymous = moderator.choices([comm.id])
    assert named.publish_names and not anonymous.publish_names
    assert len(moderator.choice_options(named.id)) == 3
    results = moderator.choice_results(named.id)
    assert sum(r.count for r in results) == 7 and results[0].responses
    assert all(not r.responses for r in moderator.choice_results(anonymous.id))
    sanne = sandbox.state.user_id("sanne")
    assert [u.fullname for u in moderator.users_by_id([sanne])] == ["Sanne Jansen"]


def test_write_surface(sandbox: Sandbox, moderator: MoodleClient) -> None:
    st = sandbox.state
    forum = st.forum_id("Vragen aan de begeleider")
    discussion = st.discussion_id("Hoe lang moet de reflectie zijn?")
    first = st.discussion(discussion)["firstpost"]  # type: ignore[index]
    new = moderator.reply(first, "Re: reflectie", "<p>Ongeveer 300 woorden.</p>")
    assert new.discussion_id == discussion
    entry = next(d for d in moderator.discussions(forum, 0, 50).items if d.id == discussion)
    assert entry.num_replies == 1 and entry.last_post_user_id == st.user_id("moderator")
    private = _client(sandbox, "facilitator").reply(
        first, "Re: x", "<p>Alleen jij.</p>", private=True
    )
    assert st.post(private.post_id)["privatereplyto"] == st.user_id("lars")  # type: ignore[index]
    started = moderator.start_discussion(
        forum, "Nieuwe starter", "<p>Wat vind jij?</p>", DiscussionOptions(pinned=True)
    )
    assert st.discussion(started)["pinned"] == 1  # type: ignore[index]
    lock = moderator.set_lock(forum, discussion, 0)
    assert lock.locked and lock.time_locked > 0
    assert not moderator.set_lock(forum, discussion, lock.time_locked).locked
    moderator.set_pin(discussion, True)
    moderator.set_pin(discussion, False)
    moderator.delete_post(new.post_id)
    assert st.post(new.post_id) is None
    course = int(st.value("SELECT id FROM courses WHERE shortname = 'COMM-2026'"))
    spec = PollSpec(
        course_id=course, name="Welke dag?", options=(("Ma", 0), ("Di", 0)), client_ref="draft-1"
    )
    made = moderator.create_poll(spec)
    assert made.created and not moderator.create_poll(spec).created
    sent = moderator.send_message(st.user_id("lotte"), "<p>Beantwoord.</p>", "md-7")
    assert sent.message_id > 0 and sent.client_msg_id == "md-7"


def test_permission_and_not_found_errors(sandbox: Sandbox) -> None:
    st = sandbox.state
    sanne = _client(sandbox, "sanne")
    forum = st.forum_id("Vragen aan de begeleider")
    discussion = st.discussion_id("Hoe lang moet de reflectie zijn?")
    with pytest.raises(errors.PermissionDenied):
        sanne.set_lock(forum, discussion, 0)
    with pytest.raises(errors.PermissionDenied):
        sanne.set_pin(discussion, True)
    with pytest.raises(errors.NotFound):
        sanne.discussion_posts(999999)
    with pytest.raises(errors.NotFound):
        sanne.discussions(999999, 0, 10)
    sandbox.plugin = False
    moderator = _client(sandbox, "moderator")
    spec = PollSpec(course_id=1, name="x", options=(("a", 0), ("b", 0)), client_ref="r")
    with pytest.raises(errors.Unavailable):
        moderator.create_poll(spec)


def test_policy_not_agreed(sandbox: Sandbox) -> None:
    youssef = _client(sandbox, "youssef")
    course = int(sandbox.state.value("SELECT id FROM courses WHERE shortname = 'COMM-2026'"))
    with pytest.raises(errors.PolicyNotAgreed):
        youssef.participants(course)
    with pytest.raises(errors.PolicyNotAgreed):
        youssef.discussions(sandbox.state.forum_id("Stel je voor"), 0, 10)


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        (Fault.http_500(), errors.Transient),
        (Fault.invalid_json(), errors.ProtocolError),
        (Fault.moodle_exception("nopermissions"), errors.PermissionDenied),
        (Fault.moodle_exception("invalidrecord"), errors.NotFound),
        (Fault.moodle_exception("invalidtoken"), errors.AuthError),
        (Fault.expired_token(), errors.AuthError),
        (Fault.drop(), errors.Transient),
        (Fault.latency(5), errors.Transient),
    ],
    ids=[
        "500",
        "json",
        "nopermissions",
        "invalidrecord",
        "invalidtoken",
        "expired",
        "drop",
        "latency",
    ],
)
def test_each_fault_reaches_the_client_typed(
    sandbox: Sandbox, fault: Fault, expected: type[errors.PlatformError]
) -> None:
    client = _client(sandbox, "moderator", timeout=0.5)
    sandbox.faults.set(FN_LIST, fault)
    with pytest.raises(expected) as caught:
        client.discussions(sandbox.state.forum_id("Stel je voor"), 0, 10)
    assert caught.value.function == FN_LIST


@pytest.mark.parametrize("after_write", [False, True])
def test_a_dropped_write_is_reported_as_maybe_applied(
    sandbox: Sandbox, moderator: MoodleClient, after_write: bool
) -> None:
    discussion = sandbox.state.discussion_id("Hoe lang moet de reflectie zijn?")
    first = sandbox.state.discussion(discussion)["firstpost"]  # type: ignore[index]
    sandbox.faults.set(FN_REPLY, Fault.drop(after_write=after_write))
    with pytest.raises(errors.Transient) as caught:
        moderator.reply(first, "Re: x", "<p>Antwoord</p>")
    assert caught.value.maybe_applied
    assert sandbox.requests[FN_REPLY] == 1  # a write is never re-sent
    replies = len(sandbox.state.posts_in(discussion)) - 1
    assert replies == (1 if after_write else 0)


def test_site_switches_reach_the_client_typed(sandbox: Sandbox, moderator: MoodleClient) -> None:
    sandbox.mode = SiteMode.WEBSERVICES_OFF
    with pytest.raises(errors.Unavailable):
        moderator.site_info()
    sandbox.mode = SiteMode.MAINTENANCE
    with pytest.raises(errors.Transient):
        moderator.site_info()
    sandbox.mode = SiteMode.MOBILE_SERVICE_OFF
    with pytest.raises(errors.Unavailable):
        login(sandbox.url, "moderator", DEMO_PASSWORD)
