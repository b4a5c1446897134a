"""The cached total of a paged listing is reused only while nothing has changed."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sakrad.accounts.models import ConveningBody
from sakrad.audit.service import record
from sakrad.extensions import db
from sakrad.portal import count_cache
from tests.helpers import make_body


@pytest.mark.parametrize("app_config", [{"PORTAL_COUNT_CACHE_SECONDS": 60}])
def test_total_follows_every_audited_change(app):
    count_cache.clear()
    stmt = sa.select(ConveningBody).order_by(ConveningBody.id)
    with app.app_context():
        make_body("Region Gotland")  # audited: body.created
        assert count_cache.total(stmt) == 1
        # A row added without an audit entry is not seen while the data version stands ...
        db.session.add(ConveningBody(name="Utan logg", slug="utan-logg", kind="agency"))
        db.session.commit()
        assert count_cache.total(stmt) == 1
        # ... and any audited change makes the next total exact again.
        record("test.changed", entity_type="Thing", entity_id=1)
        db.session.commit()
        assert count_cache.total(stmt) == 2


def test_off_in_tests_by_default(app):
    stmt = sa.select(ConveningBody)
    with app.app_context():
        assert count_cache.total(stmt) == 0
        make_body("Region Halland")
        assert count_cache.total(stmt) == 1
