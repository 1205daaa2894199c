"""Sign-in, tokens, the site policy, site switches and restarting on the same file."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import requests

from moderator_app.sandbox import DEMO_PASSWORD, Sandbox, SiteMode
from moderator_app.sandbox.registry import REGISTRY
from tests.sandbox.conftest import Ws


def _login(sb: Sandbox, username: str, password: str = DEMO_PASSWORD, **extra: str) -> Any:
    data = {"username": username, "password": password, "service": "moodle_mobile_app", **extra}
    return requests.post(f"{sb.url}/login/token.php", data=data, timeout=10).json()


def test_login_gives_a_working_token_stored_only_as_a_hash(sandbox: Sandbox) -> None:
    answer = _login(sandbox, " Moderator ")  # trimmed and lower-cased like Moodle
    token = answer["token"]
    assert len(token) == 32
    me = Ws(sandbox.url, token).ok("core_webservice_get_site_info")
    assert me["username"] == "moderator" and me["siteurl"] == sandbox.url
    stored = sandbox.db_path.read_bytes() + Path(f"{sandbox.db_path}-wal").read_bytes()
    assert token.encode() not in stored
    hashes = [r["pwhash"] for r in sandbox.state.rows("SELECT pwhash FROM users")]
    assert len(set(hashes)) == len(hashes)  # same password, different salts


def test_login_errors_have_moodles_login_shape(sandbox: Sandbox) -> None:
    wrong = _login(sandbox, "moderator", "not-the-password")
    assert wrong["errorcode"] == "invalidlogin"
    assert set(wrong) == {"error", "errorcode", "stacktrace", "debuginfo", "reproductionlink"}
    assert _login(sandbox, "moderator", service="other")["errorcode"] == "servicenotavailable"
    check = requests.post(f"{sandbox.url}/login/token.php", data={"appsitecheck": "1"}, timeout=10)
    assert check.json() == {"appsitecheck": "ok"}


def test_unknown_and_expired_tokens(sandbox: Sandbox) -> None:
    assert Ws(sandbox.url, "0" * 32).error("core_webservice_get_site_info") == "invalidtoken"
    daan = Ws(sandbox.url, sandbox.token_for("daan"))
    sandbox.state.expire_tokens(sandbox.state.user_id("daan"))
    assert daan.error("core_webservice_get_site_info") == "accessexception"
    assert daan.error("core_webservice_get_site_info") == "invalidtoken"  # deleted by then


def test_policy_not_agreed_until_the_user_agrees(sandbox: Sandbox, as_user: Any) -> None:
    youssef = as_user("youssef")
    course = sandbox.state.value("SELECT id FROM courses WHERE shortname = 'COMM-2026'")
    forum = sandbox.state.forum_id("Stel je voor")
    assert youssef.ok("core_webservice_get_site_info")["username"] == "youssef"
    assert youssef.ok("mod_forum_get_forums_by_courses", {"courseids[0]": course}) == []
    assert youssef.error("core_enrol_get_enrolled_users", {"courseid": course}) == (
        "errorcoursecontextnotvalid"
    )
    assert youssef.error("mod_forum_get_forum_discussions", {"forumid": forum}) == (
        "sitepolicynotagreed"
    )
    assert youssef.ok("core_user_agree_site_policy")["status"] is True
    assert youssef.ok("mod_forum_get_forums_by_courses", {"courseids[0]": course}) != []
    assert youssef.ok("core_user_agree_site_policy")["status"] is False


def test_participants_roles_groups_and_paging(sandbox: Sandbox, as_user: Any) -> None:
    moderator = as_user("moderator")
    leid = sandbox.state.value("SELECT id FROM courses WHERE shortname = 'LEID-2026'")
    people = moderator.ok("core_enrol_get_enrolled_users", {"courseid": leid})
    roles = {p["id"]: [r["shortname"] for r in p["roles"]] for p in people}
    assert roles[sandbox.state.user_id("moderator")] == ["editingteacher"]
    assert roles[sandbox.state.user_id("facilitator")] == ["teacher"]
    sanne = next(p for p in people if p["id"] == sandbox.state.user_id("sanne"))
    assert [g["name"] for g in sanne["groups"]] == ["Groep A"]
    page = moderator.ok(
        "core_enrol_get_enrolled_users",
        [
            ("courseid", leid),
            ("options[0][name]", "userfields"),
            ("options[0][value]", "id,fullname,roles"),
            ("options[1][name]", "limitfrom"),
            ("options[1][value]", "2"),
            ("options[2][name]", "limitnumber"),
            ("options[2][value]", "3"),
        ],
    )
    assert [p["id"] for p in page] == [p["id"] for p in people][2:5]
    assert set(page[0]) == {"id", "fullname", "roles"}


def test_messages_and_profiles(sandbox: Sandbox, as_user: Any) -> None:
    lotte = sandbox.state.user_id("lotte")
    sent = as_user("moderator").ok(
        "core_message_send_instant_messages",
        {
            "messages[0][touserid]": lotte,
            "messages[0][text]": "<p>Beantwoord!</p>",
            "messages[0][textformat]": 1,
            "messages[0][clientmsgid]": "md-1",
        },
    )
    assert sent[0]["clientmsgid"] == "md-1" and sent[0]["msgid"] > 0
    assert [m["text"] for m in sandbox.state.messages_to(lotte)] == ["<p>Beantwoord!</p>"]
    profiles = as_user("moderator").ok(
        "core_user_get_users_by_field", {"field": "id", "values[0]": lotte, "values[1]": 99999}
    )
    assert [p["fullname"] for p in profiles] == ["Lotte Bos"]


def test_site_switches(sandbox: Sandbox, as_user: Any) -> None:
    moderator = as_user("moderator")
    sandbox.mode = SiteMode.WEBSERVICES_OFF
    assert moderator.raw("core_webservice_get_site_info").status_code == 403
    assert _login(sandbox, "moderator")["errorcode"] == "enablewsdescription"
    sandbox.mode = SiteMode.MAINTENANCE
    assert moderator.raw("core_webservice_get_site_info").status_code == 503
    sandbox.mode = SiteMode.MOBILE_SERVICE_OFF
    assert moderator.error("core_webservice_get_site_info") == "accessexception"
    sandbox.mode = SiteMode.NORMAL
    assert moderator.ok("core_webservice_get_site_info")["username"] == "moderator"
    assert requests.get(f"{sandbox.url}/nothing.php", timeout=10).status_code == 404


def test_restart_on_the_same_file_keeps_state_and_tokens(tmp_path: Path) -> None:
    db = tmp_path / "site.sqlite"
    with Sandbox.start(db) as first:
        token = first.token_for("moderator")
        forum = first.state.forum_id("Stel je voor")
        made = Ws(first.url, token).ok(
            "mod_forum_add_discussion",
            {"forumid": forum, "subject": "Na de herstart", "message": "<p>x</p>"},
        )
    with Sandbox.start(db, seed=None) as second:
        again = Ws(second.url, token)
        listing = again.ok("mod_forum_get_forum_discussions", {"forumid": forum})
        assert made["discussionid"] in [d["discussion"] for d in listing["discussions"]]
        assert len(second.state.rows("SELECT id FROM courses")) == 3  # not seeded twice


def test_a_handler_bug_answers_like_moodle_and_logs_no_text(
    sandbox: Sandbox, as_user: Any, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    name = "core_webservice_get_site_info"
    real = REGISTRY[name]

    def broken(ctx: Any, params: Any) -> Any:
        raise ValueError("Sanne schreef iets persoonlijks")

    monkeypatch.setitem(REGISTRY, name, replace(real, handler=broken))
    with caplog.at_level(logging.ERROR, logger="moderator_app.sandbox"):
        assert as_user("sanne").error(name) == "codingerror"
    assert "ValueError" in caplog.text and "broken" in caplog.text
    assert "persoonlijks" not in caplog.text
