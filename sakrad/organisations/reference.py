"""Reference data and validators for civil-society organisations (pure Python).

Counties (län) incl. the pseudo-county NATIONAL ("00"), the 290 municipalities
(data in ``municipalities.py``), organisation number validation (Luhn), and
organisation forms/sizes/focus areas/target groups. Labels are plain
``{"sv": ..., "en": ...}`` dicts (not gettext); use :func:`label`/:func:`choices`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from sakrad.organisations.municipalities import MUNICIPALITIES

# --------------------------------------------------------------------------- counties

NATIONAL = "00"
NATIONAL_NAME = {"sv": "Riksorganisation / hela Sverige", "en": "National / all of Sweden"}

GROUP_BIG_CITY = "big_city"
GROUP_REST = "rest"
BIG_CITY_COUNTIES = frozenset({"01", "12", "14"})


@dataclass(frozen=True, slots=True)
class County:
    code: str
    name_sv: str
    name_en: str
    population: int  # approximate, end of 2023; used to weight generated demo data
    group: str  # GROUP_BIG_CITY or GROUP_REST

    def name(self, lang: str = "sv") -> str:
        return self.name_en if _lang(lang) == "en" else self.name_sv


_COUNTY_ROWS = (
    ("01", "Stockholms län", "Stockholm County", 2_454_000),
    ("03", "Uppsala län", "Uppsala County", 404_000),
    ("04", "Södermanlands län", "Södermanland County", 301_000),
    ("05", "Östergötlands län", "Östergötland County", 470_000),
    ("06", "Jönköpings län", "Jönköping County", 369_000),
    ("07", "Kronobergs län", "Kronoberg County", 203_000),
    ("08", "Kalmar län", "Kalmar County", 246_000),
    ("09", "Gotlands län", "Gotland County", 61_000),
    ("10", "Blekinge län", "Blekinge County", 157_000),
    ("12", "Skåne län", "Skåne County", 1_414_000),
    ("13", "Hallands län", "Halland County", 345_000),
    ("14", "Västra Götalands län", "Västra Götaland County", 1_750_000),
    ("17", "Värmlands län", "Värmland County", 283_000),
    ("18", "Örebro län", "Örebro County", 306_000),
    ("19", "Västmanlands län", "Västmanland County", 280_000),
    ("20", "Dalarnas län", "Dalarna County", 288_000),
    ("21", "Gävleborgs län", "Gävleborg County", 287_000),
    ("22", "Västernorrlands län", "Västernorrland County", 243_000),
    ("23", "Jämtlands län", "Jämtland County", 132_000),
    ("24", "Västerbottens län", "Västerbotten County", 278_000),
    ("25", "Norrbottens län", "Norrbotten County", 249_000),
)

#: Ordered (by SCB code) read-only mapping code -> County. Does not include NATIONAL.
COUNTIES: Mapping[str, County] = MappingProxyType(
    {
        code: County(code, sv, en, pop, GROUP_BIG_CITY if code in BIG_CITY_COUNTIES else GROUP_REST)
        for code, sv, en, pop in _COUNTY_ROWS
    }
)
COUNTY_CODES: tuple[str, ...] = tuple(COUNTIES)


def _lang(lang: str | None) -> str:
    """Map a locale such as "en", "en_GB" or "sv-SE" to "en" or "sv" (default)."""
    base = (lang or "sv").replace("-", "_").split("_")[0].lower()
    return "en" if base == "en" else "sv"


def county_name(code: str, lang: str = "sv") -> str:
    """Name of a county (or of NATIONAL). Raises KeyError for unknown codes."""
    if code == NATIONAL:
        return NATIONAL_NAME[_lang(lang)]
    return COUNTIES[code].name(lang)


def county_group(code: str) -> str:
    """Group: "big_city" for 01, 12 and 14, "rest" otherwise. KeyError if unknown."""
    return COUNTIES[code].group


def is_valid_county(code: str, *, allow_national: bool = True) -> bool:
    return code in COUNTIES or (allow_national and code == NATIONAL)


def county_choices(lang: str = "sv", *, include_national: bool = True) -> list[tuple[str, str]]:
    """(code, name) pairs in code order, NATIONAL first if included."""
    rows = [(c.code, c.name(lang)) for c in COUNTIES.values()]
    return ([(NATIONAL, county_name(NATIONAL, lang))] if include_national else []) + rows


# --------------------------------------------------------------------------- municipalities

#: Read-only mapping municipality code -> name, ordered by code.
MUNICIPALITY_NAMES: Mapping[str, str] = MappingProxyType(dict(MUNICIPALITIES))

_BY_COUNTY: dict[str, tuple[tuple[str, str], ...]] = {
    county: tuple(m for m in MUNICIPALITIES if m[0][:2] == county) for county in COUNTIES
}


def municipality_name(code: str) -> str:
    """Name of a municipality. Raises KeyError for unknown codes."""
    return MUNICIPALITY_NAMES[code]


def municipalities_in(county_code: str) -> tuple[tuple[str, str], ...]:
    """(code, name) pairs of the county's municipalities in code order; () if not a county."""
    return _BY_COUNTY.get(county_code, ())


def municipality_county(code: str) -> str:
    """County code of a municipality. Raises KeyError for unknown municipality codes."""
    if code not in MUNICIPALITY_NAMES:
        raise KeyError(code)
    return code[:2]


def is_valid_municipality_for_county(muni_code: str, county_code: str) -> bool:
    """True if the municipality exists and lies in the county (never for NATIONAL)."""
    return (
        isinstance(muni_code, str)
        and muni_code in MUNICIPALITY_NAMES
        and muni_code[:2] == county_code
    )


# --------------------------------------------------------------------------- org numbers

REASON_FORMAT = "format"
REASON_CHECKSUM = "checksum"


class InvalidOrgNumber(ValueError):
    """Raised for a malformed organisation number; ``reason_code`` is "format" or "checksum"."""

    def __init__(self, reason_code: str):
        super().__init__(reason_code)
        self.reason_code = reason_code


# Optional "16" prefix (12-digit form), six digits, optional hyphen/dash, four digits.
_ORG_RE = re.compile(r"(?:16)?([0-9]{6})[-\u2010\u2011\u2013]?([0-9]{4})")


def org_number_check_digit(first9: str) -> int:
    """Luhn (mod 10) check digit over nine digits, weights 2,1,2,1,... from the left."""
    total = 0
    for i, ch in enumerate(first9):
        product = int(ch) * (2 if i % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


def normalise_org_number(text: str) -> str:
    """Return the canonical "NNNNNN-NNNN" form or raise InvalidOrgNumber."""
    if not isinstance(text, str):
        raise InvalidOrgNumber(REASON_FORMAT)
    match = _ORG_RE.fullmatch("".join(text.split()))
    if match is None:
        raise InvalidOrgNumber(REASON_FORMAT)
    digits = match.group(1) + match.group(2)
    if org_number_check_digit(digits[:9]) != int(digits[9]):
        raise InvalidOrgNumber(REASON_CHECKSUM)
    return f"{digits[:6]}-{digits[6:]}"


def org_number_is_valid(text: str) -> bool:
    try:
        normalise_org_number(text)
    except InvalidOrgNumber:
        return False
    return True


def make_org_number(first9: str) -> str:
    """Append the check digit to nine ASCII digits and return "NNNNNN-NNNN"."""
    if not (isinstance(first9, str) and len(first9) == 9 and first9.isascii() and first9.isdigit()):
        raise InvalidOrgNumber(REASON_FORMAT)
    return f"{first9[:6]}-{first9[6:]}{org_number_check_digit(first9)}"


# --------------------------------------------------------------------------- labelled constants

Labels = Mapping[str, Mapping[str, str]]


def _labelled(*rows: tuple[str, str, str]) -> Labels:
    return MappingProxyType({code: {"sv": sv, "en": en} for code, sv, en in rows})


ORG_FORMS: Labels = _labelled(
    ("ideell_forening", "Ideell förening", "Non-profit association"),
    ("stiftelse", "Stiftelse", "Foundation"),
    ("trossamfund", "Trossamfund", "Faith community"),
    (
        "ekonomisk_forening",
        "Ekonomisk förening / socialt företag",
        "Cooperative / social enterprise",
    ),
    ("studieforbund", "Studieförbund", "Adult education association"),
    ("natverk", "Nätverk / paraplyorganisation", "Network / umbrella organisation"),
    ("informell_grupp", "Informell grupp", "Informal group"),
    ("annan", "Annan", "Other"),
)

ORG_SIZES: Labels = _labelled(
    ("1-20", "1–20", "1–20"),
    ("21-100", "21–100", "21–100"),
    ("101-1000", "101–1 000", "101–1,000"),
    ("1000+", "över 1 000", "over 1,000"),
)

FOCUS_AREAS: Labels = _labelled(
    ("etablering_arbete", "Etablering och arbete", "Establishment and work"),
    ("sprak_utbildning", "Språk och utbildning", "Language and education"),
    ("bostad", "Bostad", "Housing"),
    ("halsa", "Hälsa", "Health"),
    ("barn_unga", "Barn och unga", "Children and young people"),
    ("civilsamhallets_villkor", "Civilsamhällets villkor", "Conditions for civil society"),
    ("landsbygd", "Landsbygd", "Rural areas"),
    ("foreningsliv_fritid", "Föreningsliv och fritid", "Associations and leisure"),
    ("asyl_mottagande", "Asyl och mottagande", "Asylum and reception"),
    ("demokrati_delaktighet", "Demokrati och delaktighet", "Democracy and participation"),
)

TARGET_GROUPS: Labels = _labelled(
    ("nyanlanda", "Nyanlända", "Newly arrived migrants"),
    ("asylsokande", "Asylsökande", "Asylum seekers"),
    ("ensamkommande", "Ensamkommande barn och unga", "Unaccompanied children and young people"),
    ("kvinnor", "Kvinnor", "Women"),
    ("barn_familjer", "Barn och familjer", "Children and families"),
    ("aldre", "Äldre", "Older people"),
    ("funktionsnedsattning", "Personer med funktionsnedsättning", "Persons with disabilities"),
    ("hbtqi", "HBTQI-personer", "LGBTQI people"),
    ("landsbygdsbor", "Landsbygdsbor", "People in rural areas"),
    ("unga_vuxna", "Unga vuxna", "Young adults"),
)


def label(mapping: Labels, code: str, lang: str = "sv") -> str:
    """Label of ``code`` in one of the constants above. Raises KeyError if unknown."""
    return mapping[code][_lang(lang)]


def choices(mapping: Labels, lang: str = "sv") -> list[tuple[str, str]]:
    """(code, label) pairs in the constant's stable order, e.g. for a select field."""
    return [(code, labels[_lang(lang)]) for code, labels in mapping.items()]
