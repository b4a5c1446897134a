"""Forms of the selection: interest, widening the pool, seats and quotas, manual changes."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FormField,
    IntegerField,
    RadioField,
    SelectField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from sakrad.selection.models import MOTIVATION_MAX, REASON_MAX
from sakrad.selection.service import Settings
from sakrad.shell.forms import Parts, SubForm

BLANK_QUOTA_ROWS = 4
CLOSE_INTEREST = _l("Close the registration of interest now")
CLOSE_INTEREST_HINT = _l(
    "The registration is still open. Organisations that have not registered will not be in "
    "the pool, and nobody can register after the selection."
)
MAX_QUOTA_ROWS = 40


class InterestForm(FlaskForm):
    organisation_id = SelectField(_l("Organisation"), coerce=int, validators=[DataRequired()])
    motivation = TextAreaField(
        _l("Motivation (optional)"),
        validators=[Optional(), Length(max=MOTIVATION_MAX)],
        description=_l(
            "What your organisation would bring to the meeting. Only the convening body reads it."
        ),
        render_kw={"rows": 4},
    )


class PoolFilterForm(FlaskForm):
    county = SelectField(_l("County"), validators=[Optional()])
    form = SelectField(_l("Form of organisation"), validators=[Optional()])
    focus_area = SelectField(_l("Focus area"), validators=[Optional()])
    size = SelectField(_l("Size (members or volunteers)"), validators=[Optional()])
    verified = SelectField(
        _l("Verified"),
        choices=[("", _l("All")), ("yes", _l("Verified only")), ("no", _l("Not verified only"))],
        validators=[Optional()],
    )


class QuotaRow(SubForm):
    """One quota row; an empty group means an unused row."""

    group = SelectField(_l("Feature value"), validators=[Optional()])
    min = IntegerField(_l("Minimum"), validators=[Optional(), NumberRange(min=0)])
    max = IntegerField(_l("Maximum"), validators=[Optional(), NumberRange(min=0)])


class SelectionForm(FlaskForm):
    seats = IntegerField(
        _l("Seats"),
        validators=[InputRequired(), NumberRange(min=1, max=500)],
        description=_l("How many organisations to select."),
    )
    algorithm = RadioField(
        _l("Method"),
        choices=[
            ("leximin", _l("Fair lottery (leximin): as even chances as the quotas allow")),
            ("legacy", _l("Classic quota lottery (legacy), for comparison")),
        ],
        default="leximin",
    )
    quotas = Parts(
        FormField(QuotaRow),
        min_entries=BLANK_QUOTA_ROWS,
        max_entries=MAX_QUOTA_ROWS,
        entry_label=_l("Quota %(n)s"),
    )
    max_per_umbrella = IntegerField(
        _l("At most this many per umbrella organisation (optional)"),
        validators=[Optional(), NumberRange(min=1, max=500)],
        description=_l(
            "Local branches and members of one national organisation or network count together. "
            "Leave empty for no limit."
        ),
    )
    replace_reason = TextAreaField(
        _l("Reason for replacing the confirmed selection"),
        validators=[Optional(), Length(max=REASON_MAX)],
        description=_l("Required when a confirmed selection already exists. It is logged."),
        render_kw={"rows": 3},
    )
    close_interest = BooleanField(CLOSE_INTEREST, description=CLOSE_INTEREST_HINT)
    add_row = SubmitField(_l("Add a quota row"))
    run_preview = SubmitField(_l("Preview"))
    confirm = SubmitField(_l("Confirm the selection"))

    def set_group_choices(self, choices: dict[str, list[tuple[str, str]]]) -> None:
        grouped = {"": [("", _l("(no quota)"))], **choices}
        for row in self.quotas:
            row.group.choices = grouped

    def quota_rows(self) -> list[tuple[QuotaRow, str, str]]:
        """(row form, feature, value) for the rows that name a feature value."""
        out = []
        for row in self.quotas:
            group = row.group.data or ""
            if "=" in group:
                feature, value = group.split("=", 1)
                out.append((row, feature, value))
        return out

    def settings(self) -> Settings:
        """What the form asks for; an empty minimum is 0, an empty maximum is every seat."""
        seats = self.seats.data
        quotas = []
        for row, feature, value in self.quota_rows():
            low = row.min.data if row.min.data is not None else 0
            high = row.max.data if row.max.data is not None else seats
            quotas.append({"feature": feature, "value": value, "min": low, "max": high})
        return Settings(
            seats=seats,
            quotas=quotas,
            algorithm=self.algorithm.data,
            max_per_umbrella=self.max_per_umbrella.data,
        )


class ConfirmPreviewForm(FlaskForm):
    """Confirm what a finished preview showed."""

    close_interest = BooleanField(CLOSE_INTEREST, description=CLOSE_INTEREST_HINT)
    replace_reason = TextAreaField(
        _l("Reason for replacing the confirmed selection"),
        validators=[Optional(), Length(max=REASON_MAX)],
        description=_l("Required when a confirmed selection already exists. It is logged."),
        render_kw={"rows": 3},
    )


class AdjustForm(FlaskForm):
    organisation_id = SelectField(_l("Organisation"), coerce=int, validators=[DataRequired()])
    reason = TextAreaField(
        _l("Reason"),
        validators=[DataRequired(), Length(max=REASON_MAX)],
        description=_l("Published with the selection report."),
        render_kw={"rows": 3},
    )
