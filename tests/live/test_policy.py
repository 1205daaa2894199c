"""A site policy the moderator has not agreed to, on the real Moodle: lists answer with
nothing (no error), site info does not say; the app must report it as a state, keep
its store, say where to read the policy, and with core's handler accept it.

Safety on a shared site: the policy is current for one test user only and for a few
seconds (php/policy_window.php: every other user not yet agreed is marked agreed first,
the setting and every flag are put back in a finally). It refuses to start when any
policy or handler is already set (someone else's window).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from moderator_app.platform.errors import PolicyNotAgreed
from moderator_app.platform.types import SitePolicy
from tests.live.cases import PHP_DIR, make_case
from tests.live.lab import Lab

POLICY_URL = "https://example.org/moderator-desk-live-policy.html"
WINDOW = PHP_DIR / "policy_window.php"


def test_a_policy_not_agreed_is_reported_then_accepted_from_the_app(
    lab: Lab, tmp_path: Path
) -> None:
    case = make_case(lab, learners=1)
    did = case.start(case.learners[0], "Waiting before the policy")
    store = case.store(tmp_path / "moderator.sqlite")
    client = lab.client(case.moderator.token)
    state = tmp_path / "policy_window.json"
    try:
        store.pull()
        assert [d for d, _ in store.queue()] == [did]
        begun = lab.php(WINDOW, "begin", state, case.moderator.id, POLICY_URL)
        if not begun["begun"]:
            pytest.skip(f"a site policy is in use on this site already: {begun}")
        try:
            assert client.courses(case.moderator.id) == []  # no error: just nothing
            site_info = client.site_info()  # works, and says nothing of the policy
            assert site_info.user_id == case.moderator.id

            report = store.engine().run()

            assert isinstance(report.error, PolicyNotAgreed)
            assert report.site_policy == SitePolicy("", POLICY_URL, f"{lab.url}/user/policy.php")
            assert report.courses_removed == 0
            assert [d for d, _ in store.queue()] == [did]  # the store was left alone

            assert client.agree_site_policy()
            assert client.pending_site_policy() is None
            again = store.engine().run()
            assert again.ok and again.site_policy is None and again.courses == 1
        finally:
            lab.php(WINDOW, "end", state)
        left = lab.sql("SELECT value FROM mdl_config WHERE name = 'sitepolicy'")
        assert left == [{"value": ""}]
    finally:
        store.close()


def test_with_tool_policy_the_app_sends_the_moderator_to_the_site(lab: Lab, tmp_path: Path) -> None:
    case = make_case(lab, learners=0)
    client = lab.client(case.moderator.token)
    state = tmp_path / "policy_window.json"
    begun = lab.php(WINDOW, "begin_tool", state, case.moderator.id)
    if not begun["begun"]:
        pytest.skip(f"a site policy is in use on this site already: {begun}")
    store = case.store(tmp_path / "moderator.sqlite")
    try:
        policy = client.pending_site_policy()
        report = store.engine().run()
    finally:
        lab.php(WINDOW, "end", state)
        store.close()
    expected = SitePolicy(
        "tool_policy",
        f"{lab.url}/admin/tool/policy/viewall.php",
        f"{lab.url}/admin/tool/policy/index.php",
    )
    assert policy == expected and not expected.accept_here
    assert isinstance(report.error, PolicyNotAgreed) and report.site_policy == expected
    assert lab.sql(
        "SELECT value FROM mdl_config WHERE name IN ('sitepolicy', 'sitepolicyhandler')"
    ) == [{"value": ""}, {"value": ""}]


def test_without_a_policy_nothing_waits(lab: Lab) -> None:
    case = make_case(lab, learners=0)
    assert lab.client(case.moderator.token).pending_site_policy() is None
