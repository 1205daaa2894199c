"""The consent register: scopes narrow -> wide, items, validity, and an audit event per change."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator_app.services import audit, sharing
from moderator_app.services import consent as c
from moderator_app.services import consent_register as register
from moderator_app.store.db import Database
from tests.services.consent_seed import (
    ACTOR,
    COURSE,
    DAY,
    NOW,
    PIETER,
    RENEE,
    SANNE,
    SANNE_POST,
    seed,
)

ITEM = c.post_ref(SANNE_POST)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "account.sqlite")
    seed(database)
    yield database
    database.close()


def give(db: Database, **changes: object) -> str:
    values: dict[str, object] = {
        "course_id": COURSE,
        "learner_id": SANNE,
        "scope": c.Scope.COURSE,
        "source": c.Source.FORM,
        "given_at": NOW - DAY,
        "note": "form in the course folder",
    }
    values.update(changes)
    with db.session() as s:
        return c.add(s, ACTOR, c.ConsentSpec(**values), NOW).id  # type: ignore[arg-type]


def cover(db: Database, scope: str, item: str = ITEM, at: int = NOW) -> c.Coverage:
    with db.session() as s:
        return c.coverage(s, COURSE, SANNE, item, scope, at)


def missing(coverage: c.Coverage) -> set[c.Missing]:
    return {p.missing for p in coverage.problems}


def test_no_consent_covers_nothing(db: Database) -> None:
    result = cover(db, c.Scope.GROUP)
    assert not result.ok and missing(result) == {c.Missing.NO_CONSENT}


@pytest.mark.parametrize(
    ("given", "wanted", "ok"),
    [
        (c.Scope.GROUP, c.Scope.GROUP, True),
        (c.Scope.GROUP, c.Scope.COURSE, False),
        (c.Scope.GROUP, c.Scope.COHORTS, False),
        (c.Scope.COURSE, c.Scope.GROUP, True),
        (c.Scope.COURSE, c.Scope.COURSE, True),
        (c.Scope.COURSE, c.Scope.COHORTS, False),
        (c.Scope.COHORTS, c.Scope.GROUP, True),
        (c.Scope.COHORTS, c.Scope.COHORTS, True),
    ],
)
def test_wider_covers_narrower_never_the_reverse(
    db: Database, given: str, wanted: str, ok: bool
) -> None:
    give(db, scope=given)
    result = cover(db, wanted)
    assert result.ok is ok
    if not ok:
        assert missing(result) == {c.Missing.SCOPE_TOO_NARROW}
        assert result.problems[0].scope == given


def test_expired_is_refused_and_says_when(db: Database) -> None:
    give(db, valid_until=NOW - 10)
    result = cover(db, c.Scope.GROUP)
    assert missing(result) == {c.Missing.EXPIRED}
    assert result.problems[0].at == NOW - 10
    assert cover(db, c.Scope.GROUP, at=NOW - 11).ok


def test_withdrawn_is_refused(db: Database) -> None:
    consent_id = give(db)
    with db.session() as s:
        sharing.withdraw(s, ACTOR, consent_id, NOW - 5)
    result = cover(db, c.Scope.GROUP)
    assert missing(result) == {c.Missing.WITHDRAWN}
    assert result.problems[0].at == NOW - 5


def test_not_yet_valid(db: Database) -> None:
    give(db, given_at=NOW + DAY)
    assert missing(cover(db, c.Scope.GROUP)) == {c.Missing.NOT_YET_VALID}


def test_consent_for_one_item_covers_that_item_only(db: Database) -> None:
    give(db, item_ref=c.post_ref(999))
    assert missing(cover(db, c.Scope.GROUP)) == {c.Missing.OTHER_ITEM}
    give(db, item_ref=ITEM)
    assert cover(db, c.Scope.GROUP).ok


def test_everything_missing_is_listed(db: Database) -> None:
    give(db, scope=c.Scope.GROUP, valid_until=NOW - 1)
    assert missing(cover(db, c.Scope.COHORTS)) == {c.Missing.EXPIRED, c.Missing.SCOPE_TOO_NARROW}


def test_a_valid_consent_wins_over_old_ones_and_media_consent_is_preferred(db: Database) -> None:
    give(db, valid_until=NOW - 1)
    plain = give(db)
    assert cover(db, c.Scope.COURSE).consent.id == plain  # type: ignore[union-attr]
    media = give(db, include_media=True, given_at=NOW - 2 * DAY)
    assert cover(db, c.Scope.COURSE).consent.id == media  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "changes",
    [
        {"scope": "everyone"},
        {"source": "rumour"},
        {"valid_until": NOW - DAY},
    ],
)
def test_bad_consents_are_refused(db: Database, changes: dict[str, object]) -> None:
    with pytest.raises(c.ConsentError):
        give(db, **changes)


def test_every_change_is_an_audit_event(db: Database) -> None:
    consent_id = give(db)
    with db.session() as s:
        sharing.withdraw(s, ACTOR, consent_id, NOW)
        sharing.withdraw(s, ACTOR, consent_id, NOW + 1)  # twice: recorded once
    with db.session() as s:
        kinds = [e.kind for e in audit.events(s, learner_id=SANNE)]
        assert kinds == [c.AUDIT_ADDED, c.AUDIT_WITHDRAWN]
        added = audit.detail_of(audit.events(s, learner_id=SANNE)[0])
        assert added["consent_id"] == consent_id and added["scope"] == "course"
        assert "form in the course folder" not in str(added)  # notes can name people


def test_register_lists_learners_with_their_state(db: Database) -> None:
    give(db, scope=c.Scope.GROUP)
    give(db, scope=c.Scope.COHORTS)
    give(db, learner_id=PIETER, valid_until=NOW - 1)
    with db.session() as s:
        rows = {r.user_id: r for r in register.learners(s, COURSE, NOW)}
        assert set(rows) == {SANNE, PIETER, RENEE}  # the teacher is not a learner
        assert rows[SANNE].summary == register.Summary.VALID
        assert rows[SANNE].widest_scope == c.Scope.COHORTS
        assert rows[PIETER].summary == register.Summary.EXPIRED
        assert rows[RENEE].summary == register.Summary.NONE
        only_none = register.learners(s, COURSE, NOW, summaries=[register.Summary.NONE])
        assert [r.user_id for r in only_none] == [RENEE]
        assert [r.user_id for r in register.learners(s, COURSE, NOW, text="bos")] == [PIETER]


def test_policy_acceptances_need_the_plugin_and_tool_policy(fixtures_dir: Path) -> None:
    import json

    recorded = json.loads((fixtures_dir / "007-site-info.json").read_text())
    functions = {f["name"] for f in recorded["response"]["body"]["functions"]}
    source = register.policy_source(functions)  # core Moodle 4.2: no plugin
    assert not source.available and source.reason == "no_function"
    assert source.function == "local_moderatordesk_get_policy_acceptances"
    with_plugin = {"local_moderatordesk_get_policy_acceptances"}
    assert register.policy_source(with_plugin).available
    refused = register.policy_source(with_plugin, "nottoolpolicy")
    assert not refused.available and refused.reason == "nottoolpolicy"
