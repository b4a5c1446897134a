"""Registered by create_app: the routes live in views_public.py and views_admin.py."""

from sakrad.privacy.blueprint import bp  # noqa: F401
