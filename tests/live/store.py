"""The app's own store, filled by a real sync against the live site, for one world user."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from moderator_app.platform.moodle import MoodleClient
from moderator_app.services.outbox import OutboxService
from moderator_app.services.queue import QueueService
from moderator_app.store.db import Database
from moderator_app.store.upsert import save_account
from moderator_app.sync.engine import SyncEngine
from moderator_app.sync.report import SyncReport
from tests.live.lab import WorldUser


class Site(Protocol):
    """Where the store syncs from: the lab (tests.live.lab.Lab) or a sandbox mirror."""

    def client(self, token: str) -> MoodleClient: ...


@dataclass
class LiveStore:
    """A fresh moderator_app Database for `user`, synced with SyncEngine as the app does."""

    lab: Site
    user: WorldUser
    db: Database
    outbox: OutboxService = field(init=False)

    def __post_init__(self) -> None:
        self.outbox = OutboxService(self.db, actor=self.user.username)

    @classmethod
    def open(cls, lab: Site, user: WorldUser, path: Path) -> LiveStore:
        db = Database.open(path)
        with db.session() as s:
            save_account(s, lab.client(user.token).site_info(), int(time.time()))
        return cls(lab, user, db)

    def engine(self, **options: object) -> SyncEngine:
        """Parallel thread fetchers from a client factory, as the GUI runs it."""
        token = self.user.token
        return SyncEngine(
            self.db,
            self.lab.client(token),
            account_user_id=self.user.id,
            platform_factory=lambda: self.lab.client(token),
            **options,  # type: ignore[arg-type]
        )

    def pull(self, *, reconcile: bool = False) -> SyncReport:
        """A pull that must succeed; reconcile=True re-lists every forum in full."""
        engine = self.engine(reconcile_after=0) if reconcile else self.engine()
        report = engine.pull()
        assert report.error is None and not report.failures, report
        return report

    def push(self) -> SyncReport:
        report = self.engine().push()
        assert report.error is None, report
        return report

    def queue(self) -> list[tuple[int, int | None]]:
        """The waiting queue as the app shows it: (discussion id, waiting since), oldest first."""
        items = QueueService(self.db).page(limit=100_000)
        return [(item.discussion_id, item.waiting_since) for item in items]

    def close(self) -> None:
        self.db.close()
