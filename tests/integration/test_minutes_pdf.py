"""The published minutes download as a PDF that a PDF reader opens (parsed with pypdf)."""

from __future__ import annotations

import io

from pypdf import PdfReader

from sakrad.minutes.pdf import MinutesDocument, blocks, render_minutes_pdf
from tests.portal_factories import make_world


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 1
    return "\n".join(page.extract_text() for page in reader.pages)


def test_published_minutes_download_as_a_pdf_with_the_meetings_facts(app, client):
    with app.app_context():
        world = make_world()
        meeting_id = world.documented.id
    page = client.get(f"/meetings/{meeting_id}").text
    assert f"/meetings/{meeting_id}/minutes.pdf" in page
    response = client.get(f"/meetings/{meeting_id}/minutes.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    text = _text(response.data)
    assert "Högnivåmöte om integration" in text
    assert "Integrationsdepartementet" in text
    assert "deltagarna diskuterade etablering" in text
    assert "Vi tar med inspelen." in text  # the published outcome
    assert "Hela Sverige ska leva Gotland" in text  # attended
    assert "Föreningen Mångfald i Malmö" not in text  # declined: not among those who attended


def test_no_pdf_without_published_minutes(app, client):
    with app.app_context():
        world = make_world()
        announced = world.meeting.id
    assert client.get(f"/meetings/{announced}/minutes.pdf").status_code == 404
    assert client.get("/meetings/999999/minutes.pdf").status_code == 404


def test_markdown_becomes_plain_structure_and_odd_characters_survive():
    assert blocks("# Rubrik\n\nEtt **fett** ord och [länk](https://x.se).\n\n- punkt") == [
        ("h", "Rubrik"),
        ("p", "Ett fett ord och länk (https://x.se)."),
        ("li", "punkt"),
    ]
    data = render_minutes_pdf(
        MinutesDocument(
            title="Sakråd – ”citat” … ok",
            facts=[("När", "16 maj 2017 13:00")],
            minutes_heading="Minnesanteckningar",
            minutes_markdown="Åsa och Öznur talade.\n" * 200,  # several pages
        )
    )
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) > 1
    assert "Åsa och Öznur" in reader.pages[0].extract_text()
