"""Every recorded error answer maps to one typed error with a usable message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from moderator_app.platform.errors import (
    AuthError,
    InvalidInput,
    NotFound,
    PermissionDenied,
    PlatformError,
    PolicyNotAgreed,
    Transient,
    Unavailable,
)
from moderator_app.platform.moodle import MoodleClient
from moderator_app.platform.types import DiscussionOptions
from tests.contract.helpers import assert_sent_like, client_for
from tests.replay_server import ReplayServer

Call = Callable[[MoodleClient], Any]
HTML = {"messageformat": "1"}
ADD_OPTIONS = {
    "options[0][name]": "discussionsubscribe",
    "options[0][value]": "1",
    "options[1][name]": "discussionpinned",
    "options[1][value]": "0",
}
PAGE = {"sortorder": "1", "page": "0", "perpage": "50"}
ORDER = {"sortby": "created", "sortdirection": "ASC"}

CASES: list[tuple[str, Call, type[PlatformError], str, dict[str, str]]] = [
    # name, call, error, errorcode, pairs we send that the recording lacks
    (
        "013-enrolled-users-not-enrolled",
        lambda c: c.participants(4),
        PermissionDenied,
        "errorcoursecontextnotvalid",
        {},
    ),
    (
        "028-discussions-bad-forum",
        lambda c: c.discussions(999999, 0, 50),
        NotFound,
        "Unable to find forum with id 999999",
        PAGE,
    ),
    ("038-posts-bad-discussion", lambda c: c.discussion_posts(999999), NotFound, "", ORDER),
    (
        "046-reply-locked",
        lambda c: c.reply(15, "Re: x", "<p>Nog een vraag</p>"),
        PermissionDenied,
        "nopostforum",
        HTML,
    ),
    (
        "048-reply-bad-post",
        lambda c: c.reply(999999, "Re: x", "<p>x</p>"),
        NotFound,
        "invalidparentpostid",
        HTML,
    ),
    (
        "050-add-discussion-learner-qanda",
        lambda c: c.start_discussion(3, "Mag ik ook?", "<p>x</p>", DiscussionOptions()),
        PermissionDenied,
        "cannotcreatediscussion",
        ADD_OPTIONS,
    ),
    ("054-lock-learner", lambda c: c.set_lock(2, 3, 0), PermissionDenied, "errorcannotlock", {}),
    ("057-pin-learner", lambda c: c.set_pin(3, True), PermissionDenied, "cannotpindiscussions", {}),
    (
        "059-delete-post-learner-other",
        lambda c: c.delete_post(61),
        PermissionDenied,
        "cannotdeletepost",
        {},
    ),
    ("061-delete-post-again", lambda c: c.delete_post(61), NotFound, "invalidpostid", {}),
    ("073-invalid-token", lambda c: c.site_info(), AuthError, "invalidtoken", {}),
    (
        "075-unknown-function",
        lambda c: c.call("no_such_function"),
        Unavailable,
        "invalidrecord",
        {},
    ),
    ("077-expired-token", lambda c: c.site_info(), AuthError, "accessexception", {}),
    (
        "081-policy-not-agreed-course",
        lambda c: c.participants(2),
        PolicyNotAgreed,
        "errorcoursecontextnotvalid",
        {},
    ),
    ("083-ws-mobile-service-off", lambda c: c.site_info(), AuthError, "accessexception", {}),
    ("085-ws-webservices-off", lambda c: c.site_info(), Unavailable, "http403", {}),
]


@pytest.mark.parametrize("name, call, error, code, extra", CASES, ids=[c[0] for c in CASES])
def test_recorded_error(
    name: str, call: Call, error: type[PlatformError], code: str, extra: dict[str, str]
) -> None:
    with (
        ReplayServer([name], match="subset") as server,
        pytest.raises(error) as caught,
    ):
        call(client_for(server.url))
        assert server.unmatched == []
        assert_sent_like(server.received[0], name, extra=extra)
        assert len(server.received) == 1  # errors with an answer are not retried
    assert type(caught.value) is error
    assert caught.value.code == code
    assert caught.value.function == server.received[0].function
    assert caught.value.message  # something a person can read


def test_wrong_parameter_type_is_invalid_input() -> None:
    # Our typed API cannot send forumid=abc; the answer's mapping is what matters.
    with (
        ReplayServer(["029-discussions-bad-param"], match="function") as server,
        pytest.raises(InvalidInput) as caught,
    ):
        client_for(server.url).discussions(2, 0, 50)
    assert caught.value.code == "invalidparameter"


def test_policy_not_agreed_says_what_to_do() -> None:
    with (
        ReplayServer(["081-policy-not-agreed-course"]) as server,
        pytest.raises(PolicyNotAgreed, match="site policy in your browser"),
    ):
        client_for(server.url).participants(2)


def test_plugin_error_is_about_the_plugin_but_other_functions_are_not() -> None:
    with ReplayServer(["075-unknown-function"]) as server, pytest.raises(Unavailable) as caught:
        client_for(server.url).call("no_such_function")
    assert "plugin" not in caught.value.message


def test_function_outside_service_once_site_functions_are_known() -> None:
    """accessexception: not in the service (Unavailable) vs expired token (AuthError)."""
    with ReplayServer(["007-site-info", "074-function-not-in-service"]) as server:
        client = client_for(server.url)
        client.site_info()
        with pytest.raises(Unavailable) as caught:
            client.call("core_user_create_users")
    assert caught.value.code == "accessexception"


def test_access_exception_without_site_functions_asks_to_sign_in() -> None:
    with (
        ReplayServer(["074-function-not-in-service"]) as server,
        pytest.raises(AuthError) as caught,
    ):
        client_for(server.url).call("core_user_create_users")
    assert not isinstance(caught.value, PolicyNotAgreed)


def test_maintenance_is_transient_after_retries() -> None:
    with (
        ReplayServer(["087-ws-maintenance"]) as server,
        pytest.raises(Transient) as caught,
    ):
        client_for(server.url, read_retries=2).site_info()
        assert len(server.received) == 3  # a read is retried: 1 + 2 retries
    assert caught.value.code == "http503" and not caught.value.maybe_applied


def test_maintenance_then_back_is_a_normal_answer() -> None:
    with ReplayServer(["087-ws-maintenance", "007-site-info"]) as server:
        info = client_for(server.url, read_retries=2).site_info()
        assert len(server.received) == 2
    assert info.user_id == 3
