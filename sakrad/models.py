"""Every model, imported in one place so SQLAlchemy metadata and Alembic see all tables."""

import importlib

MODEL_MODULES = (
    "sakrad.accounts.models",
    "sakrad.audit.models",
    "sakrad.mail.models",
    "sakrad.organisations.models",
    "sakrad.cycles.models",
    "sakrad.meetings.models",
    "sakrad.proposals.models",
    "sakrad.selection.models",
    "sakrad.invitations.models",
    "sakrad.minutes.models",
    "sakrad.feedback.models",
    "sakrad.followup.models",
    "sakrad.portal.search",  # the search index table
)


def import_all_models() -> None:
    for name in MODEL_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
