"""organisations: the directory of storage/data/organisations.csv, kept apart from what
coordinators add

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08 10:00:00.000000

The directory is applied from the file shipped with the code. A database migrated later
therefore gets a newer file here; that is harmless, since the migration that shipped the newer
file applies the same file again and applying is idempotent. What this migration does not do
is follow the file: an update of organisations.csv reaches existing databases only through a
new migration that calls apply_directory again (storage/data/README.md).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.directory import DIRECTORY_CSV, apply_directory, load_directory

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("english_name", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("kind", sa.String(), nullable=True))
        # Existing organisations start as coordinators' own, with no variant: the directory
        # then claims those it names.
        batch_op.add_column(sa.Column("variants", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(
            sa.Column("from_directory", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    apply_directory(connection=op.get_bind(), entries=load_directory(DIRECTORY_CSV))


def downgrade() -> None:
    # The organisations stay: actions and members may name them by now.
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_column("from_directory")
        batch_op.drop_column("variants")
        batch_op.drop_column("kind")
        batch_op.drop_column("english_name")
