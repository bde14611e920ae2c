"""invitations: each person's own Telegram name, and whether a link reached its coordinator

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 18:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.db

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable: a person not seen since the upgrade shows only the name they were given.
    with op.batch_alter_table("member") as batch_op:
        batch_op.add_column(sa.Column("telegram_name", sa.String(), nullable=True))
    # Links made before were shown in the group: they reached their coordinator.
    with op.batch_alter_table("invitation") as batch_op:
        batch_op.add_column(sa.Column("delivered_at", storage.db.UTCDateTime(), nullable=True))
    op.execute("UPDATE invitation SET delivered_at = created_at")


def downgrade() -> None:
    with op.batch_alter_table("invitation") as batch_op:
        batch_op.drop_column("delivered_at")
    with op.batch_alter_table("member") as batch_op:
        batch_op.drop_column("telegram_name")
