"""A Platform wrapper that counts the calls sync makes (the benchmarks and reports need them)."""

from __future__ import annotations

import threading
from collections import Counter

from moderator_app.platform.base import Platform
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


class CountingPlatform:
    """A Platform that delegates to `inner` and counts each call, failed ones too."""

    def __init__(self, inner: Platform) -> None:
        self.inner = inner
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def _count(self, name: str) -> None:
        with self._lock:
            self.counts[name] += 1

    def count_elsewhere(self, name: str) -> None:
        """Count a call made on another client for this run (the posts phase's fetchers)."""
        self._count(name)

    def site_info(self) -> SiteInfo:
        self._count("site_info")
        return self.inner.site_info()

    def pending_site_policy(self) -> SitePolicy | None:
        self._count("pending_site_policy")
        return self.inner.pending_site_policy()

    def agree_site_policy(self) -> bool:
        self._count("agree_site_policy")
        return self.inner.agree_site_policy()

    def courses(self, user_id: int) -> list[Course]:
        self._count("courses")
        return self.inner.courses(user_id)

    def participants(self, course_id: int) -> list[Participant]:
        self._count("participants")
        return self.inner.participants(course_id)

    def forums(self, course_ids: list[int]) -> list[Forum]:
        self._count("forums")
        return self.inner.forums(course_ids)

    def discussions(self, forum_id: int, page: int, per_page: int) -> Page:
        self._count("discussions")
        return self.inner.discussions(forum_id, page, per_page)

    def discussion_posts(self, discussion_id: int) -> DiscussionPosts:
        self._count("discussion_posts")
        return self.inner.discussion_posts(discussion_id)

    def reply(
        self, post_id: int, subject: str, message_html: str, *, private: bool = False
    ) -> NewPost:
        self._count("reply")
        return self.inner.reply(post_id, subject, message_html, private=private)

    def start_discussion(
        self, forum_id: int, subject: str, message_html: str, options: DiscussionOptions
    ) -> int:
        self._count("start_discussion")
        return self.inner.start_discussion(forum_id, subject, message_html, options)

    def set_lock(self, forum_id: int, discussion_id: int, target_state: int) -> LockState:
        self._count("set_lock")
        return self.inner.set_lock(forum_id, discussion_id, target_state)

    def set_pin(self, discussion_id: int, pinned: bool) -> None:
        self._count("set_pin")
        self.inner.set_pin(discussion_id, pinned)

    def delete_post(self, post_id: int) -> None:
        self._count("delete_post")
        self.inner.delete_post(post_id)

    def choices(self, course_ids: list[int]) -> list[Choice]:
        self._count("choices")
        return self.inner.choices(course_ids)

    def choice_options(self, choice_id: int) -> list[ChoiceOption]:
        self._count("choice_options")
        return self.inner.choice_options(choice_id)

    def choice_results(self, choice_id: int) -> list[ChoiceOptionResult]:
        self._count("choice_results")
        return self.inner.choice_results(choice_id)

    def create_poll(self, spec: PollSpec) -> CreatedPoll:
        self._count("create_poll")
        return self.inner.create_poll(spec)

    def send_message(self, user_id: int, text_html: str, client_msg_id: str) -> SentMessage:
        self._count("send_message")
        return self.inner.send_message(user_id, text_html, client_msg_id)

    def users_by_id(self, user_ids: list[int]) -> list[UserProfile]:
        self._count("users_by_id")
        return self.inner.users_by_id(user_ids)

    def claims(self, course_ids: list[int], since: int) -> Claims:
        self._count("claims")
        return self.inner.claims(course_ids, since)

    def set_claim(
        self, discussion_id: int, state: str, reason: str = "", *, override: bool = False
    ) -> ClaimResult:
        self._count("set_claim")
        return self.inner.set_claim(discussion_id, state, reason, override=override)

    def policy_acceptances(
        self, course_id: int, page: int, per_page: int, group_id: int = 0
    ) -> AcceptancesPage:
        self._count("policy_acceptances")
        return self.inner.policy_acceptances(course_id, page, per_page, group_id)

    def capabilities(self, course_id: int) -> CourseCapabilities:
        self._count("capabilities")
        return self.inner.capabilities(course_id)
