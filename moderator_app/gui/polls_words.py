"""The poll feature's sentences: validation issues, states and refusals, translated.

Services report codes and facts (services/poll_rules.Issue, PollImportError.code); only
here do they become words, through Qt's translation (context "Polls"). Each call spells
out QCoreApplication.translate with a literal so pyside6-lupdate finds it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from moderator_app.services.poll_rules import Issue


def _fill(text: str, *values: object) -> str:
    for n, value in enumerate(values, start=1):
        text = text.replace(f"%{n}", str(value))
    return text


def issue_text(issue: Issue) -> str:
    """One validation issue as a sentence that names the field and what is wrong."""
    number = (issue.index or 0) + 1
    facts = issue.facts
    key = (issue.field, issue.code)
    if key == ("question", "required"):
        return QCoreApplication.translate(
            "Polls", "Question: write the question learners will answer."
        )
    if key == ("question", "too_long"):
        return _fill(
            QCoreApplication.translate(
                "Polls",
                "Question: %1 characters; Moodle allows at most %2. Put detail in the description.",
            ),
            facts.get("length", "?"),
            facts.get("max", 255),
        )
    if key == ("options", "too_few"):
        return _fill(
            QCoreApplication.translate("Polls", "Options: a poll needs at least %1 options."),
            facts.get("min", 2),
        )
    if key == ("options", "too_many"):
        return _fill(
            QCoreApplication.translate("Polls", "Options: %1 options; a poll can have at most %2."),
            facts.get("count", "?"),
            facts.get("max", 30),
        )
    if key == ("option", "empty"):
        return _fill(
            QCoreApplication.translate("Polls", "Option %1 is empty: write it or remove it."),
            number,
        )
    if key == ("option", "duplicate"):
        return _fill(
            QCoreApplication.translate(
                "Polls", "Option %1 is the same as option %2 (case and spaces do not count)."
            ),
            number,
            facts.get("first", "?"),
        )
    if key == ("option", "too_long"):
        return _fill(
            QCoreApplication.translate("Polls", "Option %1 is longer than 255 characters."), number
        )
    if key == ("max_answers", "below_one"):
        return _fill(
            QCoreApplication.translate(
                "Polls", "Limit of option %1: must be at least 1 while limits are on."
            ),
            number,
        )
    if key == ("time_close", "before_open"):
        return QCoreApplication.translate("Polls", "Close time: must be after the open time.")
    if key == ("time_close", "in_past"):
        return QCoreApplication.translate(
            "Polls", "Close time: it is in the past; choose a later time or no close time."
        )
    if key == ("time_open", "negative"):
        return QCoreApplication.translate("Polls", "Open time: not a valid time.")
    if key == ("show_results", "out_of_range"):
        return QCoreApplication.translate(
            "Polls", "When results show: choose one of the four choices."
        )
    if key == ("course", "required"):
        return QCoreApplication.translate("Polls", "Course: choose the course the poll goes to.")
    if key == ("section", "negative"):
        return QCoreApplication.translate("Polls", "Section: must be 0 or more.")
    return issue.message  # a rule added below without words here yet: English beats nothing


def status_text(status: str) -> str:
    return {
        "draft": QCoreApplication.translate("Polls", "Draft"),
        "waiting": QCoreApplication.translate("Polls", "Waiting to publish"),
        "open": QCoreApplication.translate("Polls", "Published, open"),
        "not_yet_open": QCoreApplication.translate("Polls", "Published, not yet open"),
        "closed": QCoreApplication.translate("Polls", "Published, closed"),
        "failed": QCoreApplication.translate("Polls", "Publishing failed"),
    }.get(status, status)


def plugin_missing_text() -> str:
    return QCoreApplication.translate(
        "Polls",
        "This site cannot receive polls from Moderator Desk yet. A site administrator must "
        "install the Moodle plugin local_moderatordesk (it adds "
        "local_moderatordesk_create_choice to the Moodle app's web service). Your draft is "
        "kept; publish it once the plugin is there.",
    )


def import_error_text(code: str, where: str) -> str:
    text_by_code = {
        "not_json": QCoreApplication.translate(
            "Polls", "The file is not a JSON file (or it is damaged)."
        ),
        "foreign": QCoreApplication.translate(
            "Polls", "The file is not a poll export from Moderator Desk."
        ),
        "too_new": QCoreApplication.translate(
            "Polls", "The file comes from a newer Moderator Desk; update the app to read it."
        ),
        "too_big": QCoreApplication.translate(
            "Polls", "The file is too large to be a poll export."
        ),
        "invalid": QCoreApplication.translate("Polls", "The file has a wrong or missing value."),
    }
    # An empty list of drafts reads like any other missing value (where says which).
    text_by_code["empty"] = text_by_code["invalid"]
    text = text_by_code.get(
        code, QCoreApplication.translate("Polls", "The file could not be read.")
    )
    if where:
        text += " " + _fill(QCoreApplication.translate("Polls", "Where: %1."), where)
    return text + " " + QCoreApplication.translate("Polls", "Nothing was imported.")
