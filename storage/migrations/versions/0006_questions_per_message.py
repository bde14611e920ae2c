"""questions per message: a person may have several open, each found by its messages

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 15:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.db

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("message_ids", sa.JSON(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("asked_at", storage.db.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_question_chat_user", "question", ["chat_id", "user_id"])
    # The question each person was asked before keeps its payload (the bot reads today's
    # shape unchanged). Its message is unknown: as the person's only question, it takes
    # their next answer.
    op.execute(
        "INSERT INTO question (chat_id, user_id, message_ids, payload, asked_at) "
        "SELECT chat_id, user_id, '[]', payload, updated_at FROM pending_input"
    )
    op.drop_table("pending_input")


def downgrade() -> None:
    op.create_table(
        "pending_input",
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("updated_at", storage.db.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("chat_id", "user_id"),
    )
    # One question per person and chat then: the latest one each had.
    op.execute(
        "INSERT INTO pending_input (chat_id, user_id, payload, updated_at) "
        "SELECT q.chat_id, q.user_id, q.payload, q.asked_at FROM question q "
        "WHERE q.id = (SELECT r.id FROM question r WHERE r.chat_id = q.chat_id "
        "AND r.user_id = q.user_id ORDER BY r.asked_at DESC, r.id DESC LIMIT 1)"
    )
    op.drop_index("ix_question_chat_user", table_name="question")
    op.drop_table("question")
