"""Public pages of minutes and documents: the published minutes with their change history,
an earlier publication, and public document downloads."""

from __future__ import annotations

from flask import abort, redirect, render_template, url_for

from sakrad.meetings.models import Meeting
from sakrad.minutes.documents import send
from sakrad.portal import meetings as portal_meetings
from sakrad.portal import minutes as portal_minutes
from sakrad.portal import page_cache
from sakrad.portal.blueprint import bp


def _meeting(meeting_id: int) -> Meeting:
    return portal_meetings.public_meeting(meeting_id) or abort(404)


@bp.get("/meetings/<int:meeting_id>/minutes/<int:publication_id>")
@page_cache.cacheable
def minutes_publication(meeting_id: int, publication_id: int):
    """One publication of the minutes, as it was published (the change history)."""
    meeting = _meeting(meeting_id)
    found = portal_minutes.publication(meeting, publication_id) or abort(404)
    current = portal_minutes.published_minutes(meeting)
    return render_template(
        "portal/minutes/publication.html",
        meeting=meeting,
        revision=found[0],
        publication=found[1],
        is_current=current is not None and current[1].id == publication_id,
    )


@bp.get("/documents/<int:document_id>/<path:filename>")
def document(document_id: int, filename: str):
    doc = portal_minutes.public_document(document_id)
    if doc is None or not doc.is_file or doc.filename != filename:
        abort(404)
    return send(doc, private=False)


@bp.get("/documents/<int:document_id>")
def document_short(document_id: int):
    """A stable short address; redirects to the one that carries the file name."""
    doc = portal_minutes.public_document(document_id)
    if doc is None or not doc.is_file:
        abort(404)
    return redirect(url_for("portal.document", document_id=doc.id, filename=doc.filename))
