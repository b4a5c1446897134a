"""Input the application never lets through to the database or the mail and calendar builders.

- ``int`` in every URL rule is bounded to the database's integer range, so
  ``/meetings/99999999999999999999`` and ``/meetings/2147483648`` are a 404 instead of an
  overflow error (SQLite) or an out-of-range parameter (PostgreSQL).
- A NUL byte in the path, query or form is refused with 400 before any view runs (PostgreSQL
  cannot store one in text).
- Every single-line text field of every form refuses control characters (a CRLF in a title
  would otherwise reach calendar files and mail headers); multi-line fields refuse all but
  tab and line breaks. One check on ``StringField``, so no form can forget it.
- An email address is checked by ``email-validator`` everywhere: the forms through WTForms'
  ``Email`` (which calls it) and the services (registry import, delegates) through
  :func:`normalised_email`.
"""

from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email
from flask import Flask, request
from flask_babel import lazy_gettext as _l
from werkzeug.routing import IntegerConverter
from wtforms import StringField, TextAreaField
from wtforms.validators import StopValidation, ValidationError

# Every primary key is a 32-bit INTEGER on PostgreSQL; SQLite's 64-bit range is wider.
MAX_ID = 2**31 - 1

SINGLE_LINE_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
MULTI_LINE_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

NUL_MESSAGE = _l(
    "The request contains a NUL character (%00), which is never valid here. "
    "Remove it and try again."
)
CONTROL_MESSAGE = _l("Remove line breaks and other control characters from this field.")
MULTI_LINE_CONTROL_MESSAGE = _l("Remove control characters from this text.")
MISSING_MESSAGE = _l("This field was missing from the form. Reload the page and try again.")


class BoundedIntConverter(IntegerConverter):
    """``<int:...>`` that never matches a number the database cannot hold."""

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False):
        bound = MAX_ID if max is None or max > MAX_ID else max
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=bound, signed=signed)


def normalised_email(text: str) -> str | None:
    """The address in its normal form, or None when it is not a valid email address. The
    syntax only: whether its domain receives mail is not looked up (an offline import must
    not depend on DNS)."""
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError:
        return None


def has_nul(value: str | None) -> bool:
    return value is not None and "\x00" in value


def _request_has_nul() -> bool:
    if "%00" in request.query_string.decode("latin-1"):
        return True
    if any(has_nul(k) or has_nul(v) for k, v in request.args.items(multi=True)):
        return True
    if request.method in {"POST", "PUT", "PATCH"} and request.mimetype in {
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    }:
        return any(has_nul(k) or has_nul(v) for k, v in request.form.items(multi=True))
    return False


def _string_field_pre_validate(self, form) -> None:
    data = self.data
    if data is None:
        return
    if not isinstance(data, str):
        # Submitted without this field, so WTForms kept the object's value (a list, a
        # number ...): a field error, not an AttributeError further on. An empty value kept
        # is the same as an empty field.
        if self.raw_data == [] and data:
            raise StopValidation(str(MISSING_MESSAGE))
        if not data:
            self.data = ""
        return
    if isinstance(self, TextAreaField):
        if MULTI_LINE_FORBIDDEN.search(data):
            raise ValidationError(str(MULTI_LINE_CONTROL_MESSAGE))
    elif SINGLE_LINE_FORBIDDEN.search(data):
        raise ValidationError(str(CONTROL_MESSAGE))


def install_form_filter() -> None:
    """One check for every StringField subclass (text, email, password, search, URL, hidden,
    text areas). Fields that define their own ``pre_validate`` (none of the string fields in
    WTForms do) keep theirs."""
    StringField.pre_validate = _string_field_pre_validate


def init_app(app: Flask) -> None:
    """Call before blueprints are registered: URL rules bind their converters when added."""
    app.url_map.converters["int"] = BoundedIntConverter
    install_form_filter()

    @app.before_request
    def refuse_nul_bytes():
        if has_nul(request.path):
            # No address of the application contains one: there is no such page.
            from sakrad.shell.errors import render_error

            return render_error(404)
        if request.blueprint == "api":
            return None  # the API checks its own parameters and names the one at fault
        if _request_has_nul():
            from sakrad.shell.errors import render_error

            return render_error(400, message=str(NUL_MESSAGE))
        return None
