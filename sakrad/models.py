"""Every model, imported in one place so SQLAlchemy metadata and Alembic see all tables."""

from sakrad.accounts.models import ConveningBody, User  # noqa: F401
from sakrad.audit.models import AuditEntry  # noqa: F401
from sakrad.mail.models import OutboxMessage  # noqa: F401
from sakrad.organisations.models import Organisation, Representation  # noqa: F401
