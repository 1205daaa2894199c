"""Site policy acceptances through the companion plugin, in the sandbox: the sync asks
each course's capabilities once a day and reads acceptances where the account may; an
acceptance becomes a policy-sourced consent with its time; a withdrawal on the site
withdraws it and retracts the copy shared under it through the outbox."""

from __future__ import annotations

from sqlalchemy import select

from moderator_app.sandbox.ws_plugin import withdraw_acceptance
from moderator_app.services import consent_register, consent_sync, course_capabilities, sharing
from moderator_app.services.consent import Source, WithdrawReason
from moderator_app.services.pseudonyms import Pseudonyms
from moderator_app.store.db import Database
from moderator_app.store.models import Account
from moderator_app.store.models_consent import Consent
from moderator_app.store.models_plugin import CourseCapability, PolicyAcceptance
from moderator_app.sync.consent_pull import ACCEPTANCES_EVERY
from tests.services.consent_seed import FixedSecret
from tests.sync.conftest import AppClock, EngineFactory, Site


def _consents(db: Database, learner: int) -> list[Consent]:
    with db.session() as s:
        rows = s.scalars(select(Consent).where(Consent.learner_id == learner)).all()
        for row in rows:
            s.expunge(row)
        return list(rows)


def test_a_withdrawal_on_the_site_retracts_the_shared_copy(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    anna, bram, cem = site.learners
    course = site.course()
    forum = site.forum(course)
    opener = site.start(forum, anna)
    policy = site.sb.state.add_policy("Sharing of learner work")
    site.sb.state.accept_policy(policy, anna)
    accepted_at = site.sb.state.policy_acceptances(policy)[0]["timemodified"]
    site.sb.state.accept_policy(policy, bram, accepted=False)

    first = engine().run()
    assert first.ok and first.consent is not None
    assert first.consent.capabilities == 1 and first.consent.courses_read == [course]
    with db.session() as s:
        statuses = {r.user_id: r.status for r in s.scalars(select(PolicyAcceptance))}
        assert consent_sync.apply_all(s, "Marieke", clock()).withdrawn == []
    assert statuses[anna] == "accepted" and statuses[bram] == "declined"
    assert statuses[cem] == "pending"
    [given] = _consents(db, anna)
    assert given.source == Source.POLICY.value and given.given_at == accepted_at
    assert "Sharing of learner work" in given.note
    assert _consents(db, bram) == [] and _consents(db, cem) == []

    # A second sync within the hour asks for neither.
    again = engine().run()
    assert "policy_acceptances" not in again.requests_by_function
    assert "capabilities" not in again.requests_by_function

    with db.session() as s:
        first_post = site.first_post(opener)
        target = sharing.Target("discussion", course, forum_id=forum, subject="Voorbeeld")
        share = sharing.share(
            s,
            Pseudonyms(FixedSecret()),
            "Marieke",
            first_post,
            "course",
            target,
            lang="nl",
            now=clock(),
        )
        share_id = share.id
    assert engine().run().outbox_sent == 1
    copies = site.sb.state.rows("SELECT id FROM discussions WHERE forumid = ?", (forum,))
    assert len(copies) == 2  # the opener and its shared copy

    withdraw_acceptance(site.sb.state, policy, anna)
    clock.value += ACCEPTANCES_EVERY + 1
    assert engine().run().consent.courses_read == [course]
    with db.session() as s:
        applied = consent_sync.apply_all(s, "Marieke", clock())
    assert applied.withdrawn == [given.id]
    [withdrawn] = _consents(db, anna)
    assert withdrawn.withdrawn_reason == WithdrawReason.POLICY_REVOKED.value
    with db.session() as s:
        share_row = s.get(sharing.Share, share_id)
        assert share_row is not None and share_row.retracted_at is not None
    assert engine().run().outbox_sent == 1  # the retraction
    left = site.sb.state.rows("SELECT id FROM discussions WHERE forumid = ?", (forum,))
    assert [r["id"] for r in left] == [opener]


def test_a_site_without_tool_policy_shows_the_source_unavailable(
    site: Site, db: Database, engine: EngineFactory
) -> None:
    site.sb.state.set_meta("sitepolicyhandler", "")
    site.course()
    report = engine().run()
    assert report.ok and "policy_acceptances" not in report.requests_by_function
    with db.session() as s:
        [caps] = s.scalars(select(CourseCapability)).all()
        assert not caps.read_consent and caps.policy_handler == ""
        functions = s.scalars(select(Account.functions)).one().split()
        source = consent_register.policy_source(functions, consent_register.policy_refusal(s))
    assert not source.available and source.reason == "nottoolpolicy"


def test_capabilities_per_course_say_what_the_account_may_do(
    site: Site, db: Database, engine: EngineFactory
) -> None:
    teaching = site.course("editingteacher")
    learning = site.course("student")
    assert course_capabilities.abilities(db, teaching) is None  # nothing asked yet
    report = engine().run()
    assert report.ok and report.consent is not None and report.consent.capabilities == 2
    mine = course_capabilities.abilities(db, teaching)
    theirs = course_capabilities.abilities(db, learning)
    assert mine is not None and theirs is not None
    Action = course_capabilities.Action
    assert mine.may(Action.CREATE_POLLS) and mine.may(Action.LOCK) and mine.may(Action.TRIAGE)
    assert not theirs.may(Action.CREATE_POLLS) and not theirs.may(Action.TRIAGE)
    assert theirs.refusal(Action.LOCK) == course_capabilities.Refusal.NO_CAPABILITY
    assert mine.refusal(Action.LOCK) is None
    # Asked again only after a day.
    assert "capabilities" not in engine().run().requests_by_function


def test_with_the_after_pull_hook_one_sync_withdraws_and_retracts(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    anna = site.learners[0]
    course = site.course()
    forum = site.forum(course)
    opener = site.start(forum, anna)
    policy = site.sb.state.add_policy("Sharing of learner work")
    site.sb.state.accept_policy(policy, anna)
    hooked = consent_sync.after_sync("Marieke")

    assert engine(after_pull=hooked).run().ok
    [given] = _consents(db, anna)  # no page opened: the sync itself recorded it
    with db.session() as s:
        target = sharing.Target("discussion", course, forum_id=forum, subject="Voorbeeld")
        sharing.share(
            s,
            Pseudonyms(FixedSecret()),
            "Marieke",
            site.first_post(opener),
            "course",
            target,
            lang="nl",
            now=clock(),
        )
    assert engine(after_pull=hooked).run().outbox_sent == 1

    withdraw_acceptance(site.sb.state, policy, anna)
    clock.value += ACCEPTANCES_EVERY + 1
    report = engine(after_pull=hooked).run()
    assert report.ok and report.outbox_sent == 1  # the retraction, in the same run
    [withdrawn] = _consents(db, anna)
    assert withdrawn.id == given.id and withdrawn.withdrawn_at is not None
    left = site.sb.state.rows("SELECT id FROM discussions WHERE forumid = ?", (forum,))
    assert [r["id"] for r in left] == [opener]
