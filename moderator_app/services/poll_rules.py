"""A poll as the editor holds it, the rules it must meet to be published, and its state
at a glance. Plain values only: no store, no network, so the GUI can validate on every
keystroke and tests call these directly.

Validation returns issues with a field, a code and the facts; `message` is plain
English for logs and the CLI, the GUI turns `code` into a translated sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from dataclasses import field as dc_field

from moderator_app.platform.types import PollSpec

MIN_OPTIONS = 2
MAX_OPTIONS = 30
MAX_NAME = 255  # Moodle's choice name column

# CHOICE_SHOWRESULTS_*
SHOW_NEVER, SHOW_AFTER_ANSWER, SHOW_AFTER_CLOSE, SHOW_ALWAYS = 0, 1, 2, 3

# States at a glance (state_at_a_glance).
ST_DRAFT = "draft"
ST_WAITING = "waiting"
ST_OPEN = "open"
ST_NOT_YET_OPEN = "not_yet_open"
ST_CLOSED = "closed"
ST_FAILED = "failed"


@dataclass(frozen=True)
class PollOption:
    text: str
    max_answers: int = 0


@dataclass(frozen=True)
class PollData:
    """Everything the moderator edits. Times are unix seconds, 0 = not set."""

    question: str = ""
    description: str = ""
    options: tuple[PollOption, ...] = ()
    allow_multiple: bool = False
    limit_answers: bool = False
    allow_update: bool = False
    show_results: int = SHOW_AFTER_ANSWER
    publish_names: bool = False
    show_unanswered: bool = False
    time_open: int = 0
    time_close: int = 0
    course_id: int | None = None
    section: int = 0

    def with_options(self, *texts: str) -> PollData:
        return replace(self, options=tuple(PollOption(t) for t in texts))


@dataclass(frozen=True)
class Issue:
    """One thing wrong with a poll. `index` is the option's position for option fields."""

    # question, options, option, max_answers, time_open, time_close, show_results, course, section
    field: str
    code: str  # required, too_long, too_few, too_many, empty, duplicate, below_one, ...
    message: str
    index: int | None = None
    facts: dict[str, int | str] = dc_field(default_factory=dict, compare=False)


def normalise_option(text: str) -> str:
    """What makes two options the same: case and spacing do not count."""
    return " ".join(text.split()).casefold()


def validate(poll: PollData, now: int) -> list[Issue]:
    """Every rule a poll must meet before it can be published; empty list = valid."""
    issues: list[Issue] = []
    question = poll.question.strip()
    if not question:
        issues.append(Issue("question", "required", "The question is empty."))
    elif len(question) > MAX_NAME:
        issues.append(
            Issue(
                "question",
                "too_long",
                f"The question is {len(question)} characters; the most is {MAX_NAME}.",
                facts={"length": len(question), "max": MAX_NAME},
            )
        )
    issues.extend(_option_issues(poll))
    if poll.show_results not in (SHOW_NEVER, SHOW_AFTER_ANSWER, SHOW_AFTER_CLOSE, SHOW_ALWAYS):
        issues.append(
            Issue("show_results", "out_of_range", "When results show must be 0, 1, 2 or 3.")
        )
    if poll.time_open < 0:
        issues.append(Issue("time_open", "negative", "The open time is before 1970."))
    if poll.time_close:
        if poll.time_open and poll.time_close <= poll.time_open:
            issues.append(
                Issue("time_close", "before_open", "The close time is not after the open time.")
            )
        elif poll.time_close <= now:
            issues.append(Issue("time_close", "in_past", "The close time is in the past."))
    if poll.course_id is None:
        issues.append(Issue("course", "required", "No course is chosen."))
    if poll.section < 0:
        issues.append(Issue("section", "negative", "The section number is below 0."))
    return issues


def _option_issues(poll: PollData) -> list[Issue]:
    issues: list[Issue] = []
    count = len(poll.options)
    if count < MIN_OPTIONS:
        issues.append(
            Issue(
                "options",
                "too_few",
                f"There are {count} options; a poll needs at least {MIN_OPTIONS}.",
                facts={"count": count, "min": MIN_OPTIONS},
            )
        )
    elif count > MAX_OPTIONS:
        issues.append(
            Issue(
                "options",
                "too_many",
                f"There are {count} options; the most is {MAX_OPTIONS}.",
                facts={"count": count, "max": MAX_OPTIONS},
            )
        )
    seen: dict[str, int] = {}
    for index, option in enumerate(poll.options):
        key = normalise_option(option.text)
        number = index + 1
        if not key:
            issues.append(Issue("option", "empty", f"Option {number} is empty.", index))
        elif key in seen:
            first = seen[key] + 1
            issues.append(
                Issue(
                    "option",
                    "duplicate",
                    f"Option {number} is the same as option {first}.",
                    index,
                    facts={"first": first},
                )
            )
        else:
            seen[key] = index
        if len(option.text.strip()) > MAX_NAME:
            issues.append(
                Issue(
                    "option", "too_long", f"Option {number} is over {MAX_NAME} characters.", index
                )
            )
        if poll.limit_answers and option.max_answers < 1:
            issues.append(
                Issue(
                    "max_answers",
                    "below_one",
                    f"The limit of option {number} must be at least 1 when limits are on.",
                    index,
                )
            )
    return issues


def to_spec(poll: PollData, client_ref: str) -> PollSpec:
    """The request for local_moderatordesk_create_choice; only call on a valid poll."""
    if poll.course_id is None:
        raise ValueError("a poll without a course cannot be published")
    return PollSpec(
        course_id=poll.course_id,
        name=poll.question.strip(),
        options=tuple(
            (o.text.strip(), o.max_answers if poll.limit_answers else 0) for o in poll.options
        ),
        client_ref=client_ref,
        section=poll.section,
        intro=poll.description,
        allow_multiple=poll.allow_multiple,
        allow_update=poll.allow_update,
        limit_answers=poll.limit_answers,
        show_results=poll.show_results,
        publish_names=poll.publish_names,
        show_unanswered=poll.show_unanswered,
        time_open=poll.time_open,
        time_close=poll.time_close,
    )


def state_at_a_glance(state: str, time_open: int, time_close: int, now: int) -> str:
    """draft | waiting | failed, or for a published poll: open | not_yet_open | closed."""
    if state != "published":
        return state
    if time_open and now < time_open:
        return ST_NOT_YET_OPEN
    if time_close and now >= time_close:
        return ST_CLOSED
    return ST_OPEN
