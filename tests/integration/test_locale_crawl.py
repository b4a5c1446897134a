"""Every page each demo role reaches speaks one language: no English on a Swedish page, no
Swedish on an English page, no raw enum codes, and dates in the language's own format.

The crawl follows links from the start pages over the demo data with the test client (one
page per URL pattern), so a page added later is covered without anyone listing it. What
counts as "interface" is taken from the catalogs: a whole text node (or a label attribute)
that is exactly an English msgid on a Swedish page was not translated; exactly a Swedish
msgstr on an English page leaked from the other catalog. Demo content (names of
organisations, titles) is free text and never equal to a whole catalog entry by accident,
because entries shorter than two words or shared by both languages are left out.
"""

from __future__ import annotations

import enum
import importlib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from babel.messages.pofile import read_po

from sakrad import create_app
from sakrad.demo.seed import DEMO_PASSWORD
from sakrad.extensions import db

ROLES = {
    "anonymous": None,
    "org_rep": "foretradare@demo.sakrad.se",
    "civil_servant": "handlaggare@demo.sakrad.se",
    "admin": "admin@demo.sakrad.se",
}
START = ["/", "/dashboard/", "/login", "/register"]
SKIP = re.compile(
    r"^/(logout|language/)|\.(ics|json|csv|atom|xml|pdf|txt|eml|odt|docx|xlsx)$"
    r"|/download|/export|/documents/\d+/|/api/|/feeds/|/calendar|/pdf$"
)
MAX_PAGES = 150
TRANSLATIONS = Path(__file__).resolve().parents[2] / "sakrad" / "translations"

# Words that give an untranslated Swedish page away even outside the catalog.
ENGLISH_WORDS = re.compile(
    r"\b(required|queued|sending|Draft|Announced|Submitted|Accepted|Declined|Log in|"
    r"Save|Cancel|Search|Home|Back|Edit|Delete|Yes|No)\b|\d{1,2}:\d{2}\s?[AP]M\b"
)
# And the reverse: Swedish interface words on an English page.
SWEDISH_WORDS = re.compile(
    r"\b(obligatoriskt|Logga in|Logga ut|Spara|Avbryt|Sök|Startsida|Tillbaka|Ändra|"
    r"Ta bort|Utkast|Skickat|Mina sidor|Öppen|Stängd)\b"
)
US_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2}\b")  # 5/16/17
ARROW_CODE = re.compile(r"\b[a-z_]{3,}\s*→\s*[a-z_]{3,}\b")  # draft → open
KEY_VALUE_CODE = re.compile(r"\b[a-z]+_[a-z_]+=[a-z_]+\b")  # county_group=national
DOTTED_CODE = re.compile(r"[a-z]+(\.[a-z_]+)+")  # cycle.open, user.logged_in
MODEL_NAME = re.compile(r"[A-Z][a-z]+[A-Z][A-Za-z]+( \d+)?")  # ConveningBody 3


def _catalog(lang: str):
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def _interface_strings() -> tuple[set[str], set[str]]:
    """(English msgids, Swedish msgstrs) that differ between the languages."""
    english, swedish = set(), set()
    for message in _catalog("sv"):
        if not message.id or isinstance(message.id, tuple | list) or "%(" in message.id:
            continue
        sv = message.string
        if not sv or sv.strip().lower() == message.id.strip().lower():
            continue
        if len(message.id.split()) >= 2:
            english.add(message.id.strip())
        if len(sv.split()) >= 2:
            swedish.add(sv.strip())
    return english, swedish - english


def _enum_codes() -> set[str]:
    """Stored values of the domain enums that are codes, not words (draft, sent_back ...)."""
    codes = set()
    for package in (
        "accounts",
        "cycles",
        "meetings",
        "proposals",
        "selection",
        "invitations",
        "minutes",
        "organisations",
        "mail",
    ):
        module = importlib.import_module(f"sakrad.{package}.models")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, enum.Enum) and value is not enum.Enum:
                for member in value:
                    if isinstance(member.value, str) and re.fullmatch(r"[a-z_]{4,}", member.value):
                        codes.add(member.value)
    return codes


class _Text(HTMLParser):
    """Visible text nodes and label attributes, leaving out other-language passages."""

    SKIP_TAGS = {"script", "style", "code", "pre", "textarea", "template"}
    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area"}

    def __init__(self, lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.stack: list[tuple[str, bool]] = []
        self.nodes: list[str] = []
        self.links: list[str] = []

    def _skipping(self) -> bool:
        return any(skip for _, skip in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        other_lang = attrs.get("lang") not in (None, self.lang) and tag != "html"
        skip = tag in self.SKIP_TAGS or other_lang or "data-content" in attrs
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if not (skip or self._skipping()):
            for name in ("aria-label", "title", "placeholder", "alt"):
                if attrs.get(name):
                    self.nodes.append(attrs[name].strip())
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.nodes.append(attrs["value"].strip())
        if tag not in self.VOID:
            self.stack.append((tag, skip))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self._skipping():
            self.nodes.append(text)


def pattern(path: str) -> str:
    path = re.sub(r"/\d+", "/{id}", path)
    return re.sub(r"(/o|/organisations|/cycles|/meetings)/[a-z0-9-]+(?=/|$)", r"\1/{slug}", path)


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory):
    from sakrad.demo.seed import seed

    tmp = tmp_path_factory.mktemp("locale")
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'demo.sqlite'}",
            "WTF_CSRF_ENABLED": False,
            "MAIL_FILE_DIR": None,
            "UPLOAD_DIR": str(tmp / "uploads"),
            "LOGIN_LIMIT_PER_IP": "1000 per minute",
            "LOGIN_LIMIT_PER_ACCOUNT": "1000 per minute",
        }
    )
    with app.app_context():
        db.create_all()
        seed()
        db.session.commit()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def crawl(client, lang: str) -> dict[str, list[str]]:
    """path -> text nodes of every HTML page reached (one per URL pattern)."""
    seen: set[str] = set()
    queue = list(START)
    pages: dict[str, list[str]] = {}
    while queue and len(pages) < MAX_PAGES:
        path = queue.pop(0)
        key = pattern(urlsplit(path).path)
        if key in seen or SKIP.search(urlsplit(path).path):
            continue
        seen.add(key)
        response = client.get(path)
        assert response.status_code < 500, f"{path} answered {response.status_code}"
        if "text/html" not in response.content_type:
            continue
        parser = _Text(lang)
        parser.feed(response.get_data(as_text=True))
        pages[path] = parser.nodes
        for href in parser.links:
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target.startswith("/") and pattern(parts.path) not in seen:
                queue.append(target)
    return pages


def problems(pages: dict[str, list[str]], lang: str) -> list[str]:
    english, swedish = _interface_strings()
    codes = _enum_codes()
    foreign = english if lang == "sv" else swedish
    words = ENGLISH_WORDS if lang == "sv" else SWEDISH_WORDS
    found = []
    for path, nodes in pages.items():
        for node in nodes:
            bare = node.strip(" ()[]:·–-")
            why = None
            if node in foreign or bare in foreign:
                why = "interface string of the other language"
            elif words.search(node):
                why = f"word {words.search(node).group(0)!r}"
            elif bare in codes:
                why = "raw enum code"
            elif ARROW_CODE.search(node) or KEY_VALUE_CODE.search(node):
                why = "internal code"
            elif DOTTED_CODE.fullmatch(node) or MODEL_NAME.fullmatch(node):
                why = "internal name"
            elif US_DATE.search(node):
                why = "US date format"
            if why:
                found.append(f"{path}: {node!r} ({why})")
    return sorted(set(found))


def _login(client, email: str) -> None:
    response = client.post("/login", data={"email": email, "password": DEMO_PASSWORD})
    assert response.status_code in (302, 303), f"demo login failed for {email}"


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("role", list(ROLES))
def test_pages_speak_one_language(demo_app, role, lang):
    client = demo_app.test_client()
    client.get(f"/language/{lang}?next=/")
    if ROLES[role]:
        _login(client, ROLES[role])
    pages = crawl(client, lang)
    assert "/" in pages and len(pages) > 5
    found = problems(pages, lang)
    assert not found, f"{len(found)} problems in {lang} for {role}:\n" + "\n".join(found[:80])


def test_the_checker_catches_what_it_looks_for():
    """A checker that finds nothing on a bad page proves nothing about the good ones."""
    bad_sv = {
        "/x": ["Namn (required)", "queued", "draft", "Status draft → open", "5/16/17, 1:00 PM"]
    }
    assert len(problems(bad_sv, "sv")) == 5
    bad_en = {"/x": ["Logga in", "county_group=national", "user.logged_in", "ConveningBody 3"]}
    assert len(problems(bad_en, "en")) == 4
    parser = _Text("sv")
    parser.feed('<p>Ja</p><a lang="en" href="/language/en">English</a><script>var x</script>')
    assert parser.nodes == ["Ja"]
