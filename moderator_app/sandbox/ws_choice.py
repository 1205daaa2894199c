"""mod_choice_* functions and the companion plugin's local_moderatordesk_create_choice.

The plugin's other functions are in ws_plugin (imported here so they register with these).
"""

from __future__ import annotations

from typing import Any

from moderator_app.sandbox.errors import WsError, invalid_parameter, no_permissions
from moderator_app.sandbox.export import fullname, picture
from moderator_app.sandbox.params import Bool, Int, List, Opt, Struct, Text
from moderator_app.sandbox.registry import PLUGIN_FUNCTION, Ctx, ws
from moderator_app.sandbox.state import Row
from moderator_app.sandbox.ws_plugin import CLIENTREF, ensure_tables, plugin_error


def _choice(ctx: Ctx, choice_id: int) -> Row:
    choice = ctx.state.choice(choice_id)
    if choice is None:
        raise WsError(
            "invalidcoursemodule",
            "Invalid course module ID",
            "moodle_exception",
        )
    ctx.require_course(int(choice["courseid"]))
    return choice


def _can_view_results(ctx: Ctx, choice: Row) -> bool:
    """choice_can_view_results: by showresults, or mod/choice:readresponses."""
    if ctx.access.has(int(choice["courseid"]), "mod/choice:readresponses"):
        return True
    mode = int(choice["showresults"])
    closed = bool(choice["timeclose"]) and choice["timeclose"] < ctx.state.now()
    answered = ctx.state.value(
        "SELECT 1 FROM choice_answers WHERE choiceid = ? AND userid = ?",
        (choice["id"], ctx.user_id),
    )
    return mode == 3 or (mode == 1 and bool(answered)) or (mode == 2 and closed)


@ws("mod_choice_get_choices_by_courses", {"courseids": Opt(List(Int()), [])})
def get_choices_by_courses(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    course_ids = p["courseids"] or [
        r["courseid"]
        for r in ctx.state.rows(
            "SELECT DISTINCT courseid FROM enrolments WHERE userid = ?", (ctx.user_id,)
        )
    ]
    choices: list[dict[str, Any]] = []
    warnings: list[dict[str, Any]] = []
    for course_id in sorted(set(course_ids)):
        if not ctx.policy_agreed() or not ctx.access.enrolled(course_id):
            warnings.append(
                {
                    "item": "course",
                    "itemid": course_id,
                    "warningcode": "1",
                    "message": "No access rights in course context",
                }
            )
            continue
        manage = ctx.access.has(course_id, "moodle/course:manageactivities")
        for choice in ctx.state.choices_in(course_id):
            cm = ctx.state.row("SELECT * FROM cms WHERE id = ?", (choice["cmid"],))
            assert cm is not None
            if not cm["visible"] and not manage:
                continue
            choices.append(_export_choice(ctx, choice, cm))
    return {"choices": choices, "warnings": warnings}


def _export_choice(ctx: Ctx, choice: Row, cm: Row) -> dict[str, Any]:
    course_id = int(choice["courseid"])
    out: dict[str, Any] = {
        "id": choice["id"],
        "coursemodule": choice["cmid"],
        "course": course_id,
        "name": choice["name"],
        "intro": choice["intro"],
        "introformat": 1,
        "introfiles": [],
        "section": cm["section"],
        "visible": bool(cm["visible"]),
        "groupmode": 0,
        "groupingid": 0,
        "lang": "",
    }
    if ctx.access.has(course_id, "mod/choice:choose"):
        out.update(
            {
                "publish": bool(choice["publish"]),
                "showresults": choice["showresults"],
                "display": 0,
                "allowupdate": bool(choice["allowupdate"]),
                "allowmultiple": bool(choice["allowmultiple"]),
                "showunanswered": bool(choice["showunanswered"]),
                "includeinactive": True,
                "limitanswers": bool(choice["limitanswers"]),
                "timeopen": choice["timeopen"],
                "timeclose": choice["timeclose"],
                "showpreview": False,
            }
        )
    if ctx.access.has(course_id, "moodle/course:manageactivities"):
        out.update({"timemodified": choice["timemodified"], "completionsubmit": False})
    if "publish" in out:
        out["showavailable"] = False
    return out


def _open_warning(ctx: Ctx, choice: Row) -> dict[str, Any] | None:
    now = ctx.state.now()
    if choice["timeopen"] and choice["timeopen"] > now:
        return {
            "item": "choice",
            "itemid": choice["cmid"],
            "warningcode": "1",
            "message": "This choice is not open yet.",
        }
    if choice["timeclose"] and choice["timeclose"] < now:
        return {
            "item": "choice",
            "itemid": choice["cmid"],
            "warningcode": "3",
            "message": "Sorry, this activity closed.",
        }
    return None


@ws("mod_choice_get_choice_options", {"choiceid": Int()})
def get_choice_options(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    choice = _choice(ctx, p["choiceid"])
    if not ctx.access.has(int(choice["courseid"]), "mod/choice:choose"):
        raise no_permissions("Choose a choice option")
    warning = _open_warning(ctx, choice)
    if warning is not None:
        return {"options": [], "warnings": [warning]}
    answers = ctx.state.choice_answers(int(choice["id"]))
    mine = {a["optionid"] for a in answers if a["userid"] == ctx.user_id}
    options = []
    for option in ctx.state.choice_options(int(choice["id"])):
        count = sum(1 for a in answers if a["optionid"] == option["id"])
        full = bool(choice["limitanswers"]) and count >= option["maxanswers"]
        options.append(
            {
                "id": option["id"],
                "text": option["text"],
                "maxanswers": option["maxanswers"],
                "displaylayout": False,
                "countanswers": count,
                "checked": option["id"] in mine,
                "disabled": (full and option["id"] not in mine)
                or (bool(mine) and not choice["allowupdate"]),
            }
        )
    return {"options": options, "warnings": []}


@ws("mod_choice_get_choice_results", {"choiceid": Int()})
def get_choice_results(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    choice = _choice(ctx, p["choiceid"])
    answers = ctx.state.choice_answers(int(choice["id"]))
    viewable = _can_view_results(ctx, choice)
    respondents = len({a["userid"] for a in answers})
    options = []
    for option in ctx.state.choice_options(int(choice["id"])):
        chosen = [a for a in answers if a["optionid"] == option["id"]]
        responses = []
        if viewable and choice["publish"]:
            for answer in chosen:
                user = ctx.state.user(int(answer["userid"]))
                responses.append(
                    {
                        "userid": answer["userid"],
                        "fullname": fullname(user),
                        "profileimageurl": picture(ctx),
                        "answerid": answer["id"],
                        "timemodified": answer["timemodified"],
                    }
                )
        count = len(chosen) if viewable else 0
        options.append(
            {
                "id": option["id"],
                "text": option["text"],
                "maxanswer": option["maxanswers"],
                "userresponses": responses,
                "numberofuser": count,
                "percentageamount": _php_number(count / respondents * 100.0 if count else 0),
            }
        )
    return {"options": options, "warnings": []}


def _php_number(value: float) -> float | int:
    """A float as PHP's json_encode writes it: a whole one without '.0' (100, not 100.0)."""
    return int(value) if float(value).is_integer() else value


@ws("mod_choice_submit_choice_response", {"choiceid": Int(), "responses": List(Int())})
def submit_choice_response(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    choice = _choice(ctx, p["choiceid"])
    choice_id = int(choice["id"])
    if not ctx.access.has(int(choice["courseid"]), "mod/choice:choose"):
        raise no_permissions("Choose a choice option")
    now = ctx.state.now()
    if choice["timeopen"] and choice["timeopen"] > now:
        raise WsError("notopenyet", "Sorry, this activity is not available until {$a}")
    if choice["timeclose"] and choice["timeclose"] < now:
        raise WsError("expired", "Sorry, this activity closed on {$a} and is no longer available")
    answers = ctx.state.choice_answers(choice_id)
    if any(a["userid"] == ctx.user_id for a in answers) and not choice["allowupdate"]:
        raise WsError("missingrequiredcapability", "The capability allowupdate is required.")
    responses = p["responses"]
    if not responses or (len(responses) > 1 and not choice["allowmultiple"]):
        raise WsError("multiplenotallowederror", "Multiple answers are not allowed")
    options = {o["id"]: o for o in ctx.state.choice_options(choice_id)}
    for option_id in responses:
        if option_id not in options:
            raise invalid_parameter()
        taken = sum(1 for a in answers if a["optionid"] == option_id and a["userid"] != ctx.user_id)
        if choice["limitanswers"] and taken >= options[option_id]["maxanswers"]:
            raise WsError("choicefull", "This choice is full and there are no available places.")
    ids = ctx.state.answer_choice(choice_id, ctx.user_id, responses)
    return {
        "answers": [
            {
                "id": answer_id,
                "choiceid": choice_id,
                "userid": ctx.user_id,
                "optionid": option_id,
                "timemodified": now,
            }
            for answer_id, option_id in zip(ids, responses, strict=True)
        ],
        "warnings": [],
    }


def _flag() -> Opt:
    return Opt(Bool(), False)


@ws(
    PLUGIN_FUNCTION,
    {
        "courseid": Int(),
        "section": Opt(Int(), 0),
        "name": Text(),
        "intro": Opt(Text(), ""),
        "options": List(Struct({"text": Text(), "maxanswers": Opt(Int(), 0)})),
        "allowmultiple": _flag(),
        "allowupdate": _flag(),
        "limitanswers": _flag(),
        "showresults": Opt(Int(), 1),
        "publish": _flag(),
        "showunanswered": _flag(),
        "timeopen": Opt(Int(), 0),
        "timeclose": Opt(Int(), 0),
        "visible": Opt(Bool(), True),
        "clientref": Text(),
    },
)
def create_choice(ctx: Ctx, p: dict[str, Any]) -> dict[str, Any]:
    """Idempotent on (course, clientref) through the plugin's table; checked before writing.

    The real plugin's order: parameters, course, capabilities, settings. The sandbox has no
    site course (its course 1 is a real one), no sections and no switch for Choice, so
    sitecourse, nosuchsection and choicedisabled never occur here.
    """
    if not CLIENTREF.fullmatch(p["clientref"]):  # PARAM_ALPHANUMEXT, checked with the types
        raise invalid_parameter()
    course_id = p["courseid"]
    if ctx.state.value("SELECT 1 FROM courses WHERE id = ?", (course_id,)) is None:
        raise WsError(
            "invalidrecord",
            "Can't find data record in database table course.",
            "dml_missing_record_exception",
        )
    ctx.require_course(course_id)
    for cap in ("moodle/course:manageactivities", "mod/choice:addinstance"):
        if not ctx.access.has(course_id, cap):
            raise no_permissions(cap)
    name = p["name"].strip()
    texts = [o["text"].strip() for o in p["options"]]
    if (
        not name
        or len(name) > 255
        or not 2 <= len(texts) <= 30
        or not all(texts)
        or any(o["maxanswers"] < 0 for o in p["options"])
        or p["showresults"] not in (0, 1, 2, 3)
        or p["section"] < 0
        or p["timeopen"] < 0
        or p["timeclose"] < 0
    ):
        raise invalid_parameter()
    if p["limitanswers"]:
        for text, option in zip(texts, p["options"], strict=True):
            if option["maxanswers"] < 1:
                raise plugin_error(
                    "limitzero",
                    f'The option "{text}" has a limit of 0 while limits are on: '
                    "nobody could choose it.",
                )
    if p["timeopen"] and p["timeclose"] and p["timeclose"] < p["timeopen"]:
        raise plugin_error("closebeforeopen", "The poll closes before it opens.")
    ensure_tables(ctx.state)
    with ctx.state.tx() as conn:
        known = ctx.state.row(
            "SELECT cmid, choiceid FROM plugin_polls WHERE courseid = ? AND clientref = ?",
            (course_id, p["clientref"]),
        )
        if known is not None:
            if ctx.state.value("SELECT 1 FROM cms WHERE id = ?", (known["cmid"],)) is None:
                raise plugin_error(
                    "clientrefdeleted",
                    "The poll published for this reference has been deleted from the course; "
                    "it is not made again.",
                )
            return {
                "cmid": known["cmid"],
                "choiceid": known["choiceid"],
                "created": 0,
                "warnings": [],
            }
        choice_id = ctx.state.add_choice(
            course_id,
            name,
            [(text, o["maxanswers"]) for text, o in zip(texts, p["options"], strict=True)],
            intro=p["intro"],
            section=p["section"],
            publish=p["publish"],
            showresults=p["showresults"],
            allowupdate=p["allowupdate"],
            allowmultiple=p["allowmultiple"],
            limitanswers=p["limitanswers"],
            showunanswered=p["showunanswered"],
            timeopen=p["timeopen"],
            timeclose=p["timeclose"],
            visible=p["visible"],
            idnumber=f"mdesk-{p['clientref']}",
        )
        choice = ctx.state.choice(choice_id)
        assert choice is not None
        conn.execute(
            "INSERT INTO plugin_polls (courseid, clientref, cmid, choiceid, userid, timecreated)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (course_id, p["clientref"], choice["cmid"], choice_id, ctx.user_id, ctx.state.now()),
        )
    return {"cmid": choice["cmid"], "choiceid": choice_id, "created": 1, "warnings": []}
