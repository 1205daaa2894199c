"""What this account may do in each course, as the companion plugin's get_capabilities
last said (stored by the sync, refreshed daily), so the GUI can grey out an action with
its reason up front instead of failing later.

None means "not known": the site has no plugin (or no sync asked yet); the GUI then
keeps today's behaviour and lets the site decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from moderator_app.store.db import Database
from moderator_app.store.models_plugin import CourseCapability


class Action(StrEnum):
    CREATE_POLLS = "create_polls"
    READ_CONSENT = "read_consent"
    TRIAGE = "triage"
    LOCK = "lock"
    PIN = "pin"
    ALL_GROUPS = "all_groups"


class Refusal(StrEnum):
    """Why an action is greyed out (the GUI words it)."""

    NO_CAPABILITY = "no_capability"  # the account's role lacks it in this course
    NOT_TOOL_POLICY = "not_tool_policy"  # consent: the site's policies are not tool_policy's


@dataclass(frozen=True)
class CourseAbilities:
    course_id: int
    allowed: frozenset[Action]
    policy_handler: str
    fetched_at: int

    def may(self, action: Action) -> bool:
        return action in self.allowed

    def refusal(self, action: Action) -> Refusal | None:
        if self.may(action):
            return None
        if action == Action.READ_CONSENT and self.policy_handler != "tool_policy":
            return Refusal.NOT_TOOL_POLICY
        return Refusal.NO_CAPABILITY


def abilities(db: Database, course_id: int) -> CourseAbilities | None:
    with db.session() as s:
        row = s.get(CourseCapability, course_id)
        if row is None:
            return None
        flags = {
            Action.CREATE_POLLS: row.create_polls,
            Action.READ_CONSENT: row.read_consent,
            Action.TRIAGE: row.triage,
            Action.LOCK: row.lock,
            Action.PIN: row.pin,
            Action.ALL_GROUPS: row.all_groups,
        }
        return CourseAbilities(
            course_id=course_id,
            allowed=frozenset(a for a, on in flags.items() if on),
            policy_handler=row.policy_handler,
            fetched_at=row.fetched_at,
        )
