"""What the organisation route modules share: the profile form and saving it."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm.exc import StaleDataError

from sakrad.extensions import db
from sakrad.organisations import service
from sakrad.organisations.errors import OrganisationError, ProfileInvalid
from sakrad.organisations.forms import ProfileForm
from sakrad.organisations.messages import message
from sakrad.organisations.models import Organisation
from sakrad.shell.usecase import undo_refused


def profile_form(form_cls: type[ProfileForm] = ProfileForm, **kwargs: Any) -> ProfileForm:
    return form_cls(
        focus_items=service.list_items("focus-areas", active_only=True),
        target_items=service.list_items("target-groups", active_only=True),
        **kwargs,
    )


def save_profile(form: ProfileForm, org: Organisation) -> bool:
    """Save the form into ``org``; False (errors on the form, nothing saved) if refused."""
    try:
        version = int(form.version.data) if form.version.data else None
        service.update_profile(org, form.profile_data(), version=version)
        db.session.flush()  # a conflict shows here; the request commits
    except ProfileInvalid as exc:
        undo_refused()
        form.add_errors(exc.problems)
    except (OrganisationError, StaleDataError):
        undo_refused()
        form.form_errors.append(message("stale"))
    else:
        return True
    return False
