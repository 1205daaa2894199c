"""Learners' last course access arrives with the participants the sync already fetches."""

from __future__ import annotations

from moderator_app.store import models as m
from moderator_app.store.db import Database
from tests.sync.conftest import EngineFactory, Site

FN_ENROLLED = "core_enrol_get_enrolled_users"


def _access(db: Database, course_id: int) -> dict[int, tuple[int | None, int | None]]:
    with db.session() as s:
        return {
            p.user_id: (p.last_access, p.last_course_access)
            for p in s.query(m.Participant).filter_by(course_id=course_id)
        }


def test_last_course_access_is_stored_from_the_enrolled_users_answer(
    site: Site, db: Database, engine: EngineFactory
) -> None:
    course = site.course()
    other = site.course()
    anna, bram, cem = site.learners
    site.sb.state.record_course_access(course, anna, 1_700_000_000)
    site.sb.state.record_course_access(other, anna, 1_700_050_000)
    site.sb.state.record_course_access(course, bram, 1_690_000_000)

    report = engine().run()

    assert report.ok
    # No request of its own: one enrolled-users call per new course, as before.
    assert site.requests(FN_ENROLLED) == 2
    stored = _access(db, course)
    assert stored[anna] == (1_700_050_000, 1_700_000_000)  # site-wide vs this course
    assert stored[bram] == (1_690_000_000, 1_690_000_000)
    assert stored[cem] == (0, 0)  # never came: Moodle's 0, not unknown
