"""Every write the client makes, replayed against its Moodle 4.2 recording."""

from __future__ import annotations

import pytest

from moderator_app.platform.errors import InvalidInput, PermissionDenied, Unavailable
from moderator_app.platform.types import DiscussionOptions, PollSpec
from tests.contract.helpers import assert_sent_like, client_for
from tests.replay_server import Exchange, ReplayServer

REPLY_SUBJECT = "Re: Hoe lang moet de reflectie zijn?"


def test_reply_with_subscribe() -> None:
    with ReplayServer(["041-reply"]) as server:
        new = client_for(server.url).reply(
            6,
            REPLY_SUBJECT,
            "<p>Ongeveer <strong>300 woorden</strong> is genoeg.</p>",
            subscribe=True,
        )
        assert_sent_like(server.received[0], "041-reply")
    assert (new.post_id, new.discussion_id, new.time_created) == (59, 3, 1795508281)


def test_private_reply() -> None:
    with ReplayServer(["044-reply-private"], match="subset") as server:
        new = client_for(server.url).reply(
            11,
            "Re: Feedback op mijn casus: anoniem?",
            "<p>Alleen jij ziet dit antwoord.</p>",
            private=True,
        )
        # We always say the message is HTML (Moodle's default too).
        assert_sent_like(server.received[0], "044-reply-private", extra={"messageformat": "1"})
    assert new.post_id == 60


def test_reply_without_options_sends_none() -> None:
    with ReplayServer(["045-reply-learner"], match="subset") as server:
        new = client_for(server.url).reply(6, REPLY_SUBJECT, "<p>Dank je!</p>")
        assert_sent_like(server.received[0], "045-reply-learner", extra={"messageformat": "1"})
    assert new.post_id == 61


@pytest.mark.parametrize("message", ["", "   ", "\n\t"])
def test_empty_reply_refused_before_sending(message: str) -> None:
    # Moodle would publish an empty reply (recording 047): the client must refuse.
    with ReplayServer(["047-reply-empty-message"], match="function") as server:
        with pytest.raises(InvalidInput):
            client_for(server.url).reply(6, "Re: x", message)
        assert server.received == []


def test_start_discussion() -> None:
    # Recorded without a group id; the app now sends -1 ("all participants", as Moodle's
    # own form does): without it a separate-groups forum stores group 0, seen by no learner.
    with ReplayServer(["049-add-discussion"], match="subset") as server:
        discussion_id = client_for(server.url).start_discussion(
            1,
            "Gespreksstarter: welke feedback hielp jou het meest?",
            "<p>Neem even de tijd om na te denken en deel dan een voorbeeld.</p>",
            DiscussionOptions(),
        )
        assert_sent_like(server.received[0], "049-add-discussion", extra={"groupid": "-1"})
    assert discussion_id == 39


def test_start_discussion_in_a_group() -> None:
    with ReplayServer(["051-add-discussion-group"], match="subset") as server:
        discussion_id = client_for(server.url).start_discussion(
            5, "Vraag voor groep A", "<p>Wat werkt voor jullie?</p>", DiscussionOptions(group_id=1)
        )
        assert_sent_like(
            server.received[0],
            "051-add-discussion-group",
            extra={
                "options[0][name]": "discussionsubscribe",
                "options[0][value]": "1",
                "options[1][name]": "discussionpinned",
                "options[1][value]": "0",
            },
        )
    assert discussion_id == 40


def test_lock_then_unlock_with_the_lock_time() -> None:
    with ReplayServer(["052-lock"]) as server:
        locked = client_for(server.url).set_lock(2, 3, 0)
        assert_sent_like(server.received[0], "052-lock")
    assert locked.locked and locked.time_locked == 1795508282 and locked.discussion_id == 3
    with ReplayServer(["053-unlock"]) as server:
        # The recording unlocked with targetstate 1: any non-zero value unlocks.
        unlocked = client_for(server.url).set_lock(2, 3, 1)
        assert_sent_like(server.received[0], "053-unlock")
    assert not unlocked.locked and unlocked.time_locked == 0


@pytest.mark.parametrize("name, pinned", [("055-pin", True), ("056-unpin", False)])
def test_pin_and_unpin(name: str, pinned: bool) -> None:
    with ReplayServer([name]) as server:
        client_for(server.url).set_pin(3, pinned)
        assert_sent_like(server.received[0], name)


def test_delete_post() -> None:
    with ReplayServer(["060-delete-post"]) as server:
        client_for(server.url).delete_post(61)
        assert_sent_like(server.received[0], "060-delete-post")


def test_send_message() -> None:
    with ReplayServer(["071-send-message"]) as server:
        sent = client_for(server.url).send_message(
            13, "<p>Hoi Lotte, je vraag is beantwoord.</p>", "md-0001"
        )
        assert_sent_like(server.received[0], "071-send-message")
    assert (sent.message_id, sent.client_msg_id) == (1, "md-0001")


def test_send_message_refused_per_message() -> None:
    # Moodle reports a per-message failure as msgid -1, not as an exception.
    answer = [
        {
            "msgid": -1,
            "clientmsgid": "md-2",
            "text": "x",
            "timecreated": 0,
            "conversationid": 0,
            "useridfrom": 3,
            "errormessage": "blocked",
        }
    ]
    exchange = Exchange.json(
        "/webservice/rest/server.php", answer, function="core_message_send_instant_messages"
    )
    with ReplayServer([exchange]) as server, pytest.raises(PermissionDenied):
        client_for(server.url).send_message(13, "<p>x</p>", "md-2")


SPEC = PollSpec(
    course_id=2,
    name="Welke dag past?",
    options=(("Maandag", 0), ("Dinsdag", 5)),
    client_ref="3f2c9a",
    intro="<p>Kies</p>",
    allow_update=True,
    show_results=3,
)


def test_create_poll_encodes_the_plugin_contract() -> None:
    answer = {"cmid": 41, "choiceid": 9, "created": 1, "warnings": []}
    exchange = Exchange.json(
        "/webservice/rest/server.php", answer, function="local_moderatordesk_create_choice"
    )
    with ReplayServer([exchange]) as server:
        created = client_for(server.url).create_poll(SPEC)
        params = server.received[0].params()
    assert (created.cmid, created.choice_id, created.created) == (41, 9, True)
    assert {k: v for k, v in params.items() if k.startswith("options")} == {
        "options[0][text]": "Maandag",
        "options[0][maxanswers]": "0",
        "options[1][text]": "Dinsdag",
        "options[1][maxanswers]": "5",
    }
    assert params["courseid"] == "2" and params["clientref"] == "3f2c9a"
    assert (params["allowupdate"], params["allowmultiple"], params["showresults"]) == (
        "1",
        "0",
        "3",
    )
    assert params["visible"] == "1" and params["publish"] == "0"


def test_create_poll_again_reports_not_created() -> None:
    answer = {"cmid": 41, "choiceid": 9, "created": 0, "warnings": []}
    exchange = Exchange.json(
        "/webservice/rest/server.php", answer, function="local_moderatordesk_create_choice"
    )
    with ReplayServer([exchange]) as server:
        assert client_for(server.url).create_poll(SPEC).created is False


def test_create_poll_without_plugin() -> None:
    with ReplayServer(["070-create-choice-missing-plugin"], match="subset") as server:
        with pytest.raises(Unavailable, match="plugin is not installed") as caught:
            client_for(server.url).create_poll(SPEC)
        # The recording sent only courseid; everything we send includes it.
        assert_sent_like(
            server.received[0],
            "070-create-choice-missing-plugin",
            extra={
                k: v
                for k, v in server.received[0].form
                if k
                not in {
                    "wstoken",
                    "moodlewsrestformat",
                    "wsfunction",
                    "moodlewssettingfilter",
                    "moodlewssettingfileurl",
                    "moodlewssettinglang",
                    "courseid",
                }
            },
        )
    assert caught.value.code == "invalidrecord"
