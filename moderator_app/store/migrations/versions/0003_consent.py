"""Consent register: consents, shares made under them, assigned pseudonyms.

Revision ID: 0003_consent
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_consent"
down_revision = "0001"
branch_labels = ("consent",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consent",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(20), nullable=False),
        sa.Column("item_ref", sa.String(100), nullable=True),
        sa.Column("include_media", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("given_at", sa.Integer(), nullable=False),
        sa.Column("valid_until", sa.Integer(), nullable=True),
        sa.Column("withdrawn_at", sa.Integer(), nullable=True),
        sa.Column("withdrawn_reason", sa.String(30), nullable=True),
        sa.Column("recorded_by", sa.String(255), nullable=False),
        sa.Column("recorded_at", sa.Integer(), nullable=False),
    )
    op.create_index("ix_consent_course_learner", "consent", ["course_id", "learner_id"])

    op.create_table(
        "consent_share",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("consent_id", sa.String(36), sa.ForeignKey("consent.id"), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("source_post_id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(20), nullable=False),
        sa.Column("target_kind", sa.String(20), nullable=False),
        sa.Column("target_course_id", sa.Integer(), nullable=False),
        sa.Column("target_forum_id", sa.Integer(), nullable=True),
        sa.Column("target_discussion_id", sa.Integer(), nullable=True),
        sa.Column("target_post_id", sa.Integer(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(500), nullable=False),
        sa.Column("anonymised_html", sa.Text(), nullable=False),
        sa.Column("outbox_id", sa.String(36), nullable=False),
        sa.Column("created_at", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(255), nullable=False),
        sa.Column("retracted_at", sa.Integer(), nullable=True),
        sa.Column("retract_reason", sa.String(30), nullable=True),
        sa.Column("retraction_outbox_id", sa.String(36), nullable=True),
    )
    op.create_index("ix_consent_share_consent_id", "consent_share", ["consent_id"])
    op.create_index("ix_consent_share_learner_id", "consent_share", ["learner_id"])

    op.create_table(
        "pseudonym",
        sa.Column("course_id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("user_id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("key_id", sa.String(32), primary_key=True),
        sa.Column("adjective", sa.Integer(), nullable=False),
        sa.Column("animal", sa.Integer(), nullable=False),
        sa.Column("suffix", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.Integer(), nullable=False),
        sa.UniqueConstraint(
            "course_id", "key_id", "adjective", "animal", "suffix", name="uq_pseudonym_label"
        ),
    )


def downgrade() -> None:
    op.drop_table("pseudonym")
    op.drop_index("ix_consent_share_learner_id", table_name="consent_share")
    op.drop_index("ix_consent_share_consent_id", table_name="consent_share")
    op.drop_table("consent_share")
    op.drop_index("ix_consent_course_learner", table_name="consent")
    op.drop_table("consent")
