"""Translations: every shipped language loads, Dutch is complete, switching shows it."""

from __future__ import annotations

import os
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from moderator_app.gui import i18n
from moderator_app.gui.sign_in import SignInDialog


@pytest.fixture(autouse=True)
def back_to_english(qapp: object) -> Iterator[None]:
    yield
    i18n.install("en")


def _messages(ts: Path) -> list[ET.Element]:
    return list(ET.parse(ts).getroot().iter("message"))


def _unfinished(ts: Path) -> list[str]:
    bad = []
    for message in _messages(ts):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        if translation.get("type") in {"unfinished", "vanished", "obsolete"} or not all(
            f.strip() for f in forms
        ):
            bad.append(source)
    return bad


def test_english_and_dutch_ship() -> None:
    assert i18n.shipped_languages() == ["en", "nl"]
    assert set(i18n.shipped_languages()) == set(i18n.LANGUAGES)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_shipped_language_loads(qapp: object, lang: str) -> None:
    assert i18n.install(lang) == lang
    assert i18n.current_language() == lang


def test_dutch_is_compiled_into_the_cache_and_recompiled_when_the_ts_changes(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "translations"
    source.mkdir()
    shutil.copy(i18n.ts_path("nl"), source)
    monkeypatch.setattr(i18n, "translations_dir", lambda: source)
    first = i18n.compiled_qm("nl")
    assert first is not None and first.parent == i18n.cache_dir()
    stamp = first.stat().st_mtime_ns
    assert i18n.compiled_qm("nl") == first and first.stat().st_mtime_ns == stamp  # reused
    ts = source / "moderator_nl.ts"
    ts.write_text(ts.read_text(encoding="utf-8"), encoding="utf-8")
    newer = first.stat().st_mtime + 10
    os.utime(ts, (newer, newer))
    assert i18n.compiled_qm("nl") == first and first.stat().st_mtime_ns != stamp  # rebuilt


def test_no_dutch_entry_is_unfinished_or_empty() -> None:
    messages = _messages(i18n.ts_path("nl"))
    assert len(messages) > 100
    assert _unfinished(i18n.ts_path("nl")) == []


def test_lupdate_over_the_sources_finds_nothing_missing_from_the_ts(tmp_path: Path) -> None:
    copy = tmp_path / "moderator_nl.ts"
    shutil.copy(i18n.ts_path("nl"), copy)
    result = i18n.update_ts(copy)
    assert result.returncode == 0, result.stderr
    # A string in the code but not in the shipped .ts arrives here unfinished.
    assert _unfinished(copy) == []
    shipped = {m.findtext("source") for m in _messages(i18n.ts_path("nl"))}
    assert {m.findtext("source") for m in _messages(copy)} == shipped


def test_resolve_language() -> None:
    assert i18n.resolve_language("nl", "en") == "nl"  # --lang wins
    assert i18n.resolve_language(None, "nl_BE") == "nl"
    assert i18n.resolve_language("fr", "") == "en"  # not shipped: English
    assert i18n.resolve_language(None, "") in i18n.LANGUAGES  # the system's, if shipped


def test_switching_to_dutch_changes_the_sign_in_dialog(qtbot: QtBot) -> None:
    def texts(dialog: SignInDialog) -> set[str]:
        return {w.text() for w in dialog.findChildren(QLabel)} | {
            w.text() for w in dialog.findChildren(QPushButton)
        }

    i18n.install("en")
    english = SignInDialog()
    qtbot.addWidget(english)
    assert "&Sign in" in texts(english)
    assert english.windowTitle() == "Moderator Desk: sign in"

    i18n.install("nl")
    dutch = SignInDialog()
    qtbot.addWidget(dutch)
    assert "&Aanmelden" in texts(dutch)
    assert "Meld je aan bij je Moodle-site" in texts(dutch)
    assert dutch.windowTitle() == "Moderator Desk: aanmelden"
    assert "&Sign in" not in texts(dutch)


def test_strings_behind_a_translate_helper_are_extracted() -> None:
    source = """
def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("SyncJobs", text, None, n)

a = _tr("Sync stopped.")
b = _tr("%n forum(s) failed.", len(failures))
c = self._tr("not ours")
"""
    expanded = i18n.expand_tr_helpers(source)
    assert 'a = QCoreApplication.translate("SyncJobs", "Sync stopped.")' in expanded
    assert (
        'b = QCoreApplication.translate("SyncJobs", "%n forum(s) failed.", None, len(failures))'
        in expanded
    )
    assert 'self._tr("not ours")' in expanded
