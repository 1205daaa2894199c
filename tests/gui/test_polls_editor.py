"""The poll editor and the Polls page, driven with pytest-qt."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QRadioButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from moderator_app.gui.polls_editor import PollEditor
from moderator_app.gui.polls_page import PollsPage
from moderator_app.services.poll_rules import PollData, PollOption
from moderator_app.store.db import Database
from moderator_app.store.models import Course, OutboxItem

NOW = 1_800_000_000
WITH_PLUGIN = frozenset({"local_moderatordesk_create_choice"})


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "polls.sqlite")
    with database.session() as s:
        s.add(Course(id=2, shortname="c2", fullname="Samen leren online"))
    yield database
    database.close()


@pytest.fixture
def editor(qtbot: QtBot) -> PollEditor:
    widget = PollEditor(now=lambda: NOW)
    qtbot.addWidget(widget)
    widget.load(PollData(), "draft", None, [(2, "Samen leren online")], can_publish=True)
    widget.show()
    return widget


def option_texts(editor: PollEditor) -> list[str]:
    return [o.text for o in editor.poll().options]


def fill_valid(editor: PollEditor, qtbot: QtBot) -> None:
    qtbot.keyClicks(editor.question, "Which evening suits you?")
    for text in ("Tuesday", "Wednesday", "Thursday"):
        editor.add_option()
        item = editor.options.currentItem()
        item.setData(0, Qt.ItemDataRole.EditRole, text)
    editor.course.setCurrentIndex(editor.course.findData(2))


def test_publish_is_blocked_until_valid_and_errors_sit_by_their_fields(
    editor: PollEditor, qtbot: QtBot
) -> None:
    assert not editor.publish_button.isEnabled()
    assert editor.errors["question"].isVisible()
    assert "Question" in editor.errors["question"].text()
    assert "at least 2" in editor.errors["options"].text()
    assert "Course" in editor.errors["course"].text()
    fill_valid(editor, qtbot)
    assert editor.issues == []
    assert not any(label.isVisible() for label in editor.errors.values())
    assert editor.publish_button.isEnabled()


def test_duplicate_option_is_shown_on_the_row_and_blocks_publish(
    editor: PollEditor, qtbot: QtBot
) -> None:
    fill_valid(editor, qtbot)
    editor.add_option()
    editor.options.currentItem().setData(0, Qt.ItemDataRole.EditRole, " tuesday ")
    assert not editor.publish_button.isEnabled()
    assert "Option 4 is the same as option 1" in editor.errors["options"].text()
    assert "same as option 1" in editor.options.topLevelItem(3).toolTip(0)
    assert editor.options.topLevelItem(0).toolTip(0) == ""


def test_close_before_open_is_shown_by_the_times(editor: PollEditor, qtbot: QtBot) -> None:
    fill_valid(editor, qtbot)
    editor.open_check.setChecked(True)
    editor.close_check.setChecked(True)
    editor.open_edit.setDateTime(editor.open_edit.dateTime().addDays(2))
    assert "after the open time" in editor.errors["times"].text()
    assert not editor.publish_button.isEnabled()
    editor.close_edit.setDateTime(editor.open_edit.dateTime().addDays(1))
    assert not editor.errors["times"].isVisible()
    assert editor.publish_button.isEnabled()


def test_limits_column_and_rule_follow_the_checkbox(editor: PollEditor, qtbot: QtBot) -> None:
    fill_valid(editor, qtbot)
    assert editor.options.isColumnHidden(1)
    editor.limit_answers.setChecked(True)
    assert not editor.options.isColumnHidden(1)
    assert "Limit of option 1" in editor.errors["limits"].text()
    for row in range(3):
        editor.options.topLevelItem(row).setData(1, Qt.ItemDataRole.EditRole, 10)
    assert editor.publish_button.isEnabled()
    assert [o.max_answers for o in editor.poll().options] == [10, 10, 10]


def test_reorder_options_with_alt_up_and_down(editor: PollEditor, qtbot: QtBot) -> None:
    fill_valid(editor, qtbot)
    editor.options.setCurrentItem(editor.options.topLevelItem(2))
    editor.options.setFocus()
    qtbot.waitUntil(editor.options.hasFocus)
    with qtbot.waitSignal(editor.changed):
        qtbot.keyClick(editor.options, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert option_texts(editor) == ["Tuesday", "Thursday", "Wednesday"]
    qtbot.keyClick(editor.options, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert option_texts(editor) == ["Thursday", "Tuesday", "Wednesday"]
    qtbot.keyClick(editor.options, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert option_texts(editor) == ["Tuesday", "Thursday", "Wednesday"]
    qtbot.keyClick(editor.options, Qt.Key.Key_Delete)
    assert option_texts(editor) == ["Tuesday", "Wednesday"]


def test_reorder_options_by_drag_and_drop(editor: PollEditor, qtbot: QtBot) -> None:
    fill_valid(editor, qtbot)
    tree = editor.options
    model = tree.model()
    first = model.index(0, 0)
    data = model.mimeData([first, model.index(0, 1)])
    # A drop below the last row, as the view's drop event would do it.
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, tree.rootIndex())
    model.removeRows(0, 1)
    assert option_texts(editor) == ["Wednesday", "Thursday", "Tuesday"]
    assert all(not (tree.topLevelItem(r).flags() & Qt.ItemFlag.ItemIsDropEnabled) for r in range(3))
    assert tree.dragDropMode() == tree.DragDropMode.InternalMove


def test_template_fills_question_and_options_in_dutch(editor: PollEditor) -> None:
    editor.course.setCurrentIndex(editor.course.findData(2))
    editor.template_language.setCurrentIndex(editor.template_language.findData("nl"))
    editor.template.setCurrentIndex(editor.template.findData("yes_no_unsure"))
    editor.apply_template()
    assert option_texts(editor) == ["Ja", "Nee", "Weet ik niet"]
    assert editor.poll().course_id == 2  # the course chosen before stays
    editor.question.setText("Heb je de opdracht al gelezen?")
    editor.refresh()
    assert editor.publish_button.isEnabled()


def test_template_asks_before_replacing_written_work(
    editor: PollEditor, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_valid(editor, qtbot)
    monkeypatch.setattr(editor, "confirm_replace", lambda: False)
    editor.apply_template()
    assert option_texts(editor) == ["Tuesday", "Wednesday", "Thursday"]


def test_waiting_poll_is_read_only(editor: PollEditor) -> None:
    poll = PollData(question="Q", course_id=2).with_options("A", "B")
    editor.load(poll, "waiting", None, [(2, "Samen leren online")], can_publish=True)
    assert not editor.question.isEnabled() and not editor.options.isEnabled()
    assert not editor.publish_button.isEnabled()
    assert editor.state_label.text() == "Waiting to publish"


def test_without_plugin_the_editor_says_what_an_admin_must_install(editor: PollEditor) -> None:
    poll = PollData(question="Q", course_id=2).with_options("A", "B")
    editor.load(poll, "draft", None, [(2, "Samen leren online")], can_publish=False)
    assert editor.plugin_label.isVisible()
    assert "local_moderatordesk" in editor.plugin_label.text()
    assert "administrator" in editor.plugin_label.text()
    assert not editor.publish_button.isEnabled()
    assert editor.question.isEnabled()  # the draft can still be worked on


def test_failed_poll_shows_the_reason(editor: PollEditor) -> None:
    poll = PollData(question="Q", course_id=2).with_options("A", "B")
    editor.load(poll, "failed", "permission: no rights", [(2, "x")], can_publish=True)
    assert editor.state_label.text() == "Publishing failed: permission: no rights"
    assert editor.publish_button.isEnabled()


# -- the page ----------------------------------------------------------------------------


@pytest.fixture
def page(qtbot: QtBot, db: Database) -> PollsPage:
    widget = PollsPage(db, site_functions=WITH_PLUGIN, now=lambda: NOW)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_new_draft_is_saved_as_typed_and_published_into_the_outbox(
    page: PollsPage, qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(page, "confirm_publish", lambda q: asked.append(q) or True)
    page.new_draft()
    draft_id = page.current_draft
    assert draft_id is not None
    fill_valid(page.editor, qtbot)
    assert page.service.get(draft_id).question == "Which evening suits you?"
    assert [o.text for o in page.service.get(draft_id).options] == [
        "Tuesday",
        "Wednesday",
        "Thursday",
    ]
    with qtbot.waitSignal(page.published) as published:
        qtbot.mouseClick(page.editor.publish_button, Qt.MouseButton.LeftButton)
    assert published.args == [draft_id]
    assert asked == ["Which evening suits you?"]  # asked first, naming the poll
    with db.session() as s:
        item = s.scalars(select(OutboxItem)).one()
        assert (item.kind, item.local_ref) == ("poll", draft_id)
    assert page.tree.currentItem().text(1) == "Waiting to publish"
    assert not page.editor.question.isEnabled()


def test_publish_cancelled_sends_nothing(
    page: PollsPage, qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(page, "confirm_publish", lambda _q: False)
    page.new_draft()
    fill_valid(page.editor, qtbot)
    page.publish()
    assert page.service.state(page.current_draft or "") == ("draft", None)
    with db.session() as s:
        assert s.scalars(select(OutboxItem)).all() == []


def test_publish_without_plugin_keeps_the_draft(qtbot: QtBot, db: Database) -> None:
    page = PollsPage(db, site_functions=frozenset(), now=lambda: NOW)
    qtbot.addWidget(page)
    page.new_draft()
    fill_valid(page.editor, qtbot)
    assert not page.editor.publish_button.isEnabled()
    with qtbot.waitSignal(page.message) as said:
        page.publish()  # e.g. from a shortcut: refused with the reason
    assert "local_moderatordesk" in said.args[0]
    assert page.service.state(page.current_draft or "") == ("draft", None)
    with db.session() as s:
        assert s.scalars(select(OutboxItem)).all() == []


def test_duplicate_and_delete(
    page: PollsPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.new_draft()
    fill_valid(page.editor, qtbot)
    original = page.current_draft
    page.duplicate()
    assert page.current_draft not in (None, original)
    assert page.drafts_group.childCount() == 2
    monkeypatch.setattr(page, "confirm_delete", lambda: True)
    page.delete()
    assert page.drafts_group.childCount() == 1
    assert page.service.drafts()[0].id == original


def test_export_then_import_round_trip(
    page: PollsPage, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.new_draft()
    fill_valid(page.editor, qtbot)
    target = tmp_path / "shared.json"
    monkeypatch.setattr(PollsPage, "ask_save_path", classmethod(lambda cls, p, s: str(target)))
    monkeypatch.setattr(PollsPage, "ask_open_path", classmethod(lambda cls, p: str(target)))
    page.export_draft()
    assert json.loads(target.read_text(encoding="utf-8"))["drafts"][0]["question"] == (
        "Which evening suits you?"
    )
    page.import_drafts()
    assert page.drafts_group.childCount() == 2
    assert option_texts(page.editor) == ["Tuesday", "Wednesday", "Thursday"]


def test_malformed_import_says_why_and_imports_nothing(
    page: PollsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.json"
    draft = {"question": 3, "options": [{"text": "A"}, {"text": "B"}]}
    bad.write_text(
        json.dumps({"format": "moderator-desk/poll-drafts", "version": 1, "drafts": [draft]})
    )
    said: list[str] = []
    monkeypatch.setattr(PollsPage, "ask_open_path", classmethod(lambda cls, p: str(bad)))
    monkeypatch.setattr(page, "show_import_error", said.append)
    page.import_drafts()
    assert len(said) == 1
    assert "drafts[0].question" in said[0] and "Nothing was imported" in said[0]
    assert page.drafts_group.childCount() == 0


def test_preview_shows_the_poll_as_learners_see_it(page: PollsPage, qtbot: QtBot) -> None:
    single = PollData(question="Pick one", show_results=2, publish_names=False).with_options(
        "A", "B"
    )
    dialog = page.open_preview(single)
    qtbot.addWidget(dialog)
    assert dialog.title.text() == "Pick one"
    assert [type(b) for b in dialog.choices] == [QRadioButton, QRadioButton]
    assert not dialog.save_button.isEnabled()
    texts = [w.text() for w in dialog.findChildren(type(dialog.title))]
    assert "Results are shown after the poll closes." in texts
    assert "Results are anonymous." in texts
    dialog.close()
    multiple = PollData(
        question="Pick any",
        allow_multiple=True,
        limit_answers=True,
        options=(PollOption("A", 3), PollOption("B", 5)),
    )
    dialog = page.open_preview(multiple)
    qtbot.addWidget(dialog)
    assert [type(b) for b in dialog.choices] == [QCheckBox, QCheckBox]
    assert [b.text() for b in dialog.choices] == ["A (3 places)", "B (5 places)"]
    dialog.close()
