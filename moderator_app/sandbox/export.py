"""JSON shapes of users, posts and discussions, key for key as Moodle 4.2 sends them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from moderator_app.sandbox.access import MAX_EDITING_TIME
from moderator_app.sandbox.registry import Ctx
from moderator_app.sandbox.state import Row

THEME_REV = "1795508263"


def fullname(user: Row | None) -> str:
    return f"{user['firstname']} {user['lastname']}" if user else ""


def picture(ctx: Ctx, size: str = "f1") -> str:
    return f"{ctx.site_url}/theme/image.php/boost/core/{THEME_REV}/u/{size}"


def _human_time(ts: int) -> tuple[str, str]:
    when = datetime.fromtimestamp(ts, UTC)
    human = when.strftime("%A, %-d %B %Y, %-I:%M %p")
    return when.isoformat(), human


def export_post(ctx: Ctx, post: Row, forum: Row, discussion: Row) -> dict[str, Any]:
    """A post as mod_forum_get_discussion_posts returns it, for the calling user."""
    base = ctx.site_url
    course_id = int(forum["courseid"])
    access = ctx.access
    author = ctx.state.user(int(post["userid"]))
    is_private = bool(post["privatereplyto"])
    own = int(post["userid"]) == ctx.user_id
    recent = ctx.state.now() - int(post["created"]) < MAX_EDITING_TIME
    can_edit = (own and recent) or access.has(course_id, "mod/forum:editanypost")
    can_delete = (own and recent) or access.has(course_id, "mod/forum:deleteanypost")
    can_split = (
        bool(post["parent"])
        and not is_private
        and access.has(course_id, "mod/forum:splitdiscussions")
    )
    can_reply = not is_private and access.can_reply(forum, discussion)
    can_private = can_reply and access.has(course_id, "mod/forum:postprivatereply")
    pid, did = post["id"], post["discussionid"]
    profile = f"{base}/user/view.php?id={post['userid']}&course={course_id}"
    iso, human = _human_time(int(post["created"]))
    subject = post["subject"]
    groups = [
        {"id": g["id"], "name": g["name"], "urls": {"image": None}}
        for g in ctx.state.user_groups(course_id, int(post["userid"]))
    ]
    return {
        "id": pid,
        "subject": subject,
        "replysubject": subject if subject.startswith("Re:") else f"Re: {subject}",
        "message": post["message"],
        "messageformat": 1,
        "author": {
            "id": post["userid"],
            "fullname": fullname(author),
            "isdeleted": False,
            "groups": groups,
            "urls": {"profile": profile, "profileimage": picture(ctx)},
        },
        "discussionid": did,
        "hasparent": bool(post["parent"]),
        "parentid": post["parent"] or None,
        "timecreated": post["created"],
        "timemodified": post["modified"],
        "unread": None,
        "isdeleted": False,
        "isprivatereply": is_private,
        "haswordcount": False,
        "wordcount": None,
        "charcount": None,
        "capabilities": {
            "view": True,
            "edit": can_edit,
            "delete": can_delete,
            "split": can_split,
            "reply": can_reply,
            "selfenrol": False,
            "export": False,
            "controlreadstatus": False,
            "canreplyprivately": can_private,
        },
        "urls": {
            "view": f"{base}/mod/forum/discuss.php?d={did}#p{pid}",
            "viewisolated": f"{base}/mod/forum/discuss.php?d={did}&parent={pid}",
            "viewparent": (
                f"{base}/mod/forum/discuss.php?d={did}#p{post['parent']}"
                if post["parent"]
                else None
            ),
            "edit": f"{base}/mod/forum/post.php?edit={pid}" if can_edit else None,
            "delete": f"{base}/mod/forum/post.php?delete={pid}" if can_delete else None,
            "split": f"{base}/mod/forum/post.php?prune={pid}" if can_split else None,
            "reply": f"{base}/mod/forum/post.php?reply={pid}#mformforum" if can_reply else None,
            "export": None,
            "markasread": None,
            "markasunread": None,
            "discuss": f"{base}/mod/forum/discuss.php?d={did}",
        },
        "attachments": [],
        "messageinlinefiles": [],
        "tags": [],
        "html": {
            "rating": None,
            "taglist": None,
            "authorsubheading": (
                f'by <a href="{profile}">{fullname(author)}</a> - '
                f'<time datetime="{iso}">{human}</time>'
            ),
        },
    }


def export_discussion_entry(
    ctx: Ctx, forum: Row, discussion: Row, first: Row, numreplies: int, starred: bool
) -> dict[str, Any]:
    """One entry of mod_forum_get_forum_discussions: the first post plus discussion fields."""
    course_id = int(forum["courseid"])
    starter = ctx.state.user(int(discussion["userid"]))
    last = ctx.state.user(int(discussion["usermodified"]))
    return {
        "id": first["id"],
        "name": discussion["name"],
        "groupid": discussion["groupid"],
        "timemodified": discussion["timemodified"],
        "usermodified": discussion["usermodified"],
        "timestart": 0,
        "timeend": 0,
        "discussion": discussion["id"],
        "parent": 0,
        "userid": discussion["userid"],
        "created": first["created"],
        "modified": first["modified"],
        "mailed": 0,
        "subject": first["subject"],
        "message": first["message"],
        "messageformat": 1,
        "messagetrust": 0,
        "attachment": False,
        "totalscore": 0,
        "mailnow": first["mailnow"],
        "userfullname": fullname(starter),
        "usermodifiedfullname": fullname(last),
        "userpictureurl": picture(ctx),
        "usermodifiedpictureurl": picture(ctx),
        "numreplies": numreplies,
        "numunread": 0,
        "pinned": bool(discussion["pinned"]),
        "locked": bool(discussion["timelocked"]),
        "starred": starred,
        "canreply": ctx.access.can_reply(forum, discussion),
        "canlock": ctx.access.has(course_id, "moodle/course:manageactivities"),
        "canfavourite": True,
    }


def export_discussion_summary(ctx: Ctx, forum: Row, discussion: Row) -> dict[str, Any]:
    """The discussion exporter (what mod_forum_set_pin_state returns)."""
    base = ctx.site_url
    course_id = int(forum["courseid"])
    did, fid = discussion["id"], forum["id"]
    subscribed = ctx.state.value(
        "SELECT 1 FROM subscriptions WHERE userid = ? AND discussionid = ?", (ctx.user_id, did)
    )
    favourited = ctx.state.value(
        "SELECT 1 FROM favourites WHERE userid = ? AND discussionid = ?", (ctx.user_id, did)
    )
    manage = ctx.access.has(course_id, "moodle/course:manageactivities")
    pin = ctx.access.has(course_id, "mod/forum:pindiscussions")
    return {
        "id": did,
        "forumid": fid,
        "pinned": bool(discussion["pinned"]),
        "locked": bool(discussion["timelocked"]),
        "istimelocked": False,
        "name": discussion["name"],
        "firstpostid": discussion["firstpost"],
        "times": {
            "modified": discussion["timemodified"],
            "start": 0,
            "end": 0,
            "locked": discussion["timelocked"],
        },
        "userstate": {"subscribed": bool(subscribed), "favourited": bool(favourited)},
        "capabilities": {
            "subscribe": True,
            "move": manage,
            "pin": pin,
            "post": ctx.access.can_reply(forum, discussion),
            "manage": manage,
            "favourite": True,
        },
        "urls": {
            "view": f"{base}/mod/forum/discuss.php?d={did}",
            "viewfirstunread": f"{base}/mod/forum/discuss.php?d={did}#unread",
            "markasread": f"{base}/mod/forum/markposts.php?f={fid}&d={did}&mark=read",
            "subscribe": f"{base}/mod/forum/subscribe.php?id={fid}&d={did}",
            "pin": f"discuss.php?d={did}&pin={0 if discussion['pinned'] else 1}",
        },
        "timed": {"istimed": False, "visible": True},
    }


def export_user_brief(ctx: Ctx, user: Row) -> dict[str, Any]:
    """core_user_get_users_by_field's user shape."""
    return {
        "id": user["id"],
        "firstname": user["firstname"],
        "lastname": user["lastname"],
        "fullname": fullname(user),
        "email": user["email"],
        "firstaccess": 0,
        "lastaccess": 0,
        "suspended": bool(user["suspended"]),
        "timezone": "99",
        "profileimageurlsmall": picture(ctx, "f2"),
        "profileimageurl": picture(ctx),
    }
