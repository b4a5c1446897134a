"""The published minutes download as a PDF that a PDF reader opens (parsed with pypdf)."""

from __future__ import annotations

import io

from pypdf import PdfReader

from sakrad.pdf import MinutesDocument, blocks, render_minutes_pdf
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


def test_one_renderer_draws_tables_and_both_callers_get_pdf_a(app, client):
    """The download and the archival package render the same document with the same code:
    PDF/A-2B with the embedded font, the meeting's facts first, Markdown tables as tables."""
    from sakrad.extensions import db
    from sakrad.meetings.models import Meeting
    from sakrad.portal.minutes import published_minutes
    from sakrad.portal.minutes_pdf import publication_document

    with app.app_context():
        world = make_world()
        meeting_id = world.documented.id
    download = client.get(f"/meetings/{meeting_id}/minutes.pdf").data
    assert b"pdfaid:part" in download and b"FontFile2" in download  # embedded TrueType
    with app.test_request_context():
        meeting = db.session.get(Meeting, meeting_id)
        revision, publication = published_minutes(meeting)
        archived = render_minutes_pdf(
            publication_document(meeting, revision, publication), archival=True
        )
    assert b"pdfaid:part" in archived
    assert _text(archived) == _text(download)

    table = "| Fråga | Ansvar |\n|---|---|\n| Etablering | AF |\n| Boende | Boverket |"
    assert blocks(f"Före.\n{table}\nEfter.") == [
        ("p", "Före."),
        ("table", [["Fråga", "Ansvar"], ["Etablering", "AF"], ["Boende", "Boverket"]]),
        ("p", "Efter."),
    ]
    text = _text(
        render_minutes_pdf(
            MinutesDocument(
                title="Sakråd",
                facts=[("Sammankallande", "Integrationsdepartementet")],
                minutes_heading="Minnesanteckningar",
                minutes_markdown=table,
            )
        )
    )
    assert text.index("Integrationsdepartementet") < text.index("Minnesanteckningar")
    assert "Boverket" in text and "---" not in text and "|" not in text
