"""Plain values the platform returns: no raw JSON leaves platform/.

Times are unix seconds (int), as the platform gives them. Ids are the platform's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Roles that make someone staff in a course: their post answers a waiting learner.
STAFF_ROLES = frozenset({"editingteacher", "teacher", "manager"})


@dataclass(frozen=True)
class SiteCheck:
    """What a site URL turned out to be, before signing in."""

    url: str  # the normalised base URL to use from now on (after https upgrade/redirects)
    is_moodle: bool


@dataclass(frozen=True)
class LoginResult:
    token: str
    # privatetoken is deliberately not kept: the app never needs auto-login.


@dataclass(frozen=True)
class SiteInfo:
    site_name: str
    site_url: str
    user_id: int
    username: str
    fullname: str
    lang: str
    release: str
    functions: frozenset[str]  # web-service functions this token may call
    # The companion plugin's version (local_moderatordesk, from the `version` its
    # functions carry in site info); 0 when the site lists none of them.
    plugin_version: int = 0

    def can(self, function: str) -> bool:
        return function in self.functions

    @property
    def has_plugin(self) -> bool:
        return self.plugin_version > 0


@dataclass(frozen=True)
class SitePolicy:
    """A site policy the user has not agreed to yet: until then the site answers lists
    with nothing (no courses, no forums), not with an error."""

    handler: str  # "" core (a policy URL in the site settings), "tool_policy", or a plugin
    view_url: str  # the policy text to read; "" when the site does not say
    accept_url: str  # the page where a browser accepts it

    @property
    def accept_here(self) -> bool:
        """Core's handler takes core_user_agree_site_policy; others want their own page."""
        return self.handler == ""


@dataclass(frozen=True)
class Course:
    id: int
    shortname: str
    fullname: str
    visible: bool = True


@dataclass(frozen=True)
class Group:
    id: int
    name: str


@dataclass(frozen=True)
class Participant:
    id: int
    course_id: int
    fullname: str
    username: str = ""
    email: str = ""
    roles: tuple[str, ...] = ()  # role shortnames, e.g. ("student",)
    groups: tuple[Group, ...] = ()
    # Unix seconds; 0 = never; None = the site hides it (hiddenuserfields) from this account.
    last_access: int | None = None
    last_course_access: int | None = None

    @property
    def is_staff(self) -> bool:
        return any(role in STAFF_ROLES for role in self.roles)


@dataclass(frozen=True)
class Forum:
    id: int
    course_id: int
    cmid: int
    name: str
    type: str  # general, qanda, news, single, eachuser, blog, social
    intro: str = ""
    num_discussions: int = 0
    can_create_discussions: bool = True
    time_modified: int = 0


@dataclass(frozen=True)
class Discussion:
    """One entry of a forum's discussion list.

    `id` is the discussion id (Moodle's `discussion` field); `first_post_id` is
    Moodle's `id` field, the post to reply to when answering the opener.
    """

    id: int
    forum_id: int
    first_post_id: int
    name: str
    subject: str
    message: str  # HTML of the first post
    author_id: int | None
    author_fullname: str | None
    created: int
    time_modified: int  # time of the last post (not changed by edits)
    last_post_user_id: int | None
    last_post_user_fullname: str | None
    num_replies: int
    group_id: int = -1
    pinned: bool = False
    locked: bool = False
    starred: bool = False
    can_reply: bool = True
    can_lock: bool = False
    # When the first post was last edited (Moodle's `modified`): an edit moves this and
    # not time_modified, so it is how a list page shows that the opener was edited.
    first_post_modified: int = 0


@dataclass(frozen=True)
class Post:
    id: int
    discussion_id: int
    parent_id: int | None
    subject: str
    message: str  # HTML
    author_id: int | None
    author_fullname: str
    time_created: int | None  # None when hidden (Q&A) or deleted
    time_modified: int | None
    is_deleted: bool = False
    is_private_reply: bool = False
    can_reply: bool = True
    can_delete: bool = False
    has_attachments: bool = False


@dataclass(frozen=True)
class DiscussionPosts:
    forum_id: int
    course_id: int
    posts: tuple[Post, ...]


# Moodle's group id for "All participants": what its own form sends. A discussion
# started without a group id gets group 0 instead, which in a separate-groups forum
# no learner sees.
ALL_PARTICIPANTS = -1


@dataclass(frozen=True)
class DiscussionOptions:
    """Options Moodle offers when starting a discussion (mod_forum_add_discussion)."""

    subscribe: bool = True
    pinned: bool = False
    group_id: int | None = None  # a group only; None: all participants (ALL_PARTICIPANTS)
    mail_now: bool = False


@dataclass(frozen=True)
class NewPost:
    """What the platform answered to a reply."""

    post_id: int
    discussion_id: int
    time_created: int


@dataclass(frozen=True)
class LockState:
    discussion_id: int
    locked: bool
    time_locked: int  # 0 when unlocked; pass it back to unlock


@dataclass(frozen=True)
class ChoiceOption:
    id: int
    text: str
    max_answers: int = 0
    count: int = 0


@dataclass(frozen=True)
class Choice:
    id: int
    cmid: int
    course_id: int
    name: str
    intro: str = ""
    section: int = 0
    visible: bool = True
    publish_names: bool = False  # Moodle's `publish`: results with names
    show_results: int = 1  # CHOICE_SHOWRESULTS_*: 0 never, 1 after answer, 2 after close, 3 always
    allow_update: bool = False
    allow_multiple: bool = False
    limit_answers: bool = False
    time_open: int = 0
    time_close: int = 0
    time_modified: int = 0


@dataclass(frozen=True)
class ChoiceResponse:
    user_id: int
    fullname: str
    time_modified: int


@dataclass(frozen=True)
class ChoiceOptionResult:
    option_id: int
    text: str
    count: int
    percentage: float
    responses: tuple[ChoiceResponse, ...] = ()  # empty when anonymous


@dataclass(frozen=True)
class PollSpec:
    """What local_moderatordesk_create_choice takes (moodle/local_moderatordesk/CONTRACT.md)."""

    course_id: int
    name: str
    options: tuple[tuple[str, int], ...]  # (text, maxanswers)
    client_ref: str
    section: int = 0
    intro: str = ""
    allow_multiple: bool = False
    allow_update: bool = False
    limit_answers: bool = False
    show_results: int = 1
    publish_names: bool = False
    show_unanswered: bool = False
    time_open: int = 0
    time_close: int = 0
    visible: bool = True


@dataclass(frozen=True)
class CreatedPoll:
    cmid: int
    choice_id: int
    created: bool  # False: the clientref already existed, nothing changed


@dataclass(frozen=True)
class SentMessage:
    message_id: int
    client_msg_id: str


@dataclass(frozen=True)
class UserProfile:
    id: int
    fullname: str
    username: str = ""
    email: str = ""


@dataclass(frozen=True)
class Page:
    """One page of a paged list, and whether more may follow."""

    items: tuple[Discussion, ...]
    page: int
    per_page: int
    warnings: tuple[str, ...] = field(default=())

    @property
    def maybe_more(self) -> bool:
        return self.per_page > 0 and len(self.items) == self.per_page


# -- the companion plugin (moodle/local_moderatordesk/CONTRACT.md) ---------------------

CLAIMED = "claimed"
DISMISSED = "dismissed"
RELEASED = "released"
CLAIM_STATES = (CLAIMED, DISMISSED, RELEASED)


@dataclass(frozen=True)
class Claim:
    """A discussion's team state on the site: who is answering it, or who dismissed it."""

    discussion_id: int
    course_id: int
    forum_id: int
    state: str  # CLAIMED, DISMISSED or RELEASED
    reason: str
    user_id: int  # who set the state; 0 after a privacy deletion
    fullname: str
    time_modified: int


@dataclass(frozen=True)
class Claims:
    """get_claims: the states set at or after `since`, oldest first."""

    claims: tuple[Claim, ...]
    server_time: int  # the next call's `since`
    refused_courses: tuple[int, ...] = ()  # courses the caller may not triage in


@dataclass(frozen=True)
class ClaimResult:
    changed: bool  # False: another moderator holds the claim (see `claim`)
    claim: Claim


@dataclass(frozen=True)
class SitePolicyVersion:
    version_id: int
    policy_id: int
    name: str
    revision: str
    type: int
    optional: bool


ACCEPTED = "accepted"
DECLINED = "declined"
WITHDRAWN = "withdrawn"
PENDING = "pending"


@dataclass(frozen=True)
class PolicyAnswer:
    version_id: int
    status: str  # ACCEPTED, DECLINED, WITHDRAWN or PENDING
    time_modified: int  # 0 while pending
    on_behalf: bool


@dataclass(frozen=True)
class ParticipantAcceptances:
    user_id: int
    fullname: str
    answers: tuple[PolicyAnswer, ...]  # one per policy, in the policies' order


@dataclass(frozen=True)
class AcceptancesPage:
    policies: tuple[SitePolicyVersion, ...]
    participants: tuple[ParticipantAcceptances, ...]
    total: int
    page: int
    per_page: int

    @property
    def maybe_more(self) -> bool:
        return (self.page + 1) * self.per_page < self.total


@dataclass(frozen=True)
class CourseCapabilities:
    """What the account may do in one course (get_capabilities)."""

    course_id: int
    create_polls: bool
    read_consent: bool
    triage: bool
    lock: bool
    pin: bool
    all_groups: bool
    policy_handler: str
    plugin_version: int
