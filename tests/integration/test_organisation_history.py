"""The public organisation page shows when its profile was published and what changed in
public fields, never the contact email."""

from __future__ import annotations

from sakrad.extensions import db
from sakrad.organisations import service


def _profile(**changes):
    raw = {
        "name": "Föreningen Historik",
        "org_number": "",
        "form": "ideell_forening",
        "county": "01",
        "municipality": "",
        "size": "21-100",
        "website": "https://historik.example.se",
        "description": "Första beskrivningen",
        "description_en": "",
        "contact_email": "hemlig-kontakt@historik.example.se",
        "language": "sv",
        "focus_areas": [],
        "target_groups": [],
    }
    raw.update(changes)
    return raw


def test_profile_changes_appear_in_the_public_history(app, client):
    with app.app_context():
        org = service.create_organisation(_profile())
        db.session.commit()
        service.update_profile(
            org,
            _profile(
                description="Andra beskrivningen", contact_email="ny-hemlig@historik.example.se"
            ),
            version=org.version_id,
        )
        db.session.commit()
        slug = org.slug
    page = client.get(f"/organisations/{slug}")
    assert page.status_code == 200
    text = page.text
    assert "Ändringshistorik" in text or "Change history" in text
    assert "Första beskrivningen" in text  # the old value, shown as replaced
    assert "Andra beskrivningen" in text
    assert "hemlig" not in text
