"""Queue speed: a 'asks' flag, indexes for every queue sort, FTS5 text search.

Revision ID: 0006_queue_speed
Revises: 0001

- discussion.asks: the list entry asks something (a '?' in the subject, or one that ends
  a sentence in the opening post), computed at upsert; "questions only" read LIKEs over
  every message before.
- (is_waiting, locked, <sort column>) indexes: each queue page is an index range read.
- discussion_search: FTS5 (trigram) over subject, opening post and names, kept by triggers.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_queue_speed"
down_revision = "0001"
branch_labels = ("queue_speed",)
depends_on = None

SORTED = {
    "ix_discussion_queue_age": "waiting_since",
    "ix_discussion_queue_subject": "subject",
    "ix_discussion_queue_learner": "last_post_user_fullname",
    "ix_discussion_queue_replies": "num_replies",
}
COLUMNS = "subject, message, author_fullname, last_post_user_fullname"
NEW = "new.subject, new.message, new.author_fullname, new.last_post_user_fullname"
OLD = "old.subject, old.message, old.author_fullname, old.last_post_user_fullname"


def upgrade() -> None:
    # A plain ADD COLUMN (no batch rebuild): the table keeps its rows and triggers.
    op.add_column(
        "discussion",
        sa.Column("asks", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.execute(
        "UPDATE discussion SET asks = (subject LIKE '%?%' OR message LIKE '%?<%'"
        " OR message LIKE '%? %' OR message LIKE '%?' || char(10) || '%'"
        " OR message LIKE '%?&%' OR message LIKE '%?')"
    )
    for name, column in SORTED.items():
        op.create_index(name, "discussion", ["is_waiting", "locked", column])
    op.execute(
        f"CREATE VIRTUAL TABLE discussion_search USING fts5({COLUMNS},"
        " content='discussion', content_rowid='id', tokenize='trigram')"
    )
    op.execute(
        "CREATE TRIGGER discussion_search_insert AFTER INSERT ON discussion BEGIN"
        f" INSERT INTO discussion_search(rowid, {COLUMNS}) VALUES (new.id, {NEW}); END"
    )
    op.execute(
        "CREATE TRIGGER discussion_search_delete AFTER DELETE ON discussion BEGIN"
        f" INSERT INTO discussion_search(discussion_search, rowid, {COLUMNS})"
        f" VALUES ('delete', old.id, {OLD}); END"
    )
    # Only when searched text changes: waiting refreshes update other columns often.
    op.execute(
        f"CREATE TRIGGER discussion_search_update AFTER UPDATE OF {COLUMNS} ON discussion"
        " WHEN old.subject IS NOT new.subject OR old.message IS NOT new.message"
        " OR old.author_fullname IS NOT new.author_fullname"
        " OR old.last_post_user_fullname IS NOT new.last_post_user_fullname BEGIN"
        f" INSERT INTO discussion_search(discussion_search, rowid, {COLUMNS})"
        f" VALUES ('delete', old.id, {OLD});"
        f" INSERT INTO discussion_search(rowid, {COLUMNS}) VALUES (new.id, {NEW}); END"
    )
    op.execute("INSERT INTO discussion_search(discussion_search) VALUES ('rebuild')")


def downgrade() -> None:
    for trigger in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER discussion_search_{trigger}")
    op.execute("DROP TABLE discussion_search")
    for name in SORTED:
        op.drop_index(name, "discussion")
    with op.batch_alter_table("discussion") as batch:
        batch.drop_column("asks")
