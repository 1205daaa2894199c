"""Every HTML body the connector sends arrives at the site cleaned (platform/moodle_html.py).

The sandbox stores what it is sent as it is, like a Moodle whose own cleaning is off
(``$CFG->forceclean`` unset and a trusted-text role), so what it holds is what we sent.
"""

from __future__ import annotations

import pytest

from moderator_app.platform import errors
from moderator_app.platform.moodle import MoodleClient, login
from moderator_app.platform.types import DiscussionOptions, PollSpec
from moderator_app.sandbox import DEMO_PASSWORD, Sandbox

HOSTILE = (
    "<p>Goed gedaan!</p>"
    "<script>alert('x')</script>"
    '<a href="java&#9;script:alert(1)">meer</a>'
    '<img src="data:image/png;base64,AAAA" alt="beeld" onerror="alert(1)">'
    '<form><button formaction="javascript:alert(1)">klik</button></form>'
    "<p style=\"background-image:url('https://evil.example/t.png')\">Tot zo</p>"
)
SENT = '<p>Goed gedaan!</p><a>meer</a><img alt="beeld"><p>Tot zo</p>'


def _moderator(sb: Sandbox) -> MoodleClient:
    client = MoodleClient(sb.url, login(sb.url, "moderator", DEMO_PASSWORD).token, timeout=10.0)
    client.site_info()
    return client


def test_every_html_body_arrives_cleaned(sandbox: Sandbox) -> None:
    st = sandbox.state
    moderator = _moderator(sandbox)
    forum = st.forum_id("Vragen aan de begeleider")
    discussion = st.discussion_id("Hoe lang moet de reflectie zijn?")
    first = st.discussion(discussion)["firstpost"]  # type: ignore[index]

    reply = moderator.reply(first, "Re: reflectie", HOSTILE)
    assert st.post(reply.post_id)["message"] == SENT  # type: ignore[index]

    started = moderator.start_discussion(forum, "Starter", HOSTILE, DiscussionOptions())
    first_of_new = st.discussion(started)["firstpost"]  # type: ignore[index]
    assert st.post(first_of_new)["message"] == SENT  # type: ignore[index]

    lotte = st.user_id("lotte")
    moderator.send_message(lotte, HOSTILE, "md-html-1")
    assert [m["text"] for m in st.messages_to(lotte)][-1] == SENT

    course = int(st.value("SELECT id FROM courses WHERE shortname = 'COMM-2026'"))
    spec = PollSpec(
        course_id=course, name="Dag?", options=(("Ma", 0), ("Di", 0)), client_ref="html-1",
        intro=HOSTILE,
    )  # fmt: skip
    made = moderator.create_poll(spec)
    assert st.choice(made.choice_id)["intro"] == SENT  # type: ignore[index]


def test_a_body_with_nothing_left_after_cleaning_is_refused_unsent(sandbox: Sandbox) -> None:
    moderator = _moderator(sandbox)
    discussion = sandbox.state.discussion_id("Hoe lang moet de reflectie zijn?")
    first = sandbox.state.discussion(discussion)["firstpost"]  # type: ignore[index]
    before = len(sandbox.state.posts_in(discussion))
    with pytest.raises(errors.InvalidInput):
        moderator.reply(first, "Re: x", "<script>alert(1)</script>")
    assert len(sandbox.state.posts_in(discussion)) == before
