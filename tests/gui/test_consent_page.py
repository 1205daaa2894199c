"""The Consent page's main flows, driven with pytest-qt: register, record, refuse and ask,
preview and share, withdraw (retraction queued), reveal (audited), CSV export."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from moderator_app.gui.consent_dialogs import AddConsentDialog, RequestDialog, RevealDialog
from moderator_app.gui.consent_page import ConsentPage
from moderator_app.gui.consent_share import ShareDialog
from moderator_app.services import audit
from moderator_app.services.pseudonyms import AUDIT_REVEAL
from moderator_app.store.db import Database
from moderator_app.store.models import OutboxItem
from moderator_app.store.models_consent import Consent, Share
from moderator_app.sync.share_push import KIND_CONSENT_REQUEST
from tests.services.consent_seed import ACTOR, COURSE, NOW, PIETER, RENEE, SANNE, FixedSecret, seed

ACCEPTED = QDialog.DialogCode.Accepted


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "account.sqlite")
    seed(database)
    yield database
    database.close()


@pytest.fixture
def page(qtbot: QtBot, db: Database) -> ConsentPage:
    widget = ConsentPage(db, ACTOR, secrets=FixedSecret(), lang="nl", now=lambda: NOW)
    qtbot.addWidget(widget)
    widget.course.setCurrentIndex(widget.course.findData(COURSE))
    return widget


def names(page: ConsentPage) -> dict[int, str]:
    return {
        row.user_id: page.model.data(page.model.index(n, 1))
        for n, row in enumerate(page.model.rows)
    }


def accept_with(
    monkeypatch: pytest.MonkeyPatch, cls: type[QDialog], fill: Callable[[QDialog], None]
) -> None:
    def exec_(self: QDialog) -> int:
        fill(self)
        return int(ACCEPTED)

    monkeypatch.setattr(cls, "exec", exec_)


def record_consent(
    page: ConsentPage, monkeypatch: pytest.MonkeyPatch, scope_index: int = 1
) -> None:
    accept_with(monkeypatch, AddConsentDialog, lambda d: d.scope.setCurrentIndex(scope_index))  # type: ignore[attr-defined]
    page.add_consent()


def test_register_lists_learners_with_state_and_filters(page: ConsentPage) -> None:
    assert set(names(page)) == {SANNE, PIETER, RENEE}
    assert set(names(page).values()) == {"No consent"}
    page.search.setText("bos")
    assert [r.user_id for r in page.model.rows] == [PIETER]
    page.search.clear()
    page.state_filter.setCurrentIndex(page.state_filter.findText("Valid"))
    assert page.model.rows == []


def test_policy_source_is_shown_as_unavailable(page: ConsentPage) -> None:
    assert "local_moderatordesk_get_policy_acceptances" in page.policy_label.text()
    assert "cannot be read" in page.policy_label.text()


def test_record_consent_through_the_dialog(
    page: ConsentPage, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert page.select_learner(SANNE)
    assert not page.withdraw_button.isEnabled() or page.consents.topLevelItemCount() == 0
    record_consent(page, monkeypatch)
    assert names(page)[SANNE] == "Valid"
    assert page.selected_learner() is not None and page.selected_learner().user_id == SANNE  # type: ignore[union-attr]
    assert page.consents.topLevelItemCount() == 1
    with db.session() as s:
        assert [e.kind for e in audit.events(s, learner_id=SANNE)] == ["consent.added"]


def test_refused_share_offers_a_consent_request(
    page: ConsentPage, db: Database, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.select_learner(SANNE)
    dialogs: list[ShareDialog] = []
    real = page.make_share_dialog

    def make(*args: object) -> ShareDialog:
        dialog = real(*args)  # type: ignore[arg-type]
        dialogs.append(dialog)
        return dialog

    def run(self: ShareDialog) -> int:
        self.check()
        assert "not given consent" in self.status.text()
        assert not self.request_button.isHidden() and not self.share_button.isEnabled()
        self.request_button.click()
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(page, "make_share_dialog", make)
    monkeypatch.setattr(ShareDialog, "exec", run)
    accept_with(monkeypatch, RequestDialog, lambda d: None)
    page.share_post()
    assert dialogs
    with db.session() as s:
        items = s.scalars(select(OutboxItem).where(OutboxItem.kind == KIND_CONSENT_REQUEST)).all()
        assert len(items) == 1 and f'"user_id": {SANNE}' in items[0].payload
        assert s.scalars(select(Share)).all() == []


def test_preview_and_share_then_withdraw_retracts(
    page: ConsentPage, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.select_learner(SANNE)
    record_consent(page, monkeypatch)

    def run(self: ShareDialog) -> int:
        self.check()
        assert self.share_button.isEnabled()
        assert "Pieter" in self.original.toPlainText()
        anonymised = self.anonymised.toPlainText()
        assert "Pieter" not in anonymised and "Sanne" not in anonymised
        assert "gedeeld met toestemming" in anonymised
        self.share_button.click()
        return int(ACCEPTED)

    monkeypatch.setattr(ShareDialog, "exec", run)
    page.share_post()
    with db.session() as s:
        (share,) = s.scalars(select(Share)).all()
        assert s.get(OutboxItem, share.outbox_id) is not None
    assert page.model.data(page.model.index(page.table.currentIndex().row(), 3)) == "1"

    page.consents.setCurrentItem(page.consents.topLevelItem(0))
    monkeypatch.setattr(page, "confirm", lambda *_: True)
    page.withdraw_consent()
    assert names(page)[SANNE] == "Withdrawn"
    with db.session() as s:
        (share,) = s.scalars(select(Share)).all()
        assert share.retracted_at == NOW
        consent = s.scalars(select(Consent)).one()
        assert consent.withdrawn_at == NOW
    page.show_report()
    # The copy still waited in the outbox: it was dropped, so nothing reached the site.
    assert "before it was sent: nothing reached the site" in page.report.text()


def test_reveal_is_recorded(
    page: ConsentPage, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.session() as s:
        label = page.pseudonyms.of(s, COURSE, PIETER, NOW).label("nl")
    accept_with(monkeypatch, RevealDialog, lambda d: d.label.setText(label.lower()))  # type: ignore[attr-defined]
    shown: list[str] = []
    monkeypatch.setattr(page, "show_info", lambda _title, text: shown.append(text))
    page.reveal()
    assert shown and "Pieter Bos" in shown[0]
    with db.session() as s:
        assert len(audit.events(s, learner_id=PIETER, kinds=[AUDIT_REVEAL])) == 1


def test_csv_export(page: ConsentPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page.select_learner(SANNE)
    record_consent(page, monkeypatch)
    target = tmp_path / "trail.csv"
    monkeypatch.setattr(page, "choose_csv_path", lambda: str(target))
    page.export_csv()
    rows = list(csv.DictReader(target.read_text(encoding="utf-8").splitlines()))
    assert [r["kind"] for r in rows] == ["consent.added"]


def test_the_main_window_shows_the_consent_page(make_window, seeded_db) -> None:  # type: ignore[no-untyped-def]
    window = make_window(seeded_db)
    window.sidebar.setCurrentRow(4)
    page = window.pages.currentWidget()
    assert isinstance(page, ConsentPage)
    assert page.course.count() > 0 and page.model.rowCount() > 0
    assert "cannot be read" in page.policy_label.text()  # no site info: no policy function


def test_withdraw_acts_on_the_learners_consent_without_a_click_in_the_list(
    page: ConsentPage, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.select_learner(SANNE)
    assert not page.withdraw_button.isEnabled()  # nothing to withdraw yet
    accept_with(
        monkeypatch,
        AddConsentDialog,
        lambda d: d.note.setPlainText("bericht van 3 maart"),  # type: ignore[attr-defined]
    )
    page.add_consent()
    assert page.withdraw_button.isEnabled()  # the consent is chosen already
    monkeypatch.setattr(page, "confirm", lambda *_: True)
    page.withdraw_button.click()
    with db.session() as s:
        assert s.scalars(select(Consent)).one().withdrawn_at == NOW
    assert not page.withdraw_button.isEnabled()  # withdrawn: nothing left to withdraw


def test_record_waits_for_evidence_so_enter_records_nothing_empty(qtbot: QtBot) -> None:
    dialog = AddConsentDialog("Sanne de Wit", [], NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    record = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert dialog.source.currentData() != "policy"
    assert not record.isEnabled()
    dialog.accept()  # what Enter does
    assert dialog.result() != ACCEPTED
    dialog.note.setPlainText("formulier in de map van week 2")
    assert record.isEnabled()
    dialog.source.setCurrentIndex(dialog.source.findData("policy"))
    dialog.note.clear()
    assert record.isEnabled()  # the site's policy acceptance is its own evidence


def test_the_report_counts_a_reveal_made_while_it_is_shown(
    page: ConsentPage, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.select_learner(PIETER)
    page.show_report()
    assert "Reveals: 0" in page.report.text()
    with db.session() as s:
        label = page.pseudonyms.of(s, COURSE, PIETER, NOW).label("nl")
    accept_with(monkeypatch, RevealDialog, lambda d: d.label.setText(label))  # type: ignore[attr-defined]
    monkeypatch.setattr(page, "show_info", lambda *_: None)
    page.reveal()
    assert "Reveals: 1" in page.report.text()


def test_dutch_column_titles_fit_without_scrolling(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from moderator_app.gui import i18n

    i18n.install("nl")
    try:
        widget = ConsentPage(db, ACTOR, secrets=FixedSecret(), lang="nl", now=lambda: NOW)
        qtbot.addWidget(widget)
        widget.course.setCurrentIndex(widget.course.findData(COURSE))
        widget.resize(1130, 700)  # the window's page area at its opening size
        widget.show()
        qtbot.waitExposed(widget)
        assert widget.model.headerData(5, Qt.Orientation.Horizontal) == "Laatst ingetrokken"
        assert widget.table.horizontalScrollBar().maximum() == 0
        names = widget.table.horizontalHeader()
        assert names.sectionSize(0) >= widget.table.sizeHintForColumn(0)  # names not cut
    finally:
        i18n.install("en")
