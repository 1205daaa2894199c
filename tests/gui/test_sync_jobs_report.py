"""The status-bar line a finished sync leaves behind."""

from __future__ import annotations

from moderator_app.gui.sync_jobs import describe_report
from moderator_app.platform.errors import PermissionDenied
from moderator_app.sync import SyncReport


def test_a_clean_sync_says_nothing() -> None:
    assert describe_report(SyncReport()) == ""


def test_polls_that_could_not_be_updated_are_said_without_hiding_the_rest() -> None:
    report = SyncReport(outbox_needs_attention=1)
    report.polls_error = PermissionDenied("you may not see this course's polls")
    line = describe_report(report)
    assert "1 outbox item(s) need your attention." in line
    assert "Polls were not updated: you may not see this course's polls" in line
