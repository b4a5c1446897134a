"""selection jobs, umbrella organisations, reproducible selections

Background jobs for previews and confirmations (``selection_jobs``); an optional umbrella
organisation per organisation; a selection's umbrella limit and iteration bound.

Revision ID: seljobs_0001
Revises: 0002
Create Date: 2026-12-01 20:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'seljobs_0001'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('umbrella_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_organisations_umbrella_id'), ['umbrella_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_organisations_umbrella_id_organisations'),
            'organisations', ['umbrella_id'], ['id'], ondelete='SET NULL',
        )

    with op.batch_alter_table('selections', schema=None) as batch_op:
        batch_op.add_column(sa.Column('max_per_umbrella', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('iteration_bound', sa.Integer(), nullable=True))

    op.create_table('selection_jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('preview', 'confirm', name='jobkind', native_enum=False, length=16), nullable=False),
    sa.Column('state', sa.Enum('queued', 'running', 'done', 'failed', 'cancelled', name='jobstate', native_enum=False, length=16), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('progress', sa.JSON(), nullable=False),
    sa.Column('cancel_requested', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('result', sa.JSON(), nullable=True),
    sa.Column('selection_id', sa.Integer(), nullable=True),
    sa.Column('error', sa.JSON(), nullable=True),
    sa.Column('retry_of_id', sa.Integer(), nullable=True),
    sa.Column('worker', sa.String(length=200), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('heartbeat_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind <> 'confirm' OR state <> 'done' OR selection_id IS NOT NULL", name=op.f('ck_selection_jobs_confirm_done_has_selection')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_selection_jobs_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_selection_jobs_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['retry_of_id'], ['selection_jobs.id'], name=op.f('fk_selection_jobs_retry_of_id_selection_jobs'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['selection_id'], ['selections.id'], name=op.f('fk_selection_jobs_selection_id_selections'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_selection_jobs'))
    )
    with op.batch_alter_table('selection_jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_selection_jobs_meeting_id'), ['meeting_id'], unique=False)


def downgrade():
    with op.batch_alter_table('selection_jobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_selection_jobs_meeting_id'))
    op.drop_table('selection_jobs')

    with op.batch_alter_table('selections', schema=None) as batch_op:
        batch_op.drop_column('iteration_bound')
        batch_op.drop_column('max_per_umbrella')

    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_organisations_umbrella_id_organisations'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_organisations_umbrella_id'))
        batch_op.drop_column('umbrella_id')
