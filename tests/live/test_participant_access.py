"""Learners' last access as the real Moodle answers core_enrol_get_enrolled_users to the
editing teacher: the client keeps Moodle's own numbers (mdl_user.lastaccess and
mdl_user_lastaccess per course, 0 when there is none), the values the participation view
reads."""

from __future__ import annotations

from tests.live.lab import Lab, World


def test_participants_carry_moodles_last_access_times(lab: Lab, world: World) -> None:
    course = world.course_id()
    # One learner's visit to the course, as Moodle's require_login records it.
    visitor = world.user("learner3")
    lab.execute(
        f"DELETE FROM mdl_user_lastaccess WHERE userid = {visitor.id} AND courseid = {course}"
    )
    lab.execute(
        "INSERT INTO mdl_user_lastaccess (userid, courseid, timeaccess)"
        f" VALUES ({visitor.id}, {course}, 1700000000)"
    )
    site = {
        int(r["id"]): int(r["lastaccess"])
        for r in lab.sql(
            "SELECT u.id, u.lastaccess FROM mdl_user u JOIN mdl_user_enrolments ue"
            " ON ue.userid = u.id JOIN mdl_enrol e ON e.id = ue.enrolid"
            f" WHERE e.courseid = {course}"
        )
    }
    here = {
        int(r["userid"]): int(r["timeaccess"])
        for r in lab.sql(
            f"SELECT userid, timeaccess FROM mdl_user_lastaccess WHERE courseid = {course}"
        )
    }

    editor = world.user("editor")
    # The asker's own times may move with this very request (Moodle logs its access).
    people = [p for p in lab.client(editor.token).participants(course) if p.id != editor.id]

    assert {p.id: p.last_access for p in people} == {
        uid: at for uid, at in site.items() if uid != editor.id
    }
    assert {p.id: p.last_course_access for p in people} == {p.id: here.get(p.id, 0) for p in people}
    assert next(p for p in people if p.id == visitor.id).last_course_access == 1700000000
