"""The one interface every learning platform implements.

A second platform (Canvas, Brightspace, ...) is a new module that satisfies this
protocol; nothing above platform/ changes.
"""

from __future__ import annotations

from typing import Protocol

from moderator_app.platform.types import (
    AcceptancesPage,
    Choice,
    ChoiceOption,
    ChoiceOptionResult,
    ClaimResult,
    Claims,
    Course,
    CourseCapabilities,
    CreatedPoll,
    DiscussionOptions,
    DiscussionPosts,
    Forum,
    LockState,
    NewPost,
    Page,
    Participant,
    PollSpec,
    SentMessage,
    SiteInfo,
    SitePolicy,
    UserProfile,
)

# Function names the app needs, so the GUI can grey out what a site does not allow.
# The companion plugin's (moodle/local_moderatordesk/CONTRACT.md) all share this prefix.
PLUGIN_PREFIX = "local_moderatordesk_"
FN_CREATE_POLL = "local_moderatordesk_create_choice"
FN_ACCEPTANCES = "local_moderatordesk_get_policy_acceptances"
FN_GET_CLAIMS = "local_moderatordesk_get_claims"
FN_SET_CLAIM = "local_moderatordesk_set_claim"
FN_CAPABILITIES = "local_moderatordesk_get_capabilities"


class Platform(Protocol):
    """A signed-in connection to one site as one user.

    Every method either returns plain dataclasses or raises a PlatformError subclass.
    Reads may be retried internally; writes are sent at most once per call.
    """

    def site_info(self) -> SiteInfo: ...

    def pending_site_policy(self) -> SitePolicy | None:
        """The site policy the user must agree to before lists show anything; None if none."""
        ...

    def agree_site_policy(self) -> bool: ...

    def courses(self, user_id: int) -> list[Course]: ...

    def participants(self, course_id: int) -> list[Participant]: ...

    def forums(self, course_ids: list[int]) -> list[Forum]: ...

    def discussions(self, forum_id: int, page: int, per_page: int) -> Page:
        """One page of a forum's discussions, last post newest first (pinned first)."""
        ...

    def discussion_posts(self, discussion_id: int) -> DiscussionPosts: ...

    def reply(
        self, post_id: int, subject: str, message_html: str, *, private: bool = False
    ) -> NewPost: ...

    def start_discussion(
        self, forum_id: int, subject: str, message_html: str, options: DiscussionOptions
    ) -> int:
        """Returns the new discussion's id."""
        ...

    def set_lock(self, forum_id: int, discussion_id: int, target_state: int) -> LockState:
        """target_state 0 locks an unlocked discussion; the current lock time unlocks it."""
        ...

    def set_pin(self, discussion_id: int, pinned: bool) -> None: ...

    def delete_post(self, post_id: int) -> None: ...

    def choices(self, course_ids: list[int]) -> list[Choice]: ...

    def choice_options(self, choice_id: int) -> list[ChoiceOption]: ...

    def choice_results(self, choice_id: int) -> list[ChoiceOptionResult]: ...

    def create_poll(self, spec: PollSpec) -> CreatedPoll: ...

    def send_message(self, user_id: int, text_html: str, client_msg_id: str) -> SentMessage: ...

    def users_by_id(self, user_ids: list[int]) -> list[UserProfile]: ...

    # The companion plugin's functions: only called when site info lists them.

    def claims(self, course_ids: list[int], since: int) -> Claims: ...

    def set_claim(
        self, discussion_id: int, state: str, reason: str = "", *, override: bool = False
    ) -> ClaimResult:
        """changed=False: another moderator holds it and `override` was not set."""
        ...

    def policy_acceptances(
        self, course_id: int, page: int, per_page: int, group_id: int = 0
    ) -> AcceptancesPage: ...

    def capabilities(self, course_id: int) -> CourseCapabilities: ...
