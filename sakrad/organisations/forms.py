"""Forms of the registry. Rules live in the service; these forms collect and show errors."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    EmailField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, Email, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from sakrad.accounts.forms import new_password_field, repeat_password_field
from sakrad.organisations import reference
from sakrad.organisations.messages import message
from sakrad.organisations.models import DESCRIPTION_MAX, NAME_MAX, PROFILE_INPUT, WEBSITE_MAX
from sakrad.shell.filters import current_lang

LANGUAGE_CHOICES = [("sv", "Svenska"), ("en", "English")]


class MultiCheckboxField(SelectMultipleField):
    """A group of checkboxes; the form macro renders it as a fieldset with a legend."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def municipality_choices(lang: str) -> dict[str, list[tuple[str, str]]]:
    """Municipalities grouped by county, for an <optgroup> select."""
    groups: dict[str, list[tuple[str, str]]] = {"": [("", str(_l("— none —")))]}
    for code in reference.COUNTY_CODES:
        groups[reference.county_name(code, lang)] = list(reference.municipalities_in(code))
    return groups


class ProfileForm(FlaskForm):
    name = StringField(
        _l("Name of the organisation"),
        validators=[DataRequired()],
        render_kw={"maxlength": NAME_MAX},
    )
    org_number = StringField(
        _l("Organisation number"),
        validators=[Optional()],
        description=_l("Ten digits, for example 802000-0000. Leave empty for an informal group."),
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    form = SelectField(_l("Form of organisation"), validators=[DataRequired()])
    county = SelectField(
        _l("County"),
        validators=[DataRequired()],
        description=_l("Choose “National” if the organisation works in all of Sweden."),
    )
    municipality = SelectField(
        _l("Municipality"),
        validators=[Optional()],
        description=_l("Optional. It must lie in the chosen county."),
    )
    size = RadioField(_l("Size (members or volunteers)"), validators=[DataRequired()])
    focus_areas = MultiCheckboxField(_l("Focus areas"), validators=[Optional()])
    target_groups = MultiCheckboxField(_l("Target groups"), validators=[Optional()])
    website = URLField(_l("Website"), validators=[Optional()], render_kw={"maxlength": WEBSITE_MAX})
    description = TextAreaField(
        _l("Description (Swedish)"),
        validators=[Optional()],
        description=_l("What the organisation does. At most %(n)s characters.", n=DESCRIPTION_MAX),
        render_kw={"rows": 6},
    )
    description_en = TextAreaField(
        _l("Description (English)"), validators=[Optional()], render_kw={"rows": 4}
    )
    contact_email = EmailField(
        _l("Contact email"),
        validators=[Optional()],
        description=_l("Used by convening bodies to reach the organisation. Never published."),
    )
    language = SelectField(_l("Language for emails"), choices=LANGUAGE_CHOICES)
    version = HiddenField()

    def __init__(
        self,
        *args: Any,
        focus_items: list | None = None,
        target_items: list | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        lang = current_lang()
        self.form.choices = [("", str(_l("— choose —")))] + reference.choices(
            reference.ORG_FORMS, lang
        )
        self.county.choices = [("", str(_l("— choose —")))] + reference.county_choices(lang)
        self.municipality.choices = municipality_choices(lang)
        self.size.choices = reference.choices(reference.ORG_SIZES, lang)
        self.focus_areas.choices = [(i.code, i.name(lang)) for i in focus_items or []]
        self.target_groups.choices = [(i.code, i.name(lang)) for i in target_items or []]
        if self.language.data is None:  # a new organisation: emails in the page's language
            self.language.data = lang

    def profile_data(self) -> dict[str, Any]:
        return {name: getattr(self, name).data for name in PROFILE_INPUT}

    def add_errors(self, errors: dict[str, list[tuple[str, dict]]]) -> None:
        for name, problems in errors.items():
            target = getattr(self, name, None)
            for code, params in problems:
                text = message(code, params)
                if target is not None:
                    target.errors.append(text)
                else:
                    self.form_errors.append(text)


class RegistryProfileForm(ProfileForm):
    """The profile as civil servants edit it in the registry, with the umbrella organisation."""

    umbrella_id = SelectField(
        _l("Umbrella organisation"),
        coerce=lambda v: int(v) if v not in (None, "", "None") else None,
        validators=[Optional()],
        description=_l(
            "The national organisation or network this one is a local branch or member of. "
            "A selection can limit how many organisations of one umbrella it seats."
        ),
    )

    def set_umbrella_choices(self, choices: list[tuple[int, str]]) -> None:
        self.umbrella_id.choices = [("", str(_l("(none)")))] + choices


class RegistrationForm(ProfileForm):
    person_name = StringField(
        _l("Your name"),
        validators=[DataRequired(), Length(max=200)],
        render_kw={"autocomplete": "name"},
    )
    email = EmailField(
        _l("Your email address"),
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
        description=_l("We send a confirmation link to this address. It is valid for 48 hours."),
        render_kw={"autocomplete": "email"},
    )
    password = new_password_field(_l("Choose a password"))
    confirm = repeat_password_field(_l("Repeat the password"), "password")


class InviteForm(FlaskForm):
    email = EmailField(
        _l("Email address of the new representative"),
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
    )


class AcceptInviteForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=200)])
    password = new_password_field(_l("Choose a password"))
    confirm = repeat_password_field(_l("Repeat the password"), "password")
    language = SelectField(_l("Language for emails"), choices=LANGUAGE_CHOICES)


class SearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search: nothing changes

    q = StringField(_l("Name or organisation number"), validators=[Optional()])
    form = SelectField(_l("Form of organisation"), validators=[Optional()])
    county = SelectField(_l("County"), validators=[Optional()])
    focus_area = SelectField(_l("Focus area"), validators=[Optional()])
    size = SelectField(_l("Size"), validators=[Optional()])
    verified = SelectField(
        _l("Verified"),
        validators=[Optional()],
        choices=[("", _l("All")), ("yes", _l("Verified")), ("no", _l("Not verified"))],
    )

    def __init__(self, *args: Any, focus_items: list | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lang = current_lang()
        every = [("", str(_l("All")))]
        self.form.choices = every + reference.choices(reference.ORG_FORMS, lang)
        self.county.choices = every + reference.county_choices(lang)
        self.focus_area.choices = every + [(i.code, i.name(lang)) for i in focus_items or []]
        self.size.choices = every + reference.choices(reference.ORG_SIZES, lang)


class MergeForm(FlaskForm):
    survivor_id = IntegerField(_l("Organisation to keep"), validators=[DataRequired()])


class ImportForm(FlaskForm):
    file = FileField(
        _l("CSV file"),
        validators=[FileRequired(), FileAllowed(["csv", "txt"], _l("Choose a .csv file."))],
        description=_l("UTF-8, comma or semicolon separated, with a header row."),
    )


class ConfirmImportForm(FlaskForm):
    key = HiddenField(validators=[DataRequired()])


class ReferenceItemForm(FlaskForm):
    code = StringField(
        _l("Code"),
        validators=[DataRequired(), Length(max=40)],
        description=_l("Lowercase letters, digits and underscores; used in CSV files."),
    )
    name_sv = StringField(_l("Name (Swedish)"), validators=[DataRequired(), Length(max=120)])
    name_en = StringField(_l("Name (English)"), validators=[DataRequired(), Length(max=120)])
