"""Build and verify the archival package of one closed cycle.

Everything public goes in through the portal's public read functions, so nothing unpublished
can reach the archive by accident: the cycle, its published meetings with their expectations
cards and agendas, the invitations and answers as published, the selection inputs and
reports, the minutes (Markdown source and PDF/A from ``sakrad.pdf``), every published
document with its SHA-256, the outcomes, the proposals with their responses, and the public
audit entries of the cycle in their stored form (personal values are placeholders; each entry
keeps its hash, so the chain can be checked against the live log).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

import bagit
import sqlalchemy as sa
from flask import current_app

from sakrad.cycles.models import Cycle, CycleState
from sakrad.db import utcnow
from sakrad.errors import Invalid, NotFound
from sakrad.extensions import db

ARCHIVABLE = frozenset({CycleState.CLOSED, CycleState.ARCHIVED})


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=_default) + "\n",
        encoding="utf-8",
    )


def find_cycle(ref: str | int) -> Cycle:
    """A cycle by id, or by year when only one cycle has that year."""
    text = str(ref)
    cycle = None
    if text.isdigit():
        cycle = db.session.get(Cycle, int(text))
        if cycle is None:
            matches = list(db.session.scalars(sa.select(Cycle).where(Cycle.year == int(text))))
            cycle = matches[0] if len(matches) == 1 else None
    if cycle is None:
        raise NotFound(f"no cycle {ref}")
    return cycle


def _cycle_entity_keys(cycle: Cycle, meeting_ids: list[int]) -> set[tuple[str, str]]:
    """(entity_type, entity_id) of every audit entry that belongs to the cycle."""
    from sakrad.invitations.models import Invitation
    from sakrad.minutes.models import Document, MinutesPublication, Outcome
    from sakrad.proposals.models import ResponseBatch, TopicProposal
    from sakrad.selection.models import Selection

    keys = {("Cycle", str(cycle.id))} | {("Meeting", str(i)) for i in meeting_ids}
    by_cycle = ((TopicProposal, TopicProposal.cycle_id), (ResponseBatch, ResponseBatch.cycle_id))
    by_meeting = (
        (Invitation, Invitation.meeting_id), (MinutesPublication, MinutesPublication.meeting_id),
        (Document, Document.meeting_id), (Outcome, Outcome.meeting_id),
        (Selection, Selection.meeting_id),
    )  # fmt: skip
    for model, column in by_cycle:
        keys |= {(model.__name__, str(i)) for i in
                 db.session.scalars(sa.select(model.id).where(column == cycle.id))}  # fmt: skip
    for meeting_model, meeting_column in by_meeting:
        keys |= {(meeting_model.__name__, str(i)) for i in
                 db.session.scalars(sa.select(meeting_model.id)
                                    .where(meeting_column.in_(meeting_ids)))}  # fmt: skip
    return keys


def _audit_entries(entity_keys: set[tuple[str, str]]) -> list[dict[str, Any]]:
    """The cycle's entries in stored form (personal values are placeholders). Entries not
    marked public keep only their metadata and hashes: their before/after may hold internal
    notes, so the chain link is there but their content is checked against the live log."""
    from sakrad.audit.models import AuditEntry

    table = AuditEntry.__table__
    out = []
    for row in db.session.execute(sa.select(table).order_by(table.c.id)).mappings():
        if (row["entity_type"], row["entity_id"]) not in entity_keys:
            continue
        entry = dict(row)
        if not entry["public"]:
            entry["before"] = entry["after"] = "(not public)"
        out.append(entry)
    return out


def export_cycle(cycle: Cycle, target: Path) -> Path:
    """Write the bag into ``target`` (created; must not exist or be empty). From the command
    line it runs in a request context of the public address: the serializers build public
    links with ``url_for`` (as the demo seed does)."""
    from flask import has_request_context

    if has_request_context():
        return _export_cycle(cycle, target)
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_BASE_URL"]):
        return _export_cycle(cycle, target)


def _export_cycle(cycle: Cycle, target: Path) -> Path:
    from sakrad.api import serializers
    from sakrad.minutes import documents as doc_files
    from sakrad.minutes.models import Document
    from sakrad.pdf import CONFORMANCE, render_minutes_pdf
    from sakrad.portal import invitations as p_invitations
    from sakrad.portal import meetings as p_meetings
    from sakrad.portal import minutes as p_minutes
    from sakrad.portal import proposals as p_proposals
    from sakrad.portal import rules
    from sakrad.portal import selection as p_selection
    from sakrad.portal.cycles import public_cycle
    from sakrad.portal.minutes_pdf import publication_document

    if cycle.state not in ARCHIVABLE or public_cycle(cycle.id) is None:
        raise Invalid("Only a closed cycle can be archived.", code="cycle_not_closed")
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise Invalid(f"{target} is not empty", code="target_not_empty")
    target.mkdir(parents=True, exist_ok=True)
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    meetings = p_meetings.public_meetings(cycle_id=cycle.id)
    proposals = p_proposals.published_for_cycle(cycle)
    ids = [m.id for m in meetings]
    invitations = p_invitations.for_meetings(ids) if ids else {}
    records = p_minutes.records_for(ids)
    selections = p_selection.reports_for(ids)

    _write_json(target / "cycle.json", serializers.cycle_detail(cycle, meetings, proposals, base))
    _write_json(target / "proposals.json", [dataclasses.asdict(p) for p in proposals])
    files: list[dict[str, Any]] = []
    for m in meetings:
        folder = target / "meetings" / f"{m.id}"
        _write_json(folder / "meeting.json", serializers.meeting(
            m, base, invitations=invitations.get(m.id, []), record=records.get(m.id),
            selection=selections.get(m.id)))  # fmt: skip
        _write_json(folder / "invitations.json", p_invitations.for_meeting(m))
        frozen = p_selection.frozen_input(m)
        if frozen is not None:
            _write_json(folder / "selection" / "input.json", frozen)
            _write_json(folder / "selection" / "report.json", p_selection.public_report(m, "sv"))
        outcome = p_minutes.published_outcome(m)
        if outcome is not None:
            _write_json(folder / "outcome.json", outcome)
        history = p_minutes.publication_history(m)
        for number, (revision, pub) in enumerate(reversed(history), start=1):
            stem = folder / "minutes" / f"publication-{number}"
            stem.parent.mkdir(parents=True, exist_ok=True)
            stem.with_suffix(".md").write_text(revision.text, encoding="utf-8")
            document = publication_document(m, revision, pub)
            stem.with_suffix(".pdf").write_bytes(render_minutes_pdf(document, archival=True))
            _write_json(stem.with_suffix(".json"), {
                "published_at": pub.published_at, "revision": revision.number,
                "current": number == len(history)})  # fmt: skip
        # Every public document, replaced versions included: the archive keeps the history.
        all_documents = db.session.scalars(
            sa.select(Document)
            .where(Document.meeting_id == m.id, rules.document_public())
            .order_by(Document.created_at, Document.id)
        )
        for doc in all_documents:
            entry = {"id": doc.id, "meeting_id": m.id, "title": doc.title, "kind": doc.kind,
                     "language": doc.language, "created_at": doc.created_at,
                     "replaced_by_id": doc.replaced_by_id}  # fmt: skip
            if doc.sha256:
                source = doc_files.path_of(doc.sha256)
                name = f"meetings/{m.id}/documents/{doc.id}-{doc.filename}"
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target / name)
                entry.update(path=name, sha256=doc.sha256, media_type=doc.media_type,
                             size=doc.size)  # fmt: skip
            else:
                entry.update(url=doc.url)
            files.append(entry)
    _write_json(target / "documents.json", files)
    _write_json(target / "audit.json", _audit_entries(_cycle_entity_keys(cycle, ids)))
    _write_json(target / "metadata.json", {
        "title": f"Sakråd: {cycle.title('sv')}",
        "cycle_id": cycle.id,
        "year": cycle.year,
        "convening_body": cycle.convening_body.name,
        "state": cycle.state,
        "exported_at": utcnow(),
        "meetings": ids,
        "minutes_pdf": CONFORMANCE,
        "contents": {
            "cycle.json": "the cycle as published (open-data API form)",
            "proposals.json": "published topic proposals with the body's responses",
            "meetings/<id>/meeting.json": "meeting, expectations card and agenda as published",
            "meetings/<id>/invitations.json": "invitations and answers as published",
            "meetings/<id>/selection/": "the selection's frozen input and its public report",
            "meetings/<id>/minutes/": "every publication of the minutes: Markdown and PDF/A",
            "meetings/<id>/documents/": "published documents; SHA-256 in documents.json",
            "meetings/<id>/outcome.json": "the published outcome",
            "audit.json": "audit entries of the cycle, stored form with hashes "
            "(content of non-public entries left out)",
            "follow_up": "no yearly follow-up report is stored by this version",
        },
    })  # fmt: skip
    bagit.make_bag(
        str(target),
        {
            "Source-Organization": cycle.convening_body.name,
            "External-Description": f"Sakråd archival package, cycle {cycle.id} ({cycle.year})",
            "External-Identifier": f"sakrad-cycle-{cycle.id}",
        },
        checksums=["sha256", "sha512"],
    )
    return target


def verify_package(path: Path) -> list[str]:
    """Problems found (empty: valid). Checks the bag and every document's SHA-256."""
    problems: list[str] = []
    try:
        bag = bagit.Bag(str(path))
        bag.validate()
    except (bagit.BagError, bagit.BagValidationError) as exc:
        return [f"bag: {exc}"]
    data = Path(path) / "data"
    try:
        docs = json.loads((data / "documents.json").read_text(encoding="utf-8"))
        json.loads((data / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"metadata: {exc}"]
    for doc in docs:
        if "sha256" not in doc:
            continue
        actual = hashlib.sha256((data / doc["path"]).read_bytes()).hexdigest()
        if actual != doc["sha256"]:
            problems.append(f"document {doc['id']}: SHA-256 {actual} != {doc['sha256']}")
    return problems
