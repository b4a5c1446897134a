"""The profile validator needs no database: normalisation and every refusal."""

from __future__ import annotations

import pytest

from sakrad.organisations import reference
from sakrad.organisations.models import DESCRIPTION_MAX, NAME_MAX
from sakrad.organisations.service import clean_profile
from sakrad.shell.input import normalised_email

FOCUS = ["landsbygd", "halsa"]
TARGET = ["nyanlanda"]
GOOD = reference.make_org_number("802012345")


def clean(**raw):
    data = {"name": "Förening", "form": "ideell_forening", "county": "14", "size": "1-20"}
    data.update(raw)
    return clean_profile(data, FOCUS, TARGET)


def codes(result) -> dict[str, list[str]]:
    return {field: [c for c, _ in problems] for field, problems in result.errors.items()}


def test_a_good_profile_is_normalised():
    out = clean(
        name="  Språkcafé   Orust ",
        org_number="16" + GOOD.replace("-", ""),
        county="1",
        municipality="180",
        website="www.exempel.se",
        contact_email=" Info@Exempel.SE ",
        focus_areas="halsa; landsbygd;halsa",
    )
    assert not out.errors
    assert out.data["name"] == "Språkcafé Orust"
    assert out.data["org_number"] == GOOD
    assert (out.data["county"], out.data["municipality"]) == ("01", "0180")
    assert out.data["website"] == "https://www.exempel.se"
    assert out.data["contact_email"] == "info@exempel.se"
    assert out.data["focus_areas"] == ["halsa", "landsbygd"]


@pytest.mark.parametrize(
    "raw,field,code",
    [
        (
            {"org_number": GOOD[:-1] + str((int(GOOD[-1]) + 1) % 10)},
            "org_number",
            "org_number_checksum",
        ),
        ({"org_number": "80201-2345"}, "org_number", "org_number_format"),
        ({"county": "02"}, "county", "unknown_county"),
        ({"county": "01", "municipality": "1421"}, "municipality", "municipality_not_in_county"),
        ({"county": "00", "municipality": "1421"}, "municipality", "municipality_national"),
        ({"municipality": "1499x"}, "municipality", "unknown_municipality"),
        ({"form": "klubb"}, "form", "unknown_form"),
        ({"size": "5000"}, "size", "unknown_size"),
        ({"name": ""}, "name", "required"),
        ({"name": "x" * (NAME_MAX + 1)}, "name", "too_long"),
        ({"description": "x" * (DESCRIPTION_MAX + 1)}, "description", "too_long"),
        ({"website": "https://"}, "website", "bad_website"),
        ({"contact_email": "inte-en-adress"}, "contact_email", "bad_email"),
        ({"focus_areas": ["rymden"]}, "focus_areas", "unknown_focus_area"),
        ({"target_groups": "okand"}, "target_groups", "unknown_target_group"),
        ({"language": "de"}, "language", "unknown_language"),
    ],
)
def test_each_refusal_names_its_field(raw, field, code):
    assert codes(clean(**raw)) == {field: [code]}


def test_an_informal_group_needs_no_org_number():
    out = clean(org_number="", form="informell_grupp")
    assert not out.errors and out.data["org_number"] is None


@pytest.mark.parametrize(
    "address", ["kansli@orust..se", "kansli@-orust.se", "a..b@orust.se", "kansli@or<ust.se"]
)
def test_the_contact_email_follows_the_one_email_rule(address):
    """The registry (its forms and the CSV import) checks an address as every form does, with
    email-validator: the pattern it had before let these through."""
    assert normalised_email(address) is None
    assert codes(clean(contact_email=address)) == {"contact_email": ["bad_email"]}
    assert normalised_email("Kansli@Orust.SE") == "Kansli@orust.se"
