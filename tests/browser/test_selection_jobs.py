"""A civil servant starts a preview on a pool of 3 000 organisations, watches the progress page
update without JavaScript (its Refresh header) and with it (polling the JSON endpoint), cancels
that run, starts another and confirms it. Every page is scanned with axe, in Swedish and
English.

This module has a live server of its own: jobs run in a background thread of the app process,
as in development (``make run``), not eagerly as in the shared live server."""

from __future__ import annotations

import re

import pytest

from sakrad.demo.seed import DEMO_PASSWORD
from sakrad.selection.engine import leximin
from tests.browser.conftest import (
    keyboard_login,
    keyboard_switch_language,
    live_app,
    press_to_navigate,
    serving,
    tab_to,
)

pytestmark = pytest.mark.browser

WAIT_MS = 120_000


@pytest.fixture(scope="module")
def job_server(tmp_path_factory):
    from sakrad.demo.seed import seed
    from sakrad.extensions import db
    from sakrad.selection.demo import demo_meeting
    from tests.selection_factories import make_big_pool

    app = live_app(
        tmp_path_factory.mktemp("jobs-live"),
        JOB_RUN_EAGERLY=False,
        JOB_QUEUE_URL=None,
        SELECTION_TIME_BUDGET=45.0,
    )
    with app.app_context():
        seed()
        db.session.commit()
        meeting = demo_meeting()
        # The demo's 30 plus 2 970 from a national call for interest.
        make_big_pool(meeting, 2970)
        meeting_id = meeting.id

    # The runs must outlast this test's steps (progress, polling, cancel). Peeling (engine 1.2)
    # completes this pool's leximin in seconds; column generation alone, the engine's other
    # path (``benchmarks/selection.py --no-peel``), uses the whole budget here, as before.
    peel = leximin.PEEL
    leximin.PEEL = False
    try:
        with serving(app):
            yield app, meeting_id
    finally:
        leximin.PEEL = peel


def _context(browser, app, *, javascript: bool):
    context = browser.new_context(
        base_url=app.config["LIVE_URL"],
        viewport={"width": 1024, "height": 800},
        java_script_enabled=javascript,
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    return context, page


def _wait_for_text_change(page, before: str) -> None:
    for _ in range(WAIT_MS // 500):
        try:
            now = page.locator("[data-text=time]").inner_text(timeout=5_000)
            if now != before:
                return
        except Exception:
            pass
        page.wait_for_timeout(500)
    raise AssertionError(f"the progress page never changed from {before!r}")


def _start_preview(page, setup: str, *, refresh: bool) -> str:
    """Start a preview with seats 40 and quotas on every county, form and size (several
    hundred types, so the run outlasts its budget), posted with the page's own CSRF token:
    filling 33 quota rows by keyboard is tests/browser/test_selection.py's journey."""
    from tests.selection_factories import big_pool_quotas

    page.goto(setup)
    data = {
        "csrf_token": page.locator("input[name=csrf_token]").first.input_value(),
        "seats": "40",
        "algorithm": "leximin",
        "run_preview": "Preview",
    }
    for n, (group, low, high) in enumerate(big_pool_quotas()):
        data[f"quotas-{n}-group"] = group
        data[f"quotas-{n}-min"] = str(low)
        data[f"quotas-{n}-max"] = "" if high is None else str(high)
    response = page.request.post(setup, form=data, max_redirects=0)
    assert response.status == 303, response.text()[:2000]
    location = response.headers["location"]
    assert re.search(r"/selection/jobs/\d+$", location), location
    shown = page.goto(location)
    # The Refresh header only for a browser whose script has not said that it polls.
    assert bool(shown.headers.get("refresh")) == refresh
    return page.url


def test_progress_cancel_and_confirm_on_a_pool_of_3000(browser, a11y, job_server):
    app, meeting_id = job_server
    setup = f"/manage/meetings/{meeting_id}/selection"

    # Without JavaScript: the page reloads itself (Refresh header) and shows the time move on.
    context, page = _context(browser, app, javascript=False)
    page.goto("/login")
    page.fill("#email", "handlaggare@demo.sakrad.se")
    page.fill("#password", DEMO_PASSWORD)
    page.press("#password", "Enter")
    page.wait_for_url("**/dashboard/")
    page.goto(setup)
    assert "3000 organisationer" in page.locator("main").inner_text().replace("\u00a0", "")
    first = _start_preview(page, setup, refresh=True)
    assert page.locator("progress").count() == 2
    assert page.locator("#job-status").get_attribute("data-state") == "running"
    before = page.locator("[data-text=time]").inner_text()
    _wait_for_text_change(page, before)  # only the Refresh header's reload can change it
    assert page.locator("#job-status").get_attribute("data-polls") is None  # no script ran
    context.close()

    # With JavaScript: the same page polls its JSON endpoint and updates in place.
    context, page = _context(browser, app, javascript=True)
    page.goto("/")
    keyboard_login(page, "handlaggare@demo.sakrad.se", DEMO_PASSWORD)
    page.goto(setup)  # its script notes that this browser polls
    page.goto(first)
    page.evaluate("window.__samePage = true")
    before = page.locator("[data-text=time]").inner_text()
    page.wait_for_function(
        "t => Number(document.querySelector('#job-status').dataset.polls || 0) >= 2"
        " && document.querySelector('[data-text=time]').textContent !== t",
        arg=before,
        timeout=WAIT_MS,
    )
    assert page.evaluate("window.__samePage === true")  # updated without a reload
    a11y.check(page)

    # Cancel that run, by keyboard.
    tab_to(page, "#job-cancel")
    press_to_navigate(page)
    assert page.locator("#job-status").get_attribute("data-state") == "cancelled"
    assert page.locator("#job-retry").count() == 1
    a11y.check(page)

    # English: another run, watched to its end, then confirmed.
    keyboard_switch_language(page, "en")
    second = _start_preview(page, setup, refresh=False)
    assert second != first
    assert "Covering the pool" in page.locator("#job-status").inner_text() or (
        "Waiting" in page.locator("#job-status").inner_text()
    )
    a11y.check(page)
    page.wait_for_selector("#preview-title", timeout=WAIT_MS)  # the script reloads when done
    assert page.locator("svg[role=img] title").count() > 0
    a11y.check(page)
    # The confirming run only has to finish: let it peel (seconds, where column generation
    # alone takes its whole budget again). The fixture puts the module's setting back.
    leximin.PEEL = True
    # The demo's registration of interest is still open: close it now to confirm.
    tab_to(page, "#close_interest", max_presses=400)
    page.keyboard.press("Space")
    tab_to(page, "#job-confirm")
    page.keyboard.press("Enter")
    # The check page says what will happen; the tick to close the registration came along.
    page.wait_for_selector("h1:text-is('Check before confirming the selection')")
    assert page.locator("#close_interest").is_checked()
    a11y.check(page)
    tab_to(page, "main button[type=submit]:text-is('Confirm the selection')")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=The selection is confirmed and frozen.", timeout=WAIT_MS)
    assert re.search(r"/selection/\d+$", page.url)
    assert page.locator("main ol").first.locator("li").count() == 40
    a11y.check(page)
    keyboard_switch_language(page, "sv")
    a11y.check(page)
    context.close()
