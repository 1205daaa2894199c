"""The results view: bar chart painted with QPainter (light and dark), names, CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory
from pytestqt.qtbot import QtBot

from moderator_app.gui.polls_chart import Bar, BarChart, contrast_ratio
from moderator_app.gui.polls_results import ResultsView
from moderator_app.services.poll_results import OptionResult, PollResults, Responder

NOW = 1_800_000_000


def sample(names: bool = True, multiple: bool = False) -> PollResults:
    people = (Responder(5, "Sanne Jansen", NOW), Responder(8, "Lars de Boer", NOW))
    return PollResults(
        choice_id=1,
        cmid=6,
        name="Wanneer past het live-webinar jou het best?",
        course_id=2,
        status="open",
        allow_multiple=multiple,
        options=(
            OptionResult(1, "Dinsdagavond 19:30", 2, 50.0, people if names else ()),
            OptionResult(2, "Woensdagochtend 9:00", 1, 25.0, people[:1] if names else ()),
            OptionResult(3, "Donderdagmiddag 14:00", 1, 25.0, ()),
        ),
        answered=None if multiple and not names else 3,
        enrolled=8,
        names_visible=names,
        fetched_at=NOW,
    )


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
        (QPalette.ColorRole.Base, "#171717"),
        (QPalette.ColorRole.AlternateBase, "#303134"),
        (QPalette.ColorRole.Text, "#e8eaed"),
        (QPalette.ColorRole.Highlight, "#8ab4f8"),
        (QPalette.ColorRole.HighlightedText, "#202124"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def light_palette() -> QPalette:
    style = QStyleFactory.create("Fusion")
    assert style is not None
    return style.standardPalette()


def render(chart: BarChart) -> QImage:
    image = QImage(chart.size(), QImage.Format.Format_ARGB32)
    chart.render(image)
    return image


@pytest.mark.parametrize("palette", [light_palette, dark_palette], ids=["light", "dark"])
def test_chart_is_readable_in_light_and_dark(qtbot: QtBot, palette: object) -> None:
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.setPalette(palette())  # type: ignore[operator]
    chart.set_bars([Bar("Ja", 6, 75.0), Bar("Nee", 2, 25.0)])
    chart.resize(400, chart.sizeHint().height())
    c = chart.colours()
    assert contrast_ratio(c["text"], c["background"]) >= 4.5  # text: WCAG AA
    assert contrast_ratio(c["bar"], c["background"]) >= 1.8  # bars stand out from the page
    assert contrast_ratio(c["bar"], c["track"]) >= 1.5  # and from their track
    image = render(chart)
    bar = chart.bar_rects()[0]
    centre = image.pixelColor(int(bar.center().x()), int(bar.center().y()))
    assert centre.name() == c["bar"].name()  # the bar is painted in the palette's colour


def test_bars_fill_their_track_by_the_share_they_state(qtbot: QtBot) -> None:
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(416, 300)
    chart.set_bars([Bar("A", 4, 50.0), Bar("B", 2, 25.0), Bar("C", 0, 0.0), Bar("D", 2, 25.0)])
    widths = [r.width() for r in chart.bar_rects()]
    assert widths == [200.0, 100.0, 0.0, 100.0]
    assert chart.label_for(chart.bars()[0]) == "A: 4 (50%)"
    assert "B: 2 (25%)" in chart.accessibleDescription()


def test_no_answers_paints_without_dividing_by_zero(qtbot: QtBot) -> None:
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(300, 200)
    chart.set_bars([Bar("A", 0, 0.0), Bar("B", 0, 0.0)])
    assert [r.width() for r in chart.bar_rects()] == [0.0, 0.0]
    render(chart)


def test_results_view_shows_answered_of_enrolled_and_names(qtbot: QtBot) -> None:
    view = ResultsView()
    qtbot.addWidget(view)
    view.show_results(sample(names=True))
    assert "3 of 8 learners answered" in view.summary.text()
    assert "Published, open" in view.summary.text()
    assert [b.count for b in view.chart.bars()] == [2, 1, 1]
    assert view.names.isVisibleTo(view)
    first = view.names.topLevelItem(0)
    assert first is not None and first.text(0) == "Dinsdagavond 19:30 (2)"
    assert [first.child(i).text(0) for i in range(first.childCount())] == [  # type: ignore[union-attr]
        "Sanne Jansen",
        "Lars de Boer",
    ]


def test_results_view_hides_names_of_an_anonymous_poll(qtbot: QtBot) -> None:
    view = ResultsView()
    qtbot.addWidget(view)
    view.show_results(sample(names=False, multiple=True))
    assert not view.names.isVisibleTo(view)
    assert view.names.topLevelItemCount() == 0
    assert "anonymous" in view.names_note.text()
    assert "4 answers" in view.summary.text()


def test_csv_export_writes_the_rows(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = ResultsView()
    qtbot.addWidget(view)
    view.show_results(sample(names=True))
    target = tmp_path / "results.csv"
    monkeypatch.setattr(ResultsView, "ask_save_path", classmethod(lambda cls, p, s: str(target)))
    with qtbot.waitSignal(view.exported) as done:
        view.export_csv()
    assert done.args == [str(target)]
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [
        ["option", "count", "percentage", "learners"],
        ["Dinsdagavond 19:30", "2", "50.0", "Sanne Jansen; Lars de Boer"],
        ["Woensdagochtend 9:00", "1", "25.0", "Sanne Jansen"],
        ["Donderdagmiddag 14:00", "1", "25.0", ""],
    ]


def test_refresh_asks_for_this_poll(qtbot: QtBot) -> None:
    view = ResultsView()
    qtbot.addWidget(view)
    view.show_results(sample())
    with qtbot.waitSignal(view.refresh_requested) as asked:
        view.refresh_button.click()
    assert asked.args == [1]


def test_app_palette_is_used_when_none_is_set(qtbot: QtBot) -> None:
    chart = BarChart()
    qtbot.addWidget(chart)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert chart.colours()["bar"] == app.palette().color(QPalette.ColorRole.Highlight)
