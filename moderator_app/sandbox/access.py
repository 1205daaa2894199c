"""Who may do what: Moodle 4.2's default role archetypes (reference section 3)."""

from __future__ import annotations

from moderator_app.sandbox.state import SandboxState

_ALL = frozenset({"student", "teacher", "editingteacher", "manager"})
_STAFF = frozenset({"teacher", "editingteacher", "manager"})
_EDITORS = frozenset({"editingteacher", "manager"})

CAPABILITIES: dict[str, frozenset[str]] = {
    "mod/forum:viewdiscussion": _ALL,
    "mod/forum:startdiscussion": _ALL,
    "mod/forum:replypost": _ALL,
    "mod/forum:deleteownpost": _ALL,
    "mod/forum:createattachment": _ALL,
    "mod/forum:addquestion": _STAFF,
    "mod/forum:viewqandawithoutposting": _STAFF,
    "mod/forum:deleteanypost": _STAFF,
    "mod/forum:editanypost": _STAFF,
    "mod/forum:splitdiscussions": _STAFF,
    "mod/forum:pindiscussions": _STAFF,
    "mod/forum:postprivatereply": _STAFF,
    "mod/forum:readprivatereplies": _STAFF,
    "mod/forum:canoverridediscussionlock": _STAFF,
    "mod/forum:addnews": _STAFF,
    "mod/forum:replynews": _STAFF,
    "mod/choice:choose": frozenset({"student", "teacher", "editingteacher"}),
    "mod/choice:readresponses": _STAFF,
    "mod/choice:addinstance": _EDITORS,
    "moodle/course:manageactivities": _EDITORS,
    "moodle/site:accessallgroups": _EDITORS,
    "moodle/course:viewparticipants": _ALL,
    "moodle/role:review": _STAFF,
}

MAX_EDITING_TIME = 1800  # $CFG->maxeditingtime default: 30 minutes


class Access:
    """Capability checks for one user, cached per course for one request."""

    def __init__(self, state: SandboxState, user_id: int) -> None:
        self.state = state
        self.user_id = user_id
        self._roles: dict[int, list[str]] = {}
        self._groups: dict[int, set[int]] = {}

    def roles(self, course_id: int) -> list[str]:
        if course_id not in self._roles:
            self._roles[course_id] = self.state.roles(course_id, self.user_id)
        return self._roles[course_id]

    def enrolled(self, course_id: int) -> bool:
        return bool(self.roles(course_id))

    def has(self, course_id: int, capability: str) -> bool:
        allowed = CAPABILITIES[capability]
        return any(role in allowed for role in self.roles(course_id))

    def groups(self, course_id: int) -> set[int]:
        if course_id not in self._groups:
            self._groups[course_id] = {
                int(g["id"]) for g in self.state.user_groups(course_id, self.user_id)
            }
        return self._groups[course_id]

    def sees_group(self, forum: dict[str, object], group_id: int) -> bool:
        """Separate groups: a discussion of another group is invisible without accessallgroups."""
        course_id = int(forum["courseid"])  # type: ignore[call-overload]
        if forum["groupmode"] != 1 or group_id == -1:
            return True
        return self.has(course_id, "moodle/site:accessallgroups") or group_id in self.groups(
            course_id
        )

    def can_reply(self, forum: dict[str, object], discussion: dict[str, object]) -> bool:
        course_id = int(forum["courseid"])  # type: ignore[call-overload]
        cap = "mod/forum:replynews" if forum["type"] == "news" else "mod/forum:replypost"
        if not self.has(course_id, cap):
            return False
        if discussion["timelocked"] and not self.has(
            course_id, "mod/forum:canoverridediscussionlock"
        ):
            return False
        if forum["groupmode"] and not self.has(course_id, "moodle/site:accessallgroups"):
            group_id = int(discussion["groupid"])  # type: ignore[call-overload]
            if group_id == -1:
                # Moodle: in a group forum, "all participants" threads need accessallgroups.
                return False
            return group_id in self.groups(course_id)
        return True
