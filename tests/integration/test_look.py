"""The look: footer links, search snippets as text, a helpful no-results page, print and
small-screen stylesheets, and the table scroll helper."""

from __future__ import annotations

import re

from sakrad.extensions import db
from tests.portal_factories import _documented, make_world, publish_minutes


def test_footer_links_to_accessibility_privacy_and_contact(client):
    page = client.get("/").text
    footer = page[page.index('<footer class="site-footer">') :]
    for href, label in (
        ("/accessibility", "Tillgänglighetsredogörelse"),
        ("/privacy", "Integritetsmeddelande"),
        ("/contact", "Kontakt"),
    ):
        assert f'<a href="{href}">{label}</a>' in footer


def test_search_snippets_are_text_not_markdown(app, client):
    with app.app_context():
        world = make_world(with_secrets=False)
        meeting = _documented(world.cycle)
        publish_minutes(
            meeting,
            "## Bostadsfrågan\n\n**Deltagarna** diskuterade [bostäder](https://x.se) i *Umeå*.",
        )
        db.session.commit()
    page = client.get("/search", query_string={"q": "bostadsfrågan"}).text
    hit = re.search(r'<li class="search-hit">(.*?)</li>', page, re.S).group(1)
    assert "Deltagarna diskuterade bostäder i Umeå." in hit
    assert "**" not in hit and "##" not in hit and "](" not in hit


def test_no_results_page_suggests_what_to_try(client):
    page = client.get("/search", query_string={"q": "zzzxxqqq"}).text
    assert "Inga träffar" in page
    assert "kontrollera stavningen" in page
    assert 'href="/cycles"' in page


def test_stylesheets_for_print_and_small_screens_are_served(client):
    page = client.get("/").text
    assert 'href="/static/look.css"' in page and 'src="/static/tables.js"' in page
    css = client.get("/static/look.css").get_data(as_text=True)
    assert "@media print" in css and "attr(href)" in css
    assert ".site-header nav" in css.split("@media print", 1)[1]
    assert "@media (max-width: 40rem)" in css


def test_long_meeting_page_has_contents_links_to_its_sections(app, client):
    with app.app_context():
        world = make_world(with_secrets=False)
        meeting_id = world.documented.id
    page = client.get(f"/meetings/{meeting_id}").text
    contents = page[page.index('aria-labelledby="contents-title"') :].split("</nav>", 1)[0]
    for anchor in ("#sessions-and-agenda", "#meeting-invitations-title", "#meeting-minutes-title"):
        assert f'href="{anchor}"' in contents
        assert f'id="{anchor[1:]}"' in page


def test_answer_page_errors_name_the_delegate_and_link_to_the_field(app, client):
    from sakrad.invitations.models import InvitationState
    from tests.invitations_factories import invite, org_with_rep, staff_meeting

    with app.app_context():
        meeting, _user = staff_meeting()
        _invitation, token = invite(meeting, org_with_rep()[0], state=InvitationState.SENT)
    response = client.post(
        f"/answer/{token}",
        data={
            "action": "accept",
            "accept-delegates-0-name": "Karin Berg",
            "accept-delegates-0-email": "karin@example.se",
            "accept-delegates-1-name": "x" * 201,  # too long: a field error
            "accept-delegates-1-email": "omar@example.se",
        },
    )
    assert response.status_code in (200, 400)
    summary = response.text.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert 'href="#accept-delegates-1-name"' in summary
    assert "Ombud 2, namn" in summary


def test_status_tags_are_coloured_by_what_the_state_means(app, client):
    with app.app_context():
        world = make_world(with_secrets=False)
        cycle_id, documented_id = world.cycle.id, world.documented.id
    cycle_page = client.get(f"/cycles/{cycle_id}").text
    assert '<span class="status status-ok">Öppen</span>' in cycle_page  # the open cycle
    assert '<span class="status status-warn">Inställt</span>' in cycle_page  # a cancelled meeting
    assert '<span class="status status-ok">Dokumenterat</span>' in cycle_page
    meeting_page = client.get(f"/meetings/{documented_id}").text
    assert '<span class="status status-ok">Har tackat ja</span>' in meeting_page
    assert '<span class="status status-off">Har tackat nej</span>' in meeting_page
