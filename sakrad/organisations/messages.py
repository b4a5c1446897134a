"""Messages for the registry's error codes, shared by forms, views and the CSV preview."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

MESSAGES = {
    "required": _l("This field is required."),
    "too_long": _l("At most %(max)s characters."),
    "org_number_format": _l(
        "Write the organisation number as ten digits, for example 802000-0000."
    ),
    "org_number_checksum": _l(
        "The organisation number is not valid: the last digit (check digit) does not match. "
        "Check for typing errors."
    ),
    "org_number_taken": _l("An organisation with this organisation number is already registered."),
    "duplicate_in_file": _l("The same organisation appears earlier in the file (line %(line)s)."),
    "duplicate_name": _l(
        "An organisation with this name is already registered in the same county."
    ),
    "unknown_county": _l("Unknown county. Use the county code, for example 01 or 14, or 00."),
    "unknown_municipality": _l("Unknown municipality code."),
    "municipality_not_in_county": _l("The municipality does not lie in the chosen county."),
    "municipality_national": _l("A national organisation has no municipality."),
    "unknown_form": _l("Unknown form of organisation."),
    "unknown_size": _l("Unknown size."),
    "unknown_focus_area": _l("Unknown focus area: %(code)s."),
    "unknown_target_group": _l("Unknown target group: %(code)s."),
    "unknown_language": _l("The language must be sv or en."),
    "bad_website": _l("Write a web address starting with https:// or http://."),
    "bad_email": _l("Write a valid email address."),
    "email_taken": _l(
        "An account with this email address already exists. Log in and register the "
        "organisation from your pages."
    ),
    "stale": _l(
        "Someone else changed this organisation while you were editing. Your changes have not "
        "been saved; reload the page to see the current version."
    ),
    "last_representative": _l(
        "An organisation must keep at least one representative. Invite someone else first."
    ),
    "not_a_representative": _l("That person does not represent this organisation."),
    "already_representative": _l("That person already represents this organisation."),
    "token_invalid": _l("The link is not valid. It may already have been used."),
    "token_expired": _l("The link has expired. Links are valid for 48 hours."),
    "wrong_account": _l("This invitation was sent to another email address."),
    "only_representatives": _l("Only organisation representatives can accept the invitation."),
    "merge_self": _l("An organisation cannot be merged with itself."),
    "merge_tombstone": _l("That organisation has already been merged into another one."),
    "not_a_merge": _l("That log entry is not a merge, or it has already been reversed."),
    "unmerge_conflict": _l("The merge cannot be reversed: %(detail)s"),
    "code_taken": _l("This code is already used."),
    "bad_code": _l("Use lowercase letters a–z, digits and underscores."),
    "csv_unreadable": _l("The file could not be read as CSV (UTF-8, comma or semicolon)."),
    "csv_columns": _l("The file lacks required columns: %(columns)s."),
}


def message(code: str, params: dict[str, Any] | None = None) -> str:
    """The translated text of an error code, with its parameters filled in."""
    text = MESSAGES.get(code)
    if text is None:
        return code
    return str(text) % params if params else str(text)
