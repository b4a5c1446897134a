"""No server error on bad input, anywhere.

- every integer-id route, with 2^31 (past PostgreSQL's INTEGER) and 10^20 (past SQLite's
  64 bits), answers 404; the list of routes comes from ``app.url_map``;
- every form the demo roles reach (found by crawling their pages) is posted once with each
  field missing and once with a NUL byte in each field: never a 500, and the NUL is a 400;
- a NUL byte in a query string is a 400 with a message.
"""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

import pytest

from sakrad import create_app
from sakrad.demo.seed import DEMO_PASSWORD
from sakrad.extensions import db
from tests.conftest import IS_POSTGRES, TEST_DATABASE_URL, _empty_tables

ROLES = ("admin@demo.sakrad.se", "handlaggare@demo.sakrad.se", "foretradare@demo.sakrad.se", None)
START = ("/dashboard/", "/manage/cycles/", "/admin/users", "/registry/", "/my/organisations/", "/")
SKIP = re.compile(
    r"^/(static|api|language|logout|answer)\b|\.(ics|csv|json|xml|atom|pdf|svg)$|/download|/file"
)
PAGES_PER_PATTERN = 2
MAX_PAGES = 300


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("badinput")
    url = TEST_DATABASE_URL if IS_POSTGRES else f"sqlite:///{tmp / 'demo.sqlite'}"
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": url,
            "WTF_CSRF_ENABLED": False,
            "MAIL_FILE_DIR": None,
            "UPLOAD_DIR": str(tmp / "uploads"),
            "RATELIMIT_STORAGE_URI": "memory://",
            "LOGIN_LIMIT_PER_IP": "10000 per minute",
            "LOGIN_LIMIT_PER_ACCOUNT": "10000 per minute",
            "REGISTER_LIMIT_PER_IP": "10000 per minute",
        }
    )
    from sakrad.demo.seed import seed

    with app.app_context():
        db.create_all()
        seed()
        db.session.commit()
    yield app
    if IS_POSTGRES:
        _empty_tables(app)
    else:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _client(app, email: str | None):
    client = app.test_client()
    if email:
        response = client.post("/login", data={"email": email, "password": DEMO_PASSWORD})
        assert response.status_code == 303, email
    return client


# --------------------------------------------------------------------------- integer ids


def _int_rules(app):
    for rule in app.url_map.iter_rules():
        ints = [name for name, conv in rule._converters.items() if conv.regex == r"\d+"]
        if ints:
            yield rule, ints


def _build(rule, ints: list[str], number: int) -> str:
    path = rule.rule
    for name in rule._converters:
        value = str(number) if name in ints else "x"
        path = re.sub(rf"<(?:[^:<>]+:)?{name}>", value, path)
    return path


def test_the_integer_routes_are_found(demo_app):
    rules = [r.rule for r, _ in _int_rules(demo_app)]
    assert "/meetings/<int:meeting_id>" in rules
    assert any(r.startswith("/api/") for r in rules)
    assert len(rules) > 40


@pytest.mark.parametrize("number", [2**31, 10**20])
def test_every_integer_id_route_answers_404_for_out_of_range_ids(demo_app, number):
    client = _client(demo_app, ROLES[0])
    problems = []
    for rule, ints in _int_rules(demo_app):
        path = _build(rule, ints, number)
        method = "GET" if "GET" in rule.methods else "POST"
        response = client.open(path, method=method)
        if response.status_code != 404:
            problems.append((method, path, response.status_code))
    assert problems == []


def test_the_largest_id_still_reaches_the_view(demo_app):
    client = _client(demo_app, None)
    # 2^31 - 1 is a valid id that does not exist: the view answers 404, not a server error.
    assert client.get(f"/meetings/{2**31 - 1}").status_code == 404


# --------------------------------------------------------------------------- NUL in queries


@pytest.mark.parametrize(
    "path", ["/organisations?q=%00", "/search?q=a%00b", "/api/v1/organisations?q=%00", "/?x%00=1"]
)
def test_nul_in_the_query_is_a_400_with_a_message(demo_app, path):
    response = _client(demo_app, None).get(path)
    assert response.status_code == 400
    assert "NUL" in response.text


def test_nul_in_a_form_is_a_400_in_english_too(demo_app):
    client = _client(demo_app, None)
    client.get("/language/en")
    response = client.post("/register", data={"email": "a\x00@example.se"})
    assert response.status_code == 400
    assert "NUL character" in response.text


# --------------------------------------------------------------------------- every form


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self.links: list[str] = []
        self._form: dict | None = None
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {
                "method": (a.get("method") or "get").lower(),
                "action": a.get("action") or "",
                "enctype": a.get("enctype") or "",
                "fields": {},
                "files": [],
            }
            self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            name = a["name"]
            if kind == "file":
                self._form["files"].append(name)
            elif kind in ("checkbox", "radio"):
                if "checked" in a or name not in self._form["fields"]:
                    self._form["fields"].setdefault(name, a.get("value", "on"))
                    if "checked" in a:
                        self._form["fields"][name] = a.get("value", "on")
            elif kind not in ("submit", "button", "reset"):
                self._form["fields"][name] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form["fields"][a["name"]] = ""
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if "selected" in a or self._select not in self._form["fields"]:
                self._form["fields"][self._select] = value

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["fields"][self._textarea] += data


def _pattern(path: str) -> str:
    return re.sub(r"\d+", "N", urlsplit(path).path)


def _crawl(client) -> list[tuple[str, dict]]:
    """(page, form) for every distinct form on the pages this client reaches."""
    seen_pattern: dict[str, int] = {}
    queue = deque(START)
    visited: set[str] = set()
    forms: dict[tuple, tuple[str, dict]] = {}
    while queue and len(visited) < MAX_PAGES:
        path = queue.popleft()
        if path in visited or SKIP.search(urlsplit(path).path):
            continue
        pattern = _pattern(path)
        if seen_pattern.get(pattern, 0) >= PAGES_PER_PATTERN:
            continue
        seen_pattern[pattern] = seen_pattern.get(pattern, 0) + 1
        visited.add(path)
        response = client.get(path)
        assert response.status_code < 500, path
        if response.status_code != 200 or "text/html" not in response.content_type:
            continue
        parser = _Forms()
        parser.feed(response.text)
        for link in parser.links:
            parts = urlsplit(link)
            if not parts.netloc and link.startswith("/"):
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
        for form in parser.forms:
            action = form["action"] or urlsplit(path).path
            if SKIP.search(urlsplit(action).path):
                continue
            key = (form["method"], _pattern(action), tuple(sorted(form["fields"])))
            forms.setdefault(key, (action, form))
    return list(forms.values())


def _send(client, form: dict, action: str, data: dict):
    if form["method"] == "get":
        return client.get(f"{action.split('?')[0]}?{urlencode(data)}")
    return client.post(action, data=data)


@pytest.mark.parametrize("role", ROLES)
def test_every_form_with_a_missing_field_or_a_nul_byte_gives_no_server_error(demo_app, role):
    client = _client(demo_app, role)
    forms = _crawl(client)
    assert len(forms) >= 5, "the crawl found almost no forms"
    problems = []
    # NUL first: every such request is refused before a view runs, so nothing changes.
    for action, form in forms:
        for name in form["fields"]:
            if name == "csrf_token":
                continue
            data = dict(form["fields"], **{name: "x\x00y"})
            status = _send(client, form, action, data).status_code
            if status != 400:
                problems.append(("nul", form["method"], action, name, status))
    for action, form in forms:
        for name in form["fields"]:
            if name == "csrf_token":
                continue
            data = {k: v for k, v in form["fields"].items() if k != name}
            status = _send(client, form, action, data).status_code
            if status >= 500:
                problems.append(("missing", form["method"], action, name, status))
    assert problems == []


def test_meeting_edit_without_participating_bodies_is_a_field_error(demo_app):
    client = _client(demo_app, ROLES[1])
    page = client.get("/manage/cycles/")
    meeting_ids = re.findall(r"/manage/meetings/(\d+)", page.text)
    if not meeting_ids:
        cycle = re.findall(r"/manage/cycles/(\d+)", page.text)[0]
        meeting_ids = re.findall(
            r"/manage/meetings/(\d+)", client.get(f"/manage/cycles/{cycle}").text
        )
    for meeting_id in meeting_ids:
        form_page = client.get(f"/manage/meetings/{meeting_id}/edit")
        if form_page.status_code == 200 and 'name="participating_bodies"' in form_page.text:
            break
    else:
        pytest.fail("no editable meeting in the demo")
    parser = _Forms()
    parser.feed(form_page.text)
    form = next(f for f in parser.forms if "participating_bodies" in f["fields"])
    data = {k: v for k, v in form["fields"].items() if k != "participating_bodies"}
    response = client.post(f"/manage/meetings/{meeting_id}/edit", data=data)
    assert response.status_code == 200
    assert 'id="participating_bodies-error"' in response.text
