"""Tests for sakrad.organisations.reference (pure reference data and validators)."""

from collections import Counter

import pytest

from sakrad.organisations import reference as ref
from sakrad.organisations.municipalities import MUNICIPALITIES

EXPECTED_COUNTIES = {
    "01": "Stockholms län",
    "03": "Uppsala län",
    "04": "Södermanlands län",
    "05": "Östergötlands län",
    "06": "Jönköpings län",
    "07": "Kronobergs län",
    "08": "Kalmar län",
    "09": "Gotlands län",
    "10": "Blekinge län",
    "12": "Skåne län",
    "13": "Hallands län",
    "14": "Västra Götalands län",
    "17": "Värmlands län",
    "18": "Örebro län",
    "19": "Västmanlands län",
    "20": "Dalarnas län",
    "21": "Gävleborgs län",
    "22": "Västernorrlands län",
    "23": "Jämtlands län",
    "24": "Västerbottens län",
    "25": "Norrbottens län",
}

EXPECTED_PER_COUNTY = {
    "01": 26, "03": 8, "04": 9, "05": 13, "06": 13, "07": 8, "08": 12,
    "09": 1, "10": 5, "12": 33, "13": 6, "14": 49, "17": 16, "18": 12,
    "19": 10, "20": 15, "21": 10, "22": 7, "23": 8, "24": 15, "25": 14,
}  # fmt: skip


# --------------------------------------------------------------------------- counties


def test_counties_codes_names_and_order():
    assert list(ref.COUNTIES) == list(EXPECTED_COUNTIES)
    assert tuple(EXPECTED_COUNTIES) == ref.COUNTY_CODES
    assert {c: county.name_sv for c, county in ref.COUNTIES.items()} == EXPECTED_COUNTIES
    assert len(ref.COUNTIES) == 21


def test_county_name_languages():
    assert ref.county_name("01") == "Stockholms län"
    assert ref.county_name("01", "en") == "Stockholm County"
    assert ref.county_name("14", "en") == "Västra Götaland County"
    assert ref.county_name("18", lang="en_GB") == "Örebro County"
    assert ref.county_name("18", lang="sv-SE") == "Örebro län"
    assert ref.county_name(ref.NATIONAL) == "Riksorganisation / hela Sverige"
    assert ref.county_name(ref.NATIONAL, "en") == "National / all of Sweden"
    with pytest.raises(KeyError):
        ref.county_name("02")


def test_county_groups_and_population():
    big = {c for c in ref.COUNTIES if ref.county_group(c) == ref.GROUP_BIG_CITY}
    assert big == {"01", "12", "14"}
    assert all(ref.county_group(c) == "rest" for c in ref.COUNTIES if c not in big)
    total = sum(c.population for c in ref.COUNTIES.values())
    assert 10_300_000 < total < 10_800_000
    assert max(ref.COUNTIES.values(), key=lambda c: c.population).code == "01"
    assert min(ref.COUNTIES.values(), key=lambda c: c.population).code == "09"


def test_county_validation_and_choices():
    assert ref.NATIONAL == "00"
    assert ref.is_valid_county("00")
    assert not ref.is_valid_county("00", allow_national=False)
    assert ref.is_valid_county("25")
    assert not ref.is_valid_county("02")
    choices = ref.county_choices("en")
    assert choices[0] == ("00", "National / all of Sweden")
    assert choices[1] == ("01", "Stockholm County")
    assert len(choices) == 22
    assert len(ref.county_choices(include_national=False)) == 21


def test_counties_are_read_only():
    with pytest.raises(TypeError):
        ref.COUNTIES["99"] = None  # type: ignore[index]


# --------------------------------------------------------------------------- municipalities


def test_exactly_290_unique_municipalities():
    assert len(MUNICIPALITIES) == 290
    codes = [code for code, _ in MUNICIPALITIES]
    assert len(set(codes)) == 290
    assert len({name for _, name in MUNICIPALITIES}) == 290
    assert codes == sorted(codes)
    assert all(len(c) == 4 and c.isdigit() for c in codes)
    assert all(name and name == name.strip() for _, name in MUNICIPALITIES)


def test_every_municipality_in_a_county():
    assert all(code[:2] in ref.COUNTIES for code, _ in MUNICIPALITIES)


def test_per_county_counts():
    assert sum(EXPECTED_PER_COUNTY.values()) == 290
    assert dict(Counter(code[:2] for code, _ in MUNICIPALITIES)) == EXPECTED_PER_COUNTY
    for county, n in EXPECTED_PER_COUNTY.items():
        assert len(ref.municipalities_in(county)) == n


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("0114", "Upplands Väsby"),
        ("0139", "Upplands-Bro"),
        ("0180", "Stockholm"),
        ("0181", "Södertälje"),
        ("0380", "Uppsala"),
        ("0484", "Eskilstuna"),
        ("0580", "Linköping"),
        ("0680", "Jönköping"),
        ("0780", "Växjö"),
        ("0980", "Gotland"),
        ("1080", "Karlskrona"),
        ("1256", "Östra Göinge"),
        ("1280", "Malmö"),
        ("1283", "Helsingborg"),
        ("1384", "Kungsbacka"),
        ("1421", "Orust"),
        ("1480", "Göteborg"),
        ("1490", "Borås"),
        ("1780", "Karlstad"),
        ("1880", "Örebro"),
        ("1980", "Västerås"),
        ("2023", "Malung-Sälen"),
        ("2180", "Gävle"),
        ("2281", "Sundsvall"),
        ("2380", "Östersund"),
        ("2480", "Umeå"),
        ("2580", "Luleå"),
        ("2584", "Kiruna"),
    ],
)
def test_known_municipalities(code, name):
    assert ref.municipality_name(code) == name
    assert ref.MUNICIPALITY_NAMES[code] == name
    assert ref.municipality_county(code) == code[:2]
    assert (code, name) in ref.municipalities_in(code[:2])


def test_municipalities_in():
    assert ref.municipalities_in("09") == (("0980", "Gotland"),)
    assert ref.municipalities_in("01")[0] == ("0114", "Upplands Väsby")
    assert ref.municipalities_in("25")[-1] == ("2584", "Kiruna")
    assert ref.municipalities_in(ref.NATIONAL) == ()
    assert ref.municipalities_in("99") == ()


def test_municipality_county_unknown():
    with pytest.raises(KeyError):
        ref.municipality_county("0199")
    with pytest.raises(KeyError):
        ref.municipality_name("9999")


def test_is_valid_municipality_for_county():
    assert ref.is_valid_municipality_for_county("1480", "14")
    assert ref.is_valid_municipality_for_county("0980", "09")
    assert not ref.is_valid_municipality_for_county("1480", "12")
    assert not ref.is_valid_municipality_for_county("0199", "01")
    assert not ref.is_valid_municipality_for_county("0180", ref.NATIONAL)
    assert not ref.is_valid_municipality_for_county("", "01")
    assert not ref.is_valid_municipality_for_county(None, "01")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- org numbers


@pytest.mark.parametrize(
    "text",
    [
        "802002-4280",
        "8020024280",
        "16802002-4280",
        "168020024280",
        " 802002 - 4280 ",
        "80 20 02 42 80",
        "802002\u20134280",
    ],
)
def test_normalise_accepted_forms(text):
    assert ref.normalise_org_number(text) == "802002-4280"
    assert ref.org_number_is_valid(text)


def test_real_org_numbers():
    assert ref.normalise_org_number("556036-0793") == "556036-0793"
    assert ref.normalise_org_number("2021005489") == "202100-5489"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "80200242",
        "80200242801",
        "1980200242801",
        "198020024280",  # 12 digits but not the "16" prefix
        "8020-024280",
        "802002--4280",
        "802002-428O",
        "abcdef-ghij",
        "\uff18020024280",  # full-width digit
        None,
        8020024280,
    ],
)
def test_format_errors(text):
    with pytest.raises(ref.InvalidOrgNumber) as exc:
        ref.normalise_org_number(text)
    assert exc.value.reason_code == "format"
    assert isinstance(exc.value, ValueError)
    assert not ref.org_number_is_valid(text)


def test_checksum_error():
    with pytest.raises(ref.InvalidOrgNumber) as exc:
        ref.normalise_org_number("802002-4281")
    assert exc.value.reason_code == ref.REASON_CHECKSUM
    assert not ref.org_number_is_valid("556036-0794")


@pytest.mark.parametrize(
    "first9", ["556036079", "802002428", "000000000", "999999999", "123456789", "165560360"]
)
def test_make_org_number_round_trips_and_last_digit_matters(first9):
    number = ref.make_org_number(first9)
    assert number[:6] == first9[:6] and number[7:10] == first9[6:]
    assert ref.normalise_org_number(number) == number
    assert ref.normalise_org_number("16" + number.replace("-", "")) == number
    good = int(number[-1])
    for wrong in set(range(10)) - {good}:
        assert not ref.org_number_is_valid(number[:-1] + str(wrong))


def test_make_org_number_known_values():
    assert ref.make_org_number("556036079") == "556036-0793"
    assert ref.make_org_number("802002428") == "802002-4280"


@pytest.mark.parametrize("bad", ["55603607", "5560360793", "55603607x", "556036-07", None])
def test_make_org_number_rejects_bad_input(bad):
    with pytest.raises(ref.InvalidOrgNumber):
        ref.make_org_number(bad)


def test_single_digit_errors_are_detected():
    number = "556036-0793"
    digits = number.replace("-", "")
    for i in range(10):
        for d in "0123456789":
            if d == digits[i]:
                continue
            mutated = digits[:i] + d + digits[i + 1 :]
            assert not ref.org_number_is_valid(mutated)


# --------------------------------------------------------------------------- labelled constants


def test_org_forms():
    assert list(ref.ORG_FORMS) == [
        "ideell_forening",
        "stiftelse",
        "trossamfund",
        "ekonomisk_forening",
        "studieforbund",
        "natverk",
        "informell_grupp",
        "annan",
    ]
    assert ref.label(ref.ORG_FORMS, "ideell_forening") == "Ideell förening"
    assert ref.label(ref.ORG_FORMS, "ideell_forening", "en") == "Non-profit association"
    assert ref.ORG_FORMS["ekonomisk_forening"]["sv"] == "Ekonomisk förening / socialt företag"
    assert ref.ORG_FORMS["natverk"]["en"] == "Network / umbrella organisation"
    assert ref.choices(ref.ORG_FORMS, "en")[-1] == ("annan", "Other")


def test_org_sizes():
    assert list(ref.ORG_SIZES) == ["1-20", "21-100", "101-1000", "1000+"]
    assert ref.choices(ref.ORG_SIZES) == [
        ("1-20", "1–20"),
        ("21-100", "21–100"),
        ("101-1000", "101–1 000"),
        ("1000+", "över 1 000"),
    ]
    assert ref.label(ref.ORG_SIZES, "1000+", "en") == "over 1,000"


@pytest.mark.parametrize(
    "mapping", [ref.ORG_FORMS, ref.ORG_SIZES, ref.FOCUS_AREAS, ref.TARGET_GROUPS]
)
def test_labelled_constants_shape(mapping):
    assert len(mapping) >= 4
    for code, labels in mapping.items():
        assert code and code.isascii() and " " not in code
        assert set(labels) == {"sv", "en"}
        assert labels["sv"] and labels["en"]
    assert len({labels["sv"] for labels in mapping.values()}) == len(mapping)
    assert len({labels["en"] for labels in mapping.values()}) == len(mapping)


def test_focus_areas_and_target_groups():
    assert len(ref.FOCUS_AREAS) == 10
    assert len(ref.TARGET_GROUPS) == 10
    sv_focus = [labels["sv"] for labels in ref.FOCUS_AREAS.values()]
    assert sv_focus[0] == "Etablering och arbete"
    assert "Civilsamhällets villkor" in sv_focus
    assert ref.label(ref.FOCUS_AREAS, "etablering_arbete", "en") == "Establishment and work"
    sv_groups = [labels["sv"] for labels in ref.TARGET_GROUPS.values()]
    assert sv_groups[0] == "Nyanlända"
    assert "HBTQI-personer" in sv_groups
    assert "Ensamkommande barn och unga" in sv_groups
    with pytest.raises(KeyError):
        ref.label(ref.TARGET_GROUPS, "nope")
