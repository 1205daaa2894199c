"""Prompt library: prompts, texts per language, tags, uses.

Revision ID: 0004_prompts
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_prompts"
down_revision = "0001"
branch_labels = ("prompts",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "prompt",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("seed_id", sa.String(100), nullable=True, unique=True),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("origin", sa.String(20), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.Integer(), nullable=False),
    )
    op.create_index("ix_prompt_kind", "prompt", ["kind"])
    op.create_table(
        "prompt_text",
        sa.Column(
            "prompt_id",
            sa.String(36),
            sa.ForeignKey("prompt.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("lang", sa.String(10), primary_key=True),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
    )
    op.create_table(
        "prompt_tag",
        sa.Column(
            "prompt_id",
            sa.String(36),
            sa.ForeignKey("prompt.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("tag", sa.String(60), primary_key=True),
    )
    op.create_index("ix_prompt_tag_tag", "prompt_tag", ["tag"])
    op.create_table(
        "prompt_use",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("prompt_id", sa.String(36), sa.ForeignKey("prompt.id"), nullable=False),
        sa.Column("lang", sa.String(10), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(500), nullable=False),
        sa.Column("created_at", sa.Integer(), nullable=False),
        sa.Column("scheduled_for", sa.Integer(), nullable=False),
        sa.Column("discussion_id", sa.Integer(), nullable=True),
        sa.Column("posted_at", sa.Integer(), nullable=True),
    )
    op.create_index("ix_prompt_use_prompt_id", "prompt_use", ["prompt_id"])
    op.create_index("ix_prompt_use_course_id", "prompt_use", ["course_id"])
    op.create_index("ix_prompt_use_discussion_id", "prompt_use", ["discussion_id"])


def downgrade() -> None:
    op.drop_table("prompt_use")
    op.drop_table("prompt_tag")
    op.drop_table("prompt_text")
    op.drop_table("prompt")
