"""Every model, imported in one place so SQLAlchemy metadata and Alembic see all tables.

Importing this module imports them all; ``import_all_models`` names the step where
``create_app`` (and scripts without an app) rely on it.
"""

from sakrad.accounts import models as accounts_models
from sakrad.accounts import sessions as accounts_sessions  # the login sessions table
from sakrad.audit import models as audit_models
from sakrad.cycles import models as cycles_models
from sakrad.feedback import models as feedback_models
from sakrad.followup import models as followup_models
from sakrad.invitations import models as invitations_models
from sakrad.mail import models as mail_models
from sakrad.meetings import models as meetings_models
from sakrad.minutes import models as minutes_models
from sakrad.organisations import models as organisations_models
from sakrad.portal import search as search_index  # the search index table
from sakrad.privacy import models as privacy_models
from sakrad.proposals import models as proposals_models
from sakrad.selection import models as selection_models

# In the order of the dialogue cycle.
MODEL_MODULES = (
    accounts_models,
    accounts_sessions,
    audit_models,
    mail_models,
    organisations_models,
    cycles_models,
    meetings_models,
    proposals_models,
    selection_models,
    invitations_models,
    minutes_models,
    search_index,
    privacy_models,
    feedback_models,
    followup_models,
)


def import_all_models() -> tuple:
    """The model modules (all imported by now)."""
    return MODEL_MODULES


import sakrad.privacy.packages  # noqa: E402, F401  (registers their personal data)
