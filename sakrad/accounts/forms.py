from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from sakrad.accounts.errors import ERRORS
from sakrad.accounts.models import BodyKind, Role
from sakrad.accounts.passwords import MIN_PASSWORD_LENGTH

__all__ = ["ERRORS"]  # kept importable from here


class LoginForm(FlaskForm):
    email = EmailField(
        _l("Email address"),
        validators=[DataRequired(), Email(check_deliverability=False)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired()], render_kw={"autocomplete": "current-password"}
    )


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired()],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
        description=_l("At least %(n)s characters.", n=MIN_PASSWORD_LENGTH),
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[
            DataRequired(),
            EqualTo("new_password", message=_l("The passwords do not match.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )


class UserForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(
        _l("Email address"),
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
    )
    role = SelectField(_l("Role"), choices=[(r.value, r.label) for r in Role])
    convening_body_id = SelectField(
        _l("Convening body"),
        coerce=int,
        validators=[Optional()],
        description=_l("Required for civil servants."),
    )
    language = SelectField(
        _l("Language for emails"), choices=[("sv", "Svenska"), ("en", "English")]
    )
    password = PasswordField(
        _l("Initial password"),
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
        description=_l(
            "At least %(n)s characters. Give it to the person in a safe way.", n=MIN_PASSWORD_LENGTH
        ),
        render_kw={"autocomplete": "new-password"},
    )


class BodyForm(FlaskForm):
    name = StringField(_l("Name (Swedish)"), validators=[DataRequired(), Length(max=200)])
    name_en = StringField(_l("Name (English)"), validators=[Optional(), Length(max=200)])
    kind = SelectField(_l("Kind"), choices=[(k.value, k.label) for k in BodyKind])
