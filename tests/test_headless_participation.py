"""`moderator-app participation`: one JSON object per learner and course, ids and counts only."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator_app import cli
from moderator_app.sandbox import DEMO_PASSWORD, MODERATOR, Sandbox

STAFF = ("editingteacher", "teacher", "manager")


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    sb = Sandbox.start()
    yield sb
    sb.stop()


def run(data_dir: Path, *argv: str) -> int:
    return cli.main(["--data-dir", str(data_dir), *argv])


def _learners_where_moderator_teaches(sb: Sandbox) -> set[tuple[int, int]]:
    me = sb.state.user_id(MODERATOR)
    teaching = {
        r["courseid"]
        for r in sb.state.rows("SELECT courseid, role FROM enrolments WHERE userid = ?", (me,))
        if r["role"] in STAFF
    }
    people: dict[tuple[int, int], set[str]] = {}
    for r in sb.state.rows("SELECT courseid, userid, role FROM enrolments"):
        if r["courseid"] in teaching:
            people.setdefault((r["courseid"], r["userid"]), set()).add(r["role"])
    return {key for key, roles in people.items() if not roles & set(STAFF)}


def test_participation_json_has_every_learner_with_state_and_counts(
    sandbox: Sandbox,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    expected = _learners_where_moderator_teaches(sandbox)
    course, learner = sorted(expected)[0]
    sandbox.state.record_course_access(course, learner, int(time.time()) - 3600)
    monkeypatch.setattr("sys.stdin", io.StringIO(DEMO_PASSWORD + "\n"))
    assert run(data_dir, "login", "--site", sandbox.url, "--username", MODERATOR) == 0
    assert run(data_dir, "sync") == 0
    capsys.readouterr()

    assert run(data_dir, "participation", "--json") == 0
    out = capsys.readouterr().out
    rows = json.loads(out)
    assert {(r["course_id"], r["user_id"]) for r in rows} == expected
    assert {r["state"] for r in rows} <= {"active", "occasional", "silent", "absent"}
    assert sum(r["discussions_started"] + r["replies"] for r in rows) > 0  # the demo's posts
    visited = next(r for r in rows if (r["course_id"], r["user_id"]) == (course, learner))
    assert visited["last_course_access"] > 0
    assert not any(r["last_course_access"] for r in rows if r is not visited)
    # No names in what scripts get.
    for user in sandbox.state.rows("SELECT firstname, lastname FROM users"):
        assert user["lastname"] not in out

    assert run(data_dir, "participation", "--course", str(course)) == 0
    table = capsys.readouterr().out.splitlines()
    assert len(table) == 2 + sum(1 for c, _ in expected if c == course)

    assert run(data_dir, "participation", "--peer-answers", "--json") == 0
    weeks = json.loads(capsys.readouterr().out)
    asked = [
        d
        for d in sandbox.state.rows(
            "SELECT d.id, f.courseid, d.userid FROM discussions d JOIN forums f ON f.id = d.forumid"
        )
        if (d["courseid"], d["userid"]) in expected
    ]
    assert sum(w["questions"] for w in weeks) == len(asked) > 0
    for w in weeks:
        assert w["peer_first"] + w["staff_first"] + w["unanswered"] <= w["questions"]
        assert w["peer_answer_rate"] == w["peer_first"] / w["questions"]
    assert run(data_dir, "participation", "--peer-answers") == 0
    assert len(capsys.readouterr().out.splitlines()) == 1 + len(weeks)
