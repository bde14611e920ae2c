"""meetings as records: decisions, reviews, votes, shared parts

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 16:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.db

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("started_by_member_id", sa.Integer(), nullable=True),
        sa.Column("started_at", storage.db.UTCDateTime(), nullable=False),
        sa.Column("ended_at", storage.db.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["cluster.id"],
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
        ),
        sa.ForeignKeyConstraint(
            ["started_by_member_id"],
            ["member.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_cluster_id"), ["cluster_id"], unique=False)

    op.create_table(
        "action_part",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("updated_at", storage.db.UTCDateTime(), nullable=False),
        sa.Column("updated_by_member_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action.id"],
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_member_id"],
            ["member.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("action_id", "organisation_id"),
    )
    with op.batch_alter_table("action_part", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_part_action_id"), ["action_id"], unique=False)

    op.create_table(
        "decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=True),
        sa.Column("created_by_member_id", sa.Integer(), nullable=True),
        sa.Column("created_by_name", sa.String(), nullable=True),
        sa.Column("created_at", storage.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action.id"],
        ),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["cluster.id"],
        ),
        sa.ForeignKeyConstraint(
            ["created_by_member_id"],
            ["member.id"],
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.create_index(
            "ix_decision_cluster_meeting", ["cluster_id", "meeting_id"], unique=False
        )

    op.create_table(
        "vote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("poll_id", sa.String(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("max_answers", sa.Integer(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("created_by_member_id", sa.Integer(), nullable=True),
        sa.Column("created_at", storage.db.UTCDateTime(), nullable=False),
        sa.Column("closed_at", storage.db.UTCDateTime(), nullable=True),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["cluster.id"],
        ),
        sa.ForeignKeyConstraint(
            ["created_by_member_id"],
            ["member.id"],
        ),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decision.id"],
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("poll_id"),
    )
    with op.batch_alter_table("vote", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vote_cluster_id"), ["cluster_id"], unique=False)

    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.create_index("ix_action_meeting", ["meeting_id"], unique=False)
        batch_op.create_index(
            "ix_action_cluster_created", ["cluster_id", "created_at"], unique=False
        )

    with op.batch_alter_table("action_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("meeting_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("organisation_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_action_event_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index("ix_action_event_action_kind", ["action_id", "kind"], unique=False)
        batch_op.create_foreign_key(
            "fk_action_event_meeting_id_meeting", "meeting", ["meeting_id"], ["id"]
        )
        batch_op.create_foreign_key(
            "fk_action_event_organisation_id_organisation",
            "organisation",
            ["organisation_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("action_event", schema=None) as batch_op:
        batch_op.drop_constraint("fk_action_event_organisation_id_organisation", type_="foreignkey")
        batch_op.drop_constraint("fk_action_event_meeting_id_meeting", type_="foreignkey")
        batch_op.drop_index("ix_action_event_action_kind")
        batch_op.drop_index(batch_op.f("ix_action_event_meeting_id"))
        batch_op.drop_column("organisation_id")
        batch_op.drop_column("meeting_id")

    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_index("ix_action_cluster_created")
        batch_op.drop_index("ix_action_meeting")

    with op.batch_alter_table("vote", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vote_cluster_id"))

    op.drop_table("vote")
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.drop_index("ix_decision_cluster_meeting")

    op.drop_table("decision")
    with op.batch_alter_table("action_part", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_part_action_id"))

    op.drop_table("action_part")
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_cluster_id"))

    op.drop_table("review")
