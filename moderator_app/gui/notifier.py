"""The social reminder: tell the moderator when new learner posts start waiting.

After each sync the ids of waiting discussions are compared with the ids seen last
time (kept in the store's KeyValue table, so a restart does not repeat old news).
The very first check only records what is there: a fresh account does not announce
its whole backlog. The tray message itself is shown by the window, when a tray exists.
"""

from __future__ import annotations

import json
import logging

from sqlalchemy import select

from moderator_app.store import models

log = logging.getLogger(__name__)

SEEN_KEY = "notify.seen_waiting_ids"


def new_waiting_ids(db: object) -> list[int]:
    """Waiting discussions not seen before; remembers the current set. Worker thread."""
    with db.session() as session:  # type: ignore[attr-defined]
        current = set(
            session.scalars(
                select(models.Discussion.id).where(models.Discussion.is_waiting.is_(True))
            )
        )
        row = session.get(models.KeyValue, SEEN_KEY)
        first_check = row is None
        seen: set[int] = set()
        if row is not None:
            try:
                seen = {int(i) for i in json.loads(row.value)}
            except (ValueError, TypeError):
                log.warning("seen-waiting list unreadable; starting afresh")
                first_check = True
        value = json.dumps(sorted(current), separators=(",", ":"))
        if row is None:
            session.add(models.KeyValue(key=SEEN_KEY, value=value))
        else:
            row.value = value
    fresh = [] if first_check else sorted(current - seen)
    log.info("waiting: %d, newly waiting: %d", len(current), len(fresh))
    return fresh
