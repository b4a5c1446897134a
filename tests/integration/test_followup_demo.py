"""The demo: feedback for the 2017 meetings and a published 2017 follow-up report for
Arbetsmarknadsdepartementet, loaded through the whole demo loader; idempotent."""

from __future__ import annotations

import sqlalchemy as sa

from sakrad.demo.seed import seed
from sakrad.extensions import db
from sakrad.feedback.models import FeedbackResponse, Respondent
from sakrad.followup.models import FollowupReport


def test_demo_has_feedback_and_a_published_2017_report(app, client) -> None:
    with app.app_context():
        seed()
        db.session.commit()
        report = db.session.scalar(sa.select(FollowupReport))
        assert report.year == 2017
        assert report.convening_body.name == "Arbetsmarknadsdepartementet"
        assert report.is_published
        principles = report.figures["principles"]
        assert principles["answers_counted"] >= 5
        assert principles["year"]["dialogue"]["organisations"]["mean"] is not None
        bodies = db.session.scalar(
            sa.select(sa.func.count()).select_from(FeedbackResponse)
            .where(FeedbackResponse.respondent == Respondent.BODY)
        )  # fmt: skip
        assert bodies >= 1
        before = db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackResponse))
        seed()
        db.session.commit()
        after = db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackResponse))
        assert after == before  # idempotent
        slug = report.convening_body.slug
    page = client.get(f"/followup/{slug}/2017")
    assert page.status_code == 200
    assert "Uppföljningsrapport 2017" in page.get_data(as_text=True)
