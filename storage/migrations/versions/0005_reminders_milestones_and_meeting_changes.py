"""reminders: their log and settings, milestones, meeting changes, unreachable members

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 21:39:07.233790
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.db

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reminder_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recipient", sa.String(), nullable=False),
        sa.Column("subject", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("slot", sa.String(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("claimed_at", storage.db.UTCDateTime(), nullable=False),
        sa.Column("sent_at", storage.db.UTCDateTime(), nullable=True),
        sa.Column("error", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("recipient", "subject", "kind", "slot", name="uq_reminder_log_key"),
    )
    op.create_table(
        "reminder_settings",
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("deadline_days_before", sa.JSON(), nullable=False),
        sa.Column("overdue_days_after", sa.JSON(), nullable=False),
        sa.Column("overdue_weekly", sa.Boolean(), nullable=False),
        sa.Column("escalation_days", sa.Integer(), nullable=True),
        sa.Column("meeting_days_before", sa.JSON(), nullable=False),
        sa.Column("milestone_days_before", sa.JSON(), nullable=False),
        sa.Column("send_hour", sa.Integer(), nullable=False),
        sa.Column("updated_at", storage.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["cluster_id"], ["cluster.id"]),
        sa.PrimaryKeyConstraint("cluster_id"),
    )
    op.create_table(
        "milestone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("due_at", storage.db.UTCDateTime(), nullable=False),
        sa.Column("deadline_precision", sa.String(), nullable=False),
        sa.Column("deadline_label", sa.String(), nullable=True),
        sa.Column("deadline_text", sa.String(), nullable=True),
        sa.Column("created_by_member_id", sa.Integer(), nullable=True),
        sa.Column("created_at", storage.db.UTCDateTime(), nullable=False),
        sa.Column("updated_at", storage.db.UTCDateTime(), nullable=False),
        sa.Column("cancelled_at", storage.db.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["cluster_id"], ["cluster.id"]),
        sa.ForeignKeyConstraint(["created_by_member_id"], ["member.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_milestone_cluster_id"), ["cluster_id"], unique=False)

    # Existing rows: a deadline was last set when the action last changed, a meeting's date
    # when it was created. Added nullable, filled, then made required.
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deadline_set_at", storage.db.UTCDateTime(), nullable=True))
    op.execute("UPDATE action SET deadline_set_at = updated_at")
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.alter_column(
            "deadline_set_at", existing_type=storage.db.UTCDateTime(), nullable=False
        )

    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("updated_at", storage.db.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("cancelled_at", storage.db.UTCDateTime(), nullable=True))
    op.execute("UPDATE meeting SET updated_at = created_at")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.alter_column("updated_at", existing_type=storage.db.UTCDateTime(), nullable=False)

    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unreachable_since", storage.db.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_column("unreachable_since")

    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("cancelled_at")
        batch_op.drop_column("updated_at")

    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_column("deadline_set_at")

    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_milestone_cluster_id"))

    op.drop_table("milestone")
    op.drop_table("reminder_settings")
    op.drop_table("reminder_log")
