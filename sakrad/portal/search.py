"""Full-text search over the public portal, one interface on SQLite and PostgreSQL.

Public data is copied into one index table, ``search_documents`` (one row per public
meeting, published proposal, published minutes and active organisation), by this module
only: session events mark what a transaction changed and the index is rebuilt for those
entities just before the commit, so the index commits with the change or not at all.
``flask sakrad search-reindex`` rebuilds everything (after bulk loads or a migration).

The text index itself is dialect specific and created here, outside the ORM:

- SQLite: an FTS5 table ``search_fts`` whose rowid is the document's id;
- PostgreSQL: a generated ``tsvector`` column with the ``swedish`` configuration and a
  GIN index on it.

Only public data enters the index (see ``sakrad.portal.search_sources``), so a search
cannot find a draft even by its exact title.
"""

from __future__ import annotations

import hashlib
import re
import weakref
from dataclasses import dataclass
from typing import cast

import sqlalchemy as sa
from flask import has_app_context
from sqlalchemy.orm import Mapped, Session, mapped_column

from sakrad.db import Now, utcnow
from sakrad.extensions import Model, db

PAGE_SIZE = 20
MAX_COUNT = 1000
DOC_TYPES = ("meeting", "minutes", "proposal", "organisation")


class SearchDocument(Model):
    __tablename__ = "search_documents"
    __table_args__ = (
        sa.UniqueConstraint("doc_type", "entity_id"),
        sa.Index("ix_search_documents_filters", "year", "convening_body_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_type: Mapped[str] = mapped_column(sa.String(20))
    entity_id: Mapped[int] = mapped_column()
    # A stable path on this site ("/meetings/12"), joined to the base URL where needed.
    url: Mapped[str] = mapped_column(sa.String(300))
    title: Mapped[str] = mapped_column(sa.String(400))
    title_en: Mapped[str | None] = mapped_column(sa.String(400))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    year: Mapped[int | None] = mapped_column()
    convening_body_id: Mapped[int | None] = mapped_column()
    policy_area: Mapped[str | None] = mapped_column(sa.String(200))
    kind: Mapped[str | None] = mapped_column(sa.String(32))
    status: Mapped[str | None] = mapped_column(sa.String(32))
    # Space-delimited county codes (" 01 12 "), so "LIKE '% 12 %'" filters by county.
    counties: Mapped[str] = mapped_column(sa.String(200), default=" ")
    # The filter values as index tokens ("xyear2031 xtypemeeting ..."): the text index then
    # answers words and filters in one lookup, without scanning the matches of a common word.
    facets: Mapped[str] = mapped_column(sa.Text, default="")
    updated_at: Mapped[Now]


def _search_table() -> sa.Table:
    """The index table (a ``Table``: created, filled and matched directly, outside the ORM)."""
    return cast(sa.Table, SearchDocument.__table__)


# --- the dialect-specific text index ---------------------------------------------------

_ready: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

SQLITE_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, body, facets, tokenize = 'unicode61 remove_diacritics 2')"
)
POSTGRES_DDL = (
    "ALTER TABLE search_documents ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('swedish', coalesce(title, '') || ' ' || coalesce(title_en, '')), 'A')"
    " || setweight(to_tsvector('swedish', coalesce(body, '')), 'B')"
    " || to_tsvector('simple', coalesce(facets, ''))) STORED",
    "CREATE INDEX IF NOT EXISTS ix_search_documents_tsv ON search_documents USING GIN (tsv)",
)


def _dialect() -> str:
    return db.engine.dialect.name


def _index_exists(conn: sa.Connection) -> bool:
    if conn.dialect.name == "sqlite":
        sql = "SELECT 1 FROM sqlite_master WHERE name = 'search_fts'"
    elif conn.dialect.name == "postgresql":
        sql = (
            "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = 'search_documents' AND column_name = 'tsv'"
        )
    else:
        return True
    return conn.execute(sa.text(sql)).first() is not None


def _create_index(conn: sa.Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(sa.text(SQLITE_DDL))
    elif conn.dialect.name == "postgresql":
        for ddl in POSTGRES_DDL:
            conn.execute(sa.text(ddl))


def ensure_schema(conn: sa.Connection | None = None) -> None:
    """Create the text index if it is missing (checked once per engine and process).

    Without ``conn`` it commits on a connection of its own (call it when no transaction of
    the session is open, e.g. at the start of a request). With ``conn`` the DDL joins that
    transaction: used before writing the index, where another connection would wait for
    the session's own write lock.
    """
    engine = db.engine
    if _ready.get(engine):
        return
    if conn is not None:
        if sa.inspect(conn).has_table("search_documents") and _index_exists(conn):
            _ready[engine] = True
            return
        _search_table().create(bind=conn, checkfirst=True)
        _create_index(conn)
        return  # marked ready by a later check, once this transaction has committed
    with engine.begin() as own:
        _search_table().create(bind=own, checkfirst=True)
        if not _index_exists(own):
            _create_index(own)
    _ready[engine] = True


# --- writing the index -------------------------------------------------------------------


def write_documents(
    conn: sa.Connection, doc_type: str, entity_ids: list[int] | None, rows: list[dict]
) -> None:
    """Replace the documents of ``entity_ids`` (None: every one of the type) with ``rows``."""
    table = _search_table()
    sqlite = conn.dialect.name == "sqlite"
    where = table.c.doc_type == doc_type
    if entity_ids is not None:
        where = sa.and_(where, table.c.entity_id.in_(entity_ids))
    if sqlite:
        old_ids = sa.select(table.c.id).where(where)
        conn.execute(sa.text(f"DELETE FROM search_fts WHERE rowid IN ({_compile(conn, old_ids)})"))
    conn.execute(table.delete().where(where))
    if not rows:
        return
    now = utcnow()
    for row in rows:
        row.setdefault("updated_at", now)
        row.setdefault("counties", " ")
        row["doc_type"] = doc_type
        row["facets"] = " ".join(facet_tokens(_row_filters(row), row["counties"]))
    conn.execute(table.insert(), rows)
    if sqlite:
        ids = sa.select(table.c.id).where(table.c.doc_type == doc_type)
        if entity_ids is not None:
            ids = ids.where(table.c.entity_id.in_([r["entity_id"] for r in rows]))
        conn.execute(
            sa.text(
                "INSERT INTO search_fts (rowid, title, body, facets) SELECT id, title || ' ' || "
                "coalesce(title_en, ''), body, facets FROM search_documents "
                f"WHERE id IN ({_compile(conn, ids)})"
            )
        )


def _compile(conn: sa.Connection, stmt: sa.Select) -> str:
    return str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))


def reindex(doc_type: str | None = None) -> dict[str, int]:
    """Rebuild the whole index (or one type of document); returns counts per type."""
    from sakrad.portal import search_sources

    conn = db.session.connection()
    ensure_schema(conn)
    counts = {}
    for name, source in search_sources.SOURCES.items():
        if doc_type and name != doc_type:
            continue
        rows = source(None)
        write_documents(conn, name, None, rows)
        counts[name] = len(rows)
    return counts


# --- querying ------------------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    convening_body_id: int | None = None
    policy_area: str | None = None
    kind: str | None = None
    status: str | None = None
    county: str | None = None
    doc_type: str | None = None

    def active(self) -> bool:
        return any(v not in (None, "") for v in vars(self).values())


@dataclass(frozen=True)
class Hit:
    doc_type: str
    entity_id: int
    url: str
    title: str
    title_en: str | None
    snippet: str
    year: int | None
    kind: str | None
    status: str | None

    def display_title(self, lang: str = "sv") -> str:
        return (self.title_en if lang == "en" and self.title_en else None) or self.title


@dataclass(frozen=True)
class Results:
    hits: list[Hit]
    total: int
    page: int
    pages: int
    capped: bool = False


def terms(query: str) -> list[str]:
    """The words of a query, at most ten; punctuation and operators are dropped on purpose
    so no visitor input reaches the query languages of FTS5 or tsquery unescaped."""
    return _WORD.findall(query.lower())[:10]


def _row_filters(row: dict) -> Filters:
    return Filters(
        year=row.get("year"),
        convening_body_id=row.get("convening_body_id"),
        policy_area=row.get("policy_area"),
        kind=row.get("kind"),
        status=row.get("status"),
        doc_type=row.get("doc_type"),
    )


def facet_tokens(f: Filters, counties: str = "") -> list[str]:
    """Filter values as single alphanumeric tokens both tokenizers keep whole."""
    tokens = []
    if f.doc_type:
        tokens.append(f"xtype{f.doc_type}")
    if f.year:
        tokens.append(f"xyear{f.year}")
    if f.convening_body_id:
        tokens.append(f"xbody{f.convening_body_id}")
    if f.policy_area:
        tokens.append("xarea" + hashlib.sha1(f.policy_area.encode()).hexdigest()[:12])
    if f.kind:
        tokens.append("xkind" + f.kind.replace("_", ""))
    if f.status:
        tokens.append("xstatus" + f.status.replace("_", ""))
    if f.county:
        tokens.append(f"xcounty{f.county}")
    tokens += [f"xcounty{c}" for c in counties.split()]
    return tokens


def _match_ids(words: list[str], tokens: list[str]) -> sa.Select | None:
    """Ids of matching documents, newest first (higher id = indexed later)."""
    if not words and not tokens:
        return None
    if _dialect() == "postgresql":
        parts = []
        if words:
            parts.append(
                sa.func.to_tsquery(
                    sa.literal_column("'swedish'::regconfig"), " & ".join(f"{w}:*" for w in words)
                )
            )
        if tokens:
            parts.append(
                sa.func.to_tsquery(sa.literal_column("'simple'::regconfig"), " & ".join(tokens))
            )
        query = parts[0] if len(parts) == 1 else parts[0].op("&&")(parts[1])
        c = _search_table().c
        return sa.select(c.id).where(sa.literal_column("search_documents.tsv").op("@@")(query))
    match = " ".join([*(f'"{w}"*' for w in words), *(f"facets:{t}" for t in tokens)])
    text = sa.text("SELECT rowid AS id FROM search_fts WHERE search_fts MATCH :match")
    return sa.select(text.bindparams(match=match).columns(id=sa.Integer).subquery().c.id)


def search(query: str = "", filters: Filters | None = None, page: int = 1) -> Results:
    """Public documents matching every word of ``query`` (prefixes too) and the filters,
    newest first. Counting stops at ``MAX_COUNT``: past it a visitor narrows the search."""
    ensure_schema()
    filters = filters or Filters()
    c = _search_table().c
    tokens = facet_tokens(filters)
    ids = _match_ids(terms(query), tokens)
    source = sa.select(c.id) if ids is None else ids
    total = (
        db.session.scalar(
            sa.select(sa.func.count()).select_from(source.limit(MAX_COUNT + 1).subquery())
        )
        or 0
    )
    capped = total > MAX_COUNT
    total = min(total, MAX_COUNT)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    stmt = sa.select(
        c.doc_type,
        c.entity_id,
        c.url,
        c.title,
        c.title_en,
        sa.func.substr(c.body, 1, 240).label("snippet"),
        c.year,
        c.kind,
        c.status,
    )
    offset = (page - 1) * PAGE_SIZE
    if ids is None:
        stmt = stmt.order_by(c.id.desc()).limit(PAGE_SIZE).offset(offset)
    elif _dialect() == "postgresql" and capped and not tokens:
        # A common word: walking the primary key newest first meets 20 matches soon.
        stmt = stmt.where(c.id.in_(ids)).order_by(c.id.desc()).limit(PAGE_SIZE).offset(offset)
    else:
        # Filters or few matches: take the matches from the text index (GIN or FTS5), keep
        # the page of them, then join only those rows.
        if _dialect() == "postgresql":
            matches = ids.cte("matches").prefix_with("MATERIALIZED")
            ids = sa.select(matches.c.id)
        found = ids.order_by(sa.desc("id")).limit(PAGE_SIZE).offset(offset).subquery()
        stmt = stmt.join(found, found.c.id == c.id).order_by(c.id.desc())
    rows = db.session.execute(stmt).all()
    hits = [Hit(**row._mapping) for row in rows]
    return Results(hits=hits, total=total, page=page, pages=pages, capped=capped)


# --- keeping the index current -------------------------------------------------------------

_DIRTY = "sakrad_search_dirty"
_WATCHED = {
    "Meeting": lambda o: [("meeting", o.id), ("minutes", o.id)],
    "TopicProposal": lambda o: [("proposal", o.id)],
    "Organisation": lambda o: [("organisation", o.id)],
    "Cycle": lambda o: [("cycle", o.id)],
    "Invitation": lambda o: [("meeting", o.meeting_id)],
    "MinutesPublication": lambda o: [("minutes", o.meeting_id)],
    "Outcome": lambda o: [("minutes", o.meeting_id)],
}


def _after_flush(session: Session, _context: object) -> None:
    # No SQL here (the session is flushing): just note which documents to rebuild.
    dirty = session.info.setdefault(_DIRTY, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        keys = _WATCHED.get(type(obj).__name__)
        if keys is not None and getattr(obj, "id", None) is not None:
            dirty.update(k for k in keys(obj) if k[1] is not None)


def _expand(keys: set[tuple[str, int]]) -> dict[str, set[int]]:
    from sakrad.meetings.models import Meeting
    from sakrad.proposals.models import TopicProposal

    by_type: dict[str, set[int]] = {}
    for doc_type, entity_id in keys:
        by_type.setdefault(doc_type, set()).add(entity_id)
    cycles = by_type.pop("cycle", set())
    if cycles:
        # A cycle's state decides whether its meetings and proposals are public at all.
        meetings = set(
            db.session.scalars(sa.select(Meeting.id).where(Meeting.cycle_id.in_(cycles)))
        )
        by_type.setdefault("meeting", set()).update(meetings)
        by_type.setdefault("minutes", set()).update(meetings)
        by_type.setdefault("proposal", set()).update(
            db.session.scalars(
                sa.select(TopicProposal.id).where(TopicProposal.cycle_id.in_(cycles))
            )
        )
    return by_type


def _before_commit(session: Session) -> None:
    if not has_app_context():  # scripts without the app reindex explicitly
        return
    session.flush()
    keys = session.info.pop(_DIRTY, None)
    if not keys:
        return
    from sakrad.portal import search_sources

    conn = session.connection()
    ensure_schema(conn)
    for doc_type, ids in _expand(keys).items():
        source = search_sources.SOURCES.get(doc_type)
        if source is not None:
            wanted = sorted(ids)
            write_documents(conn, doc_type, wanted, source(wanted))


def _after_rollback(session: Session) -> None:
    session.info.pop(_DIRTY, None)


def register_events() -> None:
    """Attach the index maintenance to every ORM session (idempotent)."""
    if not sa.event.contains(Session, "after_flush", _after_flush):
        sa.event.listen(Session, "after_flush", _after_flush)
        sa.event.listen(Session, "before_commit", _before_commit)
        sa.event.listen(Session, "after_soft_rollback", lambda s, _t: _after_rollback(s))


register_events()
