"""The administrator's privacy pages: retention preview, extract, erasure, the statement."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sakrad.accounts.access import admin_required
from sakrad.audit.service import record
from sakrad.errors import SakradError, form_error
from sakrad.privacy import retention
from sakrad.privacy.blueprint import bp
from sakrad.privacy.erasure import erase_person, published_consented_delegate_ids
from sakrad.privacy.extract import build_extract, json_download, preview_counts
from sakrad.privacy.forms import EmailForm, ErasureConfirmForm, ErasureForm, StatementForm
from sakrad.privacy.person import find_person, normalise
from sakrad.privacy.service import current_statement, save_statement, statement_text
from sakrad.transaction import rollback_only


@bp.get("/admin/privacy/")
@admin_required
def admin_index():
    due = retention.preview()
    return render_template(
        "privacy/admin_index.html",
        categories=retention.categories(),
        due=due,
        extract_form=EmailForm(),
    )


@bp.post("/admin/privacy/extract")
@admin_required
def admin_extract():
    form = EmailForm()
    if not form.validate_on_submit():
        rollback_only()
        return render_template(
            "privacy/admin_index.html",
            categories=retention.categories(),
            due=retention.preview(),
            extract_form=form,
        ), 400
    email = normalise(form.email.data)
    data = build_extract(email)
    record("privacy.extract_downloaded", entity_type="Person", entity_id="-",
           after={"by": "admin", "email": email})  # fmt: skip
    return json_download(data, "registerutdrag.json")


@bp.route("/admin/privacy/erase", methods=["GET", "POST"])
@admin_required
def admin_erase():
    form = ErasureForm()
    if form.validate_on_submit():
        person = find_person(form.email.data)
        counts = [(e, n) for e, n in preview_counts(person) if n]
        confirm = ErasureConfirmForm(
            email=person.email,
            reason=form.reason.data.strip(),
            covers_published_names="1" if form.covers_published_names.data else "",
        )
        return render_template(
            "privacy/erase_check.html",
            person=person,
            counts=counts,
            reason=form.reason.data.strip(),
            covers=form.covers_published_names.data,
            consented=bool(published_consented_delegate_ids(person)),
            confirm=confirm,
        )
    return render_template("privacy/erase.html", form=form), 400 if form.errors else 200


@bp.post("/admin/privacy/erase/confirm")
@admin_required
def admin_erase_confirm():
    confirm = ErasureConfirmForm()
    form = ErasureForm(
        formdata=None,
        email=confirm.email.data,
        reason=confirm.reason.data,
        covers_published_names=bool(confirm.covers_published_names.data),
    )
    if not confirm.validate_on_submit():
        rollback_only()
        return render_template("privacy/erase.html", form=form), 400
    try:
        counts = erase_person(
            confirm.email.data or "",
            confirm.reason.data or "",
            covers_published_names=bool(confirm.covers_published_names.data),
            actor=current_user._get_current_object(),
        )
    except SakradError as exc:
        form_error(form, exc)
        return render_template("privacy/erase.html", form=form), exc.status
    flash(_("The person's data was erased: %(n)s rows changed.", n=sum(counts.values())),
          "success")  # fmt: skip
    return redirect(url_for("privacy.admin_index"), 303)


@bp.route("/admin/privacy/accessibility", methods=["GET", "POST"])
@admin_required
def admin_statement():
    row = current_statement()
    form = StatementForm()
    if not form.is_submitted():
        form.text_sv.data = statement_text("sv")
        form.text_en.data = statement_text("en")
        form.version_id.data = str(row.version_id) if row else ""
    elif form.validate():
        version = int(form.version_id.data) if (form.version_id.data or "").isdigit() else None
        try:
            save_statement(
                text_sv=form.text_sv.data,
                text_en=form.text_en.data,
                version_id=version,
                actor=current_user._get_current_object(),
            )
        except SakradError as exc:
            form_error(form, exc)
            return render_template("privacy/statement_form.html", form=form), exc.status
        flash(_("The accessibility statement was saved."), "success")
        return redirect(url_for("privacy.accessibility"), 303)
    else:
        rollback_only()
        return render_template("privacy/statement_form.html", form=form), 400
    return render_template("privacy/statement_form.html", form=form)
