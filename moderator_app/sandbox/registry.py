"""The table of web-service functions the sandbox answers, and what a handler gets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from moderator_app.sandbox.access import Access
from moderator_app.sandbox.errors import WsError, require_login
from moderator_app.sandbox.params import Opt, Spec
from moderator_app.sandbox.state import Row, SandboxState

PLUGIN_FUNCTION = "local_moderatordesk_create_choice"
# All of the companion plugin's functions (moodle/local_moderatordesk): gone when it is off.
PLUGIN_FUNCTIONS = frozenset(
    {
        PLUGIN_FUNCTION,
        "local_moderatordesk_get_policy_acceptances",
        "local_moderatordesk_get_claims",
        "local_moderatordesk_set_claim",
        "local_moderatordesk_get_capabilities",
    }
)

# Real Moodle functions outside the mobile service: calling them gives accessexception,
# unlike names that do not exist at all (invalidrecord).
NOT_IN_MOBILE_SERVICE = frozenset(
    {
        "core_user_create_users",
        "core_user_delete_users",
        "core_user_update_users",
        "core_course_create_courses",
        "core_course_delete_courses",
        "core_enrol_get_course_enrolment_methods_admin",
        "enrol_manual_enrol_users",
        "tool_policy_get_policy_version",
        "tool_policy_submit_accept_on_behalf",
        "mod_forum_get_forum_discussions_paginated_admin",
    }
)


@dataclass
class Ctx:
    """One authenticated call: who is asking, on which site."""

    state: SandboxState
    user: Row
    site_url: str
    plugin: bool

    def __post_init__(self) -> None:
        self.access = Access(self.state, int(self.user["id"]))

    @property
    def user_id(self) -> int:
        return int(self.user["id"])

    def policy_handler(self) -> str:
        """$CFG->sitepolicyhandler: "" is core's (a policy URL), the sandbox's is tool_policy."""
        return self.state.meta("sitepolicyhandler", "tool_policy")

    def policy_error(self) -> WsError:
        page = "user/policy.php" if self.policy_handler() == "" else "admin/tool/policy/index.php"
        return WsError(
            "sitepolicynotagreed",
            f'Site policy not agreed: <a href="{self.site_url}/{page}">'
            "Click here to open the site policy.</a>",
        )

    def policy_agreed(self) -> bool:
        return bool(self.user["policyagreed"])

    def require_course(self, course_id: int) -> None:
        """validate_context/require_login for a course: enrolled and policy agreed."""
        if not self.policy_agreed():
            raise self.policy_error()
        if not self.access.enrolled(course_id):
            raise require_login()

    def require_forum(self, forum_id: int) -> Row:
        forum = self.state.forum(forum_id)
        if forum is None:
            raise WsError(
                "invalidrecord",
                "Can't find data record in database table forum.",
                "dml_missing_record_exception",
            )
        self.require_course(int(forum["courseid"]))
        return forum


Handler = Callable[[Ctx, dict[str, Any]], Any]


@dataclass(frozen=True)
class Function:
    name: str
    params: dict[str, Spec | Opt]
    handler: Handler


REGISTRY: dict[str, Function] = {}


def ws(name: str, params: dict[str, Spec | Opt]) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        REGISTRY[name] = Function(name, params, handler)
        return handler

    return register


def load_handlers() -> dict[str, Function]:
    """Import the handler modules (they register themselves) and return the table."""
    from moderator_app.sandbox import ws_choice, ws_core, ws_forum, ws_plugin  # noqa: F401

    return REGISTRY
