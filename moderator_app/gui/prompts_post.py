"""The posting dialog: forum, prompt, placeholders, a live preview, options, now or later.

Posting only writes the outbox (a short store write on the GUI thread); the sync sends
it. The dialog says plainly that a scheduled post needs the app running at its time.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from moderator_app.gui.forms import child, load_form
from moderator_app.gui.prompts_words import (
    language_name,
    missing_text,
    placeholder_label,
    refusal_text,
    running_notice,
)
from moderator_app.gui.safe_browser import SafeTextBrowser
from moderator_app.platform.errors import InvalidInput, NotFound
from moderator_app.platform.types import DiscussionOptions
from moderator_app.services.prompt_posting import PostingRefused, PromptPoster, ScheduleInPast
from moderator_app.services.prompt_rules import (
    MissingPlaceholders,
    PromptText,
    fill,
    preview_html,
)
from moderator_app.services.prompts import PromptFilter, PromptService


class PostPromptDialog(QDialog):
    posted = Signal(str, bool)  # use id, True when it goes out now (not scheduled)

    def __init__(
        self,
        poster: PromptPoster,
        prompts: PromptService,
        *,
        forum_id: int | None = None,
        prompt_id: str | None = None,
        lang: str = "en",
        now: Callable[[], float] = time.time,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Post a prompt"))
        self.poster = poster
        self._now = now
        self._lang = lang
        self.ui = load_form("prompts_post", self)
        QVBoxLayout(self).addWidget(self.ui)
        self.forum = child(self.ui, QComboBox, "forumCombo")
        self.prompt = child(self.ui, QComboBox, "promptCombo")
        self.language = child(self.ui, QComboBox, "langCombo")
        fill_form = child(self.ui, QGroupBox, "fillBox").layout()
        assert isinstance(fill_form, QFormLayout)
        self.fill_form: QFormLayout = fill_form
        self.preview = SafeTextBrowser(self.ui)
        self.preview.setObjectName("promptPreview")
        self.preview.setAccessibleName(self.tr("Preview"))
        self.ui.findChild(QVBoxLayout, "previewSlot").addWidget(self.preview)  # type: ignore[union-attr]
        self.subscribe = child(self.ui, QCheckBox, "subscribeCheck")
        self.pinned = child(self.ui, QCheckBox, "pinnedCheck")
        self.group = child(self.ui, QComboBox, "groupCombo")
        self.now_radio = child(self.ui, QRadioButton, "nowRadio")
        self.later_radio = child(self.ui, QRadioButton, "laterRadio")
        self.when = child(self.ui, QDateTimeEdit, "whenEdit")
        self.problem = child(self.ui, QLabel, "problemLabel")
        self.post_button = child(self.ui, QPushButton, "postButton")
        child(self.ui, QLabel, "runningNotice").setText(running_notice())
        child(self.ui, QPushButton, "cancelButton").clicked.connect(self.reject)
        self.post_button.clicked.connect(self.post)
        self.fields: dict[str, QLineEdit] = {}

        start = QDateTime.fromSecsSinceEpoch(int(now()) + 3600)
        self.when.setMinimumDateTime(QDateTime.fromSecsSinceEpoch(int(now())))
        self.when.setDateTime(start)
        self.when.setEnabled(False)
        self.later_radio.toggled.connect(self.when.setEnabled)

        for target in poster.targets():
            self.forum.addItem(f"{target.course_name} — {target.forum_name}", target.forum_id)
        for summary in prompts.library(PromptFilter(), show_lang=lang):
            self.prompt.addItem(summary.title, summary.id)
        if forum_id is not None:
            self.forum.setCurrentIndex(max(0, self.forum.findData(forum_id)))
        if prompt_id is not None:
            self.prompt.setCurrentIndex(max(0, self.prompt.findData(prompt_id)))
        self.forum.currentIndexChanged.connect(self._forum_changed)
        self.prompt.currentIndexChanged.connect(self._prompt_changed)
        self.language.currentIndexChanged.connect(self._language_changed)
        self._prompts = prompts
        self._prompt_changed()
        self._forum_changed()
        self.resize(720, 760)

    # -- reading the form -----------------------------------------------------------

    def forum_id(self) -> int | None:
        data = self.forum.currentData()
        return int(data) if data is not None else None

    def prompt_id(self) -> str | None:
        data = self.prompt.currentData()
        return str(data) if data is not None else None

    def lang(self) -> str:
        return str(self.language.currentData() or self._lang)

    def values(self) -> dict[str, str]:
        return {name: edit.text() for name, edit in self.fields.items()}

    def options(self) -> DiscussionOptions:
        group = self.group.currentData()
        return DiscussionOptions(
            subscribe=self.subscribe.isChecked(),
            pinned=self.pinned.isChecked() and self.pinned.isEnabled(),
            group_id=int(group) if group is not None and self.group.isEnabled() else None,
        )

    def scheduled_at(self) -> int | None:
        return self.when.dateTime().toSecsSinceEpoch() if self.later_radio.isChecked() else None

    # -- keeping it in step ------------------------------------------------------------

    def _prompt_changed(self) -> None:
        pid = self.prompt_id()
        self.language.blockSignals(True)
        self.language.clear()
        if pid is not None:
            langs = self._prompts.get(pid).data.texts
            for lang in langs:
                self.language.addItem(language_name(lang), lang)
            preferred = self._lang if self._lang in langs else next(iter(langs), "")
            self.language.setCurrentIndex(max(0, self.language.findData(preferred)))
        self.language.blockSignals(False)
        self._language_changed()

    def _language_changed(self) -> None:
        keep = self.values()
        while self.fill_form.rowCount():
            self.fill_form.removeRow(0)
        self.fields = {}
        pid = self.prompt_id()
        if pid is not None and self.language.count():
            for name in self.poster.open_placeholders(pid, self.lang()):
                edit = QLineEdit(keep.get(name, ""), self)
                edit.setObjectName(f"fill_{name}")
                edit.textChanged.connect(self.update_preview)
                self.fields[name] = edit
                self.fill_form.addRow(placeholder_label(name), edit)
        child(self.ui, QGroupBox, "fillBox").setVisible(bool(self.fields))
        self.update_preview()

    def _forum_changed(self) -> None:
        forum_id = self.forum_id()
        self.group.clear()
        self.group.addItem(self.tr("All participants"), None)
        if forum_id is not None:
            ability = self.poster.ability(forum_id)
            self.pinned.setEnabled(ability.can_pin)
            self.pinned.setToolTip(
                ""
                if ability.can_pin
                else self.tr("This site does not let the app pin discussions.")
            )
            for group_id in ability.groups:
                self.group.addItem(self.tr("Group %1").replace("%1", str(group_id)), group_id)
            self.group.setEnabled(bool(ability.groups))
        self.update_preview()

    def update_preview(self) -> None:
        """Show the post as the forum will; name what is still missing or not allowed."""
        forum_id, pid = self.forum_id(), self.prompt_id()
        if forum_id is None or pid is None or not self.language.count():
            self.preview.setHtml("")
            self.problem.setText(self.tr("Choose a forum and a prompt."))
            self.post_button.setEnabled(False)
            return
        text = self.poster.text_of(pid, self.lang())
        target = self.poster.target(forum_id).values()
        values = {**self.values(), **target}
        problem = ""
        try:
            filled = fill(text, values)
        except MissingPlaceholders as missing:
            problem = missing_text(missing.names)
            shown = {**{n: "{" + n + "}" for n in missing.names}, **_nonblank(values)}
            filled = fill(PromptText(text.title, text.body), shown)
        ability = self.poster.ability(forum_id)
        if not ability.can_post:
            problem = refusal_text(ability.reason or "forum")
        self.preview.setHtml(preview_html(filled))
        self.problem.setText(problem)
        self.post_button.setEnabled(not problem)

    # -- posting ---------------------------------------------------------------------

    def post(self) -> None:
        forum_id, pid = self.forum_id(), self.prompt_id()
        if forum_id is None or pid is None:
            return
        at = self.scheduled_at()
        try:
            use_id = self.poster.post(
                pid, self.lang(), forum_id, self.values(), self.options(), at=at
            )
        except MissingPlaceholders as missing:
            self.problem.setText(missing_text(missing.names))
            return
        except PostingRefused as refused:
            self.problem.setText(refusal_text(refused.reason))
            return
        except ScheduleInPast:
            self.problem.setText(self.tr("The chosen time has passed; choose a later one."))
            return
        except (InvalidInput, NotFound) as exc:
            self.problem.setText(str(exc))
            return
        self.posted.emit(use_id, at is None or at <= int(self._now()))
        self.accept()


def _nonblank(values: Mapping[str, str]) -> dict[str, str]:
    return {k: v for k, v in values.items() if v.strip()}
