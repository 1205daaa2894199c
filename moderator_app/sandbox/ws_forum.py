"""mod_forum_* functions: forums, discussion lists, posts, replies, lock, pin, delete."""

from __future__ import annotations

from typing import Any

from moderator_app.sandbox.access import MAX_EDITING_TIME
from moderator_app.sandbox.errors import WsError, invalid_parameter
from moderator_app.sandbox.export import (
    export_discussion_entry,
    export_discussion_summary,
    export_post,
)
from moderator_app.sandbox.params import (
    OPTIONS,
    Int,
    List,
    Opt,
    Text,
    loose_bool,
    options_dict,
)
from moderator_app.sandbox.registry import Ctx, ws
from moderator_app.sandbox.state import Row

_SORT_KEYS = {
    1: ("d.timemodified", "DESC"),
    2: ("d.timemodified", "ASC"),
    3: ("p.created", "DESC"),
    4: ("p.created", "ASC"),
    5: ("numreplies", "DESC"),
    6: ("numreplies", "ASC"),
}

# Replies a user may count: private replies only for their author, recipient and staff.
_VISIBLE_REPLIES = (
    "(SELECT COUNT(*) FROM posts r WHERE r.discussionid = d.id AND r.parent != 0"
    " AND (r.privatereplyto = 0 OR r.userid = :me OR r.privatereplyto = :me OR :readprivate))"
)


def can_start_discussion(ctx: Ctx, forum: Row, group_id: int) -> bool:
    """forum_user_can_post_discussion for a resolved group (-1: all participants)."""
    course_id = int(forum["courseid"])
    kind = forum["type"]
    if kind == "single":
        return False
    cap = {"news": "mod/forum:addnews", "qanda": "mod/forum:addquestion"}.get(
        kind, "mod/forum:startdiscussion"
    )
    if not ctx.access.has(course_id, cap):
        return False
    if kind == "eachuser" and ctx.state.value(
        "SELECT 1 FROM discussions WHERE forumid = ? AND userid = ?", (forum["id"], ctx.user_id)
    ):
        return False
    if forum["groupmode"] and not ctx.access.has(course_id, "moodle/site:accessallgroups"):
        return group_id != -1 and group_id in ctx.access.groups(course_id)
    return True


def resolve_group(ctx: Ctx, forum: Row, group_id: int) -> int:
    """groupid 0 means the user's active group (groups_get_activity_group); forums
    without group mode use -1 ("all participants").

    A web-service call has no chosen group: someone who may see all groups (or any
    visible-groups forum) gets 0, which Moodle stores as is; a learner gets their
    first group. Only -1 reaches all participants: group 0 in a separate-groups forum
    is seen by no learner (checked on Moodle 4.2.3).
    """
    if not forum["groupmode"]:
        return -1
    if group_id:
        return group_id
    course_id = int(forum["courseid"])
    if forum["groupmode"] == 2 or ctx.access.has(course_id, "moodle/site:accessallgroups"):
        return 0
    groups = sorted(ctx.access.groups(course_id))
    return groups[0] if groups else 0


def visible_posts(ctx: Ctx, forum: Row, posts: list[Row]) -> list[Row]:
    course_id = int(forum["courseid"])
    me = ctx.user_id
    read_private = ctx.access.has(course_id, "mod/forum:readprivatereplies")
    qanda_hidden = (
        forum["type"] == "qanda"
        and not ctx.access.has(course_id, "mod/forum:viewqandawithoutposting")
        and not any(p["userid"] == me for p in posts)
    )
    out = []
    for post in posts:
        to = post["privatereplyto"]
        if to and not read_private and me not in (post["userid"], to):
            continue
        if qanda_hidden and post["parent"] and post["userid"] != me:
            continue  # Q&A: others' replies stay hidden until you have posted
        out.append(post)
    return out


def _forum_or_moodle_error(ctx: Ctx, forum_id: int) -> Row:
    forum = ctx.state.forum(forum_id)
    if forum is None:
        # Moodle 4.2 really uses the English sentence as errorcode here.
        text = f"Unable to find forum with id {forum_id}"
        raise WsError(text, f"error/{text}")
    ctx.require_course(int(forum["courseid"]))
    return forum


def _discussion_and_forum(ctx: Ctx, discussion_id: int) -> tuple[Row, Row]:
    discussion = ctx.state.discussion(discussion_id)
    if discussion is None:
        raise WsError(
            "invalidrecord",
            "Can't find data record in database table forum_discussions.",
            "dml_missing_record_exception",
        )
    forum = ctx.state.forum(int(discussion["forumid"]))
    assert forum is not None
    ctx.require_course(int(forum["courseid"]))
    return discussion, forum


@ws("mod_forum_get_forums_by_courses", {"courseids": Opt(List(Int()), [])})
def get_forums_by_courses(ctx: Ctx, p: dict[str, Any]) -> list[dict[str, Any]]:
    if not ctx.policy_agreed():
        return []  # Moodle silently drops courses whose context fails
    course_ids = p["courseids"] or [
        r["courseid"]
        for r in ctx.state.rows(
            "SELECT DISTINCT courseid FROM enrolments WHERE userid = ?", (ctx.user_id,)
        )
    ]
    out = []
    for course_id in sorted(set(course_ids)):
        if not ctx.access.enrolled(course_id):
            continue
        for forum in ctx.state.rows(
            "SELECT * FROM forums WHERE courseid = ? ORDER BY id", (course_id,)
        ):
            numdiscussions = sum(
                1
                for d in ctx.state.rows(
                    "SELECT groupid FROM discussions WHERE forumid = ?", (forum["id"],)
                )
                if ctx.access.sees_group(forum, int(d["groupid"]))
            )
            out.append(_export_forum(ctx, forum, numdiscussions))
    return out


def _export_forum(ctx: Ctx, forum: Row, numdiscussions: int) -> dict[str, Any]:
    group = resolve_group(ctx, forum, 0)
    return {
        "id": forum["id"],
        "course": forum["courseid"],
        "type": forum["type"],
        "name": forum["name"],
        "intro": forum["intro"],
        "introformat": 1,
        "introfiles": [],
        "lang": "",
        "duedate": 0,
        "cutoffdate": 0,
        "assessed": 0,
        "assesstimestart": 0,
        "assesstimefinish": 0,
        "scale": 0,
        "grade_forum": 0,
        "grade_forum_notify": 0,
        "maxbytes": 0,
        "maxattachments": 1,
        "forcesubscribe": 0,
        "trackingtype": 1,
        "rsstype": 0,
        "rssarticles": 0,
        "timemodified": forum["timemodified"],
        "warnafter": 0,
        "blockafter": 0,
        "blockperiod": 0,
        "completiondiscussions": 0,
        "completionreplies": 0,
        "completionposts": 0,
        "cmid": forum["cmid"],
        "numdiscussions": numdiscussions,
        "cancreatediscussions": can_start_discussion(ctx, forum, group),
        "lockdiscussionafter": 0,
        "istracked": False,
    }


@ws(
    "mod_forum_get_forum_discussions",
    {
        "forumid": Int(),
        "sortorder": Opt(Int(), -1),
        "page": Opt(Int(), -1),
        "perpage": Opt(Int(), 0),
        "groupid": Opt(Int(), 0),
    },
)
def get_forum_discussions(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    sortorder = 1 if p["sortorder"] == -1 else p["sortorder"]
    if sortorder not in _SORT_KEYS:
        raise invalid_parameter()
    forum = _forum_or_moodle_error(ctx, p["forumid"])
    course_id = int(forum["courseid"])
    key, direction = _SORT_KEYS[sortorder]
    where = ["d.forumid = :forum"]
    if p["groupid"]:
        where.append(f"d.groupid IN (-1, {int(p['groupid'])})")
    if forum["groupmode"] == 1 and not ctx.access.has(course_id, "moodle/site:accessallgroups"):
        allowed = ",".join(str(g) for g in sorted(ctx.access.groups(course_id) | {-1}))
        where.append(f"d.groupid IN ({allowed})")
    limit = p["perpage"] if p["perpage"] > 0 else -1
    offset = max(p["page"] * p["perpage"], 0)
    sql = (
        f"SELECT d.*, {_VISIBLE_REPLIES} AS numreplies, (f.userid IS NOT NULL) AS starred"
        " FROM discussions d JOIN posts p ON p.id = d.firstpost"
        " LEFT JOIN favourites f ON f.discussionid = d.id AND f.userid = :me"
        f" WHERE {' AND '.join(where)}"
        f" ORDER BY d.pinned DESC, starred DESC, {key} {direction}, d.id {direction}"
        " LIMIT :limit OFFSET :offset"
    )
    args = {
        "forum": forum["id"],
        "me": ctx.user_id,
        "readprivate": int(ctx.access.has(course_id, "mod/forum:readprivatereplies")),
        "limit": limit,
        "offset": offset,
    }
    with ctx.state.lock:
        rows = [dict(r) for r in ctx.state.conn.execute(sql, args).fetchall()]
    discussions = []
    for d in rows:
        first = ctx.state.post(int(d["firstpost"]))
        assert first is not None
        discussions.append(
            export_discussion_entry(ctx, forum, d, first, int(d["numreplies"]), bool(d["starred"]))
        )
    return {"discussions": discussions, "warnings": []}


@ws(
    "mod_forum_get_discussion_posts",
    {
        "discussionid": Int(),
        "sortby": Opt(Text(), "created"),
        "sortdirection": Opt(Text(), "DESC"),
        "includeinlineattachments": Opt(Int(), 0),
    },
)
def get_discussion_posts(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    sortby = p["sortby"].lower()
    direction = p["sortdirection"].upper()
    if sortby not in {"id", "created", "modified"} or direction not in {"ASC", "DESC"}:
        raise invalid_parameter()
    discussion = ctx.state.discussion(p["discussionid"])
    if discussion is None:
        # What Moodle 4.2 really answers: a PHP Error, no errorcode.
        raise WsError(None, "Call to a member function get_forum_id() on null", "Error")
    forum = ctx.state.forum(int(discussion["forumid"]))
    assert forum is not None
    ctx.require_course(int(forum["courseid"]))
    posts = visible_posts(ctx, forum, ctx.state.posts_in(int(discussion["id"])))
    if not ctx.access.sees_group(forum, int(discussion["groupid"])):
        # Moodle 4.2 refuses nothing here: its post builder drops every post the user may
        # not see, so another group's discussion answers with no posts (lab-checked).
        posts = []
    posts.sort(key=lambda r: (r[sortby], r["id"]), reverse=direction == "DESC")
    return {
        "posts": [export_post(ctx, post, forum, discussion) for post in posts],
        "forumid": forum["id"],
        "courseid": forum["courseid"],
        "ratinginfo": {
            "contextid": 1000 + int(forum["cmid"]),
            "component": "mod_forum",
            "ratingarea": "post",
            "canviewall": None,
            "canviewany": None,
            "scales": [],
            "ratings": [],
        },
        "warnings": [],
    }


@ws(
    "mod_forum_add_discussion_post",
    {
        "postid": Int(),
        "subject": Text(),
        "message": Text(),
        "options": Opt(OPTIONS, []),
        "messageformat": Opt(Int(), 1),
    },
)
def add_discussion_post(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    options = options_dict(
        p["options"],
        {
            "discussionsubscribe",
            "private",
            "inlineattachmentsid",
            "attachmentsid",
            "topreferredformat",
        },
    )
    parent = ctx.state.post(p["postid"])
    if parent is None:
        raise WsError("invalidparentpostid", "Parent post ID was incorrect")
    discussion, forum = _discussion_and_forum(ctx, int(parent["discussionid"]))
    course_id = int(forum["courseid"])
    visible = visible_posts(ctx, forum, ctx.state.posts_in(int(discussion["id"])))
    if not ctx.access.can_reply(forum, discussion) or parent["id"] not in {
        v["id"] for v in visible
    }:
        raise WsError("nopostforum", "Sorry, you are not allowed to post to this forum")
    if parent["privatereplyto"]:
        raise WsError(
            "codingerror",
            "Coding error detected, it must be fixed by a programmer: "
            "It should not be possible to reply to a private reply",
            "coding_exception",
        )
    private_to = 0
    if loose_bool(options.get("private", "0")) and ctx.access.has(
        course_id, "mod/forum:postprivatereply"
    ):
        private_to = int(parent["userid"])
    post_id = ctx.state.add_post(
        int(discussion["id"]),
        ctx.user_id,
        p["message"],
        parent=int(parent["id"]),
        subject=p["subject"],
        private_to=private_to,
    )
    if loose_bool(options.get("discussionsubscribe", "0")):
        _subscribe(ctx, int(discussion["id"]))
    post = ctx.state.post(post_id)
    updated = ctx.state.discussion(int(discussion["id"]))
    assert post is not None and updated is not None
    return {
        "postid": post_id,
        "warnings": [],
        "post": export_post(ctx, post, forum, updated),
        "messages": [
            {"type": "success", "message": "Your post was successfully added."},
            {
                "type": "success",
                "message": f"You have {MAX_EDITING_TIME // 60} mins to edit it if you want "
                "to make any changes.",
            },
        ],
    }


def _subscribe(ctx: Ctx, discussion_id: int) -> None:
    ctx.state.insert(
        "INSERT OR IGNORE INTO subscriptions (userid, discussionid) VALUES (?, ?)",
        (ctx.user_id, discussion_id),
    )


@ws(
    "mod_forum_add_discussion",
    {
        "forumid": Int(),
        "subject": Text(),
        "message": Text(),
        "groupid": Opt(Int(), 0),
        "options": Opt(OPTIONS, []),
    },
)
def add_discussion(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    options = options_dict(
        p["options"],
        {
            "discussionsubscribe",
            "discussionpinned",
            "inlineattachmentsid",
            "attachmentsid",
            "mailnow",
        },
    )
    forum = ctx.require_forum(p["forumid"])
    course_id = int(forum["courseid"])
    group_id = resolve_group(ctx, forum, p["groupid"])
    if not can_start_discussion(ctx, forum, group_id):
        raise WsError("cannotcreatediscussion", "Could not create new discussion")
    pinned = loose_bool(options.get("discussionpinned", "0")) and ctx.access.has(
        course_id, "mod/forum:pindiscussions"
    )
    discussion_id = ctx.state.add_discussion(
        int(forum["id"]),
        ctx.user_id,
        p["subject"],
        p["message"],
        group_id=group_id,
        pinned=pinned,
        mailnow=loose_bool(options.get("mailnow", "0")),
    )
    if loose_bool(options.get("discussionsubscribe", "1")):
        _subscribe(ctx, discussion_id)
    return {"discussionid": discussion_id, "warnings": []}


@ws("mod_forum_can_add_discussion", {"forumid": Int(), "groupid": Opt(Int(), 0)})
def can_add_discussion(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    forum = ctx.require_forum(p["forumid"])
    course_id = int(forum["courseid"])
    group_id = resolve_group(ctx, forum, p["groupid"])
    return {
        "status": can_start_discussion(ctx, forum, group_id),
        "canpindiscussions": ctx.access.has(course_id, "mod/forum:pindiscussions"),
        "cancreateattachment": ctx.access.has(course_id, "mod/forum:createattachment"),
        "warnings": [],
    }


@ws("mod_forum_set_lock_state", {"forumid": Int(), "discussionid": Int(), "targetstate": Int()})
def set_lock_state(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    forum = ctx.state.forum(p["forumid"])
    if forum is None:
        raise WsError(
            "invalidrecord",
            "Can't find data record in database table forum.",
            "dml_missing_record_exception",
        )
    # Checked before validate_context, as in Moodle.
    if not ctx.access.has(int(forum["courseid"]), "moodle/course:manageactivities"):
        raise WsError("errorcannotlock", "You do not have the permission to lock discussions.")
    ctx.require_course(int(forum["courseid"]))
    discussion, _ = _discussion_and_forum(ctx, p["discussionid"])
    # targetstate is the current lock time: 0 locks (now, or keep), non-zero unlocks.
    locked = 0 if p["targetstate"] else int(discussion["timelocked"]) or ctx.state.now()
    with ctx.state.tx() as conn:
        conn.execute(
            "UPDATE discussions SET timelocked = ? WHERE id = ?", (locked, discussion["id"])
        )
    return {"id": discussion["id"], "locked": bool(locked), "times": {"locked": locked}}


@ws("mod_forum_set_pin_state", {"discussionid": Int(), "targetstate": Int()})
def set_pin_state(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    discussion, forum = _discussion_and_forum(ctx, p["discussionid"])
    if forum["type"] == "single" or not ctx.access.has(
        int(forum["courseid"]), "mod/forum:pindiscussions"
    ):
        raise WsError(
            "cannotpindiscussions", "Sorry, you do not have permission to pin discussions."
        )
    with ctx.state.tx() as conn:
        conn.execute(
            "UPDATE discussions SET pinned = ? WHERE id = ?", (p["targetstate"], discussion["id"])
        )
    updated = ctx.state.discussion(int(discussion["id"]))
    assert updated is not None
    return export_discussion_summary(ctx, forum, updated)


@ws("mod_forum_delete_post", {"postid": Int()})
def delete_post(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    post = ctx.state.post(p["postid"])
    if post is None:
        raise WsError("invalidpostid", "Invalid post ID - {$a}")
    discussion, forum = _discussion_and_forum(ctx, int(post["discussionid"]))
    course_id = int(forum["courseid"])
    any_post = ctx.access.has(course_id, "mod/forum:deleteanypost")
    own_recent = (
        post["userid"] == ctx.user_id
        and ctx.state.now() - int(post["created"]) < MAX_EDITING_TIME
        and ctx.access.has(course_id, "mod/forum:deleteownpost")
    )
    if (forum["type"] == "single" and not post["parent"]) or not (any_post or own_recent):
        raise WsError("cannotdeletepost", "You can't delete this post!")
    has_replies = ctx.state.value("SELECT 1 FROM posts WHERE parent = ?", (post["id"],))
    if has_replies and not any_post:
        raise WsError(
            "couldnotdeletereplies",
            "Sorry, that cannot be deleted as people have already responded to it",
        )
    ctx.state.delete_post(int(post["id"]))
    return {"status": True, "warnings": []}
