"""Demo data: realistic profiles for the organisations the seed report names, and a pool of
generated organisations across the counties so the diversity selection has something to
choose from. ``generate`` also feeds ``benchmarks/csv_import.py``.
"""

from __future__ import annotations

import random
from typing import Any

import sqlalchemy as sa

from sakrad.extensions import db
from sakrad.organisations import reference
from sakrad.organisations.models import FocusArea, Organisation, ReferenceModel, TargetGroup
from sakrad.organisations.service import ensure_reference_lists, unique_slug

# slug -> (form, county, municipality, size, focus areas, target groups, website, verified, sv, en)
PROFILES: dict[str, tuple] = {
    "studieforbundet-vuxenskolan": (
        "studieforbund",
        "00",
        None,
        "1000+",
        ["sprak_utbildning", "foreningsliv_fritid", "landsbygd"],
        ["nyanlanda", "landsbygdsbor"],
        "https://www.sv.se",
        True,
        "Studieförbund med svenska från dag ett, studiecirklar och kultur över hela landet.",
        "Adult education association offering Swedish from day one and study circles nationwide.",
    ),
    "hela-sverige-ska-leva": (
        "natverk",
        "00",
        None,
        "1000+",
        ["landsbygd", "civilsamhallets_villkor", "demokrati_delaktighet"],
        ["landsbygdsbor", "nyanlanda"],
        "https://www.helasverige.se",
        True,
        "Nätverk för lokala utvecklingsgrupper som arbetar för levande landsbygd och mottagande på orten.",
        "Network of local development groups working for a living countryside and local reception.",
    ),
    "refugees-welcome-stockholm": (
        "informell_grupp",
        "01",
        "0180",
        "101-1000",
        ["asyl_mottagande", "bostad"],
        ["asylsokande", "ensamkommande"],
        None,
        False,
        "Informell grupp som startade i sociala medier hösten 2015: boende, mottagning och stöd.",
        "Informal group started on social media in autumn 2015: housing, reception and support.",
    ),
    "skyddsvarnet": (
        "ideell_forening",
        "01",
        "0180",
        "101-1000",
        ["bostad", "barn_unga"],
        ["ensamkommande", "unga_vuxna"],
        None,
        True,
        "Idéburen organisation med boenden och stöd för ensamkommande barn och unga vuxna.",
        "Non-profit organisation running homes and support for unaccompanied children.",
    ),
    "sios": (
        "natverk",
        "00",
        None,
        "1000+",
        ["demokrati_delaktighet", "civilsamhallets_villkor"],
        ["nyanlanda"],
        None,
        True,
        "Samarbetsorgan för etniska riksorganisationer i Sverige.",
        "Umbrella body for national ethnic organisations in Sweden.",
    ),
    "mangfaldsmat-orust-mirakel": (
        "ekonomisk_forening",
        "14",
        "1421",
        "21-100",
        ["etablering_arbete", "landsbygd"],
        ["nyanlanda", "kvinnor"],
        None,
        False,
        "Socialt företag på Orust där nyanlända och ortsbor lagar och säljer mat tillsammans.",
        "Social enterprise on Orust where newcomers and locals cook and sell food together.",
    ),
    "forum-ideburna": (
        "natverk",
        "00",
        None,
        "101-1000",
        ["civilsamhallets_villkor", "demokrati_delaktighet"],
        [],
        None,
        True,
        "Paraplyorganisation för idéburna organisationer med social inriktning.",
        "Umbrella organisation for non-profit organisations with a social focus.",
    ),
    "sveriges-kristna-rad": (
        "trossamfund",
        "00",
        None,
        "1000+",
        ["asyl_mottagande", "demokrati_delaktighet"],
        ["asylsokande", "nyanlanda"],
        None,
        True,
        "Samarbetsorgan för kyrkor och samfund i Sverige.",
        "Ecumenical body of churches and denominations in Sweden.",
    ),
    "roda-korset": (
        "ideell_forening",
        "00",
        None,
        "1000+",
        ["asyl_mottagande", "halsa"],
        ["asylsokande", "ensamkommande"],
        "https://www.rodakorset.se",
        True,
        "Humanitär organisation med mottagning, vård för papperslösa och familjeåterförening.",
        "Humanitarian organisation: reception, health care for undocumented people, family tracing.",
    ),
    "radda-barnen": (
        "ideell_forening",
        "00",
        None,
        "1000+",
        ["barn_unga"],
        ["barn_familjer", "ensamkommande"],
        "https://www.raddabarnen.se",
        True,
        "Barnrättsorganisation som arbetar för barn på flykt.",
        "Child rights organisation working for children on the move.",
    ),
    "mhf-ungdom": (
        "ideell_forening",
        "00",
        None,
        "101-1000",
        ["barn_unga", "foreningsliv_fritid"],
        ["unga_vuxna"],
        None,
        False,
        "Ungdomsförbund för trafiksäkerhet och nykterhet, med integrationsprojekt.",
        "Youth association for road safety and sobriety, with integration projects.",
    ),
    "folkbildningsradet": (
        "ideell_forening",
        "00",
        None,
        "21-100",
        ["sprak_utbildning"],
        ["nyanlanda"],
        None,
        True,
        "Fördelar statsbidrag till folkhögskolor och studieförbund.",
        "Distributes state grants to folk high schools and adult education associations.",
    ),
}

_KINDS = (
    # (name pattern, form, focus areas, target groups)
    ("Språkcafé {place}", "ideell_forening", ["sprak_utbildning"], ["nyanlanda"]),
    ("Kvinnojouren i {place}", "ideell_forening", ["halsa"], ["kvinnor", "barn_familjer"]),
    ("Somaliska föreningen i {place}", "ideell_forening", ["demokrati_delaktighet"], ["nyanlanda"]),
    ("Syriska kulturföreningen {place}", "ideell_forening", ["foreningsliv_fritid"], ["nyanlanda"]),
    ("Välkomna {place}", "informell_grupp", ["asyl_mottagande"], ["asylsokande"]),
    ("Läxhjälpen {place}", "informell_grupp", ["barn_unga", "sprak_utbildning"], ["barn_familjer"]),
    ("{place} församling", "trossamfund", ["asyl_mottagande"], ["asylsokande", "aldre"]),
    ("Islamiska kulturföreningen i {place}", "trossamfund", ["foreningsliv_fritid"], ["nyanlanda"]),
    (
        "Arbetsintegrerande {place} ek. för.",
        "ekonomisk_forening",
        ["etablering_arbete"],
        ["unga_vuxna"],
    ),
    ("Stiftelsen Framtid {place}", "stiftelse", ["barn_unga", "bostad"], ["ensamkommande"]),
    ("Idrott för alla {place}", "ideell_forening", ["foreningsliv_fritid"], ["barn_familjer"]),
    ("Bygdegårdsföreningen {place}", "ideell_forening", ["landsbygd"], ["landsbygdsbor"]),
    ("Tillgänglighetsrådet {place}", "natverk", ["halsa"], ["funktionsnedsattning"]),
    ("Regnbågsvänner {place}", "ideell_forening", ["demokrati_delaktighet"], ["hbtqi"]),
)
_PREFIX = {
    "ideell_forening": "802",
    "stiftelse": "802",
    "trossamfund": "252",
    "ekonomisk_forening": "769",
    "natverk": "802",
    "annan": "802",
}
_SIZE_WEIGHTS = {"1-20": 4, "21-100": 4, "101-1000": 2, "1000+": 1}


def generate(n: int, seed: int = 2016, start: int = 0) -> list[dict[str, Any]]:
    """``n`` realistic, valid organisation rows (CSV column names), deterministic for a seed.

    Counties are weighted by population; organisation numbers are unique for distinct
    ``start + i`` and carry a correct check digit; informal groups have none.
    """
    rnd = random.Random(seed)
    counties = list(reference.COUNTIES.values())
    weights = [c.population for c in counties]
    sizes, size_weights = zip(*_SIZE_WEIGHTS.items(), strict=True)
    rows = []
    seen: dict[str, int] = {}
    for i in range(start, start + n):
        county = rnd.choices(counties, weights)[0]
        code, place = rnd.choice(reference.municipalities_in(county.code))
        pattern, form, focus, target = rnd.choice(_KINDS)
        extra = rnd.sample(list(reference.FOCUS_AREAS), 1)
        number = (
            ""
            if form == "informell_grupp"
            else reference.make_org_number(f"{_PREFIX[form]}{i:06d}")
        )
        name = pattern.format(place=place)
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:  # several groups of the same kind in one town
            name = f"{name} {seen[name]}"
        rows.append(
            {
                "name": name,
                "org_number": number,
                "form": form,
                "county": county.code,
                "municipality": code,
                "size": rnd.choices(sizes, size_weights)[0],
                "focus_areas": ";".join(dict.fromkeys(focus + extra)),
                "target_groups": ";".join(target),
                "website": "",
                "description": f"{name} verkar i {place} med fokus på {reference.label(reference.FOCUS_AREAS, focus[0]).lower()}.",
                "description_en": "",
                "contact_email": f"info{i}@example.se",
                "language": "sv",
            }
        )
    return rows


def _codes(model: type[ReferenceModel], codes: list[str]) -> list[Any]:
    return list(db.session.scalars(sa.select(model).where(model.code.in_(codes)))) if codes else []


def _profile_named(org: Organisation, profile: tuple) -> None:
    form, county, muni, size, focus, target, website, verified, sv, en = profile
    org.form, org.county, org.municipality, org.size = form, county, muni, size
    org.website, org.verified, org.description, org.description_en = website, verified, sv, en
    org.focus_areas = _codes(FocusArea, focus)
    org.target_groups = _codes(TargetGroup, target)


def seed(pool_size: int = 60) -> bool:
    """Profiles for the named organisations and a generated pool; idempotent."""
    created = ensure_reference_lists()
    for slug, profile in PROFILES.items():
        org = db.session.scalar(sa.select(Organisation).where(Organisation.slug == slug))
        if org is not None and org.description is None:
            _profile_named(org, profile)
            created = True
    taken = set(db.session.scalars(sa.select(Organisation.slug)))
    numbers = set(db.session.scalars(sa.select(Organisation.org_number)))
    names = set(db.session.scalars(sa.select(Organisation.name)))
    for row in generate(pool_size, seed=1979, start=900_000):
        if row["name"] in names or (row["org_number"] or None) in numbers:
            continue
        org = Organisation(
            name=row["name"],
            slug=unique_slug(row["name"], taken),
            org_number=row["org_number"] or None,
            form=row["form"],
            county=row["county"],
            municipality=row["municipality"],
            size=row["size"],
            description=row["description"],
            contact_email=row["contact_email"],
            verified=row["form"] != "informell_grupp",
        )
        org.focus_areas = _codes(FocusArea, row["focus_areas"].split(";"))
        org.target_groups = _codes(TargetGroup, row["target_groups"].split(";"))
        db.session.add(org)
        names.add(row["name"])
        created = True
    db.session.flush()
    return created
