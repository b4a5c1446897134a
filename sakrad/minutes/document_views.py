"""The meeting's documents, for civil servants (routes on the minutes blueprint)."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sakrad.accounts.access import staff_required
from sakrad.meetings.models import Meeting
from sakrad.meetings.pages import managed_meeting
from sakrad.minutes import documents, service
from sakrad.minutes.blueprint import bp
from sakrad.minutes.forms import DocumentEditForm, LinkForm, UploadForm
from sakrad.minutes.models import Document
from sakrad.shell.usecase import REFUSED, Refused, attempt, submitted


def _to_documents(meeting: Meeting):
    return redirect(url_for("minutes.documents", meeting_id=meeting.id), code=303)


def _upload_form(**kwargs: object) -> UploadForm:
    form = UploadForm(prefix="upload", **kwargs)
    mb = int(current_app.config["UPLOAD_MAX_BYTES"]) / (1024 * 1024)
    form.file.description = _(
        "PDF, OpenDocument, Word, Excel, PowerPoint or plain text, at most %(mb)s MB.",
        mb=f"{mb:g}",
    )
    return form


def _page(meeting: Meeting, upload: UploadForm | None = None, link: LinkForm | None = None):
    return render_template(
        "minutes/documents.html",
        meeting=meeting,
        documents=documents.for_meeting(meeting),
        describe=documents.describe,
        upload_form=upload or _upload_form(formdata=None),
        link_form=link or LinkForm(prefix="link", formdata=None),
    )


@bp.get("/manage/meetings/<int:meeting_id>/documents", endpoint="documents")
@staff_required
def documents_page(meeting_id: int):
    return _page(managed_meeting(meeting_id))


def _add_file(
    meeting: Meeting, form: UploadForm, replaces: Document | None = None
) -> Document | Refused:
    """Store the uploaded file (a new document, or one replacing ``replaces``) via ``attempt``."""

    def add() -> Document:
        upload = form.file.data
        if upload is None or not getattr(upload, "filename", None):
            raise service.MinutesError("file_required", _("Choose a file."), "file")
        return documents.add_file(
            current_user,
            meeting,
            data=documents.read_limited(upload.stream),
            filename=upload.filename,
            title=form.title.data,
            language=form.language.data,
            public=form.public.data,
            replaces=replaces,
        )

    return attempt(add, form=form)


@bp.post("/manage/meetings/<int:meeting_id>/documents/upload")
@staff_required
def upload(meeting_id: int):
    meeting = managed_meeting(meeting_id)
    form = _upload_form()
    if form.validate_on_submit():
        doc = _add_file(meeting, form)
        if doc is not REFUSED:
            flash(_("The document “%(title)s” was added.", title=doc.title), "success")
            return _to_documents(meeting)
    return _page(meeting, upload=form), 400


@bp.post("/manage/meetings/<int:meeting_id>/documents/link")
@staff_required
def add_link(meeting_id: int):
    meeting = managed_meeting(meeting_id)
    form = LinkForm(prefix="link")
    if form.validate_on_submit():
        doc = attempt(
            lambda: documents.add_link(
                current_user,
                meeting,
                url=form.url.data,
                title=form.title.data,
                language=form.language.data,
                public=form.public.data,
            ),
            form=form,
        )
        if doc is not REFUSED:
            flash(_("The link “%(title)s” was added.", title=doc.title), "success")
            return _to_documents(meeting)
    return _page(meeting, link=form), 400


@bp.route(
    "/manage/meetings/<int:meeting_id>/documents/<int:document_id>/edit", methods=["GET", "POST"]
)
@staff_required
def edit_document(meeting_id: int, document_id: int):
    meeting = managed_meeting(meeting_id)
    doc = documents.get(meeting, document_id)
    form = DocumentEditForm(obj=doc)
    replace_form = _upload_form(formdata=None, obj=doc)
    if request.method == "GET":
        form.version.data = doc.version_id
    saved = submitted(
        form,
        lambda: documents.update(
            current_user,
            meeting,
            doc,
            title=form.title.data,
            language=form.language.data,
            public=form.public.data,
            version=form.version.data or None,
        ),
        stale=documents.StaleDocument().message,
        done=_("The document was saved."),
    )
    if saved is not REFUSED:
        return _to_documents(meeting)
    return render_template(
        "minutes/document_edit.html",
        meeting=meeting,
        doc=doc,
        form=form,
        replace_form=replace_form,
    )


@bp.post("/manage/meetings/<int:meeting_id>/documents/<int:document_id>/replace")
@staff_required
def replace_document(meeting_id: int, document_id: int):
    meeting = managed_meeting(meeting_id)
    doc = documents.get(meeting, document_id)
    form = _upload_form()
    if form.validate_on_submit():
        new = _add_file(meeting, form, replaces=doc)
        if new is not REFUSED:
            flash(_("The document was replaced by “%(title)s”.", title=new.title), "success")
            return _to_documents(meeting)
    edit_form = DocumentEditForm(obj=doc, formdata=None)
    edit_form.version.data = doc.version_id
    return (
        render_template(
            "minutes/document_edit.html",
            meeting=meeting,
            doc=doc,
            form=edit_form,
            replace_form=form,
        ),
        400,
    )


@bp.get("/manage/meetings/<int:meeting_id>/documents/<int:document_id>/file")
@staff_required
def document_file(meeting_id: int, document_id: int):
    meeting = managed_meeting(meeting_id)
    return documents.send(documents.get(meeting, document_id), private=True)
