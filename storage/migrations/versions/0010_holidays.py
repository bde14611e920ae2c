"""holidays: the country whose public holidays get no reminder

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 17:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Clusters that saved settings before keep them, and get Mali's holidays, the default.
    with op.batch_alter_table("reminder_settings") as batch:
        batch.add_column(
            sa.Column("holidays_country", sa.String(), nullable=False, server_default="ML")
        )


def downgrade() -> None:
    with op.batch_alter_table("reminder_settings") as batch:
        batch.drop_column("holidays_country")
