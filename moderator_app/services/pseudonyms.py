"""Stable, readable pseudonyms per participant per course ("Blauwe Reiger" / "Blue Heron").

A pseudonym is derived with HMAC-SHA256 from a secret that lives in the keyring, so it
cannot be guessed or reversed from the database. Once given it is stored (by index, with
an id of the secret), so it never changes while the secret stays: when two people hash
to the same words, the one assigned later (lower user id first within one batch) gets a
numeric suffix ("Blue Heron 2"). A new secret gives everyone new pseudonyms.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from moderator_app.services import audit
from moderator_app.services.pseudonym_secret import SecretStore
from moderator_app.services.pseudonym_words import ADJECTIVES, ANIMALS, word
from moderator_app.store.models import Participant
from moderator_app.store.models_consent import PseudonymAssignment

AUDIT_REVEAL = "pseudonym.revealed"


@dataclass(frozen=True)
class Pseudonym:
    user_id: int
    adjective: int
    animal: int
    suffix: int = 1

    def label(self, lang: str = "en") -> str:
        text = f"{word(ADJECTIVES, self.adjective, lang)} {word(ANIMALS, self.animal, lang)}"
        return text if self.suffix == 1 else f"{text} {self.suffix}"


def key_id(secret: bytes) -> str:
    """Names the secret without revealing it (a keyed hash of a constant)."""
    return hmac.new(secret, b"moderator-desk/pseudonym-key-id", hashlib.sha256).hexdigest()[:32]


def derive(secret: bytes, course_id: int, user_id: int) -> tuple[int, int]:
    """The (adjective, animal) indices a person hashes to in a course."""
    digest = hmac.new(secret, f"pseudonym:{course_id}:{user_id}".encode(), hashlib.sha256).digest()
    adjective = int.from_bytes(digest[:8], "big") % len(ADJECTIVES)
    animal = int.from_bytes(digest[8:16], "big") % len(ANIMALS)
    return adjective, animal


class Pseudonyms:
    """Pseudonyms of one account, with the secret from `secrets` (created on first use)."""

    def __init__(self, secrets: SecretStore) -> None:
        self._secrets = secrets

    def _secret(self) -> bytes:
        return self._secrets.get_or_create()

    def assign(
        self, session: Session, course_id: int, user_ids: Iterable[int], now: int
    ) -> dict[int, Pseudonym]:
        """The pseudonyms of `user_ids` in a course, giving new ones in user-id order."""
        secret = self._secret()
        kid = key_id(secret)
        rows = session.scalars(
            select(PseudonymAssignment).where(
                PseudonymAssignment.course_id == course_id, PseudonymAssignment.key_id == kid
            )
        ).all()
        by_user = {row.user_id: row for row in rows}
        taken = {(row.adjective, row.animal, row.suffix) for row in rows}
        for user_id in sorted(set(user_ids) - by_user.keys()):
            adjective, animal = derive(secret, course_id, user_id)
            suffix = 1
            while (adjective, animal, suffix) in taken:
                suffix += 1
            row = PseudonymAssignment(
                course_id=course_id,
                user_id=user_id,
                key_id=kid,
                adjective=adjective,
                animal=animal,
                suffix=suffix,
                created_at=now,
            )
            session.add(row)
            by_user[user_id] = row
            taken.add((adjective, animal, suffix))
        session.flush()
        wanted = set(user_ids)
        return {
            uid: Pseudonym(uid, row.adjective, row.animal, row.suffix)
            for uid, row in by_user.items()
            if uid in wanted
        }

    def for_course(self, session: Session, course_id: int, now: int) -> dict[int, Pseudonym]:
        """Pseudonyms of every known participant of a course (staff included)."""
        user_ids = session.scalars(
            select(Participant.user_id).where(Participant.course_id == course_id)
        ).all()
        return self.assign(session, course_id, user_ids, now)

    def of(self, session: Session, course_id: int, user_id: int, now: int) -> Pseudonym:
        return self.assign(session, course_id, [user_id], now)[user_id]

    def find(self, session: Session, course_id: int, label: str) -> int | None:
        """The user behind a pseudonym label (either language), without recording anything."""
        parsed = parse_label(label)
        if parsed is None:
            return None
        adjective, animal, suffix = parsed
        return session.scalar(
            select(PseudonymAssignment.user_id).where(
                PseudonymAssignment.course_id == course_id,
                PseudonymAssignment.key_id == key_id(self._secret()),
                PseudonymAssignment.adjective == adjective,
                PseudonymAssignment.animal == animal,
                PseudonymAssignment.suffix == suffix,
            )
        )

    def reveal(
        self, session: Session, actor: str, course_id: int, user_id: int, now: int
    ) -> Participant | None:
        """Who is behind a learner's pseudonym; always an audit event, also when unknown."""
        pseudonym = self.of(session, course_id, user_id, now)
        audit.record(
            session,
            actor,
            AUDIT_REVEAL,
            course_id,
            user_id,
            {"pseudonym": pseudonym.label("en")},
            at=now,
        )
        return session.get(Participant, (course_id, user_id))


_SUFFIX = re.compile(r"^(.*?)(?:\s+(\d+))?$")


def parse_label(label: str) -> tuple[int, int, int] | None:
    """(adjective, animal, suffix) of a label in English or Dutch, or None."""
    match = _SUFFIX.match(" ".join(label.split()))
    if match is None:
        return None
    words, number = match.group(1), match.group(2)
    suffix = int(number) if number else 1
    for lang_index in (0, 1):
        for a, adjective in enumerate(ADJECTIVES):
            prefix = adjective[lang_index] + " "
            if not words.casefold().startswith(prefix.casefold()):
                continue
            rest = words[len(prefix) :].casefold()
            for n, animal in enumerate(ANIMALS):
                if animal[lang_index].casefold() == rest:
                    return a, n, suffix
    return None
