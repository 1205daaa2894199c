"""The consent feature's words: states, scopes, sources and what is missing, translated.

Services report codes (services/consent.Missing, Summary, Scope); only here do they
become sentences, through Qt's translation (context "Consent").
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from moderator_app.gui.dates import format_datetime
from moderator_app.services.consent import Missing, Problem, Scope, Source
from moderator_app.services.consent_register import PolicySource, Summary
from moderator_app.services.participation import LearnerParticipation
from moderator_app.services.sharing import BadTarget, TargetProblem


def tr(text: str) -> str:
    return QCoreApplication.translate("Consent", text)


def _fill(text: str, *values: object) -> str:
    for n, value in enumerate(values, start=1):
        text = text.replace(f"%{n}", str(value))
    return text


def when(at: int | None) -> str:
    return format_datetime(at)


def scope_text(scope: str | None) -> str:
    if not scope:
        return tr("none")
    return {
        Scope.GROUP: tr("Peers in the learner's group"),
        Scope.COURSE: tr("The whole course"),
        Scope.COHORTS: tr("Other cohorts, as an example"),
    }[Scope(scope)]


def source_text(source: str) -> str:
    return {
        Source.POLICY: tr("Site policy acceptance"),
        Source.MESSAGE: tr("Message from the learner"),
        Source.FORM: tr("Signed form"),
    }[Source(source)]


def summary_text(summary: Summary) -> str:
    return {
        Summary.NONE: tr("No consent"),
        Summary.VALID: tr("Valid"),
        Summary.EXPIRED: tr("Expired"),
        Summary.WITHDRAWN: tr("Withdrawn"),
        Summary.NOT_YET_VALID: tr("Not yet valid"),
    }[summary]


def participation_text(row: LearnerParticipation) -> str:
    """One line of the per-learner report: what the participation view holds about them."""
    state = {
        "active": tr("active"),
        "occasional": tr("occasional"),
        "silent": tr("silent (visits, never posted)"),
        "absent": tr("absent"),
    }[row.state]
    if row.last_course_access is None:
        visit = tr("hidden by the site")
    else:
        visit = when(row.last_course_access) or tr("never")
    return _fill(
        tr(
            "Participation: %1; %2 discussions started, %3 replies (%4 to other learners); "
            "last post %5; last visit %6"
        ),
        state,
        row.discussions_started,
        row.replies,
        row.replies_to_learners,
        when(row.last_post_at) or tr("none"),
        visit,
    )


def problem_text(problem: Problem) -> str:
    """One reason a share is refused, as a sentence the moderator can act on."""
    if problem.missing == Missing.NO_CONSENT:
        return tr("This learner has not given consent to share their work.")
    if problem.missing == Missing.WITHDRAWN:
        return _fill(tr("The consent was withdrawn on %1."), when(problem.at))
    if problem.missing == Missing.EXPIRED:
        return _fill(tr("The consent expired on %1."), when(problem.at))
    if problem.missing == Missing.NOT_YET_VALID:
        return _fill(tr("The consent only starts on %1."), when(problem.at))
    if problem.missing == Missing.SCOPE_TOO_NARROW:
        return _fill(
            tr("The consent covers sharing with: %1. This share reaches further."),
            scope_text(problem.scope),
        )
    return tr("The consent covers another post, not this one.")


def target_text(error: BadTarget) -> str:
    if error.problem == TargetProblem.WIDER_THAN_SCOPE:
        return _fill(
            tr("The chosen place reaches %1, more than the chosen scope allows."),
            scope_text(error.reach).lower(),
        )
    if error.problem == TargetProblem.UNKNOWN_POST:
        return tr("The post is not in the local store yet; sync first.")
    return tr("Choose where the example goes.")


def policy_text(source: PolicySource) -> str:
    if source.available:
        return tr(
            "Consent is read from the site's policy acceptances at each sync: a withdrawal "
            "there retracts what was shared under it."
        )
    if source.reason == "nottoolpolicy":
        return tr(
            "Policy acceptances cannot be read from this site: its policies are not kept "
            "with Moodle's policy tool (tool_policy). Record consent from a message or a "
            "signed form instead."
        )
    if source.reason == "nopermissions":
        return tr(
            "Policy acceptances cannot be read with your account: a site administrator must "
            "give your role local/moderatordesk:viewacceptances. Record consent from a "
            "message or a signed form instead."
        )
    return _fill(
        tr(
            "Policy acceptances cannot be read from this site: it does not offer %1 (the "
            "Moderator Desk plugin, local_moderatordesk, adds it). Record consent from a "
            "message or a signed form instead."
        ),
        source.function,
    )
