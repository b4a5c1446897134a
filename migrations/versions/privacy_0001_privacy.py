"""privacy: audit hash chain, audit personal values, accessibility statement

Existing audit entries are rewritten once here, inside the migration: their personal values
move to audit_personal_values (the entry keeps a placeholder) and every entry gets its hash,
chained in id order. So there is no unchained prefix: ``flask sakrad audit verify`` treats an
entry without a hash as a break. The append-only triggers are dropped for the rewrite and
created again at the end.

Revision ID: privacy_0001
Revises: 0002
Create Date: 2026-12-01 20:40:00

"""
import json
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa

from sakrad.db import UTCDateTime


revision = 'privacy_0001'
down_revision = '0002'
branch_labels = None
depends_on = None


def _drop_guard(bind):
    if bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_entries_append_only ON audit_entries")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_delete")


def _create_guard(bind):
    if bind.dialect.name == "postgresql":
        op.execute(
            "CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries "
            "FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()"
        )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_entries_no_{event.lower()} BEFORE {event} ON audit_entries "
                "BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END"
            )


def _json(value):
    if value is None or isinstance(value, (dict, list)):
        return value
    return json.loads(value)


def _chain_existing(bind):
    from sakrad.audit.chain import GENESIS, content_hash
    from sakrad.audit.personal import Splitter

    entries = sa.table(
        "audit_entries", sa.column("id"), sa.column("at", UTCDateTime()),
        sa.column("actor_id"), sa.column("actor_label"), sa.column("action"),
        sa.column("entity_type"), sa.column("entity_id"), sa.column("convening_body_id"),
        sa.column("before", sa.JSON), sa.column("after", sa.JSON), sa.column("public"),
        sa.column("prev_hash"), sa.column("hash"),
    )
    values = sa.table(
        "audit_personal_values", sa.column("entry_id"), sa.column("slot"),
        sa.column("value", sa.JSON),
    )
    prev = GENESIS
    rows = bind.execute(sa.select(entries).order_by(entries.c.id)).mappings().all()
    for row in rows:
        splitter = Splitter(row["entity_type"])
        at = row["at"]
        if isinstance(at, str):
            at = datetime.fromisoformat(at)
        if at.tzinfo is None:
            at = at.replace(tzinfo=UTC)
        fields = {
            "at": at,
            "actor_id": row["actor_id"],
            "actor_label": splitter.split_label(
                row["actor_label"], is_person=row["actor_id"] is not None
            ),
            "action": row["action"],
            "entity_type": row["entity_type"],
            "entity_id": row["entity_id"],
            "convening_body_id": row["convening_body_id"],
            "before": splitter.split(_json(row["before"])),
            "after": splitter.split(_json(row["after"])),
            "public": bool(row["public"]),
        }
        digest = content_hash(fields, prev)
        bind.execute(
            entries.update().where(entries.c.id == row["id"]).values(
                actor_label=fields["actor_label"], before=fields["before"],
                after=fields["after"], prev_hash=prev, hash=digest,
            )
        )
        for slot, value in enumerate(splitter.values, start=1):
            bind.execute(values.insert().values(entry_id=row["id"], slot=slot, value=value))
        prev = digest


def upgrade():
    bind = op.get_bind()
    op.create_table('accessibility_statements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('text_sv', sa.Text(), nullable=False),
    sa.Column('text_en', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('version_id', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_accessibility_statements_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accessibility_statements'))
    )
    op.create_table('audit_personal_values',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('slot', sa.Integer(), nullable=False),
    sa.Column('value', sa.JSON(), nullable=True),
    sa.Column('erased_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['entry_id'], ['audit_entries.id'], name=op.f('fk_audit_personal_values_entry_id_audit_entries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_personal_values')),
    sa.UniqueConstraint('entry_id', 'slot', name=op.f('uq_audit_personal_values_entry_id_slot'))
    )
    with op.batch_alter_table('audit_personal_values', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_personal_values_entry_id'), ['entry_id'], unique=False)

    _drop_guard(bind)
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('hash', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_audit_entries_hash'), ['hash'])
    _chain_existing(bind)
    _create_guard(bind)


def downgrade():
    bind = op.get_bind()
    _drop_guard(bind)
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_audit_entries_hash'), type_='unique')
        batch_op.drop_column('hash')
        batch_op.drop_column('prev_hash')
    _create_guard(bind)
    with op.batch_alter_table('audit_personal_values', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_personal_values_entry_id'))
    op.drop_table('audit_personal_values')
    op.drop_table('accessibility_statements')
