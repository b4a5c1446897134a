"""The tamper-evident chain over the audit log.

Each entry's ``hash`` is SHA-256 over a canonical JSON of its content (the stored form, with
personal values as placeholders, so erasing them changes no hash) and of the previous entry's
hash. ``verify`` walks the log in id order and names the first entry that does not match.

Concurrency: two transactions must not both chain onto the same predecessor. On PostgreSQL
``record`` takes a transaction-scoped advisory lock before it reads the last hash, so writers
of audit entries queue for each other until commit; ids are drawn inside the lock, so id
order is chain order. SQLite allows one writer at a time anyway.

Entries written before the chain existed got their hashes in migration ``privacy_0001``; so
there is no unchained prefix, and an entry without a hash is reported as a break.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, SessionTransaction

from sakrad.extensions import db

GENESIS = "0" * 64
ADVISORY_LOCK_KEY = 0x5A4B_AD17  # any constant; one lock for the whole log


def _iso(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def content_hash(fields: dict[str, Any], prev_hash: str) -> str:
    """The hash of one entry from its stored columns (a mapping by column name)."""
    canonical = {
        "at": _iso(fields["at"]),
        "actor_id": fields["actor_id"],
        "actor_label": fields["actor_label"],
        "action": fields["action"],
        "entity_type": fields["entity_type"],
        "entity_id": fields["entity_id"],
        "convening_body_id": fields["convening_body_id"],
        "before": fields["before"],
        "after": fields["after"],
        "public": bool(fields["public"]),
        "prev_hash": prev_hash,
    }
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


_TAIL = "sakrad_audit_chain_tail"


def lock_and_last_hash() -> str:
    """Take the chain lock (PostgreSQL) and return the hash the next entry chains onto.

    Within one transaction the tail is remembered in ``session.info``: entries may still be
    pending (``record`` is also called from flush events, where nothing can be flushed), and
    the lock guarantees no other transaction has chained meanwhile. Commit and rollback
    (savepoints too) forget it.
    """
    from sakrad.audit.models import AuditEntry

    session = db.session()
    if _TAIL in session.info:
        return session.info[_TAIL]
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sa.select(sa.func.pg_advisory_xact_lock(ADVISORY_LOCK_KEY)))
    last = session.scalar(sa.select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1))
    # A record() from a flush event during that query's autoflush may have set the tail.
    return session.info.get(_TAIL) or last or GENESIS


def remember_tail(entry_hash: str) -> None:
    db.session().info[_TAIL] = entry_hash


def _forget_tail(session: Session, transaction: SessionTransaction) -> None:
    # The outermost transaction or a savepoint ended (commit, rollback or close); the inner
    # transaction a flush opens for itself is neither and keeps the tail.
    if transaction.parent is None or transaction.nested:
        session.info.pop(_TAIL, None)


def register_events() -> None:
    """Forget the remembered tail when a transaction or savepoint ends (idempotent)."""
    if not sa.event.contains(Session, "after_transaction_end", _forget_tail):
        sa.event.listen(Session, "after_transaction_end", _forget_tail)


register_events()


@dataclass
class VerifyResult:
    checked: int
    first_bad_id: int | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.first_bad_id is None


def verify(batch: int = 1000) -> VerifyResult:
    """Recompute every hash in id order; stop at the first entry that does not match."""
    from sakrad.audit.models import AuditEntry

    table = AuditEntry.__table__
    prev = GENESIS
    checked = 0
    last_id = 0
    while True:
        rows = (
            db.session.execute(
                sa.select(table).where(table.c.id > last_id).order_by(table.c.id).limit(batch)
            )
            .mappings()
            .all()
        )
        if not rows:
            return VerifyResult(checked)
        for row in rows:
            last_id = row["id"]
            fields = dict(row)
            at = fields["at"]
            if isinstance(at, str):  # a raw SQLite value read without the ORM type
                at = datetime.fromisoformat(at)
            fields["at"] = at
            if row["hash"] is None:
                return VerifyResult(checked, row["id"], "no hash")
            if row["prev_hash"] != prev:
                return VerifyResult(checked, row["id"], "previous hash does not match")
            if content_hash(fields, prev) != row["hash"]:
                return VerifyResult(checked, row["id"], "content does not match its hash")
            prev = row["hash"]
            checked += 1
