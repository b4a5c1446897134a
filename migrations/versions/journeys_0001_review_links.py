"""minutes review links: personal links for organisations without an account

Revision ID: journeys_0001
Revises: 0002
Create Date: 2026-12-01 21:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'journeys_0001'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('minutes_review_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_minutes_review_links_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['round_id'], ['minutes_review_rounds.id'], name=op.f('fk_minutes_review_links_round_id_minutes_review_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minutes_review_links')),
    sa.UniqueConstraint('round_id', 'organisation_id', name=op.f('uq_minutes_review_links_round_id_organisation_id')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_minutes_review_links_token_hash'))
    )
    with op.batch_alter_table('minutes_review_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_minutes_review_links_round_id'), ['round_id'], unique=False)


def downgrade():
    with op.batch_alter_table('minutes_review_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_minutes_review_links_round_id'))
    op.drop_table('minutes_review_links')
