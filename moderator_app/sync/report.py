"""What a sync tells its caller: progress while it runs, a report when it ends."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from moderator_app.platform.errors import PlatformError
from moderator_app.platform.types import SitePolicy

if TYPE_CHECKING:
    from moderator_app.sync.consent_pull import ConsentPullReport

# Phases in the order a run goes through them.
PHASE_COURSES = "courses"
PHASE_PARTICIPANTS = "participants"
PHASE_FORUMS = "forums"
PHASE_DISCUSSIONS = "discussions"
PHASE_POSTS = "posts"  # the background phase: the queue is already right when it starts
PHASE_OUTBOX = "outbox"


# Moodle's maintenance: its 503 page, or the errorcode token.php and REST answer with.
MAINTENANCE_CODES = frozenset({"http503", "sitemaintenance"})


@dataclass(frozen=True)
class Progress:
    phase: str
    done: int
    total: int


ProgressCallback = Callable[[Progress], None]


@dataclass(frozen=True)
class ForumFailure:
    """One forum that could not be pulled; the rest of the sync went on."""

    forum_id: int
    error: PlatformError


@dataclass(frozen=True)
class SkippedRecord:
    """One record the site sent that could not be stored; it was left out, the rest
    of its page and of the sync went on (no learner text here: ids and a reason)."""

    forum_id: int | None  # None: not in a forum (a course, a participant)
    kind: str  # "discussion", "post", "course", "forum", "participant"
    record_id: int
    reason: str  # e.g. "a number too large to store"


@dataclass
class SyncReport:
    courses: int = 0
    forums: int = 0
    discussions_stored: int = 0  # rows written from discussion lists (changed or re-seen)
    discussions_removed: int = 0
    posts_stored: int = 0
    threads_fetched: int = 0
    courses_removed: int = 0
    forums_removed: int = 0
    forums_reconciled: int = 0
    outbox_sent: int = 0
    outbox_confirmed: int = 0  # found already applied on the platform, not resent
    outbox_retry: int = 0
    outbox_needs_attention: int = 0
    failures: list[ForumFailure] = field(default_factory=list)
    # Records left out because they could not be stored; not a failure of the run.
    skipped: list[SkippedRecord] = field(default_factory=list)
    polls: int = 0  # choices listed in the account's courses
    # Polls could not be pulled; the queue's sync is not spoiled by it (not in `ok`).
    polls_error: PlatformError | None = None
    claims: int = 0  # team claims stored from the companion plugin
    claims_error: PlatformError | None = None  # like polls_error: not in `ok`
    # Capabilities and policy acceptances (sync/consent_pull.py); like polls_error.
    consent: ConsentPullReport | None = None
    consent_error: PlatformError | None = None
    # A failure of the whole run (token refused, site unreachable at the start).
    error: PlatformError | None = None
    # A site policy waits for the user's agreement: the site shows no courses until then
    # (error is then PolicyNotAgreed; the store was left as it was).
    site_policy: SitePolicy | None = None
    interrupted: bool = False  # cancelled between pages
    offline: bool = False  # the network went away; the next sync continues
    requests: int = 0
    requests_by_function: dict[str, int] = field(default_factory=dict)

    @property
    def maintenance(self) -> bool:
        """The run stopped because the site is in maintenance mode (not unreachable)."""
        return self.error is not None and self.error.code in MAINTENANCE_CODES

    @property
    def ok(self) -> bool:
        return not (self.failures or self.error or self.interrupted or self.offline)
