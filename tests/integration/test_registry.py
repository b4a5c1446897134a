"""Registry work: search, verify, merge and unmerge, CSV import and export."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from sakrad.accounts.models import Role
from sakrad.audit.models import AuditEntry
from sakrad.extensions import db
from sakrad.organisations import merge, service
from sakrad.organisations.models import Organisation, Representation, RepresentativeInvite
from tests.helpers import make_body, make_user
from tests.organisations_factories import make_profiled_organisation, org_number


@pytest.fixture
def staff(app, auth, client):
    client.set_cookie("sakrad_lang", "en")
    with app.app_context():
        service.ensure_reference_lists()
        db.session.commit()
        user = make_user(Role.CIVIL_SERVANT, body=make_body())
        email = user.email
    auth.login(email)
    return email


def test_search_filters_and_pages(client, app, staff):
    with app.app_context():
        make_profiled_organisation(
            name="Landsbygdsföreningen", county="25", municipality="2584", size="1-20"
        )
        make_profiled_organisation(
            name="Stadsföreningen", county="01", municipality="0180", focus_areas=["bostad"]
        )
        number = make_profiled_organisation(name="Nummerföreningen").org_number
        for i in range(30):
            make_profiled_organisation(name=f"Massförening {i:02d}")
    page = client.get("/registry/?county=25").get_data(as_text=True)
    assert "Landsbygdsföreningen" in page and "Stadsföreningen" not in page
    page = client.get("/registry/?focus_area=bostad").get_data(as_text=True)
    assert "Stadsföreningen" in page and "Landsbygdsföreningen" not in page
    page = client.get(f"/registry/?q={number.replace('-', '')}").get_data(as_text=True)
    assert "Nummerföreningen" in page and "1 organisation found" in page
    first = client.get("/registry/?q=Massförening").get_data(as_text=True)
    second = client.get("/registry/?q=Massförening&page=2").get_data(as_text=True)
    assert "Massförening 00" in first and "Massförening 00" not in second
    assert "Massförening 29" in second and "Page 2 of 2" in second
    assert "30 organisations found" in first


def test_only_admin_verifies(client, auth, app, staff):
    with app.app_context():
        org_id = make_profiled_organisation().id
        admin = make_user(Role.ADMIN).email
    assert client.post(f"/registry/{org_id}/verify/1").status_code == 403
    auth.logout()
    auth.login(admin)
    assert client.post(f"/registry/{org_id}/verify/1").status_code == 303
    with app.app_context():
        assert db.session.get(Organisation, org_id).verified
    listed = client.get("/registry/?verified=yes").get_data(as_text=True)
    assert "1 organisation found" in listed


def test_merge_moves_everything_and_unmerge_restores_it(client, app, staff):
    with app.app_context():
        both, only_dup, only_keep = (make_user(Role.ORG_REP) for _ in range(3))
        dup = make_profiled_organisation(
            name="Röda Korset Orust", reps=(both, only_dup), focus_areas=["landsbygd", "halsa"]
        )
        keep = make_profiled_organisation(
            name="Röda Korset", reps=(both, only_keep), focus_areas=["landsbygd"]
        )
        db.session.add(
            RepresentativeInvite(
                organisation_id=dup.id,
                email="x@example.se",
                token_hash="a" * 64,
                expires_at=dup.created_at,
            )
        )
        older = make_profiled_organisation(name="Gammal dubblett")
        merge.merge(older, dup)  # a tombstone pointing at the duplicate follows it to the survivor
        db.session.commit()
        ids = {
            "dup": dup.id,
            "keep": keep.id,
            "older": older.id,
            "both": both.id,
            "only_dup": only_dup.id,
        }
    response = client.post(f"/registry/{ids['dup']}/merge", data={"survivor_id": ids["keep"]})
    assert response.status_code == 303
    with app.app_context():
        dup, keep = (
            db.session.get(Organisation, ids["dup"]),
            db.session.get(Organisation, ids["keep"]),
        )
        assert dup.merged_into_id == keep.id and not dup.active
        assert {r.user_id for r in keep.representatives} >= {ids["both"], ids["only_dup"]}
        assert (
            db.session.scalar(
                sa.select(sa.func.count(Representation.id)).where(
                    Representation.organisation_id == dup.id
                )
            )
            == 0
        )
        assert sorted(f.code for f in keep.focus_areas) == ["halsa", "landsbygd"]
        assert db.session.scalar(sa.select(RepresentativeInvite.organisation_id)) == keep.id
        assert db.session.get(Organisation, ids["older"]).merged_into_id == keep.id
        entry = db.session.scalar(
            sa.select(AuditEntry)
            .where(AuditEntry.action == "organisation.merged")
            .order_by(AuditEntry.id.desc())
        )
        moved_tables = {m["table"] for m in entry.after["moves"]}
        assert {
            "representations",
            "organisation_focus_areas",
            "representative_invites",
            "organisations",
        } <= moved_tables
        reps = next(m for m in entry.after["moves"] if m["table"] == "representations")
        assert len(reps["dropped"]) == 1 and reps["dropped"][0]["user_id"] == ids["both"]
        entry_id = entry.id
    # The duplicate's public page now leads to the survivor.
    with app.app_context():
        slugs = {o.id: o.slug for o in db.session.scalars(sa.select(Organisation))}
    moved = client.get(f"/organisations/{slugs[ids['dup']]}")
    assert moved.status_code == 301 and moved.headers["Location"].endswith(slugs[ids["keep"]])
    # The survivor's page offers to reverse it.
    assert f"/registry/unmerge/{entry_id}" in client.get(f"/registry/{ids['keep']}").get_data(
        as_text=True
    )
    assert client.post(f"/registry/unmerge/{entry_id}").status_code == 303
    with app.app_context():
        dup, keep = (
            db.session.get(Organisation, ids["dup"]),
            db.session.get(Organisation, ids["keep"]),
        )
        assert dup.merged_into_id is None and dup.active
        assert {r.user_id for r in dup.representatives} == {ids["both"], ids["only_dup"]}
        assert ids["only_dup"] not in {r.user_id for r in keep.representatives}
        assert sorted(f.code for f in dup.focus_areas) == ["halsa", "landsbygd"]
        assert [f.code for f in keep.focus_areas] == ["landsbygd"]
        assert db.session.scalar(sa.select(RepresentativeInvite.organisation_id)) == dup.id
        assert db.session.get(Organisation, ids["older"]).merged_into_id == dup.id
    # Reversing twice is refused.
    assert "already been reversed" in client.post(
        f"/registry/unmerge/{entry_id}", follow_redirects=True
    ).get_data(as_text=True)


def test_merge_refuses_itself_and_tombstones(app, ctx):
    service.ensure_reference_lists()
    a, b, c = (make_profiled_organisation() for _ in range(3))
    with pytest.raises(service.OrganisationError):
        merge.merge(a, a)
    merge.merge(a, b)
    with pytest.raises(service.OrganisationError):
        merge.merge(c, a)


def _csv(
    *rows: str,
    header: str = "name;org_number;form;county;municipality;size;focus_areas;target_groups",
) -> bytes:
    return ("\ufeff" + "\n".join((header, *rows)) + "\n").encode("utf-8")


def stashed_key(html: str) -> str:
    """The key of the checked file in the confirmation form."""
    return html.split('id="key" name="key" type="hidden" value="', 1)[1].split('"', 1)[0]


def test_csv_dry_run_lists_every_problem_and_writes_nothing(client, app, staff):
    with app.app_context():
        existing = make_profiled_organisation(name="Finns redan").org_number
        before = db.session.scalar(sa.select(sa.func.count(Organisation.id)))
    good = org_number(5001)
    bad_digit = good[:-1] + str((int(good[-1]) + 1) % 10)
    content = _csv(
        f"Bra förening;{good};ideell_forening;14;1421;21-100;landsbygd,halsa;nyanlanda",
        f"Fel kontrollsiffra;{bad_digit};ideell_forening;14;;21-100;;",
        "Okänt län;;informell_grupp;99;;1-20;;",
        "Fel kommun;;informell_grupp;01;1421;1-20;;",
        f"Dubblett i registret;{existing};stiftelse;00;;1000+;;",
        f"Dubblett i filen;{good};stiftelse;00;;1000+;;",
        "Okänd form;;forening;00;;jättestor;rymden;",
    )
    response = client.post(
        "/registry/import",
        data={"file": (io.BytesIO(content), "orgs.csv")},
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "7 rows checked, 6 with problems." in html
    for text in (
        "check digit",
        "Unknown county",
        "does not lie in the chosen county",
        "already registered",
        "earlier in the file (line 2)",
        "Unknown form",
        "Unknown size",
        "Unknown focus area: rymden",
    ):
        assert text in html, text
    assert "registry/import/confirm" not in html  # nothing to confirm while rows are bad
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Organisation.id))) == before


def test_csv_import_after_preview_in_one_transaction_and_export_round_trip(client, app, staff):
    content = _csv(
        f"Språkcafé Lysekil;{org_number(6001)};ideell_forening;14;1484;21-100;sprak_utbildning,landsbygd;nyanlanda",
        "Välkomna Kiruna;;informell_grupp;25;2584;1-20;asyl_mottagande;",
        f"Riksförbundet Exempel;{org_number(6002)};natverk;0;;1000+;;",
    )
    response = client.post(
        "/registry/import",
        data={"file": (io.BytesIO(content), "orgs.csv")},
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    assert "3 rows checked, 0 with problems." in html
    key = stashed_key(html)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Organisation.id))) == 0
    done = client.post("/registry/import/confirm", data={"key": key})
    assert done.status_code == 303
    with app.app_context():
        orgs = {o.name: o for o in db.session.scalars(sa.select(Organisation))}
        assert set(orgs) == {"Språkcafé Lysekil", "Välkomna Kiruna", "Riksförbundet Exempel"}
        assert [f.code for f in orgs["Språkcafé Lysekil"].focus_areas] == [
            "sprak_utbildning",
            "landsbygd",
        ]
        assert orgs["Riksförbundet Exempel"].county == "00"
        assert orgs["Välkomna Kiruna"].org_number is None
        assert (
            db.session.scalar(
                sa.select(AuditEntry.after).where(AuditEntry.action == "organisation.imported")
            )["count"]
            == 3
        )
    # The stashed file is gone: confirming again imports nothing.
    assert client.post("/registry/import/confirm", data={"key": key}).status_code == 303
    exported = client.get("/registry/export.csv")
    assert exported.mimetype == "text/csv"
    assert exported.data.startswith(b"\xef\xbb\xbf")
    text = exported.data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("slug,name,org_number,form,county")
    assert "Språkcafé Lysekil" in text and "sprak_utbildning;landsbygd" in text
    # The export is itself importable: all three are now duplicates of the registry.
    again = client.post(
        "/registry/import",
        data={"file": (io.BytesIO(exported.data), "export.csv")},
        content_type="multipart/form-data",
    )
    assert "3 rows checked, 3 with problems." in again.get_data(as_text=True)


def test_import_refuses_all_if_the_registry_changed_since_the_preview(client, app, staff):
    number = org_number(6100)
    content = _csv(
        f"Ny förening;{number};ideell_forening;14;;21-100;;",
        "Annan förening;;informell_grupp;14;;1-20;;",
    )
    html = client.post(
        "/registry/import",
        data={"file": (io.BytesIO(content), "orgs.csv")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    key = stashed_key(html)
    with app.app_context():
        make_profiled_organisation(org_number=number)
    response = client.post("/registry/import/confirm", data={"key": key})
    assert response.status_code == 200
    assert "already registered" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Organisation.id))) == 1


def test_unreadable_and_incomplete_files(client, staff):
    bad = client.post(
        "/registry/import",
        data={"file": (io.BytesIO(b"\xff\xfe\x00bad"), "x.csv")},
        content_type="multipart/form-data",
    )
    assert "could not be read" in bad.get_data(as_text=True)
    missing = client.post(
        "/registry/import",
        data={"file": (io.BytesIO(b"name,county\nA,01\n"), "x.csv")},
        content_type="multipart/form-data",
    )
    assert "lacks required columns: form, size" in missing.get_data(as_text=True)


def test_admin_keeps_focus_areas(client, auth, app, staff):
    with app.app_context():
        admin = make_user(Role.ADMIN).email
    auth.logout()
    auth.login(admin)
    response = client.post(
        "/registry/lists/focus-areas",
        data={"code": "kultur", "name_sv": "Kultur", "name_en": "Culture"},
    )
    assert response.status_code == 303
    assert "Kultur" in client.get("/registry/lists/focus-areas").get_data(as_text=True)
    dup = client.post(
        "/registry/lists/focus-areas", data={"code": "kultur", "name_sv": "K", "name_en": "C"}
    )
    assert "already used" in dup.get_data(as_text=True)
    with app.app_context():
        assert "kultur" in service.active_codes(service.FocusArea)
