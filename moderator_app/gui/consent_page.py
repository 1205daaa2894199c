"""The Consent page: per course, learners and their consent state, and every consent action.

Left: the learners of the chosen course (filter by state, search by name). Right: the
selected learner's consents, their posts, and the actions: record or withdraw a consent,
ask for consent, share a post as example (with the preview), reveal a pseudonym, the
learner's audit report and the CSV of the whole trail. Every action is one short service
call in its own store session on the GUI thread (local writes; the outbox sends later).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from moderator_app.gui.consent_dialogs import AddConsentDialog, RequestDialog, RevealDialog
from moderator_app.gui.consent_share import ShareDialog
from moderator_app.gui.consent_words import (
    participation_text,
    policy_text,
    scope_text,
    source_text,
    summary_text,
    tr,
    when,
)
from moderator_app.services import (
    audit_report,
    consent_register,
    consent_request,
    consent_sync,
    sharing,
)
from moderator_app.services import consent as consents
from moderator_app.services.consent_register import LearnerRow, Summary
from moderator_app.services.pseudonym_secret import KeyringSecret, SecretStore
from moderator_app.services.pseudonyms import Pseudonyms
from moderator_app.services.sharing import Prepared, Target
from moderator_app.store.db import Database
from moderator_app.store.models import Account, Course, Discussion, Forum, Participant, Post

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
CONSENT_ROLE = Qt.ItemDataRole.UserRole + 2
POST_ROLE = Qt.ItemDataRole.UserRole + 3
WITHDRAWABLE_ROLE = Qt.ItemDataRole.UserRole + 4  # valid or not yet valid: may be withdrawn

AnyIndex = QModelIndex | QPersistentModelIndex


class LearnersModel(QAbstractTableModel):
    """Learners of one course with their consent summary (rows come from the register)."""

    HEADERS = (
        QT_TRANSLATE_NOOP("Consent", "Learner"),
        QT_TRANSLATE_NOOP("Consent", "Consent"),
        QT_TRANSLATE_NOOP("Consent", "Widest scope"),
        QT_TRANSLATE_NOOP("Consent", "Shared"),
        QT_TRANSLATE_NOOP("Consent", "Retracted"),
        QT_TRANSLATE_NOOP("Consent", "Last withdrawn"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[LearnerRow] = []

    def set_rows(self, rows: list[LearnerRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(str(self.HEADERS[section]))
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            row.fullname,
            summary_text(row.summary),
            scope_text(row.widest_scope) if row.widest_scope else "",
            str(row.shares),
            str(row.retracted),
            when(row.last_withdrawn_at),
        )[index.column()]


class ConsentPage(QWidget):
    message = Signal(str)  # a sentence for the status bar
    changed = Signal()  # something was written (the outbox count may have changed)

    def __init__(
        self,
        db: Database,
        actor: str,
        *,
        secrets: SecretStore | None = None,
        account_key: str = "",
        site_functions: Collection[str] = (),
        lang: str = "nl",
        now: Callable[[], float] = time.time,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("consentPage")
        self._db = db
        self._actor = actor
        self._lang = lang if lang in ("nl", "en") else "en"
        self._now = now
        self.secret = secrets if secrets is not None else KeyringSecret(account_key or actor)
        self.pseudonyms = Pseudonyms(self.secret)
        with db.session() as s:
            refusal = consent_register.policy_refusal(s)
        self._policy = consent_register.policy_source(site_functions, refusal)
        self._build()
        self.reload_courses()

    # -- construction ---------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.course = QComboBox(self)
        self.course.setObjectName("consentCourse")
        self.state_filter = QComboBox(self)
        self.state_filter.addItem(self.tr("Everyone"), None)
        for summary in Summary:
            self.state_filter.addItem(summary_text(summary), summary)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search a name"))
        self.search.setClearButtonEnabled(True)
        bar.addWidget(QLabel(self.tr("Course")))
        bar.addWidget(self.course, 2)
        bar.addWidget(QLabel(self.tr("Show")))
        bar.addWidget(self.state_filter, 1)
        bar.addWidget(self.search, 2)
        self.reveal_button = QPushButton(self.tr("&Reveal pseudonym…"), self)
        self.csv_button = QPushButton(self.tr("Export audit trail (CSV)…"), self)
        bar.addWidget(self.reveal_button)
        bar.addWidget(self.csv_button)
        outer.addLayout(bar)
        self.policy_label = QLabel(policy_text(self._policy), self)
        self.policy_label.setObjectName("policyNote")
        self.policy_label.setWordWrap(True)
        outer.addWidget(self.policy_label)
        if not getattr(self.secret, "persistent", True):
            warning = QLabel(
                self.tr(
                    "No system keyring: pseudonyms are kept for this session only and will "
                    "change at the next start."
                ),
                self,
            )
            warning.setWordWrap(True)
            outer.addWidget(warning)

        splitter = QSplitter(self)
        self.model = LearnersModel(self)
        self.table = QTableView(splitter)
        self.table.setObjectName("learnersView")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        # Names get the room; the state columns are only as wide as their contents.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        detail = QWidget(splitter)
        right = QVBoxLayout(detail)
        self.learner_title = QLabel(detail)
        right.addWidget(self.learner_title)
        self.consents = QTreeWidget(detail)
        self.consents.setObjectName("consentList")
        self.consents.setHeaderLabels(
            [self.tr("Scope"), self.tr("Covers"), self.tr("Evidence"), self.tr("State")]
        )
        self.consents.setRootIsDecorated(False)
        right.addWidget(self.consents, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Record consent…"), detail)
        self.withdraw_button = QPushButton(self.tr("&Withdraw consent"), detail)
        self.request_button = QPushButton(self.tr("Ask for &consent…"), detail)
        # Two rows: three Dutch labels side by side made the detail so wide that the
        # learners' names were cut.
        row.addWidget(self.add_button)
        row.addWidget(self.withdraw_button)
        right.addLayout(row)
        right.addWidget(self.request_button)
        right.addWidget(QLabel(self.tr("Posts by this learner")))
        self.posts = QListWidget(detail)
        self.posts.setObjectName("learnerPosts")
        right.addWidget(self.posts, 1)
        row2 = QHBoxLayout()
        self.share_button = QPushButton(self.tr("&Share as example…"), detail)
        self.report_button = QPushButton(self.tr("Audit &report"), detail)
        row2.addWidget(self.share_button)
        row2.addWidget(self.report_button)
        right.addLayout(row2)
        self.report = QLabel(detail)
        self.report.setObjectName("learnerReport")
        self.report.setWordWrap(True)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right.addWidget(self.report)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        # Stretch factors only share out room beyond the size hints, and the detail's
        # buttons hint wide: without starting sizes the table got too little, and the
        # longer Dutch column titles ran off behind a scroll bar.
        splitter.setSizes([3000, 2000])
        self.splitter = splitter
        outer.addWidget(splitter, 1)

        self.course.currentIndexChanged.connect(self.reload)
        self.state_filter.currentIndexChanged.connect(self.reload)
        self.search.textChanged.connect(self.reload)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_learner())
        self.consents.currentItemChanged.connect(lambda *_: self._update_withdraw())
        self.add_button.clicked.connect(self.add_consent)
        self.withdraw_button.clicked.connect(self.withdraw_consent)
        self.request_button.clicked.connect(lambda: self.request_consent())
        self.share_button.clicked.connect(self.share_post)
        self.report_button.clicked.connect(self.show_report)
        self.reveal_button.clicked.connect(self.reveal)
        self.csv_button.clicked.connect(self.export_csv)
        self._show_learner()

    # -- reading ----------------------------------------------------------------------

    def _time(self) -> int:
        return int(self._now())

    def course_id(self) -> int | None:
        value = self.course.currentData()
        return int(value) if value is not None else None

    def reload_courses(self) -> None:
        with self._db.session() as s:
            courses = s.execute(select(Course.id, Course.fullname).order_by(Course.fullname)).all()
        current = self.course_id()
        self.course.blockSignals(True)
        self.course.clear()
        for course_id, name in courses:
            self.course.addItem(name, course_id)
        if current is not None and (index := self.course.findData(current)) >= 0:
            self.course.setCurrentIndex(index)
        self.course.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        course_id = self.course_id()
        selected = self.selected_learner()
        rows: list[LearnerRow] = []
        if course_id is not None:
            summary = self.state_filter.currentData()
            with self._db.session() as s:
                # What the site's policy answers say (synced), then expiry: both withdraw.
                consent_sync.apply_course(s, self._actor, course_id, self._time())
                sharing.expire_due(s, self._actor, self._time())  # expired == withdrawn
                rows = consent_register.learners(
                    s,
                    course_id,
                    self._time(),
                    summaries=[summary] if summary is not None else (),
                    text=self.search.text(),
                )
        self.model.set_rows(rows)
        if selected is not None:
            self.select_learner(selected.user_id)
        self._show_learner()

    def selected_learner(self) -> LearnerRow | None:
        index = self.table.currentIndex()
        return self.model.data(index, ROW_ROLE) if index.isValid() else None

    def select_learner(self, user_id: int) -> bool:
        for number, row in enumerate(self.model.rows):
            if row.user_id == user_id:
                self.table.setCurrentIndex(self.model.index(number, 0))
                return True
        return False

    def _show_learner(self) -> None:
        learner = self.selected_learner()
        course_id = self.course_id()
        self.consents.clear()
        self.posts.clear()
        self.report.clear()
        for button in (
            self.add_button,
            self.withdraw_button,
            self.request_button,
            self.share_button,
            self.report_button,
        ):
            button.setEnabled(learner is not None)
        if learner is None or course_id is None:
            self.learner_title.setText(self.tr("Choose a learner."))
            return
        self.learner_title.setText(learner.fullname)
        now = self._time()
        with self._db.session() as s:
            for consent in consents.of_learner(s, course_id, learner.user_id):
                state = consents.state_of(consent, now)
                state_words = {
                    consents.State.VALID: self.tr("valid"),
                    consents.State.NOT_YET_VALID: self.tr("not yet valid"),
                    consents.State.EXPIRED: self.tr("expired %1").replace(
                        "%1", when(consent.valid_until)
                    ),
                    consents.State.WITHDRAWN: self.tr("withdrawn %1").replace(
                        "%1", when(consent.withdrawn_at)
                    ),
                }[state]
                covers = self.tr("all work") if consent.item_ref is None else consent.item_ref
                if consent.include_media:
                    covers += self.tr(", with images")
                item = QTreeWidgetItem(
                    [scope_text(consent.scope), covers, source_text(consent.source), state_words]
                )
                item.setToolTip(2, consent.note)
                item.setData(0, CONSENT_ROLE, consent.id)
                item.setData(
                    0,
                    WITHDRAWABLE_ROLE,
                    state in (consents.State.VALID, consents.State.NOT_YET_VALID),
                )
                self.consents.addTopLevelItem(item)
            for post_id, subject in self._posts_of(s, course_id, learner.user_id):
                entry = QListWidgetItem(subject)
                entry.setData(POST_ROLE, post_id)
                self.posts.addItem(entry)
        if self.posts.count():
            self.posts.setCurrentRow(0)
        # The first consent that can still be withdrawn is chosen, so Withdraw acts on it.
        for index in range(self.consents.topLevelItemCount()):
            listed = self.consents.topLevelItem(index)
            if listed is not None and listed.data(0, WITHDRAWABLE_ROLE):
                self.consents.setCurrentItem(listed)
                break
        self._update_withdraw()

    def _update_withdraw(self) -> None:
        item = self.consents.currentItem()
        self.withdraw_button.setEnabled(item is not None and bool(item.data(0, WITHDRAWABLE_ROLE)))
        self.withdraw_button.setToolTip(
            ""
            if self.withdraw_button.isEnabled()
            else self.tr("Choose a valid consent in the list above to withdraw it.")
        )

    @staticmethod
    def _posts_of(s: Any, course_id: int, learner_id: int) -> list[tuple[int, str]]:
        rows = s.execute(
            select(Post.id, Post.subject)
            .join(Discussion, Discussion.id == Post.discussion_id)
            .where(Discussion.course_id == course_id, Post.author_id == learner_id)
            .where(Post.is_deleted.is_(False))
            .order_by(Post.time_created.desc())
            .limit(200)
        ).all()
        return [(int(pid), str(subject)) for pid, subject in rows]

    def selected_consent(self) -> str | None:
        item = self.consents.currentItem()
        return str(item.data(0, CONSENT_ROLE)) if item is not None else None

    def selected_post(self) -> tuple[int, str] | None:
        item = self.posts.currentItem()
        return (int(item.data(POST_ROLE)), item.text()) if item is not None else None

    # -- actions ------------------------------------------------------------------------

    def make_add_dialog(
        self, learner: LearnerRow, posts: list[tuple[int, str]]
    ) -> AddConsentDialog:
        return AddConsentDialog(learner.fullname, posts, self._time(), self)

    def add_consent(self) -> None:
        learner, course_id = self.selected_learner(), self.course_id()
        if learner is None or course_id is None:
            return
        posts = [
            (int(self.posts.item(i).data(POST_ROLE)), self.posts.item(i).text())
            for i in range(self.posts.count())
        ]
        dialog = self.make_add_dialog(learner, posts)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            with self._db.session() as s:
                consents.add(s, self._actor, dialog.spec(course_id, learner.user_id), self._time())
        except consents.ConsentError:
            QMessageBox.warning(
                self, self.tr("Consent"), self.tr("The end date must be after the start date.")
            )
            return
        self.message.emit(self.tr("Consent recorded."))
        self._after_change(learner.user_id)

    def confirm(self, title: str, text: str) -> bool:
        """Ask yes/no (tests replace this)."""
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def withdraw_consent(self) -> None:
        learner, consent_id = self.selected_learner(), self.selected_consent()
        if learner is None:
            return
        if consent_id is None:
            self.message.emit(self.tr("Choose the consent to withdraw in the list above."))
            return
        if not self.confirm(
            self.tr("Withdraw consent"),
            self.tr(
                "Withdraw this consent? Every copy shared under it is removed from the site "
                "(at the next sync if you are offline)."
            ),
        ):
            return
        with self._db.session() as s:
            retracted = sharing.withdraw(s, self._actor, consent_id, self._time())
        self.message.emit(
            self.tr("Consent withdrawn; %1 shared copies will be removed.").replace(
                "%1", str(len(retracted))
            )
        )
        self._after_change(learner.user_id)

    def make_request_dialog(self, learner: LearnerRow, text: str) -> RequestDialog:
        return RequestDialog(learner.fullname, text, self)

    def request_consent(self, scope: str = consents.Scope.COURSE) -> None:
        learner, course_id = self.selected_learner(), self.course_id()
        if learner is None or course_id is None:
            return
        post = self.selected_post()
        course_name = self.course.currentText()
        text = consent_request.request_text(
            course=course_name,
            subject=post[1] if post else course_name,
            scope=scope,
            lang=self._lang,
        )
        dialog = self.make_request_dialog(learner, text)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.message().strip():
            return
        with self._db.session() as s:
            consent_request.queue_request(
                s,
                self._actor,
                course_id,
                learner.user_id,
                dialog.message(),
                self._time(),
                post[0] if post else None,
            )
        self.message.emit(self.tr("Consent request put in the outbox."))
        self._after_change(learner.user_id)

    def share_places(self, course_id: int, learner_id: int) -> list[tuple[str, Target]]:
        """Where a copy can go: new discussions (also per own group) and replies."""
        places: list[tuple[str, Target]] = []
        with self._db.session() as s:
            participant = s.get(Participant, (course_id, learner_id))
            groups = [int(g) for g in participant.group_ids.split()] if participant else []
            forums = s.execute(
                select(Forum.id, Forum.name, Forum.course_id, Course.fullname)
                .join(Course, Course.id == Forum.course_id)
                .order_by(Forum.course_id != course_id, Course.fullname, Forum.name)
            ).all()
            for forum_id, name, forum_course, course_name in forums:
                where = name if forum_course == course_id else f"{course_name} › {name}"
                places.append(
                    (
                        self.tr("New discussion in %1").replace("%1", where),
                        Target("discussion", forum_course, forum_id=forum_id),
                    )
                )
                if forum_course == course_id:
                    for group in groups:
                        places.append(
                            (
                                self.tr("New discussion in %1, group %2")
                                .replace("%1", where)
                                .replace("%2", str(group)),
                                Target(
                                    "discussion", forum_course, forum_id=forum_id, group_id=group
                                ),
                            )
                        )
            discussions = s.execute(
                select(Discussion.id, Discussion.first_post_id, Discussion.subject)
                .where(Discussion.course_id == course_id)
                .order_by(Discussion.time_modified.desc())
                .limit(50)
            ).all()
            for discussion_id, first_post, subject in discussions:
                places.append(
                    (
                        self.tr("Reply in “%1”").replace("%1", subject),
                        Target("reply", course_id, post_id=first_post, discussion_id=discussion_id),
                    )
                )
        return places

    def make_share_dialog(
        self, subject: str, post_id: int, places: list[tuple[str, Target]]
    ) -> ShareDialog:
        def prepare(target: Target, scope: str) -> Prepared:
            with self._db.session() as s:
                return sharing.prepare(
                    s, self.pseudonyms, post_id, scope, target, lang=self._lang, now=self._time()
                )

        def share(target: Target, scope: str) -> str:
            with self._db.session() as s:
                row = sharing.share(
                    s,
                    self.pseudonyms,
                    self._actor,
                    post_id,
                    scope,
                    target,
                    lang=self._lang,
                    now=self._time(),
                )
                return row.id

        return ShareDialog(subject, places, prepare, share, self)

    def share_post(self) -> None:
        learner, course_id, post = self.selected_learner(), self.course_id(), self.selected_post()
        if learner is None or course_id is None or post is None:
            return
        dialog = self.make_share_dialog(
            post[1], post[0], self.share_places(course_id, learner.user_id)
        )
        dialog.consent_requested.connect(
            lambda: self.request_consent(str(dialog.scope.currentData()))
        )
        dialog.shared.connect(lambda _id: self.message.emit(self.tr("Example put in the outbox.")))
        dialog.exec()
        self._after_change(learner.user_id)

    def make_reveal_dialog(self) -> RevealDialog:
        return RevealDialog(self)

    def reveal(self) -> None:
        course_id = self.course_id()
        if course_id is None:
            return
        dialog = self.make_reveal_dialog()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        label = dialog.pseudonym()
        with self._db.session() as s:
            user_id = self.pseudonyms.find(s, course_id, label)
            person = (
                self.pseudonyms.reveal(s, self._actor, course_id, user_id, self._time())
                if user_id is not None
                else None
            )
            name = person.fullname if person is not None else None
        if name is None:
            text = self.tr("Nobody in this course has the pseudonym “%1”.").replace("%1", label)
        else:
            text = (
                self.tr("“%1” is %2. This reveal was recorded.")
                .replace("%1", label)
                .replace("%2", name)
            )
        self.show_info(self.tr("Reveal a pseudonym"), text)
        if self.report.text():
            self.show_report()  # its count of reveals includes this one now

    def show_info(self, title: str, text: str) -> None:
        """Tell the moderator something (tests replace this)."""
        self.last_info = text
        QMessageBox.information(self, title, text)

    def show_report(self) -> None:
        learner, course_id = self.selected_learner(), self.course_id()
        if learner is None:
            return
        with self._db.session() as s:
            report = audit_report.learner_report(s, learner.user_id, course_id)
            lines = [self.tr("Consents: %1").replace("%1", str(len(report.consents)))]
            for line in report.shares:
                share = line.share
                where = (
                    self.tr("new discussion in %1").replace("%1", line.place)
                    if share.target_kind == "discussion"
                    else self.tr("reply in “%1”").replace("%1", line.place)
                )
                text = (
                    self.tr("%1: post %2 shared as %3 (%4), under consent from %5")
                    .replace("%1", when(share.created_at))
                    .replace("%2", str(share.source_post_id))
                    .replace("%3", where)
                    .replace("%4", scope_text(share.scope))
                    .replace("%5", source_text(line.consent.source) if line.consent else "?")
                )
                if line.never_sent:
                    text += self.tr(
                        "; withdrawn %1 before it was sent: nothing reached the site"
                    ).replace("%1", when(share.retracted_at or 0))
                elif share.retracted_at is not None:
                    text += self.tr("; retracted %1").replace("%1", when(share.retracted_at))
                    if line.retraction_done_at:
                        text += self.tr(", removed from the site %1").replace(
                            "%1", when(line.retraction_done_at)
                        )
                lines.append(text)
            lines.append(self.tr("Reveals: %1").replace("%1", str(len(report.reveals))))
            lines.extend(participation_text(row) for row in report.participation)
        self.report.setText("\n".join(lines))

    def choose_csv_path(self) -> str:
        """Where to save the CSV (tests replace this)."""
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export audit trail"), "audit-trail.csv", self.tr("CSV files (*.csv)")
        )
        return path

    def export_csv(self) -> None:
        path = self.choose_csv_path()
        if not path:
            return
        with self._db.session() as s:
            text = audit_report.trail_csv(s)
        Path(path).write_text(text, encoding="utf-8", newline="")
        self.message.emit(self.tr("Audit trail exported."))

    def _after_change(self, user_id: int) -> None:
        self.changed.emit()
        self.reload()
        self.select_learner(user_id)


def attach_consent_page(window: Any) -> ConsentPage:
    """Build the Consent page for a MainWindow and wire it to the window's sync and status.

    The window plugs it in with one line, ``self.set_section_page("consent",
    attach_consent_page(self))``, so this feature's wiring lives here.
    """
    from moderator_app.gui import i18n, sync_jobs

    context = window.context
    if context.site_info is not None:
        functions: Collection[str] = context.site_info.functions
    else:  # offline start: what the site allowed at the last sign-in
        with context.db.session() as s:
            account = s.scalars(select(Account)).first()
            functions = account.functions.split() if account is not None else ()
    page = ConsentPage(
        context.db,
        context.account.username,
        # The keyring name of the account ("username@host/path"), as AccountRef.key.
        account_key=getattr(context.account, "key", None)
        or f"{context.account.username}@{context.account.site_url.split('://', 1)[-1]}",
        site_functions=functions,
        lang=i18n.current_language(),
        now=window._now,
    )
    window.sync_finished.connect(lambda _outcome: page.reload_courses())
    page.message.connect(lambda text: window.statusBar().showMessage(text, 10000))
    page.changed.connect(lambda: window.status.set_outbox(sync_jobs.outbox_count(window.outbox)))
    return page
