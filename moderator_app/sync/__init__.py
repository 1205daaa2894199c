"""Sync: the incremental pull and the outbox push. No Qt."""

from moderator_app.sync.engine import SyncEngine
from moderator_app.sync.report import ForumFailure, Progress, SyncReport

__all__ = ["ForumFailure", "Progress", "SyncEngine", "SyncReport"]
