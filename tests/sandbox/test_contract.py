"""The sandbox answers like the recorded Moodle 4.2 site: same keys, same JSON types.

Every exchange in tests/fixtures/moodle-4.2 is replayed, in recorded order (later
recordings show the effect of earlier writes), against one demo sandbox: the same
function, the same role, the recorded parameters with ids translated to the
sandbox's. Then the answer's structure is compared with the recording: the same keys
at every level, the same JSON types (null only where Moodle sent null), lists
compared by their first element and empty where Moodle's was empty.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests

from moderator_app.sandbox import DEMO_PASSWORD, Sandbox, SiteMode
from tests.conftest import FIXTURES_DIR

FILES = sorted(FIXTURES_DIR.glob("*.json"))
_COMMON = {
    "wstoken",
    "moodlewsrestformat",
    "wsfunction",
    "moodlewssettingfilter",
    "moodlewssettingfileurl",
    "moodlewssettinglang",
}

# Whose token each recording used (by the stand-in token's first characters).
_TOKEN_USERS = {
    "97f20a": "moderator",
    "956045": "facilitator",
    "75e697": "sanne",
    "c5649f": "lotte",
    "f1b12a": "daan",
    "f07b7c": "youssef",
}

# Site switches in force while an exchange is replayed.
_MODES = {
    "082": SiteMode.MOBILE_SERVICE_OFF,
    "083": SiteMode.MOBILE_SERVICE_OFF,
    "084": SiteMode.WEBSERVICES_OFF,
    "085": SiteMode.WEBSERVICES_OFF,
    "086": SiteMode.MAINTENANCE,
    "087": SiteMode.MAINTENANCE,
}


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    for kind, name in (
        (bool, "bool"),
        (int, "int"),
        (float, "float"),
        (str, "str"),
        (list, "list"),
        (dict, "object"),
    ):
        if isinstance(value, kind):
            return name
    return type(value).__name__


def shape_diff(recorded: Any, got: Any, path: str = "$") -> list[str]:
    """Where `got` differs in structure from `recorded` (empty: same shape)."""
    want, have = _json_type(recorded), _json_type(got)
    if want != have:
        return [f"{path}: Moodle sent {want}, sandbox sent {have}"]
    if isinstance(recorded, dict):
        problems = [f"{path}: missing key {k!r}" for k in recorded if k not in got]
        problems += [f"{path}: extra key {k!r}" for k in got if k not in recorded]
        for key in recorded:
            if key in got:
                problems += shape_diff(recorded[key], got[key], f"{path}.{key}")
        return problems
    if isinstance(recorded, list):
        if not recorded:
            return [] if not got else [f"{path}: Moodle sent an empty list, sandbox did not"]
        if not got:
            return [f"{path}: sandbox sent an empty list"]
        return shape_diff(recorded[0], got[0], f"{path}[0]")
    return []


def test_shape_diff_catches_differences() -> None:
    """The comparison itself must notice a renamed key, a type change and a null."""
    recorded = {"a": 1, "b": [{"c": "x", "d": None}], "e": 1.5}
    assert shape_diff(recorded, {"a": 2, "b": [{"c": "y", "d": None}], "e": 2.0}) == []
    assert shape_diff(recorded, {"a": True, "b": [{"c": "y", "d": None}], "e": 2.0})
    assert shape_diff(recorded, {"a": 2, "b": [{"c": "y", "d": 3}], "e": 2.0})
    assert shape_diff(recorded, {"a": 2, "b": [{"c": "y"}], "e": 2.0})
    assert shape_diff(recorded, {"a": 2, "b": [], "e": 2.0})
    assert shape_diff(recorded, {"a": 2, "b": [{"c": "y", "d": None}], "e": 2})


@dataclass
class Replay:
    """Translates the recording's ids into the sandbox's, learning new ones as it goes."""

    sb: Sandbox
    ids: dict[str, dict[int, int]] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    results: dict[str, tuple[dict[str, Any], requests.Response]] = field(default_factory=dict)

    def token(self, recorded_token: str) -> str:
        user = _TOKEN_USERS.get(recorded_token[:6])
        if user is None:
            return recorded_token  # the recording's unknown token stays unknown here
        if user not in self.tokens:
            self.tokens[user] = self.sb.token_for(user)
        return self.tokens[user]

    def translate(self, key: str, value: str) -> str:
        base = key.split("[")[0]
        if base == "messages":
            kind = "user" if key.endswith("[touserid]") else None
        else:
            kind = {"values": "user", "responses": "option"}.get(base, _ID_KIND.get(base))
        if kind is None or not value.lstrip("-").isdigit():
            return value
        if kind == "time":
            return str(self.sb.state.now() - 2 * 86400)
        return str(self.ids.get(kind, {}).get(int(value), int(value)))


_ID_KIND = {
    "courseid": "course",
    "courseids": "course",
    "forumid": "forum",
    "discussionid": "discussion",
    "postid": "post",
    "choiceid": "choice",
    "userid": "user",
    "groupid": "group",
    "since": "time",
}


def _prepare(sb: Sandbox) -> dict[str, dict[int, int]]:
    """The sandbox objects that stand for the recording's ids."""
    st = sb.state
    # A course the moderator is not enrolled in, and 25 discussions to page through.
    other = st.add_course("ANDER-2026", "Een andere cursus")
    cases = st.forum_id("Casusbespreking")
    for n in range(24):
        st.add_discussion(
            cases,
            st.user_id("julia"),
            f"Casus {n + 1}: een lastig gesprek",
            "<p>Een casus.</p>",
            created=st.now() - (n + 2) * 86400,
        )

    def first_post(name: str) -> int:
        discussion = st.discussion(st.discussion_id(name))
        assert discussion is not None
        return int(discussion["firstpost"])

    comm = st.value("SELECT id FROM courses WHERE shortname = 'COMM-2026'")
    leid = st.value("SELECT id FROM courses WHERE shortname = 'LEID-2026'")
    choices = st.choices_in(comm)
    options = [o["id"] for c in choices for o in st.choice_options(c["id"])]
    return {
        "course": {2: comm, 3: leid, 4: other},
        "forum": {
            1: st.forum_id("Stel je voor"),
            2: st.forum_id("Vragen aan de begeleider"),
            3: st.forum_id("Reflectie: feedback geven"),
            4: cases,
            5: st.forum_id("Ervaringen delen"),
        },
        "discussion": {
            3: st.discussion_id("Hoe lang moet de reflectie zijn?"),
            6: st.discussion_id("Feedback op mijn casus: anoniem?"),
            9: st.discussion_id("Persoonlijke omstandigheden"),
            10: st.discussion_id("Wat maakt feedback voor jou bruikbaar?"),
        },
        "post": {
            6: first_post("Hoe lang moet de reflectie zijn?"),
            11: first_post("Feedback op mijn casus: anoniem?"),
            15: first_post("Oude vraag: inlogproblemen"),
        },
        "choice": {1: choices[0]["id"], 2: choices[1]["id"]},
        "option": {n + 1: option for n, option in enumerate(options)},
        "user": {
            3: st.user_id("moderator"),
            5: st.user_id("sanne"),
            6: st.user_id("daan"),
            13: st.user_id("lotte"),
        },
        "group": {1: st.value("SELECT id FROM groups WHERE name = 'Groep A'")},
    }


def _before(name: str, replay: Replay) -> None:
    """What happened on the recorded site between exchanges."""
    sb = replay.sb
    sb.mode = _MODES.get(name[:3], SiteMode.NORMAL)
    sb.plugin = name[:3] != "070"  # recorded on a site without the companion plugin
    if name.startswith("077"):
        replay.token("f1b12a")  # daan's token exists, then passes its validuntil
        sb.state.expire_tokens(sb.state.user_id("daan"))


def _learn(name: str, recorded: Any, got: Any, replay: Replay) -> None:
    """Remember the ids a write created, so later exchanges can refer to them."""
    if isinstance(recorded, dict) and isinstance(got, dict):
        if "postid" in recorded and "postid" in got:
            replay.ids["post"][recorded["postid"]] = got["postid"]
        if "discussionid" in recorded and "discussionid" in got:
            replay.ids["discussion"][recorded["discussionid"]] = got["discussionid"]


def _send(exchange: dict[str, Any], replay: Replay) -> requests.Response:
    request = exchange["request"]
    form = []
    for key, value in request.get("form") or []:
        if key == "wstoken":
            value = replay.token(value)
        elif key == "password" and value == "<password>":
            value = DEMO_PASSWORD
        elif key not in _COMMON:
            value = replay.translate(key, value)
        form.append((key, value))
    url = replay.sb.url + request["path"]
    if request["method"] == "GET":
        return requests.get(url, params=request.get("query") or [], timeout=10)
    return requests.post(url, params=request.get("query") or [], data=form, timeout=10)


@pytest.fixture(scope="module")
def replayed() -> Iterator[Replay]:
    with Sandbox.start() as sb:
        replay = Replay(sb)
        replay.ids = _prepare(sb)
        for path in FILES:
            exchange = json.loads(path.read_text(encoding="utf-8"))
            _before(path.name, replay)
            response = _send(exchange, replay)
            replay.results[path.name] = (exchange, response)
            if exchange["response"]["body_kind"] == "json" and response.status_code == 200:
                _learn(path.name, exchange["response"]["body"], response.json(), replay)
        sb.mode = SiteMode.NORMAL
        yield replay


@pytest.mark.parametrize("name", [p.name for p in FILES])
def test_sandbox_answers_like_moodle(name: str, replayed: Replay) -> None:
    exchange, response = replayed.results[name]
    recorded = exchange["response"]
    assert response.status_code == recorded["status"]
    assert response.headers["Content-Type"].split(";")[0] == recorded["content_type"].split(";")[0]
    if recorded["body_kind"] == "json":
        problems = shape_diff(recorded["body"], response.json())
        assert problems == [], "\n".join(problems)
        if isinstance(recorded["body"], dict) and "errorcode" in recorded["body"]:
            # The same error, not just the same shape.
            assert response.json()["errorcode"] == recorded["body"]["errorcode"]
    else:
        assert bool(response.text) == bool(recorded["body"])
