"""The prompt feature's words: kinds, reasons, refusals and import errors, translated.

Services report codes (prompt kinds, PromptImportError.code, Problem.code, posting
refusals); only here do they become sentences, in translation context "Prompts".
Each call spells out QCoreApplication.translate with a literal so lupdate finds it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from moderator_app.services import prompt_rules as r
from moderator_app.services.prompt_rules import Problem


def tr(text: str) -> str:
    return QCoreApplication.translate("Prompts", text)


def fill(text: str, *values: object) -> str:
    for n, value in enumerate(values, start=1):
        text = text.replace(f"%{n}", str(value))
    return text


def kind_name(kind: str) -> str:
    names = {
        r.INTRODUCTION: QCoreApplication.translate("Prompts", "Introduction"),
        r.REFLECTION: QCoreApplication.translate("Prompts", "Reflection"),
        r.STATEMENT: QCoreApplication.translate("Prompts", "Statement"),
        r.CASE: QCoreApplication.translate("Prompts", "Case"),
        r.PRACTICE_TRANSFER: QCoreApplication.translate("Prompts", "Apply to your work"),
        r.PEER_FEEDBACK: QCoreApplication.translate("Prompts", "Peer feedback"),
        r.WEEK_CLOSING: QCoreApplication.translate("Prompts", "Closing the week"),
    }
    return names.get(kind, kind)


def language_name(lang: str) -> str:
    names = {
        "en": QCoreApplication.translate("Prompts", "English"),
        "nl": QCoreApplication.translate("Prompts", "Dutch"),
    }
    return names.get(lang, lang)


def placeholder_label(name: str) -> str:
    labels = {
        "week": QCoreApplication.translate("Prompts", "Week"),
        "topic": QCoreApplication.translate("Prompts", "Topic"),
        "course": QCoreApplication.translate("Prompts", "Course"),
        "forum": QCoreApplication.translate("Prompts", "Forum"),
    }
    return labels.get(name, "{" + name + "}")


def missing_text(names: tuple[str, ...]) -> str:
    listed = ", ".join(placeholder_label(n) for n in names)
    return fill(QCoreApplication.translate("Prompts", "Fill in first: %1."), listed)


def problem_text(problem: Problem) -> str:
    where = problem.where
    lang = where.split(".")[1] if where.startswith("texts.") and "." in where else ""
    if problem.code == "unknown_kind":
        return QCoreApplication.translate("Prompts", "Choose a kind.")
    if problem.code == "no_text":
        return QCoreApplication.translate("Prompts", "Write the prompt in at least one language.")
    if problem.code == "empty" and where.endswith(".title"):
        return fill(
            QCoreApplication.translate("Prompts", "%1: the title is empty."), language_name(lang)
        )
    if problem.code == "empty":
        return fill(
            QCoreApplication.translate("Prompts", "%1: the text is empty."), language_name(lang)
        )
    if problem.code == "too_long":
        return fill(QCoreApplication.translate("Prompts", "%1: too long."), language_name(lang))
    if problem.code in ("bad_tag", "too_many_tags"):
        return QCoreApplication.translate(
            "Prompts", "Tags: at most 20, each at most 40 characters."
        )
    return fill(QCoreApplication.translate("Prompts", "%1 is not valid."), where)


def import_error_text(code: str, where: str) -> str:
    texts = {
        "not_json": QCoreApplication.translate("Prompts", "The file is not a JSON file."),
        "foreign": QCoreApplication.translate(
            "Prompts", "The file is not a set of prompts from Moderator Desk."
        ),
        "too_new": QCoreApplication.translate(
            "Prompts", "The file comes from a newer version of Moderator Desk. Update the app."
        ),
        "too_big": QCoreApplication.translate("Prompts", "The file is too big."),
        "empty": QCoreApplication.translate("Prompts", "The file holds no prompts."),
    }
    text = texts.get(code) or fill(
        QCoreApplication.translate("Prompts", "A prompt in the file is not valid (%1)."), where
    )
    return text + " " + QCoreApplication.translate("Prompts", "Nothing was imported.")


def refusal_text(reason: str) -> str:
    if reason == "site":
        return QCoreApplication.translate(
            "Prompts",
            "This site does not let the app start discussions "
            "(mod_forum_add_discussion is not in its web service).",
        )
    return QCoreApplication.translate(
        "Prompts", "You cannot start a discussion in this forum (the forum does not allow it)."
    )


def quiet_reason(silent: bool, never: bool, posters: int, days: int) -> str:
    if never:
        return QCoreApplication.translate("Prompts", "No learner has posted yet")
    if silent:
        return fill(
            QCoreApplication.translate("Prompts", "No learner post for more than %1 days"), days
        )
    return fill(
        QCoreApplication.translate("Prompts", "Only %1 learner(s) posted in the last 7 days"),
        posters,
    )


def running_notice() -> str:
    return QCoreApplication.translate(
        "Prompts",
        "Scheduled posts wait in the outbox on this computer. They are sent by the first "
        "sync after their time, so Moderator Desk must be running then, with automatic "
        "sync on (Settings). If the app is closed, the post goes out at the next sync "
        "after you start it again.",
    )
