"""The Moodle connector: Moodle's REST web services, as the official Moodle app uses them.

`check_site` and `login` come before a token exists (moodle_site.py); `MoodleClient`
implements the Platform protocol with one token. Transport and retries live in
moodle_http.py, error mapping in moodle_errors.py, JSON parsing in moodle_parse.py.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import requests

from moderator_app.platform import moodle_parse as parse
from moderator_app.platform.base import (
    FN_ACCEPTANCES,
    FN_CAPABILITIES,
    FN_CREATE_POLL,
    FN_GET_CLAIMS,
    FN_SET_CLAIM,
)
from moderator_app.platform.errors import (
    InvalidInput,
    PermissionDenied,
    PlatformError,
    PolicyNotAgreed,
    ProtocolError,
    Unavailable,
)
from moderator_app.platform.moodle_errors import is_rest_error, rest_error
from moderator_app.platform.moodle_html import clean_html
from moderator_app.platform.moodle_http import Transport, decode, encode_params, log_error
from moderator_app.platform.moodle_parse import Reader, each
from moderator_app.platform.moodle_site import (
    check_site,
    explain_refusal,
    login,
    normalise_url,
)
from moderator_app.platform.types import (
    ALL_PARTICIPANTS,
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

__all__ = ["MoodleClient", "check_site", "login", "normalise_url"]

log = logging.getLogger(__name__)

REST_PATH = "webservice/rest/server.php"
FORMAT_HTML = 1


# A read that checks the system context: it fails with sitepolicynotagreed while a
# policy waits (lists do not: they skip what they may not see).
FN_POLICY_PROBE = "core_user_get_user_preferences"
# Where a browser accepts the policy, by handler; another plugin's page is found by
# opening the site, which redirects there.
_POLICY_PAGES = {"": "user/policy.php", "tool_policy": "admin/tool/policy/index.php"}


class MoodleClient:
    """A signed-in connection to one Moodle site (implements platform.base.Platform)."""

    def __init__(
        self,
        site_url: str,
        token: str,
        *,
        session: requests.Session | None = None,
        timeout: float = 30.0,
        lang: str | None = None,
        read_retries: int = 3,
        backoff: float = 0.5,
    ) -> None:
        self.site_url = normalise_url(site_url)
        self._token = token
        self.lang = lang
        self._transport = Transport(session, timeout=timeout, retries=read_retries, backoff=backoff)
        # Filled by site_info(): tells "function not in the service" from "token expired".
        self.known_functions: frozenset[str] | None = None

    def __repr__(self) -> str:  # never show the token
        return f"MoodleClient({self.site_url!r})"

    # -- the one way to call a web-service function ------------------------------

    def call(
        self, function: str, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> Any:
        """POST one function; returns decoded JSON or raises a PlatformError."""
        form: list[tuple[str, str]] = [
            ("wstoken", self._token),
            ("moodlewsrestformat", "json"),
            ("wsfunction", function),
            ("moodlewssettingfilter", "true"),
            ("moodlewssettingfileurl", "true"),
        ]
        if self.lang:
            form.append(("moodlewssettinglang", self.lang))
        form.extend(encode_params(params or {}))
        try:
            response = self._transport.post(
                f"{self.site_url}/{REST_PATH}",
                function=function,
                params=[("moodlewsrestformat", "json"), ("wsfunction", function)],
                data=form,
                write=write,
            )
            body = decode(response, function, write=write)
            if is_rest_error(body):
                error = rest_error(body, function, self.known_functions)
                # An expired token and the Moodle app switched off read the same.
                raise explain_refusal(error, self.site_url, self._transport)
        except PlatformError as error:
            log_error(error)
            raise
        return body

    # -- reads --------------------------------------------------------------------

    def site_info(self) -> SiteInfo:
        fn = "core_webservice_get_site_info"
        info = parse.site_info(self.call(fn), fn)
        self.known_functions = info.functions
        return info

    def pending_site_policy(self) -> SitePolicy | None:
        """The site policy this user has yet to agree to; None when nothing waits.

        While a policy waits, lists answer [] instead of failing (each course's context
        check fails and the course is skipped), and site info does not say. Reading a
        preference checks the system context, which fails outright with
        sitepolicynotagreed; only then are the policy's settings asked for.
        """
        try:
            self.call(FN_POLICY_PROBE, {"name": "moderatordesk_policy_probe"})
            return None
        except PolicyNotAgreed:
            pass
        except (PermissionDenied, Unavailable, InvalidInput):
            return None  # the probe is not allowed here: nothing known, keep going
        fn = "tool_mobile_get_config"
        try:
            settings = parse.config_settings(self.call(fn, {"section": "sitepolicies"}), fn)
        except (PermissionDenied, Unavailable, InvalidInput):
            settings = {}
        handler = settings.get("sitepolicyhandler", "")
        return SitePolicy(
            handler=handler,
            view_url=settings.get("sitepolicy", ""),
            accept_url=f"{self.site_url}/{_POLICY_PAGES.get(handler, '')}",
        )

    def courses(self, user_id: int) -> list[Course]:
        fn = "core_enrol_get_users_courses"
        # returnusercount=0: the count is slow on big sites and the app does not use it.
        body = self.call(fn, {"userid": user_id, "returnusercount": False})
        return each(body, fn, "courses", parse.course)

    def participants(self, course_id: int) -> list[Participant]:
        fn = "core_enrol_get_enrolled_users"
        body = self.call(fn, {"courseid": course_id})
        return each(body, fn, "users", parse.participant(course_id))

    def forums(self, course_ids: list[int]) -> list[Forum]:
        fn = "mod_forum_get_forums_by_courses"
        body = self.call(fn, {"courseids": list(course_ids)})
        return each(body, fn, "forums", parse.forum)

    def discussions(self, forum_id: int, page: int, per_page: int) -> Page:
        fn = "mod_forum_get_forum_discussions"
        # sortorder 1: last post, newest first (pinned and starred still come first).
        params = {"forumid": forum_id, "sortorder": 1, "page": page, "perpage": per_page}
        return parse.discussions_page(self.call(fn, params), fn, forum_id, page, per_page)

    def discussion_posts(self, discussion_id: int) -> DiscussionPosts:
        fn = "mod_forum_get_discussion_posts"
        params = {"discussionid": discussion_id, "sortby": "created", "sortdirection": "ASC"}
        return parse.discussion_posts(self.call(fn, params), fn)

    def can_add_discussion(self, forum_id: int) -> bool:
        fn = "mod_forum_can_add_discussion"
        return Reader(self.call(fn, {"forumid": forum_id}), fn).flag("status")

    def choices(self, course_ids: list[int]) -> list[Choice]:
        fn = "mod_choice_get_choices_by_courses"
        return parse.choices(self.call(fn, {"courseids": list(course_ids)}), fn)

    def choice_options(self, choice_id: int) -> list[ChoiceOption]:
        fn = "mod_choice_get_choice_options"
        return parse.choice_options(self.call(fn, {"choiceid": choice_id}), fn)

    def choice_results(self, choice_id: int) -> list[ChoiceOptionResult]:
        fn = "mod_choice_get_choice_results"
        return parse.choice_results(self.call(fn, {"choiceid": choice_id}), fn)

    def users_by_id(self, user_ids: list[int]) -> list[UserProfile]:
        fn = "core_user_get_users_by_field"
        if not user_ids:
            return []
        body = self.call(fn, {"field": "id", "values": list(user_ids)})
        return each(body, fn, "users", parse.user_profile)

    # -- writes: sent at most once per call ------------------------------------------
    # Every HTML body that leaves the app passes clean_html here, the one way out, so
    # replies, prompts, shared learner copies and messages reach learners cleaned by the
    # same allowlist Moodle uses (a site's own cleaning may be switched off or older).

    def reply(
        self,
        post_id: int,
        subject: str,
        message_html: str,
        *,
        private: bool = False,
        subscribe: bool | None = None,
    ) -> NewPost:
        """Reply to a post. subscribe None keeps the user's forum preference."""
        fn = "mod_forum_add_discussion_post"
        message_html = clean_html(message_html)
        if not message_html.strip():
            # Moodle would accept and publish an empty reply.
            raise InvalidInput("The reply is empty.", code="emptymessage", function=fn)
        options: list[dict[str, Any]] = []
        if subscribe is not None:
            options.append({"name": "discussionsubscribe", "value": subscribe})
        if private:
            options.append({"name": "private", "value": True})
        params = {
            "postid": post_id,
            "subject": subject,
            "message": message_html,
            "messageformat": FORMAT_HTML,
            "options": options,
        }
        return parse.new_post(self.call(fn, params, write=True), fn)

    def start_discussion(
        self, forum_id: int, subject: str, message_html: str, options: DiscussionOptions
    ) -> int:
        fn = "mod_forum_add_discussion"
        message_html = clean_html(message_html)
        if not message_html.strip() or not subject.strip():
            raise InvalidInput(
                "The subject and message must not be empty.", code="emptymessage", function=fn
            )
        # mail_now has no web-service option in Moodle 4.2: it is not sent.
        params: dict[str, Any] = {
            "forumid": forum_id,
            "subject": subject,
            "message": message_html,
            # No group: all participants, -1 as Moodle's own form sends it. Leaving it
            # out stores group 0 in a group forum, which no learner can see.
            "groupid": options.group_id or ALL_PARTICIPANTS,
            "options": [
                {"name": "discussionsubscribe", "value": options.subscribe},
                {"name": "discussionpinned", "value": options.pinned},
            ],
        }
        body = self.call(fn, params, write=True)
        return Reader(body, fn).integer("discussionid")

    def agree_site_policy(self) -> bool:
        """Agree to the site policy (core's handler only); True once agreed."""
        fn = "core_user_agree_site_policy"
        r = Reader(self.call(fn, {}, write=True), fn)
        codes = each(r.items("warnings", []), fn, "warnings", lambda w: w.text("warningcode", ""))
        return r.flag("status") or "alreadyagreed" in codes

    def set_lock(self, forum_id: int, discussion_id: int, target_state: int) -> LockState:
        fn = "mod_forum_set_lock_state"
        params = {"forumid": forum_id, "discussionid": discussion_id, "targetstate": target_state}
        return parse.lock_state(self.call(fn, params, write=True), fn)

    def set_pin(self, discussion_id: int, pinned: bool) -> None:
        fn = "mod_forum_set_pin_state"
        body = self.call(fn, {"discussionid": discussion_id, "targetstate": pinned}, write=True)
        if Reader(body, fn).flag("pinned") != pinned:
            raise ProtocolError(
                "The site did not change the pin state.", code="notchanged", function=fn
            )

    def delete_post(self, post_id: int) -> None:
        fn = "mod_forum_delete_post"
        body = self.call(fn, {"postid": post_id}, write=True)
        if not Reader(body, fn).flag("status"):
            raise ProtocolError("The site did not delete the post.", code="notchanged", function=fn)

    def create_poll(self, spec: PollSpec) -> CreatedPoll:
        fn = FN_CREATE_POLL
        params: dict[str, Any] = {
            "courseid": spec.course_id,
            "section": spec.section,
            "name": spec.name,
            "intro": clean_html(spec.intro),
            "options": [{"text": text, "maxanswers": limit} for text, limit in spec.options],
            "allowmultiple": spec.allow_multiple,
            "allowupdate": spec.allow_update,
            "limitanswers": spec.limit_answers,
            "showresults": spec.show_results,
            "publish": spec.publish_names,
            "showunanswered": spec.show_unanswered,
            "timeopen": spec.time_open,
            "timeclose": spec.time_close,
            "visible": spec.visible,
            "clientref": spec.client_ref,
        }
        return parse.created_poll(self.call(fn, params, write=True), fn)

    def send_message(self, user_id: int, text_html: str, client_msg_id: str) -> SentMessage:
        fn = "core_message_send_instant_messages"
        text_html = clean_html(text_html)
        if not text_html.strip():
            raise InvalidInput("The message is empty.", code="emptymessage", function=fn)
        params = {
            "messages": [
                {
                    "touserid": user_id,
                    "text": text_html,
                    "textformat": FORMAT_HTML,
                    "clientmsgid": client_msg_id,
                }
            ]
        }
        message, error = parse.sent_message(self.call(fn, params, write=True), fn)
        if message.message_id < 0:
            # Per-message failures (blocked, privacy, unknown user) do not raise in Moodle.
            raise PermissionDenied(
                error or "The message was not delivered.", code="messagefailed", function=fn
            )
        return message

    # -- the companion plugin (moodle/local_moderatordesk/CONTRACT.md) ---------------

    def claims(self, course_ids: list[int], since: int) -> Claims:
        """Team claims set at or after `since` (inclusive: the same claim may come twice)."""
        fn = FN_GET_CLAIMS
        body = self.call(fn, {"courseids": sorted(set(course_ids)), "since": since})
        return parse.claims(body, fn)

    def set_claim(
        self, discussion_id: int, state: str, reason: str = "", *, override: bool = False
    ) -> ClaimResult:
        fn = FN_SET_CLAIM
        params = {
            "discussionid": discussion_id,
            "state": state,
            "reason": reason,
            "override": override,
        }
        return parse.claim_result(self.call(fn, params, write=True), fn)

    def policy_acceptances(
        self, course_id: int, page: int, per_page: int, group_id: int = 0
    ) -> AcceptancesPage:
        fn = FN_ACCEPTANCES
        params = {"courseid": course_id, "groupid": group_id, "page": page, "perpage": per_page}
        return parse.acceptances_page(self.call(fn, params), fn)

    def capabilities(self, course_id: int) -> CourseCapabilities:
        fn = FN_CAPABILITIES
        body = self.call(fn, {"courseid": course_id})
        return parse.course_capabilities(body, fn, course_id)
