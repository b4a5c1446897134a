"""Join the capabilities built side by side (sessions and locking, selection jobs and
umbrellas, privacy and the audit chain, feedback and follow-up, minutes review links) into
one head.

Revision ID: 0003
Revises: hardening_0001, seljobs_0001, privacy_0001, feedback_0001, journeys_0001
"""

revision = "0003"
down_revision = (
    "hardening_0001",
    "seljobs_0001",
    "privacy_0001",
    "feedback_0001",
    "journeys_0001",
)
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
