"""Which values in an audit entry are personal, and splitting them out of the entry.

The rule is deliberately wide: a key that names personal data anywhere in the application,
``name`` on the entities that are people, and any string that contains an email address. What
is split out goes to ``audit_personal_values``; the entry keeps ``{"$personal": slot}``.
"""

from __future__ import annotations

import re
from typing import Any

from sakrad.audit.models import PLACEHOLDER_KEY

PERSONAL_KEYS = frozenset(
    {
        "email",
        "contact_email",
        "emails",
        "recipients",
        "phone",
        "needs",
        "needs_note",
        "motivation",
        "delegates",
        "delegate_names",
        "decline_reason",
        "withdraw_reason",
        "chair_name",
        "payload",
        "ip",
        "ip_address",
        "user_agent",
    }
)
# Entities whose ``name`` is a person's name.
PERSON_ENTITIES = frozenset(
    {"User", "Delegate", "Representation", "RepresentativeInvite", "EmailConfirmation", "Person"}
)
EMAIL_RE = re.compile(r"[^\s<>@\"']+@[^\s<>@\"']+")


class Splitter:
    """Collects personal values while rewriting a snapshot into its stored form."""

    def __init__(self, entity_type: str) -> None:
        self.entity_type = entity_type
        self.values: list[Any] = []

    def _take(self, value: Any) -> dict[str, int]:
        self.values.append(value)
        return {PLACEHOLDER_KEY: len(self.values)}

    def _personal_key(self, key: str) -> bool:
        return key in PERSONAL_KEYS or (key == "name" and self.entity_type in PERSON_ENTITIES)

    def split(self, value: Any) -> Any:
        if isinstance(value, dict):
            out = {}
            for k, v in value.items():
                if self._personal_key(str(k)) and v not in (None, "", [], {}):
                    out[k] = self._take(v)
                else:
                    out[k] = self.split(v)
            return out
        if isinstance(value, list):
            return [self.split(v) for v in value]
        if isinstance(value, str) and EMAIL_RE.search(value):
            return self._take(value)
        return value

    def split_label(self, label: str, *, is_person: bool) -> str:
        if not (is_person or EMAIL_RE.search(label)):
            return label
        import json

        return json.dumps(self._take(label))
