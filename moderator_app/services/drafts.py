"""Drafts: what the moderator has typed but not sent, per discussion (or new item).

The GUI saves as the moderator types (debounced) and when the text leaves the screen;
opening the same discussion again brings the text back, also after a restart or a
crash. Sending removes the draft; so does discarding it (the GUI asks first).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import delete, select

from moderator_app.store.db import Database
from moderator_app.store.models_drafts import Draft

# What a draft is for; `target` is then a discussion id, a forum id or a local id.
REPLY = "reply"
NEW_DISCUSSION = "discussion"
POLL = "poll"
PROMPT = "prompt"
KINDS = frozenset({REPLY, NEW_DISCUSSION, POLL, PROMPT})
TARGET_MAX = 64


class DraftService:
    def __init__(self, db: Database, *, now: Callable[[], float] = time.time) -> None:
        self._db = db
        self._now = now

    def save(self, kind: str, target: object, text: str) -> None:
        """Keep `text` as the draft; a text of only whitespace removes the draft."""
        key = _key(kind, target)
        if not text.strip():
            self.discard(kind, target)
            return
        with self._db.session() as session:
            row = session.get(Draft, key)
            if row is None:
                session.add(Draft(kind=key[0], target=key[1], text=text, updated_at=self._clock()))
            elif row.text != text:
                row.text = text
                row.updated_at = self._clock()

    def get(self, kind: str, target: object) -> str | None:
        with self._db.session() as session:
            row = session.get(Draft, _key(kind, target))
            return row.text if row is not None else None

    def discard(self, kind: str, target: object) -> bool:
        """Remove the draft; False when there was none."""
        kind, key = _key(kind, target)
        with self._db.session() as session:
            result = session.execute(delete(Draft).where(Draft.kind == kind, Draft.target == key))
            return bool(getattr(result, "rowcount", 0))

    def targets(self, kind: str) -> frozenset[str]:
        """Every target of this kind that has a draft."""
        kind, _ = _key(kind, "")
        with self._db.session() as session:
            return frozenset(session.scalars(select(Draft.target).where(Draft.kind == kind)))

    def reply_discussions(self) -> frozenset[int]:
        """The discussions with an unsent reply (the queue marks them)."""
        return frozenset(int(t) for t in self.targets(REPLY) if t.isdigit())

    def _clock(self) -> int:
        return int(self._now())


def _key(kind: str, target: object) -> tuple[str, str]:
    if kind not in KINDS:
        raise ValueError(f"unknown draft kind {kind!r}")
    text = str(target)
    if len(text) > TARGET_MAX:
        raise ValueError("draft target too long")
    return kind, text
