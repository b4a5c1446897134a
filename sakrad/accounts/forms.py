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


def new_password_field(label: str, description: str | None = None) -> PasswordField:
    """A password being chosen: long enough, and the browser may suggest one."""
    return PasswordField(
        label,
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
        description=description or _l("At least %(n)s characters.", n=MIN_PASSWORD_LENGTH),
        render_kw={"autocomplete": "new-password"},
    )


def repeat_password_field(label: str, of: str) -> PasswordField:
    """The chosen password typed again; it must equal the field ``of``."""
    return PasswordField(
        label,
        validators=[DataRequired(), EqualTo(of, message=_l("The passwords do not match."))],
        render_kw={"autocomplete": "new-password"},
    )


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired()],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = new_password_field(_l("New password"))
    confirm = repeat_password_field(_l("Repeat the new password"), "new_password")


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
    password = new_password_field(
        _l("Initial password"),
        _l(
            "At least %(n)s characters. Give it to the person in a safe way.", n=MIN_PASSWORD_LENGTH
        ),
    )


class BodyForm(FlaskForm):
    name = StringField(_l("Name (Swedish)"), validators=[DataRequired(), Length(max=200)])
    name_en = StringField(_l("Name (English)"), validators=[Optional(), Length(max=200)])
    kind = SelectField(_l("Kind"), choices=[(k.value, k.label) for k in BodyKind])
