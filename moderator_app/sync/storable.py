"""Leave out what the store cannot hold, one record at a time, and say so in the report.

A record with an id past SQLite's 64-bit integers (or text that is not valid Unicode)
used to fail its whole page with an OverflowError, and the sync with it. Checked
before the page touches the store, such a record is skipped and reported with its
forum; the rest of the page and of the sync goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol, TypeVar

from moderator_app.store.upsert import unstorable
from moderator_app.sync.context import RunContext
from moderator_app.sync.report import SkippedRecord

log = logging.getLogger("moderator_app.sync")


class _Record(Protocol):
    @property
    def id(self) -> int: ...


R = TypeVar("R", bound=_Record)


def storable(ctx: RunContext, records: Sequence[R], kind: str, forum_id: int | None) -> list[R]:
    """The records that can be stored; the others go into ctx.report.skipped."""
    kept: list[R] = []
    for record in records:
        reason = unstorable(record)
        if reason is None:
            kept.append(record)
            continue
        ctx.report.skipped.append(SkippedRecord(forum_id, kind, record.id, reason))
        log.warning("a %s in forum %s skipped: %s", kind, forum_id, reason)
    return kept
