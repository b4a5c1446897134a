"""Role checks for views. Ownership checks (which body, which organisation) live in services."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, jsonify, redirect, request, url_for
from flask_login import current_user

from sakrad.accounts.models import Role


def role_required(*roles: Role) -> Callable:
    """Anonymous visitors are sent to log in (HTML) or get 401 (JSON); wrong roles get 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any):
            if not current_user.is_authenticated:
                if request.path.startswith("/api/"):
                    return jsonify({"error": {"status": 401, "message": "login required"}}), 401
                return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
            if roles and current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


login_required = role_required()
admin_required = role_required(Role.ADMIN)
staff_required = role_required(Role.ADMIN, Role.CIVIL_SERVANT)
