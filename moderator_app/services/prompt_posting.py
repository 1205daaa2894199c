"""Posting a prompt: fill it in for a forum, then start the discussion now or at a time.

The discussion goes through the outbox (OutboxService.start_discussion, `not_before`
for a scheduled one), so it waits offline and goes out with the first sync after
its time; nothing here touches the network. Each use of a prompt is recorded and
learns its discussion id once its outbox item is done (`refresh_uses`), which is
what the 'what works' figures count from. The use and its outbox item are written
(and cancelled) in one transaction: a crash in between would lose the use (the
figures miss a post) or leave a use without a post.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from sqlalchemy import delete, select, text

from moderator_app.platform.errors import InvalidInput, NotFound
from moderator_app.platform.types import DiscussionOptions
from moderator_app.services.outbox import OutboxService
from moderator_app.services.outbox_queue import DONE, OPEN_STATES
from moderator_app.services.prompt_rules import (
    TARGET_PLACEHOLDERS,
    Filled,
    PromptText,
    fill,
    placeholders,
)
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.store.models_prompts import PromptText as PromptTextRow
from moderator_app.store.models_prompts import PromptUse, use_ref

ADD_DISCUSSION = "mod_forum_add_discussion"
# The app can pin when the site lets it call the pin function; Moodle still checks the
# capability when the discussion is created, and says so if it is missing.
SET_PIN = "mod_forum_set_pin_state"
# Scheduling a little in the past (the dialog was open a while) means "now".
PAST_SLACK = 300

CANNOT_SITE = "site"  # the site does not offer starting discussions to the app
CANNOT_FORUM = "forum"  # this forum does not let the account start a discussion


class PostingRefused(InvalidInput):
    def __init__(self, reason: str) -> None:
        super().__init__(f"cannot start a discussion here ({reason})")
        self.reason = reason


class ScheduleInPast(InvalidInput):
    pass


@dataclass(frozen=True)
class PostingAbility:
    can_post: bool
    reason: str | None  # CANNOT_SITE, CANNOT_FORUM
    can_pin: bool
    groups: tuple[int, ...]  # group ids in the course; empty: no group choice


@dataclass(frozen=True)
class Target:
    forum_id: int
    course_id: int
    forum_name: str
    course_name: str

    def values(self) -> dict[str, str]:
        return {"course": self.course_name, "forum": self.forum_name}


@dataclass(frozen=True)
class ScheduledPost:
    use_id: str
    outbox_id: str
    prompt_id: str
    subject: str
    forum_name: str
    course_name: str
    scheduled_for: int  # 0: as soon as possible
    state: str  # the outbox state
    last_error: str | None


class PromptPoster:
    def __init__(
        self,
        db: Database,
        actor: str,
        *,
        site_functions: Collection[str] | None = None,
        now: Callable[[], int] = lambda: int(time.time()),
    ) -> None:
        self.db = db
        self.site_functions = site_functions
        self.now = now
        self.outbox = OutboxService(db, actor, now=now)

    # -- before posting -----------------------------------------------------------

    def target(self, forum_id: int) -> Target:
        with self.db.session() as s:
            forum = s.get(m.Forum, forum_id)
            if forum is None:
                raise NotFound(f"forum {forum_id} is not in the local store")
            course = s.get(m.Course, forum.course_id)
            return Target(forum.id, forum.course_id, forum.name, course.fullname if course else "")

    def targets(self) -> list[Target]:
        """Every forum a prompt could go to (news forums left out), by course and name."""
        with self.db.session() as s:
            rows = s.execute(
                select(m.Forum.id, m.Forum.course_id, m.Forum.name, m.Course.fullname)
                .join(m.Course, m.Course.id == m.Forum.course_id)
                .where(m.Forum.type != "news")
                .order_by(m.Course.fullname, m.Forum.name, m.Forum.id)
            ).all()
        return [Target(fid, cid, name, course) for fid, cid, name, course in rows]

    def ability(self, forum_id: int) -> PostingAbility:
        """What the site and the forum allow (unknown site functions: assume allowed)."""
        functions = self.site_functions
        with self.db.session() as s:
            forum = s.get(m.Forum, forum_id)
            if forum is None:
                raise NotFound(f"forum {forum_id} is not in the local store")
            group_lists = s.scalars(
                select(m.Participant.group_ids).where(
                    m.Participant.course_id == forum.course_id, m.Participant.group_ids != ""
                )
            )
            groups = sorted({int(g) for ids in group_lists for g in ids.split() if g.isdigit()})
            can_create = forum.can_create_discussions
        reason = None
        if functions is not None and ADD_DISCUSSION not in functions:
            reason = CANNOT_SITE
        elif not can_create:
            reason = CANNOT_FORUM
        return PostingAbility(
            can_post=reason is None,
            reason=reason,
            can_pin=functions is None or SET_PIN in functions,
            groups=tuple(groups),
        )

    def text_of(self, prompt_id: str, lang: str) -> PromptText:
        with self.db.session() as s:
            row = s.get(PromptTextRow, (prompt_id, lang))
            if row is None:
                raise NotFound(f"prompt {prompt_id} has no text in {lang}")
            return PromptText(row.title, row.body)

    def open_placeholders(self, prompt_id: str, lang: str) -> tuple[str, ...]:
        """The placeholders the moderator fills in ({course} and {forum} come from the target)."""
        t = self.text_of(prompt_id, lang)
        return tuple(n for n in placeholders(t.title, t.body) if n not in TARGET_PLACEHOLDERS)

    def fill(self, prompt_id: str, lang: str, forum_id: int, values: Mapping[str, str]) -> Filled:
        """Subject and HTML for this forum; MissingPlaceholders names what is still open."""
        merged = {**values, **self.target(forum_id).values()}
        return fill(self.text_of(prompt_id, lang), merged)

    # -- posting ------------------------------------------------------------------

    def post(
        self,
        prompt_id: str,
        lang: str,
        forum_id: int,
        values: Mapping[str, str],
        options: DiscussionOptions | None = None,
        at: int | None = None,
    ) -> str:
        """Queue the discussion (now, or at `at`); returns the use id."""
        now = self.now()
        if at is not None and at < now - PAST_SLACK:
            raise ScheduleInPast("the chosen time has passed")
        scheduled_for = at if at is not None and at > now else 0
        ability = self.ability(forum_id)
        if not ability.can_post:
            raise PostingRefused(ability.reason or CANNOT_FORUM)
        options = options or DiscussionOptions()
        if options.pinned and not ability.can_pin:
            options = DiscussionOptions(
                options.subscribe, False, options.group_id, options.mail_now
            )
        filled = self.fill(prompt_id, lang, forum_id, values)
        target = self.target(forum_id)
        use_id = str(uuid.uuid4())
        with self.db.session() as s:
            self.outbox.start_discussion(
                forum_id,
                filled.subject,
                filled.message_html,
                options,
                not_before=scheduled_for,
                is_html=True,
                local_ref=use_ref(use_id),
                session=s,
            )
            s.add(
                PromptUse(
                    id=use_id,
                    prompt_id=prompt_id,
                    lang=lang,
                    course_id=target.course_id,
                    forum_id=forum_id,
                    subject=filled.subject,
                    created_at=now,
                    scheduled_for=scheduled_for,
                )
            )
        return use_id

    # -- after posting -------------------------------------------------------------

    def refresh_uses(self) -> int:
        """Copy discussion ids of done items to their uses; drop uses cancelled elsewhere."""
        with self.db.session() as s:
            done = s.execute(
                text(f"""
                UPDATE prompt_use SET
                    discussion_id = (SELECT CAST(o.result_ref AS INTEGER) FROM outbox o
                                     WHERE o.local_ref = 'prompt-use:' || prompt_use.id
                                       AND o.state = '{DONE}'),
                    posted_at = (SELECT o.updated_at FROM outbox o
                                 WHERE o.local_ref = 'prompt-use:' || prompt_use.id
                                   AND o.state = '{DONE}')
                WHERE discussion_id IS NULL AND EXISTS (
                    SELECT 1 FROM outbox o WHERE o.local_ref = 'prompt-use:' || prompt_use.id
                      AND o.state = '{DONE}')
            """)
            )
            s.execute(
                text("""
                DELETE FROM prompt_use WHERE discussion_id IS NULL AND NOT EXISTS (
                    SELECT 1 FROM outbox o WHERE o.local_ref = 'prompt-use:' || prompt_use.id)
            """)
            )
            return int(getattr(done, "rowcount", 0) or 0)

    def scheduled(self) -> list[ScheduledPost]:
        """Prompts waiting in the outbox (scheduled, or waiting for the next sync)."""
        with self.db.session() as s:
            rows = s.execute(
                select(PromptUse, m.OutboxItem, m.Forum.name, m.Course.fullname)
                .join(m.OutboxItem, m.OutboxItem.local_ref == "prompt-use:" + PromptUse.id)
                .outerjoin(m.Forum, m.Forum.id == PromptUse.forum_id)
                .outerjoin(m.Course, m.Course.id == PromptUse.course_id)
                .where(m.OutboxItem.state.in_(OPEN_STATES))
                .order_by(m.OutboxItem.not_before, PromptUse.created_at)
            ).all()
        return [
            ScheduledPost(
                use_id=use.id,
                outbox_id=item.id,
                prompt_id=use.prompt_id,
                subject=use.subject,
                forum_name=forum_name or "",
                course_name=course_name or "",
                scheduled_for=item.not_before if use.scheduled_for else 0,
                state=item.state,
                last_error=item.last_error,
            )
            for use, item, forum_name, course_name in rows
        ]

    def cancel(self, use_id: str) -> None:
        """Take a scheduled prompt back (not once it is on its way)."""
        with self.db.session() as s:
            item_id = s.scalar(
                select(m.OutboxItem.id).where(m.OutboxItem.local_ref == use_ref(use_id))
            )
            if item_id is None:
                raise NotFound(f"no waiting post for use {use_id}")
            self.outbox.cancel(item_id, session=s)
            s.execute(delete(PromptUse).where(PromptUse.id == use_id))
