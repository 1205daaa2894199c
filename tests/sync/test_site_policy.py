"""A site policy the moderator has not agreed to: Moodle answers lists with nothing.

The sync must say so (a typed state, the store kept), never store an empty site as
'nothing waiting'; on a site with core's handler the app can accept it.
"""

from __future__ import annotations

from moderator_app.platform.errors import PolicyNotAgreed
from moderator_app.platform.types import SitePolicy
from moderator_app.services.queue import QueueService
from moderator_app.store.db import Database
from tests.sync.conftest import EngineFactory, Site


def _one_waiting(site: Site) -> int:
    course = site.course()
    return site.start(site.forum(course), site.learners[0])


def test_a_policy_not_agreed_is_reported_and_the_queue_is_kept(
    site: Site, db: Database, engine: EngineFactory
) -> None:
    did = _one_waiting(site)
    assert engine().run().ok
    site.sb.state.set_policy_agreed(site.moderator, False)  # a new policy version came

    report = engine().run()

    assert isinstance(report.error, PolicyNotAgreed)
    assert not report.ok
    url = site.sb.url
    assert report.site_policy == SitePolicy(
        handler="tool_policy",
        view_url=f"{url}/admin/tool/policy/viewall.php",
        accept_url=f"{url}/admin/tool/policy/index.php",
    )
    assert not report.site_policy.accept_here  # tool_policy: accepted in the browser
    assert report.courses_removed == 0
    assert [i.discussion_id for i in QueueService(db).page()] == [did]


def test_core_policy_can_be_accepted_from_the_app_and_the_next_sync_works(
    site: Site, db: Database, engine: EngineFactory
) -> None:
    did = _one_waiting(site)
    site.sb.state.set_meta("sitepolicyhandler", "")
    site.sb.state.set_meta("sitepolicy", "https://example.org/policy.html")
    site.sb.state.set_policy_agreed(site.moderator, False)
    eng = engine()

    first = eng.run()

    assert isinstance(first.error, PolicyNotAgreed)
    assert first.site_policy == SitePolicy(
        "", "https://example.org/policy.html", f"{site.sb.url}/user/policy.php"
    )
    assert first.site_policy.accept_here
    assert QueueService(db).count() == 0  # a first sync: nothing stored, nothing claimed

    assert eng.platform.agree_site_policy()
    second = eng.run()
    assert second.ok and second.site_policy is None
    assert [i.discussion_id for i in QueueService(db).page()] == [did]


def test_no_courses_with_the_policy_agreed_is_just_no_courses(
    site: Site, engine: EngineFactory
) -> None:
    report = engine().run()
    assert report.ok and report.courses == 0 and report.site_policy is None
