"""The Prompts page with pytest-qt: from a quiet forum to a posted (or scheduled) prompt."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QLineEdit, QListWidget, QPushButton, QTreeWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from moderator_app.gui.context import AppContext
from moderator_app.gui.prompts_editor import PromptEditorDialog
from moderator_app.gui.prompts_model import Column
from moderator_app.gui.prompts_page import FORUM_ROLE, PromptsPage
from moderator_app.gui.prompts_post import PostPromptDialog
from moderator_app.services.accounts import AccountRef
from moderator_app.services.prompt_rules import PromptData, PromptText
from moderator_app.settings import Settings
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.store.models_prompts import PromptUse
from tests.services.prompt_support import NOW, seed


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "a.sqlite")
    seed(database)
    yield database
    database.close()


@pytest.fixture
def page(qtbot: QtBot, db: Database) -> PromptsPage:
    context = AppContext(
        account=AccountRef("http://127.0.0.1", "mila"),
        db=db,
        platform_factory=lambda: None,  # type: ignore[arg-type,return-value]
        settings=Settings(auto_sync_minutes=5),
        site_info=None,
        token_persistent=True,
    )
    widget = PromptsPage(context, now=lambda: NOW)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def outbox(db: Database) -> list[m.OutboxItem]:
    with db.session() as s:
        return list(s.scalars(select(m.OutboxItem)))


def choose_quiet_forum(page: PromptsPage, forum_id: int) -> None:
    tree = page.findChild(QTreeWidget, "quietTree")
    assert tree is not None
    rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    assert {r.data(0, FORUM_ROLE) for r in rows if r} == {12, 13, 16, 21}
    tree.setCurrentItem(next(r for r in rows if r and r.data(0, FORUM_ROLE) == forum_id))


def open_from_suggestion(qtbot: QtBot, page: PromptsPage, forum_id: int) -> PostPromptDialog:
    choose_quiet_forum(page, forum_id)
    suggestions = page.findChild(QListWidget, "suggestionList")
    assert suggestions is not None and suggestions.count() > 0
    click(page.findChild(QPushButton, "postSuggestionButton"))
    dialog = page.post_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.forum_id() == forum_id
    assert dialog.prompt_id() == suggestions.currentItem().data(Qt.ItemDataRole.UserRole)
    return dialog


def click(button: QPushButton | None) -> None:
    assert button is not None and button.isEnabled()
    button.click()


def fill_everything(dialog: PostPromptDialog) -> None:
    for name, edit in dialog.fields.items():
        edit.setText(f"my {name}")


def test_from_a_quiet_forum_to_a_scheduled_prompt(
    qtbot: QtBot, page: PromptsPage, db: Database
) -> None:
    dialog = open_from_suggestion(qtbot, page, 12)  # silent for ten days
    assert dialog.fields, "a statement asks for its topic"
    assert not dialog.post_button.isEnabled()
    assert "Fill in first" in dialog.problem.text()
    assert "{" in dialog.preview.toPlainText()  # the open placeholder shows in the preview
    fill_everything(dialog)
    assert dialog.post_button.isEnabled() and dialog.problem.text() == ""
    preview = dialog.preview.toPlainText()
    assert "{" not in preview and "my topic" in preview
    dialog.later_radio.setChecked(True)
    dialog.when.setDateTime(QDateTime.fromSecsSinceEpoch(NOW + 7200))
    with qtbot.waitSignal(dialog.posted) as posted:
        click(dialog.post_button)
    assert posted.args is not None and posted.args[1] is False  # scheduled, not now
    [item] = outbox(db)
    assert item.kind == "discussion" and item.not_before == NOW + 7200
    payload = json.loads(item.payload)
    assert payload["forum_id"] == 12 and "my topic" in payload["message"]
    scheduled = page.findChild(QTreeWidget, "scheduledTree")
    assert scheduled is not None and scheduled.topLevelItemCount() == 1
    with db.session() as s:
        [use] = s.scalars(select(PromptUse))
        assert (use.forum_id, use.course_id, use.scheduled_for) == (12, 1, NOW + 7200)
    # The same forum now suggests something not yet used in the course first.
    choose_quiet_forum(page, 12)
    first = page.findChild(QListWidget, "suggestionList").item(0)  # type: ignore[union-attr]
    assert first.data(Qt.ItemDataRole.UserRole) != use.prompt_id


def test_post_now_asks_the_window_to_sync_and_cancel_takes_it_back(
    qtbot: QtBot, page: PromptsPage, db: Database
) -> None:
    dialog = open_from_suggestion(qtbot, page, 13)  # nobody ever posted: an introduction
    fill_everything(dialog)
    with qtbot.waitSignal(page.post_now_requested):
        click(dialog.post_button)
    assert outbox(db)[0].not_before == 0
    scheduled = page.findChild(QTreeWidget, "scheduledTree")
    assert scheduled is not None and scheduled.topLevelItemCount() == 1
    first_row = scheduled.topLevelItem(0)
    assert first_row is not None
    scheduled.setCurrentItem(first_row)
    click(page.findChild(QPushButton, "cancelScheduledButton"))
    assert scheduled.topLevelItemCount() == 0 and outbox(db) == []


def test_the_library_filters_and_its_model_is_sound(
    qtbot: QtBot, page: PromptsPage, qtmodeltester: object
) -> None:
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    assert page.model.rowCount() >= 40
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("case"))
    assert page.model.rowCount() == 6
    search = page.findChild(QLineEdit, "searchEdit")
    assert search is not None
    search.setText("collega")
    assert 0 < page.model.rowCount() < 6
    assert page.detail.toPlainText()


def test_a_bad_import_says_why_and_adds_nothing(
    page: PromptsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "poll.json"
    bad.write_text(json.dumps({"format": "moderator-desk/poll-drafts", "version": 1}))
    shown: list[str] = []
    monkeypatch.setattr(page, "ask_open_path", lambda: str(bad))
    monkeypatch.setattr(page, "show_error", shown.append)
    before = page.model.rowCount()
    page.import_set()
    assert len(shown) == 1 and "Nothing was imported" in shown[0]
    assert page.model.rowCount() == before


def test_export_then_import_through_the_page(
    page: PromptsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "set.json"
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("case"))
    monkeypatch.setattr(page, "ask_save_path", lambda: str(target))
    monkeypatch.setattr(page, "ask_open_path", lambda: str(target))
    page.export_set()
    assert len(json.loads(target.read_text(encoding="utf-8"))["prompts"]) == 6
    page.import_set()
    assert page.model.rowCount() == 12


def test_the_editor_names_problems_and_returns_the_prompt(qtbot: QtBot) -> None:
    dialog = PromptEditorDialog(
        PromptData("case", {"en": PromptText("A", "B"), "de": PromptText("C", "D")}, ("x",))
    )
    qtbot.addWidget(dialog)
    dialog.titles["en"].setText("")
    dialog.accept()
    assert dialog.result() == 0 and "English: the title is empty." in dialog.problems.text()
    dialog.titles["en"].setText("Title")
    dialog.titles["nl"].setText("Titel")
    dialog.bodies["nl"].setPlainText("Tekst {week}")
    dialog.tags.setText("Team, week 2")
    dialog.accept()
    assert dialog.result() == PromptEditorDialog.DialogCode.Accepted
    data = dialog.result_data()
    assert set(data.texts) == {"en", "nl", "de"} and data.tags == ("team", "week 2")


def test_the_main_window_shows_the_prompts_page(make_window: object, seeded_db: Database) -> None:
    window = make_window(seeded_db)  # type: ignore[operator]
    window.sidebar.setCurrentRow(2)
    assert window.pages.currentWidget().objectName() == "promptsPage"


def test_the_page_speaks_dutch(qtbot: QtBot, db: Database) -> None:
    from moderator_app.gui import i18n

    i18n.install("nl")
    try:
        context = AppContext(
            account=AccountRef("http://127.0.0.1", "mila"),
            db=db,
            platform_factory=lambda: None,  # type: ignore[arg-type,return-value]
            settings=Settings(),
            site_info=None,
            token_persistent=True,
        )
        dutch = PromptsPage(context, now=lambda: NOW)
        qtbot.addWidget(dutch)
        tabs = [dutch.tabs.tabText(i) for i in range(dutch.tabs.count())]
        assert tabs == ["&Bibliotheek", "&Stille forums", "In&gepland"]
        assert dutch.kind_filter.itemText(1) == "Kennismaking"
        assert dutch.model.summary(0) is not None
        header = dutch.model.headerData(Column.LEARNERS, Qt.Orientation.Horizontal, 0)
        assert header == "Deelnemers in 72 u"
        # Library titles follow the interface language.
        assert dutch.detail.toPlainText() and "Welkom" in " ".join(
            s.title for s in dutch.service.library(show_lang="nl")
        )
    finally:
        i18n.install("en")


def test_the_detail_shows_what_happened_each_time(page: PromptsPage, db: Database) -> None:
    pid = page.service.create(PromptData("case", {"en": PromptText("My own case", "In {forum}?")}))
    page.poster.post(pid, "en", 11, {})
    with db.session() as s:  # the sync sent it: discussion 110 (two learners replied)
        s.execute(update(m.OutboxItem).values(state="done", result_ref="110", updated_at=NOW))
    page.reload()
    page.search.setText("My own case")
    assert page.current_prompt_id() == pid
    shown = page.detail.toPlainText()
    assert "Vragen" in shown and "2 / 2" in shown
    assert "Posted 1 time(s)" in page.detail_stats.text()
    assert page.model.summary(0) is not None and page.model.summary(0).avg_learners_72h == 2.0  # type: ignore[union-attr]
