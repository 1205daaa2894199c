"""core_* functions: site info, courses, participants, users, messages, site policy."""

from __future__ import annotations

from typing import Any

from moderator_app.sandbox.errors import WsError, invalid_parameter
from moderator_app.sandbox.export import export_user_brief, fullname, picture
from moderator_app.sandbox.params import OPTIONS, Bool, Int, List, Opt, Struct, Text
from moderator_app.sandbox.registry import PLUGIN_FUNCTIONS, REGISTRY, Ctx, ws

SITE_NAME = "Moderator Desk Sandbox"
RELEASE = "4.2.3 (Build: 20231009)"
VERSION = "2023042403"
PLUGIN_VERSION = "2026120400"
_ADVANCED = [
    "usecomments",
    "usetags",
    "enablenotes",
    "messaging",
    "enableblogs",
    "enablecompletion",
    "enablebadges",
    "messagingallusers",
    "enablecustomreports",
    "mnet_dispatcher_mode",
]


@ws("core_webservice_get_site_info", {"serviceshortnames": Opt(List(Text()), [])})
def get_site_info(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    user = ctx.user
    names = sorted(n for n in REGISTRY if ctx.plugin or n not in PLUGIN_FUNCTIONS)
    return {
        "sitename": ctx.state.meta("sitename", SITE_NAME),
        "username": user["username"],
        "firstname": user["firstname"],
        "lastname": user["lastname"],
        "fullname": fullname(user),
        "lang": "en",
        "userid": user["id"],
        "siteurl": ctx.site_url,
        "userpictureurl": picture(ctx),
        "functions": [
            {"name": n, "version": PLUGIN_VERSION if n in PLUGIN_FUNCTIONS else VERSION}
            for n in names
        ],
        "downloadfiles": 1,
        "uploadfiles": 1,
        "release": RELEASE,
        "version": VERSION,
        "mobilecssurl": "",
        "advancedfeatures": [
            {"name": n, "value": 0 if n == "mnet_dispatcher_mode" else 1} for n in _ADVANCED
        ],
        "usercanmanageownfiles": True,
        "userquota": 104857600,
        "usermaxuploadfilesize": 2097152,
        "userhomepage": 1,
        "userprivateaccesskey": "0" * 32,
        "siteid": 1,
        "sitecalendartype": "gregorian",
        "usercalendartype": "gregorian",
        "userissiteadmin": False,
        "theme": "boost",
        "limitconcurrentlogins": 0,
    }


@ws("core_enrol_get_users_courses", {"userid": Int(), "returnusercount": Opt(Bool(), True)})
def get_users_courses(ctx: Ctx, p: dict[str, Any]) -> list[dict[str, Any]]:
    if not ctx.policy_agreed():
        return []  # validate_context fails for every course: they are skipped
    rows = ctx.state.rows(
        "SELECT DISTINCT c.* FROM courses c JOIN enrolments e ON e.courseid = c.id"
        " WHERE e.userid = ? ORDER BY c.id",
        (p["userid"],),
    )
    out = []
    for course in rows:
        if p["userid"] != ctx.user_id and not ctx.access.has(
            int(course["id"]), "moodle/role:review"
        ):
            continue
        entry: dict[str, Any] = {
            "id": course["id"],
            "shortname": course["shortname"],
            "fullname": course["fullname"],
            "displayname": course["fullname"],
        }
        if p["returnusercount"]:
            entry["enrolledusercount"] = ctx.state.value(
                "SELECT COUNT(DISTINCT userid) FROM enrolments WHERE courseid = ?", (course["id"],)
            )
        entry.update(
            {
                "idnumber": "",
                "visible": course["visible"],
                "summary": course["summary"],
                "summaryformat": 1,
                "format": "topics",
                "courseimage": f"{ctx.site_url}/pluginfile.php/course/{course['id']}/image.svg",
                "showgrades": True,
                "lang": "",
                "enablecompletion": False,
                "completionhascriteria": False,
                "completionusertracked": False,
                "category": 1,
                "progress": None,
                "completed": None,
                "startdate": course["startdate"],
                "enddate": 0,
                "marker": 0,
                "lastaccess": None,
                "isfavourite": False,
                "hidden": False,
                "overviewfiles": [],
                "showactivitydates": False,
                "showcompletionconditions": True,
                "timemodified": course["timemodified"],
            }
        )
        out.append(entry)
    return out


def _context_error(ctx: Ctx, course_id: int, inner: str) -> WsError:
    return WsError(
        "errorcoursecontextnotvalid",
        f"You cannot execute functions in the course context (course id:{course_id}). "
        f"The context error message was: {inner}",
    )


@ws("core_enrol_get_enrolled_users", {"courseid": Int(), "options": Opt(OPTIONS, [])})
def get_enrolled_users(ctx: Ctx, p: dict[str, Any]) -> list[dict[str, Any]]:
    course_id = p["courseid"]
    if not ctx.policy_agreed():
        raise _context_error(ctx, course_id, ctx.policy_error().message)
    if not ctx.access.enrolled(course_id):
        raise _context_error(ctx, course_id, "Course or activity not accessible.")
    opts = {o["name"]: o["value"] for o in p["options"]}  # unknown names are ignored
    try:
        limitfrom = int(opts.get("limitfrom", "0") or 0)
        limitnumber = int(opts.get("limitnumber", "0") or 0)
        groupid = int(opts.get("groupid", "0") or 0)
    except ValueError as exc:
        raise invalid_parameter() from exc
    sortby = opts.get("sortby", "id")
    direction = opts.get("sortdirection", "ASC").upper()
    if sortby not in {"id", "firstname", "lastname", "siteorder"} or direction not in {
        "ASC",
        "DESC",
    }:
        raise invalid_parameter()
    fields = (
        {f.strip() for f in opts["userfields"].split(",")} | {"id", "fullname"}
        if "userfields" in opts
        else None
    )
    order = {"siteorder": "u.firstname, u.lastname"}.get(sortby, f"u.{sortby}")
    users = ctx.state.rows(
        "SELECT DISTINCT u.* FROM users u JOIN enrolments e ON e.userid = u.id"
        f" WHERE e.courseid = ? ORDER BY {order} {direction}, u.id {direction}",
        (course_id,),
    )
    if groupid:
        members = {
            r["userid"]
            for r in ctx.state.rows(
                "SELECT userid FROM group_members WHERE groupid = ?", (groupid,)
            )
        }
        users = [u for u in users if u["id"] in members]
    users = users[limitfrom:]
    if limitnumber:
        users = users[:limitnumber]
    out = []
    for user in users:
        entry = _participant(ctx, course_id, user)
        if fields is not None:
            entry = {k: v for k, v in entry.items() if k in fields}
        out.append(entry)
    return out


def _participant(ctx: Ctx, course_id: int, user: dict[str, Any]) -> dict[str, Any]:
    own = user["id"] == ctx.user_id
    entry: dict[str, Any] = {"id": user["id"]}
    if own:
        entry["username"] = user["username"]
    entry.update(
        {
            "firstname": user["firstname"],
            "lastname": user["lastname"],
            "fullname": fullname(user),
            "email": user["email"],
        }
    )
    if own:
        entry["department"] = ""
    first, last, here = ctx.state.access_times(course_id, int(user["id"]))
    entry.update(
        {
            "firstaccess": first,
            "lastaccess": last,
            "lastcourseaccess": here,
            "profileimageurlsmall": picture(ctx, "f2"),
            "profileimageurl": picture(ctx),
        }
    )
    groups = ctx.state.user_groups(course_id, int(user["id"]))
    if groups:
        entry["groups"] = [
            {
                "id": g["id"],
                "name": g["name"],
                "description": g["description"],
                "descriptionformat": 1,
            }
            for g in groups
        ]
    entry["roles"] = [
        {"roleid": _ROLE_IDS.get(role, 5), "name": "", "shortname": role, "sortorder": 0}
        for role in ctx.state.roles(course_id, int(user["id"]))
    ]
    if own:
        entry["preferences"] = [
            {"name": "last_time_enrolments_synced", "value": str(ctx.state.now())}
        ]
    entry["enrolledcourses"] = [
        {"id": c["id"], "fullname": c["fullname"], "shortname": c["shortname"]}
        for c in ctx.state.rows(
            "SELECT DISTINCT c.* FROM courses c JOIN enrolments e ON e.courseid = c.id"
            " WHERE e.userid = ? AND c.id IN (SELECT courseid FROM enrolments WHERE userid = ?)"
            " ORDER BY c.id DESC",
            (user["id"], ctx.user_id),
        )
    ]
    return entry


_ROLE_IDS = {"manager": 1, "editingteacher": 3, "teacher": 4, "student": 5}


@ws("core_user_get_users_by_field", {"field": Text(), "values": List(Text())})
def get_users_by_field(ctx: Ctx, p: dict[str, Any]) -> list[dict[str, Any]]:
    field = p["field"]
    if field not in {"id", "idnumber", "username", "email"}:
        raise WsError(
            "codingerror",
            "Coding error detected, it must be fixed by a programmer: invalid field parameter",
            "coding_exception",
        )
    if field == "idnumber":
        return []  # the sandbox's users have no idnumber
    if field == "id" and not all(v.lstrip("-").isdigit() for v in p["values"]):
        raise invalid_parameter()
    if not p["values"]:
        return []
    marks = ",".join("?" * len(p["values"]))
    users = ctx.state.rows(
        f"SELECT * FROM users WHERE {field} IN ({marks}) ORDER BY id", list(p["values"])
    )
    # Only users the caller can see: themselves and people sharing a course.
    visible = {
        r["userid"]
        for r in ctx.state.rows(
            "SELECT DISTINCT userid FROM enrolments WHERE courseid IN"
            " (SELECT courseid FROM enrolments WHERE userid = ?)",
            (ctx.user_id,),
        )
    } | {ctx.user_id}
    return [export_user_brief(ctx, u) for u in users if u["id"] in visible]


@ws(
    "core_message_send_instant_messages",
    {
        "messages": List(
            Struct(
                {
                    "touserid": Int(),
                    "text": Text(),
                    "textformat": Opt(Int(), 0),
                    "clientmsgid": Opt(Text(), None),
                }
            )
        )
    },
)
def send_instant_messages(ctx: Ctx, p: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    now = ctx.state.now()
    for message in p["messages"]:
        entry: dict[str, Any] = {}
        to = ctx.state.user(message["touserid"])
        if to is None or message["touserid"] == ctx.user_id:
            entry = {"msgid": -1}
            if message["clientmsgid"] is not None:
                entry["clientmsgid"] = message["clientmsgid"]
            entry.update(
                {
                    "errormessage": "Invalid user",
                    "text": message["text"],
                    "timecreated": now,
                    "conversationid": 0,
                    "useridfrom": ctx.user_id,
                }
            )
            out.append(entry)
            continue
        pair = sorted((ctx.user_id, int(to["id"])))
        with ctx.state.tx() as conn:
            conn.execute("INSERT OR IGNORE INTO conversations (user1, user2) VALUES (?, ?)", pair)
            conversation = conn.execute(
                "SELECT id FROM conversations WHERE user1 = ? AND user2 = ?", pair
            ).fetchone()[0]
            msgid = conn.execute(
                "INSERT INTO messages (conversationid, useridfrom, useridto, text, textformat,"
                " clientmsgid, timecreated) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    conversation,
                    ctx.user_id,
                    to["id"],
                    message["text"],
                    message["textformat"],
                    message["clientmsgid"] or "",
                    now,
                ),
            ).lastrowid
        entry = {"msgid": msgid}
        if message["clientmsgid"] is not None:
            entry["clientmsgid"] = message["clientmsgid"]
        entry.update(
            {
                "text": message["text"],
                "timecreated": now,
                "conversationid": conversation,
                "useridfrom": ctx.user_id,
                "candeletemessagesforallusers": False,
            }
        )
        out.append(entry)
    return out


@ws("core_user_get_user_preferences", {"name": Opt(Text(), ""), "userid": Opt(Int(), 0)})
def get_user_preferences(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    # validate_context(system): the one kind of read that fails while a policy waits.
    if not ctx.policy_agreed():
        raise ctx.policy_error()
    return {"preferences": [], "warnings": []}


@ws("tool_mobile_get_config", {"section": Opt(Text(), "")})
def get_config(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    """Only the site policy section: what the app asks for (no context check in Moodle)."""
    handler = ctx.policy_handler()
    if handler == "tool_policy":
        embed = f"{ctx.site_url}/admin/tool/policy/viewall.php"
    else:
        embed = ctx.state.meta("sitepolicy", "")
    settings = {"sitepolicy": embed, "sitepolicyhandler": handler, "disableuserimages": "0"}
    return {
        "settings": [{"name": k, "value": v} for k, v in settings.items()],
        "warnings": [],
    }


@ws("core_user_agree_site_policy", {})
def agree_site_policy(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    if ctx.policy_agreed():
        return {
            "status": False,
            "warnings": [
                {
                    "item": "user",
                    "itemid": ctx.user_id,
                    "warningcode": "alreadyagreed",
                    "message": "You already agreed to the site policy.",
                }
            ],
        }
    ctx.state.set_policy_agreed(ctx.user_id, True)
    ctx.user["policyagreed"] = 1
    return {"status": True, "warnings": []}


@ws("core_course_get_contents", {"courseid": Int(), "options": Opt(OPTIONS, [])})
def get_course_contents(ctx: Ctx, p: dict[str, Any]) -> list[dict[str, Any]]:
    course_id = p["courseid"]
    if not ctx.policy_agreed():
        raise _context_error(ctx, course_id, ctx.policy_error().message)
    if not ctx.access.enrolled(course_id):
        raise _context_error(ctx, course_id, "Course or activity not accessible.")
    cms = ctx.state.rows("SELECT * FROM cms WHERE courseid = ? ORDER BY section, id", (course_id,))
    sections: dict[int, list[dict[str, Any]]] = {}
    for cm in cms:
        table = "forums" if cm["modname"] == "forum" else "choices"
        name = ctx.state.value(f"SELECT name FROM {table} WHERE id = ?", (cm["instance"],))
        sections.setdefault(int(cm["section"]), []).append(
            {
                "id": cm["id"],
                "url": f"{ctx.site_url}/mod/{cm['modname']}/view.php?id={cm['id']}",
                "name": name or "",
                "instance": cm["instance"],
                "contextid": 1000 + int(cm["id"]),
                "visible": cm["visible"],
                "uservisible": True,
                "visibleoncoursepage": 1,
                "modicon": f"{ctx.site_url}/theme/image.php/boost/{cm['modname']}/1/monologo",
                "modname": cm["modname"],
                "modplural": "Forums" if cm["modname"] == "forum" else "Choices",
                "availability": None,
                "indent": 0,
                "onclick": "",
                "afterlink": None,
                "customdata": '""',
                "noviewlink": False,
                "completion": 0,
                "downloadcontent": 1,
                "dates": [],
            }
        )
    return [
        {
            "id": number + 1,
            "name": "General" if number == 0 else f"Topic {number}",
            "visible": 1,
            "summary": "",
            "summaryformat": 1,
            "section": number,
            "hiddenbynumsections": 0,
            "uservisible": True,
            "modules": modules,
        }
        for number, modules in sorted(sections.items())
    ]


@ws(
    "core_course_get_updates_since",
    {"courseid": Int(), "since": Int(), "filter": Opt(List(Text()), [])},
)
def get_updates_since(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    ctx.require_course(p["courseid"])
    instances = []
    for forum in ctx.state.rows("SELECT * FROM forums WHERE courseid = ?", (p["courseid"],)):
        updates: list[dict[str, Any]] = []
        if forum["timemodified"] >= p["since"]:
            updates.append({"name": "configuration", "timeupdated": forum["timemodified"]})
        changed = [
            r["firstpost"]
            for r in ctx.state.rows(
                "SELECT firstpost FROM discussions WHERE forumid = ? AND timemodified >= ?"
                " ORDER BY timemodified DESC",
                (forum["id"], p["since"]),
            )
        ]
        if changed:
            updates.append({"name": "discussions", "itemids": changed})
        if updates:
            instances.append({"contextlevel": "module", "id": forum["cmid"], "updates": updates})
    return {"instances": instances, "warnings": []}
