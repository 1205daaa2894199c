"""Moodle JSON -> the plain dataclasses of platform/types.py.

Every reader checks types: a missing field or a wrong type raises ProtocolError
naming the function, never a KeyError or TypeError.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, TypeVar

from moderator_app.platform.base import PLUGIN_PREFIX
from moderator_app.platform.errors import ProtocolError
from moderator_app.platform.types import (
    CLAIM_STATES,
    AcceptancesPage,
    Choice,
    ChoiceOption,
    ChoiceOptionResult,
    ChoiceResponse,
    Claim,
    ClaimResult,
    Claims,
    Course,
    CourseCapabilities,
    CreatedPoll,
    Discussion,
    DiscussionPosts,
    Forum,
    Group,
    LockState,
    NewPost,
    Page,
    Participant,
    ParticipantAcceptances,
    PolicyAnswer,
    Post,
    SentMessage,
    SiteInfo,
    SitePolicyVersion,
    UserProfile,
)

T = TypeVar("T")
Obj = Mapping[str, Any]


class Reader:
    """Typed access to one JSON object of one function's answer."""

    def __init__(self, obj: Any, function: str, where: str = "") -> None:
        if not isinstance(obj, Mapping):
            raise ProtocolError(
                f"Expected an object{where and ' in ' + where}, got {type(obj).__name__}.",
                code="badshape",
                function=function,
            )
        self.obj: Obj = obj
        self.function = function
        self.where = where

    def _bad(self, key: str, want: str) -> ProtocolError:
        place = f"{self.where}." if self.where else ""
        return ProtocolError(
            f"Field {place}{key} is missing or not {want}.",
            code="badfield",
            function=self.function,
        )

    def integer(self, key: str, default: int | None = None) -> int:
        value = self.obj.get(key, default)
        # Moodle sometimes sends ints as strings (e.g. site info `version`).
        if isinstance(value, str) and value.lstrip("-").isdigit():
            return int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._bad(key, "an integer")
        return value

    def opt_integer(self, key: str) -> int | None:
        value = self.obj.get(key)
        return None if value is None else self.integer(key)

    def text(self, key: str, default: str | None = None) -> str:
        value = self.obj.get(key, default)
        if not isinstance(value, str):
            raise self._bad(key, "text")
        return value

    def opt_text(self, key: str) -> str | None:
        value = self.obj.get(key)
        return None if value is None else self.text(key)

    def flag(self, key: str, default: bool | None = None) -> bool:
        value = self.obj.get(key, default)
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):  # 0/1 flags, e.g. `visible`
            return bool(value)
        raise self._bad(key, "a boolean")

    def number(self, key: str, default: float | None = None) -> float:
        value = self.obj.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self._bad(key, "a number")
        return float(value)

    def items(self, key: str, default: list[Any] | None = None) -> list[Any]:
        value = self.obj.get(key, default)
        if not isinstance(value, list):
            raise self._bad(key, "a list")
        return value

    def child(self, key: str) -> Reader:
        return Reader(self.obj.get(key), self.function, f"{self.where}.{key}".strip("."))


def each(items: Any, function: str, what: str, parse: Callable[[Reader], T]) -> list[T]:
    if not isinstance(items, list):
        raise ProtocolError(
            f"Expected a list of {what}, got {type(items).__name__}.",
            code="badshape",
            function=function,
        )
    return [parse(Reader(item, function, f"{what}[{i}]")) for i, item in enumerate(items)]


def site_info(body: Any, function: str) -> SiteInfo:
    r = Reader(body, function)
    listed = each(r.items("functions", []), function, "functions", _function_version)
    functions = [name for name, _ in listed]
    plugin = [version for name, version in listed if name.startswith(PLUGIN_PREFIX)]
    return SiteInfo(
        site_name=r.text("sitename"),
        site_url=r.text("siteurl"),
        user_id=r.integer("userid"),
        username=r.text("username"),
        fullname=r.text("fullname"),
        lang=r.text("lang", ""),
        release=r.text("release", ""),
        functions=frozenset(functions),
        plugin_version=max(plugin, default=0),
    )


def _function_version(r: Reader) -> tuple[str, int]:
    # Moodle writes a plugin's version as a string ("2026120400"), the sandbox as an int.
    raw = r.obj.get("version")
    text = str(raw).strip() if raw is not None else ""
    return r.text("name"), int(text) if text.isdigit() else 0


def config_settings(body: Any, function: str) -> dict[str, str]:
    """tool_mobile_get_config: its name/value list as a dict."""
    r = Reader(body, function)
    pairs = each(r.items("settings", []), function, "settings", _setting)
    return dict(pairs)


def _setting(r: Reader) -> tuple[str, str]:
    value = r.obj.get("value")
    return r.text("name"), "" if value is None else str(value)


def course(r: Reader) -> Course:
    return Course(
        id=r.integer("id"),
        shortname=r.text("shortname"),
        fullname=r.text("fullname"),
        visible=r.flag("visible", True),
    )


def participant(course_id: int) -> Callable[[Reader], Participant]:
    def parse(r: Reader) -> Participant:
        roles = each(r.items("roles", []), r.function, "roles", lambda x: x.text("shortname"))
        groups = each(
            r.items("groups", []),
            r.function,
            "groups",
            lambda x: Group(id=x.integer("id"), name=x.text("name")),
        )
        return Participant(
            id=r.integer("id"),
            course_id=course_id,
            fullname=r.text("fullname"),
            username=r.text("username", ""),
            email=r.text("email", ""),
            roles=tuple(roles),
            groups=tuple(groups),
            last_access=r.opt_integer("lastaccess"),
            last_course_access=r.opt_integer("lastcourseaccess"),
        )

    return parse


def forum(r: Reader) -> Forum:
    return Forum(
        id=r.integer("id"),
        course_id=r.integer("course"),
        cmid=r.integer("cmid"),
        name=r.text("name"),
        type=r.text("type"),
        intro=r.text("intro", ""),
        num_discussions=r.integer("numdiscussions", 0),
        can_create_discussions=r.flag("cancreatediscussions", True),
        time_modified=r.integer("timemodified", 0),
    )


def discussion(r: Reader) -> Discussion:
    return Discussion(
        id=r.integer("discussion"),
        forum_id=r.integer("forum", 0),  # not in 4.2's list: the caller fills it in
        first_post_id=r.integer("id"),
        name=r.text("name"),
        subject=r.text("subject"),
        message=r.text("message"),
        author_id=r.opt_integer("userid"),
        author_fullname=r.opt_text("userfullname"),
        created=r.integer("created"),
        time_modified=r.integer("timemodified"),
        last_post_user_id=r.opt_integer("usermodified"),
        last_post_user_fullname=r.opt_text("usermodifiedfullname"),
        num_replies=r.integer("numreplies"),
        group_id=r.integer("groupid", -1),
        pinned=r.flag("pinned", False),
        locked=r.flag("locked", False),
        starred=r.flag("starred", False),
        can_reply=r.flag("canreply", True),
        can_lock=r.flag("canlock", False),
        first_post_modified=r.integer("modified", 0),
    )


def discussions_page(body: Any, function: str, forum_id: int, page: int, per_page: int) -> Page:
    r = Reader(body, function)
    items = each(r.items("discussions"), function, "discussions", discussion)
    items = [_with_forum(d, forum_id) for d in items]
    warnings = each(r.items("warnings", []), function, "warnings", lambda w: w.text("message", ""))
    return Page(items=tuple(items), page=page, per_page=per_page, warnings=tuple(warnings))


def _with_forum(d: Discussion, forum_id: int) -> Discussion:
    return replace(d, forum_id=forum_id)


_MISSING: Any = object()


def _int_or_none(value: Any) -> bool:
    return value is None or type(value) is int


def _post_fast(o: Obj) -> Post | None:
    """A post whose fields all have exactly the usual JSON types, in one pass; None
    sends anything unusual (digit strings, 0/1 flags, a wrong type) to the checked
    path, which converts or names the bad field. Field-by-field Reader calls were
    most of the parse time of a 100k-post sync."""
    author = o.get("author")
    caps = o.get("capabilities", _MISSING)
    attachments = o.get("attachments", ())
    pid, did, parent = o.get("id"), o.get("discussionid"), o.get("parentid")
    subject, message = o.get("subject"), o.get("message")
    created, modified = o.get("timecreated"), o.get("timemodified")
    deleted, private = o.get("isdeleted", False), o.get("isprivatereply", False)
    if not (
        type(pid) is int
        and type(did) is int
        and type(subject) is str
        and type(message) is str
        and type(author) is dict
        and _int_or_none(parent)
        and _int_or_none(created)
        and _int_or_none(modified)
        and type(deleted) is bool
        and type(private) is bool
        and type(attachments) in (list, tuple)
    ):
        return None
    author_id, fullname = author.get("id"), author.get("fullname", "")
    if not (_int_or_none(author_id) and type(fullname) is str):
        return None
    can_reply, can_delete = True, False
    if caps is not _MISSING:
        if type(caps) is not dict:
            return None
        can_reply, can_delete = caps.get("reply", True), caps.get("delete", False)
        if type(can_reply) is not bool or type(can_delete) is not bool:
            return None
    return Post(
        id=pid,
        discussion_id=did,
        parent_id=parent or None,
        subject=subject,
        message=message,
        author_id=author_id,
        author_fullname=fullname,
        time_created=created,
        time_modified=modified,
        is_deleted=deleted,
        is_private_reply=private,
        can_reply=can_reply,
        can_delete=can_delete,
        has_attachments=bool(attachments),
    )


def post(r: Reader) -> Post:
    fast = _post_fast(r.obj)
    if fast is not None:
        return fast
    return _post_checked(r)


def _post_checked(r: Reader) -> Post:
    author = r.child("author")
    caps = r.child("capabilities") if "capabilities" in r.obj else None
    return Post(
        id=r.integer("id"),
        discussion_id=r.integer("discussionid"),
        parent_id=r.opt_integer("parentid") or None,
        subject=r.text("subject"),
        message=r.text("message"),
        author_id=author.opt_integer("id"),
        author_fullname=author.text("fullname", ""),
        time_created=r.opt_integer("timecreated"),
        time_modified=r.opt_integer("timemodified"),
        is_deleted=r.flag("isdeleted", False),
        is_private_reply=r.flag("isprivatereply", False),
        can_reply=caps.flag("reply", True) if caps else True,
        can_delete=caps.flag("delete", False) if caps else False,
        has_attachments=bool(r.items("attachments", [])),
    )


def discussion_posts(body: Any, function: str) -> DiscussionPosts:
    r = Reader(body, function)
    return DiscussionPosts(
        forum_id=r.integer("forumid"),
        course_id=r.integer("courseid"),
        posts=tuple(each(r.items("posts"), function, "posts", post)),
    )


def new_post(body: Any, function: str) -> NewPost:
    r = Reader(body, function)
    created = r.child("post")
    return NewPost(
        post_id=r.integer("postid"),
        discussion_id=created.integer("discussionid"),
        time_created=created.integer("timecreated"),
    )


def lock_state(body: Any, function: str) -> LockState:
    r = Reader(body, function)
    return LockState(
        discussion_id=r.integer("id"),
        locked=r.flag("locked"),
        time_locked=r.child("times").integer("locked"),
    )


def choice(r: Reader) -> Choice:
    # The settings fields come only with mod/choice:choose (managers lack it): defaults.
    return Choice(
        id=r.integer("id"),
        cmid=r.integer("coursemodule"),
        course_id=r.integer("course"),
        name=r.text("name"),
        intro=r.text("intro", ""),
        section=r.integer("section", 0),
        visible=r.flag("visible", True),
        publish_names=r.flag("publish", False),
        show_results=r.integer("showresults", 1),
        allow_update=r.flag("allowupdate", False),
        allow_multiple=r.flag("allowmultiple", False),
        limit_answers=r.flag("limitanswers", False),
        time_open=r.integer("timeopen", 0),
        time_close=r.integer("timeclose", 0),
        time_modified=r.integer("timemodified", 0),
    )


def choices(body: Any, function: str) -> list[Choice]:
    return each(Reader(body, function).items("choices"), function, "choices", choice)


def choice_options(body: Any, function: str) -> list[ChoiceOption]:
    def parse(r: Reader) -> ChoiceOption:
        return ChoiceOption(
            id=r.integer("id"),
            text=r.text("text"),
            max_answers=r.integer("maxanswers", 0),
            count=r.integer("countanswers", 0),
        )

    return each(Reader(body, function).items("options"), function, "options", parse)


def choice_results(body: Any, function: str) -> list[ChoiceOptionResult]:
    def response(r: Reader) -> ChoiceResponse:
        return ChoiceResponse(
            user_id=r.integer("userid"),
            fullname=r.text("fullname", ""),
            time_modified=r.integer("timemodified", 0),
        )

    def parse(r: Reader) -> ChoiceOptionResult:
        return ChoiceOptionResult(
            option_id=r.integer("id"),
            text=r.text("text"),
            count=r.integer("numberofuser"),
            percentage=r.number("percentageamount"),
            responses=tuple(
                each(r.items("userresponses", []), function, "userresponses", response)
            ),
        )

    return each(Reader(body, function).items("options"), function, "options", parse)


def created_poll(body: Any, function: str) -> CreatedPoll:
    r = Reader(body, function)
    return CreatedPoll(
        cmid=r.integer("cmid"), choice_id=r.integer("choiceid"), created=r.flag("created")
    )


def sent_message(body: Any, function: str) -> tuple[SentMessage, str]:
    """The first result of core_message_send_instant_messages and its errormessage."""
    items = each(body, function, "messages", lambda r: r)
    if not items:
        raise ProtocolError(
            "The site returned no message result.", code="badshape", function=function
        )
    r = items[0]
    message = SentMessage(message_id=r.integer("msgid"), client_msg_id=r.text("clientmsgid", ""))
    return message, r.text("errormessage", "")


def user_profile(r: Reader) -> UserProfile:
    return UserProfile(
        id=r.integer("id"),
        fullname=r.text("fullname"),
        username=r.text("username", ""),
        email=r.text("email", ""),
    )


# -- the companion plugin (moodle/local_moderatordesk/CONTRACT.md) ---------------------


def claim(r: Reader) -> Claim:
    state = r.text("state")
    if state not in CLAIM_STATES:
        raise r._bad("state", "a claim state")
    return Claim(
        discussion_id=r.integer("discussionid"),
        course_id=r.integer("courseid"),
        forum_id=r.integer("forumid"),
        state=state,
        reason=r.text("reason", ""),
        user_id=r.integer("userid"),
        fullname=r.text("fullname", ""),
        time_modified=r.integer("timemodified"),
    )


def claims(body: Any, function: str) -> Claims:
    r = Reader(body, function)
    refused = [
        w.integer("itemid")
        for w in each(r.items("warnings", []), function, "warnings", lambda w: w)
        if w.text("item", "") == "course"
    ]
    return Claims(
        claims=tuple(each(r.items("claims"), function, "claims", claim)),
        server_time=r.integer("servertime"),
        refused_courses=tuple(refused),
    )


def claim_result(body: Any, function: str) -> ClaimResult:
    r = Reader(body, function)
    return ClaimResult(changed=r.flag("changed"), claim=claim(r.child("claim")))


def _policy_version(r: Reader) -> SitePolicyVersion:
    return SitePolicyVersion(
        version_id=r.integer("versionid"),
        policy_id=r.integer("policyid"),
        name=r.text("name"),
        revision=r.text("revision", ""),
        type=r.integer("type", 0),
        optional=r.flag("optional", False),
    )


def _answer(r: Reader) -> PolicyAnswer:
    return PolicyAnswer(
        version_id=r.integer("versionid"),
        status=r.text("status"),
        time_modified=r.integer("timemodified", 0),
        on_behalf=r.flag("onbehalf", False),
    )


def _participant_acceptances(r: Reader) -> ParticipantAcceptances:
    return ParticipantAcceptances(
        user_id=r.integer("userid"),
        fullname=r.text("fullname", ""),
        answers=tuple(each(r.items("policies"), r.function, "policies", _answer)),
    )


def acceptances_page(body: Any, function: str) -> AcceptancesPage:
    r = Reader(body, function)
    return AcceptancesPage(
        policies=tuple(each(r.items("policies"), function, "policies", _policy_version)),
        participants=tuple(
            each(r.items("participants"), function, "participants", _participant_acceptances)
        ),
        total=r.integer("total"),
        page=r.integer("page"),
        per_page=r.integer("perpage"),
    )


def course_capabilities(body: Any, function: str, course_id: int) -> CourseCapabilities:
    r = Reader(body, function)
    return CourseCapabilities(
        course_id=course_id,
        create_polls=r.flag("createpolls"),
        read_consent=r.flag("readconsent"),
        triage=r.flag("triage"),
        lock=r.flag("lock"),
        pin=r.flag("pin"),
        all_groups=r.flag("allgroups"),
        policy_handler=r.text("policyhandler", ""),
        plugin_version=r.integer("pluginversion", 0),
    )
