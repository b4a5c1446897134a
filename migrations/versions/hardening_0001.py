"""hardening: server-side sessions, version columns

user_sessions holds one row per login (the cookie carries only a random id whose SHA-256 is
stored here); cookies issued before this revision name a user id and are no longer accepted,
so everyone logs in once more. Sessions and agenda items get optimistic locking.

Revision ID: hardening_0001
Revises: 0002
Create Date: 2026-12-01 20:33:43.859249

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'hardening_0001'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('user_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('user_agent', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_sessions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_sessions')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_user_sessions_token_hash'))
    )
    with op.batch_alter_table('user_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_sessions_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version_id', sa.Integer(), server_default='1', nullable=False))

    with op.batch_alter_table('meeting_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version_id', sa.Integer(), server_default='1', nullable=False))



def downgrade():
    with op.batch_alter_table('meeting_sessions', schema=None) as batch_op:
        batch_op.drop_column('version_id')

    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.drop_column('version_id')

    with op.batch_alter_table('user_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_sessions_user_id'))

    op.drop_table('user_sessions')
