"""Browser tests: Playwright drives Debian's Chromium against a live server; axe-core scans.

Chromium comes from the system package (`apt-get install chromium`), never from
`playwright install`. Without it the browser tests skip on a developer's machine and fail in
CI (CI=true), so a missing browser can never pass silently there.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from werkzeug.serving import make_server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE_CORE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Without this Chromium keeps trying to resolve Google hosts on a closed network.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]


def pytest_collection_modifyitems(config, items) -> None:
    if CHROMIUM:
        return
    if os.environ.get("CI", "").lower() == "true":
        raise pytest.UsageError("CI=true but no Chromium found: apt-get install -y chromium")
    skip = pytest.mark.skip(reason="no system Chromium (apt-get install chromium) on this machine")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(skip)


def live_app(tmp, **config):
    """The app on a file SQLite database in ``tmp`` (an in-memory one is a single shared
    connection), with the browser tests' settings and an empty schema.

    The schema comes from the models (``create_all``); that the migrations build the same
    schema is checked by tests/integration/test_migrations.py.
    """
    from sakrad import create_app
    from sakrad.extensions import db

    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'live.sqlite'}",
            "WTF_CSRF_ENABLED": True,
            "MAIL_FILE_DIR": str(tmp / "mail"),
            "UPLOAD_DIR": str(tmp / "uploads"),
            "LOGIN_LIMIT_PER_IP": "1000 per minute",
            "LOGIN_LIMIT_PER_ACCOUNT": "1000 per minute",
            **config,
        }
    )
    with app.app_context():
        db.create_all()
    return app


@contextmanager
def serving(app):
    """Serve ``app`` on a free port of 127.0.0.1 from a daemon thread; its address is
    ``LIVE_URL`` in the app's configuration."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config["LIVE_URL"] = f"http://127.0.0.1:{server.server_port}"
    try:
        yield app
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The app seeded with the demo, served."""
    from sakrad.demo.seed import seed
    from sakrad.extensions import db

    app = live_app(tmp_path_factory.mktemp("live"))
    with app.app_context():
        seed()
        db.session.commit()
    with serving(app):
        app.config["PUBLIC_BASE_URL"] = app.config["LIVE_URL"]
        yield app


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    return live_server.config["LIVE_URL"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 1024, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe() -> Axe:
    # axe-core from npm, pinned in tests/browser/package.json (`make install-dev` installs it),
    # not the 4.12.1 that axe-playwright-python bundles: 4.14's colour-contrast rule scans a
    # page of 13 000 elements (a 3 000-organisation probability table) in 2.9 s, not 12.3 s.
    if not AXE_CORE.is_file():
        raise pytest.UsageError(f"{AXE_CORE} is missing: run make install-dev")
    return Axe.from_file(AXE_CORE)


# Documents axe found clean in this worker (see A11y.violations).
_CLEAN: set[tuple] = set()
DOCUMENT = """() => [location.href, window.innerWidth, window.innerHeight,
  document.documentElement.outerHTML]"""


def _document_key(page) -> tuple:
    url, width, height, html = page.evaluate(DOCUMENT)
    return url, width, height, hashlib.sha256(html.encode()).hexdigest()


class A11y:
    """Runs axe on the current page and records which pages were scanned."""

    def __init__(self, axe: Axe) -> None:
        self.axe = axe
        self.scanned: list[str] = []

    def violations(self, page) -> list[dict]:
        # The same document (address, width and the whole DOM as it stands) scanned before in
        # this worker passed then and passes now: axe's result depends on nothing else.
        key = _document_key(page)
        if key in _CLEAN:
            return []
        # axe is injected once per document, so a second scan of the same page (at another
        # width) does not send and compile the 570 kB script again.
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(self.axe.axe_script)
        found = page.evaluate(
            "options => axe.run(document, options).then(r => r.violations)", AXE_OPTIONS
        )
        if not found:
            _CLEAN.add(key)
        return found

    def check(self, page) -> None:
        found = self.violations(page)
        self.scanned.append(page.url)
        details = [
            f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
            for v in found
        ]
        assert not found, f"axe violations on {page.url}:\n" + "\n".join(details)


@pytest.fixture
def a11y(axe) -> A11y:
    return A11y(axe)


def tab_to(page, selector: str, max_presses: int = 60) -> None:
    """Press Tab until the element matching ``selector`` has focus: proves keyboard reach."""
    target = page.locator(selector).first
    target.wait_for(state="attached")
    # Pressing Tab does not navigate, so the element found once is the one to reach: asking it
    # directly costs one round trip, where the locator resolves the selector again each time.
    element = target.element_handle()
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        if element.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"could not reach {selector} with the keyboard")


def press_to_navigate(page, key: str = "Enter") -> None:
    """Press ``key`` on the focused button or link and wait for the page it leads to.

    ``wait_for_load_state`` after the press can return at once, on the page still shown (it
    is loaded), before the navigation begins; a script on that page may then already say
    what the next page will (the job page's polling does), so the test would read the old one.
    """
    with page.expect_navigation():
        page.keyboard.press(key)


def type_datetime(page, selector: str, value: datetime) -> None:
    """Chromium's datetime-local takes month, day, year, then (after →) hour, minute, AM/PM."""
    tab_to(page, selector)
    page.keyboard.type(value.strftime("%m%d%Y"))
    page.keyboard.press("ArrowRight")
    page.keyboard.type(value.strftime("%I%M"))
    page.keyboard.type("A" if value.hour < 12 else "P")
    assert page.input_value(selector) == value.strftime("%Y-%m-%dT%H:%M")


def keyboard_login(page, email: str, password: str) -> None:
    """Log in from the current page using the keyboard only."""
    tab_to(page, "a[href='/login']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/login")
    tab_to(page, "#email")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_url("**/dashboard/")


def keyboard_switch_language(page, to: str) -> None:
    label = "English" if to == "en" else "Svenska"
    tab_to(page, f".lang-switch a:text-is('{label}')")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"html[lang='{to}']")
