"""Password strength with zxcvbn: guessable passwords are refused, with the reason in the
user's language (zxcvbn's own feedback is English only, so the reason is taken from the
kinds of pattern it found and worded here)."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from zxcvbn import zxcvbn

MIN_SCORE = 3  # zxcvbn 0–4: 3 means "safely unguessable" against online attacks and more
MAX_CHECKED = 72  # zxcvbn's own cap; longer passwords are judged by their start

MESSAGES = {
    "password_common": _l(
        "This password is among the most common ones. Choose a phrase of several uncommon words."
    ),
    "password_personal": _l(
        "The password contains your name or email address. Choose something else."
    ),
    "password_repeat": _l("Repeated characters or words are easy to guess. Add other words."),
    "password_sequence": _l("Sequences like abc or 6543 are easy to guess. Add other words."),
    "password_keyboard": _l("Rows of keys on the keyboard are easy to guess. Add other words."),
    "password_dates": _l("Years and dates are easy to guess. Add other words."),
    "password_words": _l("A few common words alone are easy to guess. Add another uncommon word."),
    "password_weak": _l("This password is too easy to guess. Make it longer and less predictable."),
}

# The first kind of pattern found, in this order, names the reason.
_REASONS = (
    (
        "password_common",
        lambda m: m["pattern"] == "dictionary" and m.get("dictionary_name") == "passwords",
    ),
    (
        "password_personal",
        lambda m: m["pattern"] == "dictionary" and m.get("dictionary_name") == "user_inputs",
    ),
    ("password_repeat", lambda m: m["pattern"] == "repeat"),
    ("password_sequence", lambda m: m["pattern"] == "sequence"),
    ("password_keyboard", lambda m: m["pattern"] == "spatial"),
    ("password_dates", lambda m: m["pattern"] in ("date", "regex")),
    ("password_words", lambda m: m["pattern"] == "dictionary"),
)


def weakness(password: str, user_inputs: Iterable[str] = ()) -> str | None:
    """None if the password is strong enough, else the code of the reason (see MESSAGES)."""
    inputs = [part for value in user_inputs if value for part in _parts(value)]
    result = zxcvbn(password[:MAX_CHECKED], user_inputs=inputs, max_length=MAX_CHECKED)
    if result["score"] >= MIN_SCORE:
        return None
    for code, matches in _REASONS:
        if any(matches(m) for m in result["sequence"]):
            return code
    return "password_weak"


def _parts(value: str) -> list[str]:
    # "amina.andersson@example.se" → the address and each name in it.
    local = value.split("@")[0]
    words = local.replace(".", " ").replace("-", " ").split()
    return [value.lower(), local.lower(), *(w.lower() for w in words)]
