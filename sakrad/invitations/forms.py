"""Forms of the invitation pages: inviting, withdrawing, the reserve setting and answering."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    FormField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from sakrad.cycles.fields import StockholmDateTimeField
from sakrad.invitations.answers import DelegateInput
from sakrad.invitations.models import NEED_LABELS, ReserveMode
from sakrad.shell.forms import Parts, SubForm

DEADLINE_HINT = _l("Swedish time. Must be before the meeting starts.")


class MultiCheckboxField(SelectMultipleField):
    """A group of checkboxes; the form macro renders it as a fieldset with a legend."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class InviteSelectionForm(FlaskForm):
    deadline = StockholmDateTimeField(
        _l("Answer deadline"), validators=[DataRequired()], description=DEADLINE_HINT
    )


class InviteByHandForm(FlaskForm):
    organisation_id = SelectField(_l("Organisation"), coerce=int, validators=[DataRequired()])
    reason = TextAreaField(
        _l("Reason for inviting"),
        validators=[DataRequired(), Length(max=2000)],
        description=_l("Why this organisation is invited outside the selection."),
    )
    deadline = StockholmDateTimeField(
        _l("Answer deadline"), validators=[DataRequired()], description=DEADLINE_HINT
    )


class WithdrawForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason for withdrawing"),
        validators=[DataRequired(), Length(max=2000)],
        description=_l("Sent to the organisation."),
    )


class ReserveModeForm(FlaskForm):
    reserve_mode = RadioField(
        _l("When a seat is left"),
        choices=[(k.value, k.label) for k in ReserveMode],
        validators=[DataRequired()],
    )


class DelegateForm(SubForm):
    """One delegate (a sub-form: the CSRF token belongs to the enclosing form)."""

    name = StringField(_l("Name"), validators=[Optional(), Length(max=200)])
    email = EmailField(_l("Email"), validators=[Optional(), Length(max=254)])
    needs = MultiCheckboxField(
        _l("Needs (optional)"),
        choices=[(code, label) for code, label in NEED_LABELS.items()],
        validators=[Optional()],
    )
    needs_note = TextAreaField(
        _l("Tell us more about the needs (optional)"),
        validators=[Optional(), Length(max=2000)],
    )
    name_public = BooleanField(
        _l("The name may be published on the meeting's public page"),
        description=_l("Email and needs are never published."),
    )


class AcceptForm(FlaskForm):
    delegates = Parts(FormField(DelegateForm), min_entries=1, entry_label=_l("Delegate %(n)s"))

    def delegate_inputs(self) -> list[DelegateInput]:
        return [
            DelegateInput(
                name=entry.form.name.data or "",
                email=entry.form.email.data or "",
                needs=list(entry.form.needs.data or []),
                needs_note=entry.form.needs_note.data or "",
                name_public=bool(entry.form.name_public.data),
            )
            for entry in self.delegates
        ]


class DeclineForm(FlaskForm):
    decline_reason = TextAreaField(
        _l("Reason (optional)"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Helps the convening body plan; it is not published."),
    )
