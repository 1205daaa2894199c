"""The companion plugin's functions besides create_choice (moodle/local_moderatordesk/CONTRACT.md).

Same parameters, answer shapes and error codes as the real plugin, on the sandbox's
smaller model of a site:
- policies: the sandbox keeps one version per policy and one answer per user (accepted,
  declined, or withdrawn: `withdraw_acceptance` stands in for an acceptance revoked
  later), so a version id is the policy id and nobody answers on another's behalf;
- groups: the sandbox has no course-level group mode, so a course's participants are never
  limited to the caller's groups (a forum's separate groups still limit claims);
- capabilities: the demo site's admin has granted local/moderatordesk:viewacceptances to
  both teacher roles, as the plugin's README suggests (the plugin's default is managers).
The plugin's own tables live beside the sandbox's, made on first use.
"""

from __future__ import annotations

import re
from typing import Any

from moderator_app.sandbox.errors import WsError, invalid_parameter, no_permissions
from moderator_app.sandbox.export import fullname
from moderator_app.sandbox.params import Bool, Int, List, Opt, Text
from moderator_app.sandbox.registry import Ctx, ws
from moderator_app.sandbox.state import Row, SandboxState

PLUGIN_VERSION = 2026120400
FN_ACCEPTANCES = "local_moderatordesk_get_policy_acceptances"
FN_GET_CLAIMS = "local_moderatordesk_get_claims"
FN_SET_CLAIM = "local_moderatordesk_set_claim"
FN_CAPABILITIES = "local_moderatordesk_get_capabilities"

CAP_ACCEPTANCES = "local/moderatordesk:viewacceptances"
CAP_TRIAGE = "local/moderatordesk:triage"
_ROLES = {
    CAP_ACCEPTANCES: frozenset({"manager", "editingteacher", "teacher"}),
    CAP_TRIAGE: frozenset({"manager", "editingteacher", "teacher"}),
}
CLAIM_STATES = ("claimed", "dismissed", "released")
REASON_MAX = 255
MAX_PERPAGE = 500
CLIENTREF = re.compile(r"[A-Za-z0-9_-]{1,94}")  # "mdesk-" + it fits an idnumber (100)

_TABLES = """
CREATE TABLE IF NOT EXISTS plugin_polls (
    id INTEGER PRIMARY KEY, courseid INTEGER NOT NULL, clientref TEXT NOT NULL,
    cmid INTEGER NOT NULL, choiceid INTEGER NOT NULL, userid INTEGER NOT NULL,
    timecreated INTEGER NOT NULL, UNIQUE (courseid, clientref));
CREATE TABLE IF NOT EXISTS plugin_claims (
    id INTEGER PRIMARY KEY, courseid INTEGER NOT NULL, discussionid INTEGER NOT NULL UNIQUE,
    state TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '', userid INTEGER NOT NULL,
    timemodified INTEGER NOT NULL);
"""


def ensure_tables(state: SandboxState) -> None:
    """The plugin's tables, as its install would make them (idempotent)."""
    with state.lock:
        state.conn.executescript(_TABLES)


def plugin_error(code: str, message: str) -> WsError:
    return WsError(code, message, "moodle_exception")


def has(ctx: Ctx, course_id: int, capability: str) -> bool:
    """A plugin capability (the sandbox's Access table knows core's only)."""
    return any(role in _ROLES[capability] for role in ctx.access.roles(course_id))


def require_existing_course(ctx: Ctx, course_id: int) -> None:
    if ctx.state.value("SELECT 1 FROM courses WHERE id = ?", (course_id,)) is None:
        raise WsError(
            "invalidrecord",
            "Can't find data record in database table course.",
            "dml_missing_record_exception",
        )
    ctx.require_course(course_id)


# -- policy acceptances ----------------------------------------------------------------------


@ws(
    FN_ACCEPTANCES,
    {
        "courseid": Int(),
        "groupid": Opt(Int(), 0),
        "page": Opt(Int(), 0),
        "perpage": Opt(Int(), 100),
    },
)
def get_policy_acceptances(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    if p["page"] < 0 or not 1 <= p["perpage"] <= MAX_PERPAGE:
        raise invalid_parameter()
    course_id = p["courseid"]
    require_existing_course(ctx, course_id)
    if not has(ctx, course_id, CAP_ACCEPTANCES):
        raise no_permissions(
            "See the site policy acceptances of the course participants in Moderator Desk"
        )
    handler = ctx.policy_handler()
    if handler != "tool_policy":
        raise plugin_error(
            "nottoolpolicy",
            "The site policies are not kept by the Policies tool (tool_policy); "
            f"the handler is: {handler or 'none'}.",
        )
    group_id = p["groupid"]
    if (
        group_id
        and ctx.state.value(
            "SELECT 1 FROM groups WHERE id = ? AND courseid = ?", (group_id, course_id)
        )
        is None
    ):
        raise invalid_parameter()
    users = _participants(ctx.state, course_id, group_id)
    page = users[p["page"] * p["perpage"] : (p["page"] + 1) * p["perpage"]]
    policies = ctx.state.rows("SELECT * FROM policies ORDER BY id")
    answers = {(a["policyid"], a["userid"]): a for a in ctx.state.policy_acceptances()}
    return {
        "policies": [
            {
                "versionid": policy["id"],
                "policyid": policy["id"],
                "name": policy["name"],
                "revision": "",
                "type": 0,
                "optional": policy["optional"],
            }
            for policy in policies
        ],
        "participants": [
            {
                "userid": user["id"],
                "fullname": fullname(user),
                "policies": [
                    _state(int(policy["id"]), answers.get((policy["id"], user["id"])))
                    for policy in policies
                ],
            }
            for user in page
        ],
        "total": len(users),
        "page": p["page"],
        "perpage": p["perpage"],
        "warnings": [],
    }


def _participants(state: SandboxState, course_id: int, group_id: int) -> list[Row]:
    in_group = " AND u.id IN (SELECT userid FROM group_members WHERE groupid = ?)"
    return state.rows(
        "SELECT DISTINCT u.* FROM users u JOIN enrolments e ON e.userid = u.id"
        " WHERE e.courseid = ? AND u.suspended = 0"
        + (in_group if group_id else "")
        + " ORDER BY u.lastname, u.firstname, u.id",
        (course_id, group_id) if group_id else (course_id,),
    )


# policy_acceptances.status: tool_policy's 1 and 0, and the sandbox's mark for a 0 that
# followed an earlier answer (the real plugin reads that from the row's times).
STATUS_WITHDRAWN = -1
_STATUS_WORDS = {1: "accepted", 0: "declined", STATUS_WITHDRAWN: "withdrawn"}


def withdraw_acceptance(state: SandboxState, policy_id: int, user_id: int) -> None:
    """The learner revokes an acceptance on the site (tool_policy's revoke)."""
    state.insert(
        "INSERT OR REPLACE INTO policy_acceptances (policyid, userid, status, timemodified)"
        " VALUES (?, ?, ?, ?)",
        (policy_id, user_id, STATUS_WITHDRAWN, state.now()),
    )


def _state(policy_id: int, answer: Row | None) -> dict[str, Any]:
    if answer is None:
        return {"versionid": policy_id, "status": "pending", "timemodified": 0, "onbehalf": 0}
    return {
        "versionid": policy_id,
        "status": _STATUS_WORDS[int(answer["status"])],
        "timemodified": answer["timemodified"],
        "onbehalf": 0,
    }


# -- claims ----------------------------------------------------------------------------------


def _export_claim(ctx: Ctx, row: Row, forum_id: int) -> dict[str, Any]:
    user = ctx.state.user(int(row["userid"])) if row["userid"] else None
    return {
        "discussionid": row["discussionid"],
        "courseid": row["courseid"],
        "forumid": forum_id,
        "state": row["state"],
        "reason": row["reason"],
        "userid": row["userid"],
        "fullname": fullname(user),
        "timemodified": row["timemodified"],
    }


def _can_see(ctx: Ctx, forum: Row, group_id: int) -> bool:
    course_id = int(forum["courseid"])
    return ctx.access.has(course_id, "mod/forum:viewdiscussion") and ctx.access.sees_group(
        forum, group_id
    )


@ws(
    FN_SET_CLAIM,
    {
        "discussionid": Int(),
        "state": Text(),
        "reason": Opt(Text(), ""),
        "override": Opt(Bool(), False),
    },
)
def set_claim(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    if p["state"] not in CLAIM_STATES:
        raise invalid_parameter()
    reason = p["reason"].strip() if p["state"] == "dismissed" else ""
    if len(reason) > REASON_MAX:
        raise invalid_parameter()
    discussion = ctx.state.discussion(p["discussionid"])
    if discussion is None:
        raise WsError(
            "invalidrecord",
            "Can't find data record in database table forum_discussions.",
            "dml_missing_record_exception",
        )
    forum = ctx.require_forum(int(discussion["forumid"]))
    course_id = int(forum["courseid"])
    if not has(ctx, course_id, CAP_TRIAGE):
        raise no_permissions(
            "Claim and dismiss forum discussions with Moderator Desk, and see the team's claims"
        )
    if not _can_see(ctx, forum, int(discussion["groupid"])):
        raise no_permissions("View discussions")
    ensure_tables(ctx.state)
    with ctx.state.tx() as conn:
        row = ctx.state.row(
            "SELECT * FROM plugin_claims WHERE discussionid = ?", (discussion["id"],)
        )
        held = row is not None and row["state"] == "claimed" and row["userid"] != ctx.user_id
        changed = not held or p["override"]
        if changed:
            conn.execute(
                "INSERT INTO plugin_claims (courseid, discussionid, state, reason, userid,"
                " timemodified) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (discussionid) DO UPDATE"
                " SET state = excluded.state, reason = excluded.reason,"
                " userid = excluded.userid, timemodified = excluded.timemodified",
                (course_id, discussion["id"], p["state"], reason, ctx.user_id, ctx.state.now()),
            )
            row = ctx.state.row(
                "SELECT * FROM plugin_claims WHERE discussionid = ?", (discussion["id"],)
            )
    assert row is not None
    return {
        "changed": int(changed),
        "claim": _export_claim(ctx, row, int(forum["id"])),
        "warnings": [],
    }


@ws(FN_GET_CLAIMS, {"courseids": List(Int()), "since": Opt(Int(), 0)})
def get_claims(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    ensure_tables(ctx.state)
    server_time = ctx.state.now()
    claims: list[dict[str, Any]] = []
    warnings: list[dict[str, Any]] = []
    for course_id in dict.fromkeys(p["courseids"]):
        if not (
            ctx.policy_agreed()
            and ctx.access.enrolled(course_id)
            and has(ctx, course_id, CAP_TRIAGE)
        ):
            warnings.append(
                {
                    "item": "course",
                    "itemid": course_id,
                    "warningcode": "nopermissions",
                    "message": "No access to the claims of this course",
                }
            )
            continue
        rows = ctx.state.rows(
            "SELECT c.*, d.forumid, d.groupid FROM plugin_claims c"
            " JOIN discussions d ON d.id = c.discussionid"
            " WHERE c.courseid = ? AND c.timemodified >= ? ORDER BY c.timemodified, c.id",
            (course_id, p["since"]),
        )
        for row in rows:
            forum = ctx.state.forum(int(row["forumid"]))
            if forum is not None and _can_see(ctx, forum, int(row["groupid"])):
                claims.append(_export_claim(ctx, row, int(row["forumid"])))
    return {"claims": claims, "servertime": server_time, "warnings": warnings}


# -- capabilities ----------------------------------------------------------------------------


@ws(FN_CAPABILITIES, {"courseid": Int()})
def get_capabilities(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    course_id = p["courseid"]
    require_existing_course(ctx, course_id)
    access = ctx.access
    handler = ctx.policy_handler()
    return {
        "createpolls": int(
            access.has(course_id, "moodle/course:manageactivities")
            and access.has(course_id, "mod/choice:addinstance")
        ),
        "readconsent": int(handler == "tool_policy" and has(ctx, course_id, CAP_ACCEPTANCES)),
        "triage": int(has(ctx, course_id, CAP_TRIAGE)),
        "lock": int(access.has(course_id, "moodle/course:manageactivities")),
        "pin": int(access.has(course_id, "mod/forum:pindiscussions")),
        # No course-level group mode in the sandbox: nobody is held to their own groups.
        "allgroups": 1,
        "policyhandler": handler,
        "pluginversion": PLUGIN_VERSION,
        "warnings": [],
    }
