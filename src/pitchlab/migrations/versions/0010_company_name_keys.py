"""Company names and their duplicate keys under the issue 11 rules: invisible characters are
dropped from stored names, and keys are NFKC, without invisible characters, case folded.

Data only, no schema change. Ordinary names keep their key (the rule for them is unchanged);
a name with a zero-width or control character, full-width letters or a decomposed accent gets
the key it would get today. When that key already belongs to another company (the duplicate the
old rule let in), the row is left as it was and named in the log, for a person to merge.

Revision ID: 0010
Revises: 0004
Create Date: 2026-12-04 21:40:00.000000
"""

import logging

import sqlalchemy as sa
from alembic import op

from pitchlab.companies.names import display_name, name_key

revision = "0010"
down_revision = "0004"
branch_labels = None
depends_on = None

logger = logging.getLogger("alembic.runtime.migration")
company = sa.table("company", sa.column("id", sa.Integer), sa.column("name"), sa.column("name_key"))


def upgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(company.c.id, company.c.name, company.c.name_key).order_by(company.c.id)
    ).all()
    taken = {row.name_key for row in rows}
    for row in rows:
        name = display_name(row.name) or row.name
        key = name_key(name) or row.name_key
        if (name, key) == (row.name, row.name_key):
            continue
        if key != row.name_key and key in taken:
            logger.warning(
                "Company %s (%r) has the same name as another company under the new rule; "
                "left unchanged: merge or rename it.",
                row.id,
                row.name,
            )
            continue
        taken.discard(row.name_key)
        taken.add(key)
        connection.execute(
            company.update().where(company.c.id == row.id).values(name=name, name_key=key)
        )


def downgrade() -> None:
    # The old keys are not needed by older code: it recomputes a key whenever a name is saved.
    pass
