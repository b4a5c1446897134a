"""Registry work for civil servants and administrators: search, edit, verify, merge, CSV.

The registry is shared by every convening body, so any civil servant may search and edit it;
verifying organisations and keeping the focus-area and target-group lists is for admins.
"""

from __future__ import annotations

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from sakrad.accounts.access import admin_required, staff_required
from sakrad.audit.models import AuditEntry
from sakrad.extensions import db
from sakrad.organisations import csv_io, merge, service
from sakrad.organisations.blueprint import registry_bp as bp
from sakrad.organisations.forms import (
    ConfirmImportForm,
    ImportForm,
    MergeForm,
    ReferenceItemForm,
    RegistryProfileForm,
    SearchForm,
)
from sakrad.organisations.messages import message
from sakrad.organisations.models import Organisation
from sakrad.organisations.pages import profile_form, save_profile
from sakrad.organisations.service import OrganisationError, SearchFilters
from sakrad.shell.forms import ActionForm
from sakrad.shell.usecase import REFUSED, attempt, submitted, undo_refused


def _organisation(org_id: int) -> Organisation:
    return db.session.get(Organisation, org_id) or abort(404)


def _live_organisation(org_id: int) -> Organisation:
    """One not merged into another (a merged one is kept only as a tombstone)."""
    org = _organisation(org_id)
    if org.is_tombstone:
        abort(404)
    return org


def _filters(form: SearchForm) -> SearchFilters:
    return SearchFilters(
        q=form.q.data or "",
        form=form.form.data or "",
        county=form.county.data or "",
        focus_area=form.focus_area.data or "",
        size=form.size.data or "",
        verified=form.verified.data or "",
    )


def _search_form() -> SearchForm:
    return SearchForm(request.args, focus_items=service.list_items("focus-areas"))


@bp.get("/")
@staff_required
def index():
    form = _search_form()
    form.validate()
    page = request.args.get("page", 1, type=int)
    rows, total = service.search(_filters(form), page=page)
    pages = max(1, -(-total // service.PAGE_SIZE))
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template(
        "registry/index.html", form=form, rows=rows, total=total, page=page, pages=pages, args=args
    )


@bp.get("/export.csv")
@staff_required
def export():
    form = _search_form()
    form.validate()
    return Response(
        csv_io.export_csv(_filters(form)),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="organisationer.csv"'},
    )


@bp.get("/<int:org_id>")
@staff_required
def detail(org_id: int):
    org = _organisation(org_id)
    entries = [(e, merge.is_reversed(e)) for e in merge.merge_entries(org)]
    return render_template(
        "registry/detail.html", organisation=org, merges=entries, action_form=ActionForm()
    )


@bp.route("/<int:org_id>/edit", methods=["GET", "POST"])
@staff_required
def edit(org_id: int):
    org = _live_organisation(org_id)
    form = profile_form(RegistryProfileForm, obj=org)
    form.set_umbrella_choices(service.umbrella_choices(org))
    if not form.is_submitted():
        form.focus_areas.data = [f.code for f in org.focus_areas]
        form.target_groups.data = [t.code for t in org.target_groups]
        form.version.data = str(org.version_id)
        form.municipality.data = org.municipality or ""
    if form.validate_on_submit():
        org.umbrella_id = form.umbrella_id.data  # save_profile rolls it back if refused
        if save_profile(form, org):
            flash(_("The profile has been saved."), "success")
            return redirect(url_for("registry.detail", org_id=org.id), code=303)
    return render_template("registry/edit.html", form=form, organisation=org)


@bp.post("/<int:org_id>/verify/<int:value>")
@admin_required
def verify(org_id: int, value: int):
    org = _organisation(org_id)
    if ActionForm().validate_on_submit():
        service.set_verified(org, bool(value))
        db.session.flush()
        flash(
            _("The organisation is marked as verified.")
            if value
            else _("The verification has been removed."),
            "success",
        )
    return redirect(url_for("registry.detail", org_id=org.id), code=303)


@bp.route("/<int:org_id>/merge", methods=["GET", "POST"])
@staff_required
def merge_into(org_id: int):
    duplicate = _live_organisation(org_id)
    form = MergeForm()
    error = None
    if form.validate_on_submit():
        survivor = db.session.get(Organisation, form.survivor_id.data) or abort(404)
        try:
            merge.merge(duplicate, survivor)
            db.session.flush()  # a conflict shows here; the request commits
        except OrganisationError as exc:
            undo_refused()
            error = exc.message
        else:
            flash(
                _(
                    "%(dup)s has been merged into %(survivor)s.",
                    dup=duplicate.name,
                    survivor=survivor.name,
                ),
                "success",
            )
            return redirect(url_for("registry.detail", org_id=survivor.id), code=303)
    q = request.args.get("q", duplicate.name.split()[0] if duplicate.name else "")
    candidates, _total = service.search(SearchFilters(q=q), per_page=20)
    candidates = [c for c in candidates if c.id != duplicate.id]
    return render_template(
        "registry/merge.html",
        organisation=duplicate,
        candidates=candidates,
        q=q,
        form=form,
        error=error,
    )


@bp.post("/unmerge/<int:entry_id>")
@staff_required
def unmerge(entry_id: int):
    entry = db.session.get(AuditEntry, entry_id) or abort(404)
    org = attempt(lambda: merge.unmerge(entry.id)) if ActionForm().validate_on_submit() else None
    if org and org is not REFUSED:
        flash(
            _("The merge has been reversed: %(name)s is back in the registry.", name=org.name),
            "success",
        )
        return redirect(url_for("registry.detail", org_id=org.id), code=303)
    return redirect(url_for("registry.detail", org_id=int(entry.entity_id)), code=303)


# --------------------------------------------------------------------------- CSV import


@bp.route("/import", methods=["GET", "POST"])
@staff_required
def import_csv():
    form = ImportForm()
    result = key = None
    if form.validate_on_submit():
        content = form.file.data.read()
        result = csv_io.preview(content)
        if result.ok:
            key = csv_io.stash(current_app.config["UPLOAD_DIR"], content)
    return render_template(
        "registry/import.html",
        form=form,
        result=result,
        confirm_form=ConfirmImportForm(key=key) if key else None,
        message=message,
    )


@bp.post("/import/confirm")
@staff_required
def confirm_import():
    form = ConfirmImportForm()
    directory = current_app.config["UPLOAD_DIR"]
    content = csv_io.unstash(directory, form.key.data or "") if form.validate_on_submit() else None
    if content is None:
        flash(_("The file to import was not found. Upload it again."), "error")
        return redirect(url_for("registry.import_csv"), code=303)
    result, ids = csv_io.import_rows(content)
    if not ids:
        undo_refused()
        return render_template(
            "registry/import.html",
            form=ImportForm(),
            result=result,
            confirm_form=None,
            message=message,
        )
    db.session.flush()
    csv_io.discard(directory, form.key.data)
    flash(_("%(n)s organisations have been imported.", n=len(ids)), "success")
    return redirect(url_for("registry.index"), code=303)


# --------------------------------------------------------------------------- reference lists


def _kind(kind: str) -> str:
    if kind not in service.REFERENCE_LISTS:
        abort(404)
    return kind


@bp.route("/lists/<kind>", methods=["GET", "POST"])
@admin_required
def reference_list(kind: str):
    kind = _kind(kind)
    form = ReferenceItemForm()
    if REFUSED is not submitted(
        form,
        lambda: service.add_item(kind, form.code.data, form.name_sv.data, form.name_en.data),
        done=_("%(name)s was created.", name=form.name_sv.data),
    ):
        return redirect(url_for("registry.reference_list", kind=kind), code=303)
    return render_template(
        "registry/reference_list.html", kind=kind, items=service.list_items(kind), form=form
    )


@bp.post("/lists/<kind>/<int:item_id>/active/<int:active>")
@admin_required
def set_item_active(kind: str, item_id: int, active: int):
    kind = _kind(kind)
    if ActionForm().validate_on_submit():
        if service.set_item_active(kind, item_id, bool(active)) is None:
            abort(404)
        db.session.flush()
        flash(_("Saved."), "success")
    return redirect(url_for("registry.reference_list", kind=kind), code=303)
