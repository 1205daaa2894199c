"""The Polls page inside the main window: reached from the sidebar, wired to sync."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from moderator_app.gui.polls_page import PollsPage
from moderator_app.store.db import Database
from moderator_app.store.models_polls import PUBLISHED, PollChoice, PollDraft


def test_polls_section_shows_the_polls_page(
    make_window: Callable[..., object], seeded_db: Database, qtbot: QtBot
) -> None:
    window = make_window(seeded_db)
    page = window.findChild(PollsPage, "pollsPage")  # type: ignore[attr-defined]
    assert page is not None
    window.sidebar.setCurrentRow(3)  # type: ignore[attr-defined]
    assert window.pages.currentWidget() is page  # type: ignore[attr-defined]
    page.new_draft()
    assert page.stack.currentWidget() is page.editor
    courses = [page.editor.course.itemText(i) for i in range(1, page.editor.course.count())]
    assert courses  # the seeded store's courses are the targets


def test_sync_finishing_reloads_the_page(
    make_window: Callable[..., object], seeded_db: Database, qtbot: QtBot
) -> None:
    window = make_window(seeded_db)
    page = window.findChild(PollsPage, "pollsPage")  # type: ignore[attr-defined]
    assert page.choices_group.childCount() == 0
    with seeded_db.session() as s:
        s.add(PollChoice(id=77, cmid=70, course_id=1, name="Een peiling", intro=""))
    page._platform_factory = None  # no results fetch in this test: only the reload
    window.sync_finished.emit(None)  # type: ignore[attr-defined]
    assert page.choices_group.childCount() == 1
    assert page.choices_group.child(0).text(0) == "Een peiling"


def test_a_published_poll_is_listed_once_when_the_site_lists_it(
    make_window: Callable[..., object], seeded_db: Database, qtbot: QtBot
) -> None:
    window = make_window(seeded_db)
    page = window.findChild(PollsPage, "pollsPage")  # type: ignore[attr-defined]
    page._platform_factory = None  # no results fetch in this test: only the reload
    with seeded_db.session() as s:
        s.add(
            PollDraft(
                id="d-1",
                question="Een peiling",
                course_id=1,
                state=PUBLISHED,
                choice_id=77,
                cmid=70,
                created_at=1,
                updated_at=1,
            )
        )
    window.sync_finished.emit(None)  # type: ignore[attr-defined]
    assert page.drafts_group.childCount() == 1  # published, the site has not listed it yet
    with seeded_db.session() as s:
        s.add(PollChoice(id=77, cmid=70, course_id=1, name="Een peiling", intro=""))
    window.sync_finished.emit(None)  # type: ignore[attr-defined]
    assert page.drafts_group.childCount() == 0
    assert [
        page.choices_group.child(i).text(0) for i in range(page.choices_group.childCount())
    ] == ["Een peiling"]


def test_a_sync_does_not_reload_the_draft_being_typed(
    make_window: Callable[..., object], seeded_db: Database, qtbot: QtBot
) -> None:
    window = make_window(seeded_db)
    page = window.findChild(PollsPage, "pollsPage")  # type: ignore[attr-defined]
    window.sidebar.setCurrentRow(3)  # type: ignore[attr-defined]
    page.new_draft()
    qtbot.keyClicks(page.editor.question, "Hoe gaat het")
    page.editor.question.setCursorPosition(3)
    loads: list[object] = []
    original = page.editor.load
    page.editor.load = lambda *a, **k: (loads.append(a), original(*a, **k))  # type: ignore[method-assign]
    page.on_synced(OfflineReport())
    assert loads == []
    assert page.editor.question.cursorPosition() == 3
    assert page.editor.question.text() == "Hoe gaat het"


class OfflineReport:
    offline = True
