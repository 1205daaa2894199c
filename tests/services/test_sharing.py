"""Share as example: refused without cover, anonymised preview, one transaction, retraction."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from moderator_app.platform.errors import InvalidInput
from moderator_app.services import audit, audit_report, consent_register, sharing
from moderator_app.services import consent as c
from moderator_app.services.outbox import OutboxService
from moderator_app.services.pseudonyms import Pseudonyms
from moderator_app.store.db import Database
from moderator_app.store.models import OutboxItem
from moderator_app.store.models_consent import Consent, Share
from moderator_app.sync.share_push import KIND_RETRACTION
from tests.services.consent_seed import (
    ACTOR,
    COURSE,
    DAY,
    FORUM,
    GROUP_A,
    GROUP_B,
    GROUP_DISCUSSION,
    GROUP_FORUM,
    GROUP_OPENER,
    NOW,
    OTHER_COURSE,
    OTHER_FORUM,
    PIETER,
    SANNE,
    SANNE_POST,
    FixedSecret,
    seed,
)

IN_COURSE = sharing.Target("discussion", COURSE, forum_id=FORUM, subject="Een voorbeeld")
IN_GROUP = sharing.Target("reply", COURSE, post_id=GROUP_OPENER, discussion_id=GROUP_DISCUSSION)
OTHER_COHORT = sharing.Target("discussion", OTHER_COURSE, forum_id=OTHER_FORUM)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "account.sqlite")
    seed(database)
    yield database
    database.close()


@pytest.fixture
def names() -> Pseudonyms:
    return Pseudonyms(FixedSecret())


def give(db: Database, **changes: object) -> str:
    values: dict[str, object] = {
        "course_id": COURSE,
        "learner_id": SANNE,
        "scope": c.Scope.COURSE,
        "source": c.Source.MESSAGE,
        "given_at": NOW - DAY,
    }
    values.update(changes)
    with db.session() as s:
        return c.add(s, ACTOR, c.ConsentSpec(**values), NOW - DAY).id  # type: ignore[arg-type]


def do_share(
    db: Database, names: Pseudonyms, scope: str = c.Scope.COURSE, target: sharing.Target = IN_COURSE
) -> Share:
    with db.session() as s:
        return sharing.share(s, names, ACTOR, SANNE_POST, scope, target, lang="nl", now=NOW)


def counts(db: Database) -> tuple[int, int]:
    with db.session() as s:
        return (
            s.scalar(select(func.count()).select_from(Share)) or 0,
            s.scalar(select(func.count()).select_from(OutboxItem)) or 0,
        )


@pytest.mark.parametrize(
    ("consent", "scope", "expected"),
    [
        (None, c.Scope.COURSE, c.Missing.NO_CONSENT),
        ({"valid_until": NOW - 1}, c.Scope.COURSE, c.Missing.EXPIRED),
        ({"scope": c.Scope.GROUP}, c.Scope.COURSE, c.Missing.SCOPE_TOO_NARROW),
        ({"item_ref": "post:1"}, c.Scope.COURSE, c.Missing.OTHER_ITEM),
    ],
)
def test_refused_without_cover_and_nothing_written(
    db: Database,
    names: Pseudonyms,
    consent: dict[str, object] | None,
    scope: str,
    expected: c.Missing,
) -> None:
    if consent is not None:
        give(db, **consent)
    with pytest.raises(sharing.SharingRefused) as refused:
        do_share(db, names, scope)
    assert expected in {p.missing for p in refused.value.coverage.problems}
    assert counts(db) == (0, 0)


def test_refused_after_withdrawal(db: Database, names: Pseudonyms) -> None:
    consent_id = give(db)
    with db.session() as s:
        sharing.withdraw(s, ACTOR, consent_id, NOW - 1)
    with pytest.raises(sharing.SharingRefused) as refused:
        do_share(db, names)
    assert [p.missing for p in refused.value.coverage.problems] == [c.Missing.WITHDRAWN]


def test_a_place_wider_than_the_scope_is_refused(db: Database, names: Pseudonyms) -> None:
    give(db, scope=c.Scope.COHORTS)
    with pytest.raises(sharing.BadTarget) as wide:
        do_share(db, names, c.Scope.GROUP, IN_COURSE)
    assert wide.value.reach == c.Scope.COURSE
    with pytest.raises(sharing.BadTarget):
        do_share(db, names, c.Scope.COURSE, OTHER_COHORT)
    with pytest.raises(sharing.BadTarget):  # a group that is not the learner's own
        do_share(
            db,
            names,
            c.Scope.GROUP,
            sharing.Target("discussion", COURSE, forum_id=GROUP_FORUM, group_id=GROUP_B),
        )
    assert counts(db) == (0, 0)
    do_share(db, names, c.Scope.GROUP, IN_GROUP)
    do_share(
        db,
        names,
        c.Scope.GROUP,
        sharing.Target("discussion", COURSE, forum_id=GROUP_FORUM, group_id=GROUP_A),
    )
    do_share(db, names, c.Scope.COHORTS, OTHER_COHORT)
    assert counts(db) == (3, 3)


def test_preview_side_by_side_is_anonymised(db: Database, names: Pseudonyms) -> None:
    give(db)
    with db.session() as s:
        prepared = sharing.prepare(
            s, names, SANNE_POST, c.Scope.COURSE, IN_COURSE, lang="nl", now=NOW
        )
        sanne = names.of(s, COURSE, SANNE, NOW).label("nl")
        pieter = names.of(s, COURSE, PIETER, NOW).label("nl")
    preview = prepared.preview
    assert preview is not None
    assert "Pieter Bos" in preview.source.message  # the original, for the left-hand side
    text = preview.anonymised_html
    for clear in ("Pieter", "Bos", "Sanne", "sdevries", "p.bos@", "mailto", "<img"):
        assert clear not in text
    assert pieter in text and sanne in text
    assert f"Voorbeeld van {sanne}, gedeeld met toestemming" in text
    assert preview.dropped_media == 1 and preview.attachments_left_out
    assert preview.subject == "Een voorbeeld"


def test_images_go_only_with_media_consent(db: Database, names: Pseudonyms) -> None:
    give(db, include_media=True)
    with db.session() as s:
        prepared = sharing.prepare(
            s, names, SANNE_POST, c.Scope.COURSE, IN_COURSE, lang="en", now=NOW
        )
    assert prepared.preview is not None
    assert "<img" in prepared.preview.anonymised_html and prepared.preview.dropped_media == 0


def test_share_writes_outbox_item_share_and_audit_together(db: Database, names: Pseudonyms) -> None:
    consent_id = give(db)
    share_row = do_share(db, names)
    with db.session() as s:
        item = s.get(OutboxItem, share_row.outbox_id)
        assert item is not None and item.kind == "discussion" and item.state == "pending"
        payload = json.loads(item.payload)
        assert payload["forum_id"] == FORUM and "Pieter" not in payload["message"]
        assert payload["message"] == share_row.anonymised_html
        assert item.local_ref == f"share:{share_row.id}"
        events = audit.events(s, learner_id=SANNE, kinds=[sharing.AUDIT_SHARED])
        detail = audit.detail_of(events[0])
        assert detail["consent_id"] == consent_id and detail["outbox_id"] == item.id


def test_a_failure_midway_leaves_nothing(
    db: Database, names: Pseudonyms, monkeypatch: pytest.MonkeyPatch
) -> None:
    give(db)
    real = audit.record

    def failing(*args: object, **kwargs: object) -> object:
        if args[2] == sharing.AUDIT_SHARED:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(audit, "record", failing)
    with pytest.raises(RuntimeError):
        do_share(db, names)
    assert counts(db) == (0, 0)


def test_withdrawing_cancels_an_unsent_copy(db: Database, names: Pseudonyms) -> None:
    consent_id = give(db)
    share_row = do_share(db, names)
    with db.session() as s:
        retracted = sharing.withdraw(s, ACTOR, consent_id, NOW + 10)
    assert [r.id for r in retracted] == [share_row.id]
    with db.session() as s:
        assert s.get(OutboxItem, share_row.outbox_id) is None  # dropped before it was sent
        assert s.scalar(select(func.count()).where(OutboxItem.kind == KIND_RETRACTION)) == 0
        row = s.get(Share, share_row.id)
        assert row is not None and row.retracted_at == NOW + 10
        consent = s.get(Consent, consent_id)
        assert consent is not None and consent.withdrawn_at == NOW + 10
        # The register and the report do not call it shared, nor retracted from the site.
        [learner] = [r for r in consent_register.learners(s, COURSE, NOW) if r.user_id == SANNE]
        assert (learner.shares, learner.retracted) == (0, 0)
        [line] = audit_report.learner_report(s, SANNE, COURSE).shares
        assert line.never_sent
        assert audit_report.learner_report(s, SANNE, COURSE).retracted == ()


@pytest.mark.parametrize(
    ("state", "code"),
    [("done", None), ("sending", None), ("failed_retryable", "maybe_applied")],
)
def test_withdrawing_queues_a_retraction_behind_a_sent_copy(
    db: Database, names: Pseudonyms, state: str, code: str | None
) -> None:
    consent_id = give(db)
    first = do_share(db, names)
    second = do_share(db, names, c.Scope.GROUP, IN_GROUP)
    with db.session() as s:
        for row, ref in ((first, "3001"), (second, "7001")):
            item = s.get(OutboxItem, row.outbox_id)
            assert item is not None
            item.state, item.last_error_code = state, code
            item.result_ref = ref if state == "done" else None
    with db.session() as s:
        sharing.withdraw(s, ACTOR, consent_id, NOW + 10)
    with db.session() as s:
        retractions = {
            r.local_ref: r
            for r in s.scalars(select(OutboxItem).where(OutboxItem.kind == KIND_RETRACTION))
        }
        assert set(retractions) == {f"share:{first.id}", f"share:{second.id}"}
        for row in (first, second):
            retraction = retractions[f"share:{row.id}"]
            copy = s.get(OutboxItem, row.outbox_id)
            assert copy is not None and retraction.ordering_key == copy.ordering_key
            assert s.get(Share, row.id).retraction_outbox_id == retraction.id  # type: ignore[union-attr]
        reply = json.loads(retractions[f"share:{second.id}"].payload)
        started = json.loads(retractions[f"share:{first.id}"].payload)
        if state == "done":
            assert reply["post_id"] == 7001 and started["discussion_id"] == 3001
        else:  # on its way: found on the platform when the retraction is sent
            assert reply["post_id"] is None and started["discussion_id"] is None
            assert started["forum_id"] == FORUM and reply["parent_post_id"] == GROUP_OPENER
        kinds = [e.kind for e in audit.events(s, learner_id=SANNE)]
        assert kinds.count(sharing.AUDIT_RETRACTED) == 2
        assert kinds.count(c.AUDIT_WITHDRAWN) == 1


def test_expiry_withdraws_and_retracts(db: Database, names: Pseudonyms) -> None:
    consent_id = give(db, valid_until=NOW + 100)
    share_row = do_share(db, names)
    with db.session() as s:
        assert sharing.expire_due(s, "system", NOW + 50) == []
        expired = sharing.expire_due(s, "system", NOW + 200)
        assert [e.id for e in expired] == [consent_id]
    with db.session() as s:
        consent = s.get(Consent, consent_id)
        assert consent is not None
        assert consent.withdrawn_at == NOW + 100 and consent.withdrawn_reason == "expired"
        assert c.state_of(consent, NOW + 200) == c.State.EXPIRED
        assert s.get(Share, share_row.id).retracted_at == NOW + 200  # type: ignore[union-attr]


def test_a_revoked_policy_acceptance_withdraws_policy_consents_only(db: Database) -> None:
    by_policy = give(db, source=c.Source.POLICY)
    by_form = give(db, source=c.Source.FORM)
    pieter = give(db, learner_id=PIETER, source=c.Source.POLICY)
    with db.session() as s:
        revoked = sharing.reconcile_policy_acceptances(s, "sync", COURSE, {PIETER}, NOW)
        assert [r.id for r in revoked] == [by_policy]
    with db.session() as s:
        assert s.get(Consent, by_policy).withdrawn_reason == "policy_revoked"  # type: ignore[union-attr]
        assert s.get(Consent, by_form).withdrawn_at is None  # type: ignore[union-attr]
        assert s.get(Consent, pieter).withdrawn_at is None  # type: ignore[union-attr]


def test_cancelling_an_unsent_copy_means_it_was_never_shared(
    db: Database, names: Pseudonyms
) -> None:
    consent_id = give(db)
    share_row = do_share(db, names)
    OutboxService(db, "mila", now=lambda: NOW + 5).cancel(share_row.outbox_id)
    assert counts(db) == (0, 0)
    with db.session() as s:
        [learner] = [r for r in consent_register.learners(s, COURSE, NOW) if r.user_id == SANNE]
        assert (learner.shares, learner.retracted) == (0, 0)
        assert learner.summary == consent_register.Summary.VALID  # the consent itself stays
        report = audit_report.learner_report(s, SANNE, COURSE)
        assert report.shares == () and [r.id for r in report.consents] == [consent_id]
        [created, cancelled] = [
            e for e in report.events if e.kind.startswith("share.")
        ]  # the trail keeps both
        assert (created.kind, cancelled.kind) == (sharing.AUDIT_SHARED, sharing.AUDIT_CANCELLED)
        assert (cancelled.actor, cancelled.at) == ("mila", NOW + 5)
        assert audit.detail_of(cancelled)["share_id"] == audit.detail_of(created)["share_id"]
        assert audit.detail_of(cancelled)["outbox_id"] == share_row.outbox_id


def test_cancelling_a_copy_whose_share_was_already_retracted_keeps_the_retraction(
    db: Database, names: Pseudonyms
) -> None:
    consent_id = give(db)
    share_row = do_share(db, names)
    with db.session() as s:  # on its way when consent was withdrawn: a retraction follows it
        item = s.get(OutboxItem, share_row.outbox_id)
        assert item is not None
        item.state = "sending"
    with db.session() as s:
        sharing.withdraw(s, ACTOR, consent_id, NOW + 10)
    with db.session() as s:  # then refused by the site before anything happened
        item = s.get(OutboxItem, share_row.outbox_id)
        assert item is not None
        item.state = "failed_retryable"
    outbox = OutboxService(db, "mila", now=lambda: NOW + 20)
    outbox.cancel(share_row.outbox_id)
    with db.session() as s:
        row = s.get(Share, share_row.id)
        assert row is not None and row.retracted_at == NOW + 10
        assert row.retraction_outbox_id is not None
        retraction_id = row.retraction_outbox_id
        kinds = [e.kind for e in audit.events(s, learner_id=SANNE)]
        assert kinds[-2:] == [sharing.AUDIT_RETRACTED, sharing.AUDIT_CANCELLED]
    # The retraction itself cannot be dropped: the learner's withdrawal must reach the site.
    with pytest.raises(InvalidInput):
        outbox.cancel(retraction_id)
    with db.session() as s:
        assert s.get(OutboxItem, retraction_id) is not None


def test_cancelling_other_items_leaves_shares_alone(db: Database, names: Pseudonyms) -> None:
    give(db)
    share_row = do_share(db, names)
    outbox = OutboxService(db, "mila", now=lambda: NOW + 5)
    other = outbox.start_discussion(
        FORUM, "Iets anders", "tekst", local_ref=f"share:{share_row.id}"
    )
    outbox.cancel(other)
    assert counts(db) == (1, 1)
    with db.session() as s:
        kinds = [e.kind for e in audit.events(s, learner_id=SANNE)]
        assert sharing.AUDIT_CANCELLED not in kinds
