"""The share dialog shows what redaction changed: a list of replacements (in Dutch too)
and the pseudonyms highlighted in the anonymised copy."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from moderator_app.gui import i18n
from moderator_app.gui.consent_share import HIGHLIGHT, ShareDialog
from moderator_app.services.consent import Coverage
from moderator_app.services.redaction import Person, Redactor
from moderator_app.services.sharing import Prepared, Preview, SourcePost, Target
from moderator_app.store.models_consent import Consent
from moderator_app.sync.outbox_kinds import KIND_REPLY

SOURCE = (
    '<p>Goed gedaan, Da<b>an</b>! Zie <a href="https://portfolio.example/daan-devries/">'
    "zijn portfolio</a> of vraag @SanneBakker.</p>"
)
PEOPLE = [Person(1, "Daan de Vries"), Person(2, "Sanne Bakker")]
LABELS = {1: "Blauwe Reiger", 2: "Rode Vos"}


@pytest.fixture(autouse=True)
def back_to_english(qapp: object) -> Iterator[None]:
    yield
    i18n.install("en")


def _dialog(qtbot: QtBot, message: str, subject: str = "Feedback voor Daan") -> ShareDialog:
    source = SourcePost(7, 3, 1, 1, subject, message, False)
    redactor = Redactor(PEOPLE, LABELS)
    body = redactor.html(message, include_media=False)
    title = redactor.text(source.subject, "subject")
    preview = Preview(
        source=source,
        subject=title.text,
        anonymised_html=body.text,
        replaced=body.replaced + title.replaced,
        dropped_media=0,
        attachments_left_out=False,
        include_media=False,
        pseudonym="Blauwe Reiger",
        changes=title.changes + body.changes,
    )
    prepared = Prepared(Coverage(Consent(id="c1")), preview)
    target = Target(KIND_REPLY, 1, post_id=9, discussion_id=3)
    dialog = ShareDialog("Feedback", [("Reply", target)], lambda *_: prepared, lambda *_: "share-1")
    qtbot.addWidget(dialog)
    dialog.check()
    return dialog


def _rows(dialog: ShareDialog) -> list[str]:
    return [dialog.changes.item(n).text() for n in range(dialog.changes.count())]


def test_every_change_is_listed(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, SOURCE)
    assert _rows(dialog) == [
        "‘Daan’ → Blauwe Reiger (in the subject)",
        "‘Daan’ → Blauwe Reiger",
        "Address removed because it names someone: https://portfolio.example/daan-devries/",
        "‘@SanneBakker’ → Rode Vos",
    ]


def test_pseudonyms_are_highlighted_in_the_copy(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, SOURCE)
    selections = dialog.anonymised.extraSelections()
    assert sorted(s.cursor.selectedText() for s in selections) == ["Blauwe Reiger", "Rode Vos"]
    assert all(s.format.background().color() == HIGHLIGHT for s in selections)


def test_dutch_words_and_nothing_to_replace(qtbot: QtBot) -> None:
    i18n.install("nl")
    dialog = _dialog(qtbot, '<p>Zie <a href="https://example.org/u/daan">dit</a>.</p>')
    assert _rows(dialog) == [
        "‘Daan’ → Blauwe Reiger (in het onderwerp)",
        "Adres verwijderd omdat het iemand noemt: https://example.org/u/daan",
    ]
    dialog = _dialog(qtbot, "<p>Geen namen hier.</p>", subject="Feedback")
    assert _rows(dialog) == [
        "Niets vervangen: geen namen, e-mailadressen of gebruikersnamen gevonden."
    ]
    assert dialog.anonymised.extraSelections() == []
