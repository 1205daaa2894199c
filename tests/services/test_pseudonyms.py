"""Pseudonyms: stable across runs, unique in a course, new with a new secret, secret not stored."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator_app.credentials import SERVICE as KEYRING_SERVICE
from moderator_app.services import audit
from moderator_app.services.pseudonym_secret import KeyringSecret
from moderator_app.services.pseudonym_words import ADJECTIVES, ANIMALS
from moderator_app.services.pseudonyms import (
    AUDIT_REVEAL,
    Pseudonym,
    Pseudonyms,
    derive,
    parse_label,
)
from moderator_app.store.db import Database
from tests.conftest import MemoryKeyring
from tests.services.consent_seed import ACTOR, COURSE, NOW, SANNE, FixedSecret, seed


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "account.sqlite")
    seed(database)
    yield database
    database.close()


def labels(
    db: Database, service: Pseudonyms, user_ids: list[int], course: int = COURSE
) -> dict[int, str]:
    with db.session() as s:
        return {u: p.label() for u, p in service.assign(s, course, user_ids, NOW).items()}


def test_word_lists_pair_up_without_duplicates() -> None:
    for pairs in (ADJECTIVES, ANIMALS):
        for lang in (0, 1):
            words = [pair[lang].casefold() for pair in pairs]
            assert len(set(words)) == len(words)
    assert Pseudonym(1, 0, 0).label("en") == "Blue Heron"
    assert Pseudonym(1, 0, 0).label("nl") == "Blauwe Reiger"
    assert Pseudonym(1, 0, 0, 3).label("nl") == "Blauwe Reiger 3"


def test_stable_across_runs_and_fresh_databases(tmp_path: Path) -> None:
    users = list(range(100, 140))
    first = Database.open(tmp_path / "a.sqlite")
    before = labels(first, Pseudonyms(KeyringSecret("acc")), users)
    first.close()
    # A new run: a new secret object reads the keyring, the database is reopened.
    again = Database.open(tmp_path / "a.sqlite")
    assert labels(again, Pseudonyms(KeyringSecret("acc")), users) == before
    again.close()
    # Another machine with the same secret and an empty database derives the same names.
    other = Database.open(tmp_path / "b.sqlite")
    assert labels(other, Pseudonyms(KeyringSecret("acc")), list(reversed(users))) == before
    other.close()


def test_the_same_person_has_another_pseudonym_in_another_course() -> None:
    secret = b"s" * 32
    assert sum(derive(secret, 1, u) != derive(secret, 2, u) for u in range(20)) >= 18


def test_unique_within_a_course_with_suffixes_in_id_order(db: Database) -> None:
    service = Pseudonyms(FixedSecret())
    users = list(range(1, 601))
    result = labels(db, service, users)
    assert len(set(result.values())) == len(users)
    with db.session() as s:
        dutch = {p.label("nl") for p in service.assign(s, COURSE, users, NOW).values()}
    assert len(dutch) == len(users)
    suffixed = [u for u, label in result.items() if label[-1].isdigit()]
    assert suffixed, "600 people in 4096 names must collide somewhere"
    for user in suffixed:
        base = result[user].rsplit(" ", 1)[0]
        holder = [u for u, label in result.items() if label == base]
        assert holder and holder[0] < user  # the lower id kept the plain name


def _colliding_pair(secret: bytes) -> tuple[int, int]:
    seen: dict[tuple[int, int], int] = {}
    for user in range(1, 10_000):
        key = derive(secret, COURSE, user)
        if key in seen:
            return seen[key], user
        seen[key] = user
    raise AssertionError("no collision found")


def test_a_newcomer_never_takes_an_existing_name(db: Database) -> None:
    secret = FixedSecret()
    low, high = _colliding_pair(secret.secret)
    service = Pseudonyms(secret)
    first = labels(db, service, [high])[high]
    later = labels(db, service, [low])[low]
    assert labels(db, service, [high])[high] == first  # unchanged
    assert later == f"{first} 2"


def test_new_secret_gives_new_pseudonyms(db: Database) -> None:
    secret = KeyringSecret("acc")
    service = Pseudonyms(secret)
    users = list(range(1, 21))
    before = labels(db, service, users)
    secret.replace()
    after = labels(db, service, users)
    assert sum(before[u] != after[u] for u in users) >= 15


def test_secret_lives_in_keyring_not_in_the_database(
    db: Database, memory_keyring: MemoryKeyring
) -> None:
    labels(db, Pseudonyms(KeyringSecret("acc")), [SANNE])
    stored = memory_keyring.secrets[(KEYRING_SERVICE, "pseudonym-secret:acc")]
    raw = base64.b64decode(stored)
    db.close()
    content = b"".join(p.read_bytes() for p in db.path.parent.iterdir() if p.is_file())
    assert raw not in content and stored.encode() not in content


def test_labels_parse_back_in_both_languages(db: Database) -> None:
    service = Pseudonyms(FixedSecret())
    with db.session() as s:
        pseudonym = service.of(s, COURSE, SANNE, NOW)
        for lang in ("en", "nl"):
            assert parse_label(pseudonym.label(lang).upper()) == (
                pseudonym.adjective,
                pseudonym.animal,
                pseudonym.suffix,
            )
            assert service.find(s, COURSE, pseudonym.label(lang)) == SANNE
    assert parse_label("Purple Unicorn") is None


def test_reveal_is_an_audit_event(db: Database) -> None:
    service = Pseudonyms(FixedSecret())
    with db.session() as s:
        person = service.reveal(s, ACTOR, COURSE, SANNE, NOW)
        assert person is not None and person.fullname == "Sanne de Vries"
    with db.session() as s:
        events = audit.events(s, learner_id=SANNE, kinds=[AUDIT_REVEAL])
        assert len(events) == 1 and events[0].actor == ACTOR
        assert "Sanne" not in events[0].detail
