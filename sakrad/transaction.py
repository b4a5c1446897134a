"""One transaction per request (Indico's ``RH._process``): the view calls services, which never
commit; the request commits once after the view returned and rolls back on any exception.

A view that shows a refused change again (a form with errors) calls ``errors.form_error``,
which rolls back what the failed use case did; what is committed is only ever a whole use case.
Commands and background jobs use ``unit_of_work()`` for the same rule outside a request.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask, g

from sakrad.extensions import db


def rollback_only() -> None:
    """Mark the request's transaction to be rolled back instead of committed."""
    g.sakrad_rollback_only = True


class TransactionalFlask(Flask):
    """``Flask`` whose dispatch commits the request's unit of work once the view returned."""

    def dispatch_request(self) -> Any:
        try:
            rv = super().dispatch_request()
        except BaseException:
            db.session.rollback()
            raise
        if g.get("sakrad_rollback_only"):
            db.session.rollback()
        else:
            db.session.commit()
        return rv


@contextmanager
def unit_of_work() -> Iterator[None]:
    """Commit once at the end of the block, roll back if it raises (CLI commands, jobs)."""
    try:
        yield
    except BaseException:
        db.session.rollback()
        raise
    db.session.commit()
