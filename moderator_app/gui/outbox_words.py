"""The outbox in a moderator's words: what an item does, its state, what to do next.

Plain functions of an `OutboxEntry` and its `OutboxDetail` (services/outbox_details.py),
so the Outbox window only shows them; refusals come as `Refusal` codes from the service
and are worded here, in the user's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

from moderator_app.gui.dates import format_datetime
from moderator_app.services.outbox import OutboxEntry, Refusal, cancel_refusal
from moderator_app.services.outbox_details import OutboxDetail
from moderator_app.sync import outbox_kinds as kinds
from moderator_app.sync import outbox_plan as op
from moderator_app.sync.claim_push import CLAIM_HELD, KIND_CLAIM
from moderator_app.sync.poll_push import POLL_KIND
from moderator_app.sync.share_push import KIND_CONSENT_REQUEST, KIND_RETRACTION

# The companion plugin's code for a poll a teacher deleted: never made again.
CLIENTREF_DELETED = "clientrefdeleted"


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("OutboxWords", text, None, n)


@dataclass(frozen=True)
class OutboxRow:
    """One item as the window shows it: words made once per reload."""

    entry: OutboxEntry
    detail: OutboxDetail
    what: str
    state: str

    @property
    def text(self) -> str | None:
        """What the moderator wrote (reply, new discussion), to copy."""
        return self.detail.text

    @property
    def refusal(self) -> str | None:
        """Why it cannot be cancelled, or None when it can."""
        return cancel_refusal_words(self.entry)


def row_in_words(entry: OutboxEntry, detail: OutboxDetail, now: int) -> OutboxRow:
    return OutboxRow(entry, detail, what_words(entry, detail), state_words(entry, now))


def what_words(entry: OutboxEntry, detail: OutboxDetail) -> str:
    """What the item does, in words: "Reply to ‘subject’", "Lock ‘subject’", ..."""
    subject = detail.subject or _strip_re(entry.summary)
    kind = entry.kind
    if kind == kinds.KIND_REPLY:
        text = _tr("Shared example in ‘%1’") if detail.shared_copy else _tr("Reply to ‘%1’")
    elif kind == kinds.KIND_DISCUSSION:
        forum = detail.forum_name or _tr("a forum")
        text = (
            _tr("Shared example as a new discussion in %2: ‘%1’")
            if detail.shared_copy
            else _tr("New discussion in %2: ‘%1’")
        ).replace("%2", forum)
        subject = entry.summary
    elif kind == kinds.KIND_LOCK:
        text = _tr("Lock ‘%1’") if detail.locks else _tr("Unlock ‘%1’")
    elif kind == kinds.KIND_PIN:
        text = _tr("Pin ‘%1’") if detail.pins else _tr("Unpin ‘%1’")
    elif kind == kinds.KIND_DELETE:
        text = (
            _tr("Delete the discussion ‘%1’")
            if detail.deletes_discussion
            else _tr("Delete a post in ‘%1’")
        )
    elif kind == POLL_KIND:
        text, subject = _tr("Poll ‘%1’"), entry.summary
    elif kind == KIND_RETRACTION:
        text, subject = _tr("Retraction of the shared copy ‘%1’"), _strip_re(entry.summary)
    elif kind == KIND_CLAIM:
        text = _tr("Tell the team who answers ‘%1’")
    elif kind == KIND_CONSENT_REQUEST:
        text = _tr("Consent request to %1")
        subject = detail.learner_name or _tr("a learner")
    else:
        return entry.summary
    return text.replace("%1", subject)


def _strip_re(subject: str) -> str:
    return subject[4:].strip() if subject.lower().startswith("re:") else subject


def reason_words(reason: str | None) -> str:
    return {
        op.REASON_LOCKED: _tr("the discussion was locked"),
        op.REASON_DELETED: _tr("it was deleted on the site"),
        op.REASON_PERMISSION: _tr("no permission on the site"),
        op.REASON_INVALID: _tr("the site refused it"),
        op.REASON_UNAVAILABLE: _tr("the site does not offer this"),
    }.get(reason or "", _tr("the site refused it"))


def advice_words(entry: OutboxEntry, now: int) -> str:
    """What the moderator can do next (the list says what happened, this says what now)."""
    if entry.state == op.PENDING and entry.not_before > now:
        return _tr("It goes at the first sync after its time, while Moderator Desk is running.")
    if entry.state == op.SENDING:
        # Never sent twice: a send cut off is looked for only once it cannot land any more.
        return _tr(
            "It is on its way to the site. If that was cut off, a sync after %1 looks for "
            "it on the site and sends it again only if it is not there."
        ).replace("%1", _moment(entry.check_after, now))
    if entry.state != op.FAILED_NEEDS_ATTENTION:
        return ""
    if entry.last_error_code == CLAIM_HELD:
        return _tr(
            "A colleague claimed this discussion on the site first; their claim stands. "
            "Cancel this, or talk to them."
        )
    if entry.last_error_code == CLIENTREF_DELETED:
        return _tr(
            "The poll was deleted on the site and is not made again: cancel this, or "
            "copy the draft and publish the copy."
        )
    if entry.reason == op.REASON_LOCKED:
        return _tr("Retry once the discussion is open again, or copy your text and cancel it.")
    if entry.reason == op.REASON_DELETED:
        return _tr("It cannot arrive any more: copy your text if you need it, then cancel it.")
    if entry.reason == op.REASON_PERMISSION:
        return _tr("Retry once you may do this again on the site, or cancel it.")
    return _tr("Retry after fixing the cause, or cancel it.")


def state_words(entry: OutboxEntry, now: int) -> str:
    """The state as a moderator reads it: "Waiting to be sent", "Will retry at 14:05"."""
    state = entry.state
    if state == op.PENDING:
        if entry.not_before > now:
            return _tr("Scheduled for %1").replace("%1", _moment(entry.not_before, now))
        return _tr("Waiting to be sent")
    if state == op.SENDING:
        return _tr("Being sent")
    if state == op.FAILED_RETRYABLE:
        if entry.last_error_code == op.MAYBE_APPLIED:
            if entry.check_after > now:  # its request may still land: not looked for yet
                return _tr("May have arrived: a sync after %1 checks").replace(
                    "%1", _moment(entry.check_after, now)
                )
            return _tr("May have arrived: the next sync checks")
        if entry.not_before > now:
            return _tr("Will retry at %1").replace("%1", _moment(entry.not_before, now))
        return _tr("Will retry at the next sync")
    if state == op.FAILED_NEEDS_ATTENTION:
        return _tr("Needs your attention: %1").replace("%1", reason_words(entry.reason))
    if state == op.DONE:
        return _tr("Sent")
    return state


def _moment(at: int, now: int) -> str:
    """Only the time when it is today (the usual case for a retry)."""
    moment, today = QDateTime.fromSecsSinceEpoch(at), QDateTime.fromSecsSinceEpoch(now)
    if moment.date() != today.date():
        return format_datetime(at)
    locale = QLocale()
    if locale.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return moment.toString("HH:mm")
    return locale.toString(moment.time(), QLocale.FormatType.ShortFormat)


def refusal_words(refusal: Refusal) -> str:
    """The service's refusal (services/outbox.py) as the moderator reads it."""
    return {
        Refusal.SENT: _tr("It has been sent already."),
        Refusal.ON_ITS_WAY: _tr("It is being sent right now and can no longer be cancelled."),
        Refusal.MAYBE_APPLIED: _tr(
            "It may already be on the site. The next sync checks, and sends it only if it "
            "did not arrive."
        ),
        Refusal.RETRACTION: _tr(
            "A retraction cannot be cancelled: the learner withdrew consent, so the shared "
            "copy has to come off the site."
        ),
        Refusal.NOT_FAILED: _tr("It is no longer waiting for a retry."),
    }[refusal]


def cancel_refusal_words(entry: OutboxEntry) -> str | None:
    """Why this item cannot be cancelled, asked of the service's own rule; None when it can."""
    refusal = cancel_refusal(entry.state, entry.kind, entry.last_error_code)
    return refusal_words(refusal) if refusal is not None else None


def undo_words(entry: OutboxEntry, detail: OutboxDetail) -> str:
    """What cancelling takes back, for the confirmation."""
    kind = entry.kind
    keep = _tr("Copy the text first if you want to keep it.")
    if detail.shared_copy:
        return _tr("The example will not be shared and no longer counts as shared.")
    if kind == kinds.KIND_REPLY:
        return _tr("The reply will not be sent and its text is removed from this computer.") + (
            " " + keep
        )
    if kind == kinds.KIND_DISCUSSION:
        return _tr(
            "The discussion will not be started and its text is removed from this computer."
        ) + (" " + keep)
    if kind == kinds.KIND_LOCK:
        return (
            _tr("The discussion will not be locked on the site and shows as open here again.")
            if detail.locks
            else _tr("The discussion will not be unlocked on the site and shows as locked here.")
        )
    if kind == kinds.KIND_PIN:
        return (
            _tr("The discussion will not be pinned on the site and shows unpinned here again.")
            if detail.pins
            else _tr("The discussion will not be unpinned on the site and shows pinned here.")
        )
    if kind == kinds.KIND_DELETE:
        return _tr("Nothing will be deleted on the site, and the post shows here again.")
    if kind == POLL_KIND:
        return _tr("The poll will not be published; it stays a draft.")
    if kind == KIND_CONSENT_REQUEST:
        return _tr("The message asking for consent will not be sent.")
    return _tr("It will not be sent.")


def detail_words(row: OutboxRow, now: int) -> str:
    """The lines under the list: what, state, the site's own message, what to do next."""
    lines = [row.what, row.state]
    error = site_message(row.entry)
    if error:
        lines.append(_tr("The site said: %1").replace("%1", error))
    lines.append(advice_words(row.entry, now))
    if row.refusal and row.entry.state != op.DONE:
        lines.append(row.refusal)
    return "\n".join(line for line in lines if line)


def site_message(entry: OutboxEntry) -> str:
    """The platform's own message of the last failure, without the stored reason word."""
    error = entry.last_error or ""
    if entry.reason and error.startswith(f"{entry.reason}:"):
        error = error.split(":", 1)[1]
    return error.strip()


def summary_words(entries: list[OutboxEntry], now: int) -> str:
    """The line above the list, counted as the status bar counts (services/outbox_counts.py):
    scheduled apart."""
    open_entries = [e for e in entries if e.state in op.OPEN_STATES]
    scheduled = sum(1 for e in open_entries if e.state == op.PENDING and e.not_before > now)
    waiting = len(open_entries) - scheduled
    if not open_entries:
        return _tr("Nothing waits: everything has been sent.")
    parts = [_tr("%n item(s) wait to be sent to the site.", waiting)] if waiting else []
    if scheduled:
        parts.append(_tr("%n scheduled for later.", scheduled))
    return " ".join(parts)
