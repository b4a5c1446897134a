"""Organisation -> the feature values the selection engine sees, and their labels.

Feature values are stable codes (county "01", form "trossamfund" ...) so a frozen pool can be
re-run years later; labels are looked up only for display.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from sakrad.extensions import db
from sakrad.organisations import reference
from sakrad.organisations.models import FocusArea, Organisation, ReferenceModel, TargetGroup

NATIONAL_GROUP = "national"
YES, NO = "yes", "no"

# In the order the profile table and the quota form show them.
FEATURES = (
    "form",
    "county",
    "county_group",
    "size",
    "focus_areas",
    "target_groups",
    "first_time",
)
MULTI_VALUED = ("focus_areas", "target_groups")

FEATURE_LABELS = {
    "form": _l("Form of organisation"),
    "county": _l("County"),
    "county_group": _l("Big-city counties or rest of Sweden"),
    "size": _l("Size (members or volunteers)"),
    "focus_areas": _l("Focus area"),
    "target_groups": _l("Target group"),
    "first_time": _l("First time with this convening body"),
}

COUNTY_GROUP_LABELS = {
    reference.GROUP_BIG_CITY: _l("Big-city counties (Stockholm, Skåne, Västra Götaland)"),
    reference.GROUP_REST: _l("Rest of Sweden"),
    NATIONAL_GROUP: _l("National organisations"),
}
FIRST_TIME_LABELS = {YES: _l("Yes, first time"), NO: _l("No, has taken part before")}


def county_group(county: str) -> str:
    """The county group; national organisations form their own group."""
    if county == reference.NATIONAL:
        return NATIONAL_GROUP
    return reference.county_group(county)


def features_of(org: Organisation, earlier_participants: set[int]) -> dict[str, object]:
    """The engine's feature values of one organisation (multi-valued ones as lists)."""
    return {
        "form": org.form,
        "county": org.county,
        "county_group": county_group(org.county),
        "size": org.size,
        "focus_areas": sorted(f.code for f in org.focus_areas),
        "target_groups": sorted(t.code for t in org.target_groups),
        "first_time": NO if org.id in earlier_participants else YES,
    }


def _reference_names(model: type[ReferenceModel], lang: str) -> dict[str, str]:
    return {item.code: item.name(lang) for item in db.session.scalars(sa.select(model))}


class Labeller:
    """Labels of features and values in one language (reference lists read once)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._focus = _reference_names(FocusArea, lang)
        self._target = _reference_names(TargetGroup, lang)

    @staticmethod
    def feature(name: str) -> str:
        return str(FEATURE_LABELS.get(name, name))

    def value(self, feature: str, code: str) -> str:
        try:
            if feature == "form":
                return reference.label(reference.ORG_FORMS, code, self.lang)
            if feature == "size":
                return reference.label(reference.ORG_SIZES, code, self.lang)
            if feature == "county":
                return reference.county_name(code, self.lang)
        except KeyError:
            return code
        if feature == "county_group":
            return str(COUNTY_GROUP_LABELS.get(code, code))
        if feature == "focus_areas":
            return self._focus.get(code, code)
        if feature == "target_groups":
            return self._target.get(code, code)
        if feature == "first_time":
            return str(FIRST_TIME_LABELS.get(code, code))
        return code

    def quota(self, feature: str, code: str) -> str:
        return f"{self.feature(feature)}: {self.value(feature, code)}"

    def all_values(self, feature: str) -> list[tuple[str, str]]:
        """Every value a quota on ``feature`` can name, (code, label), in a natural order."""
        codes: Iterable[str]
        if feature == "form":
            codes = reference.ORG_FORMS
        elif feature == "size":
            codes = reference.ORG_SIZES
        elif feature == "county":
            codes = (reference.NATIONAL, *reference.COUNTY_CODES)
        elif feature == "county_group":
            codes = COUNTY_GROUP_LABELS
        elif feature == "focus_areas":
            codes = self._focus
        elif feature == "target_groups":
            codes = self._target
        else:
            codes = FIRST_TIME_LABELS
        return [(c, self.value(feature, c)) for c in codes]

    def quota_choices(self) -> dict[str, list[tuple[str, str]]]:
        """Grouped choices "feature=value" for the quota form (one optgroup per feature)."""
        return {
            self.feature(f): [(f"{f}={c}", label) for c, label in self.all_values(f)]
            for f in FEATURES
        }
