"""Every figure of one convening body's year, aggregated in SQL: a fixed number of queries
(about twenty) whatever the size of the registry or the number of meetings and invitations.

The result is plain JSON (what a published report freezes). Shares are left to the pages;
the figures keep the counts they come from.
"""

from __future__ import annotations

import statistics
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from sakrad.cycles.models import Cycle
from sakrad.db import to_local, utcnow
from sakrad.extensions import db
from sakrad.feedback import queries as fq
from sakrad.feedback.models import MEETING_CODES, FeedbackRound, Respondent
from sakrad.feedback.settings import min_answers
from sakrad.invitations.models import Invitation, InvitationState
from sakrad.meetings.models import EXPECTATION_FIELDS, Meeting, MeetingSession, MeetingState
from sakrad.minutes.models import MinutesPublication
from sakrad.organisations.models import FocusArea, Organisation, organisation_focus_areas
from sakrad.proposals.models import ProposalState, ResponseBatch, TopicProposal
from sakrad.selection.models import Selection, SelectionState

HELD = (MeetingState.HELD, MeetingState.DOCUMENTED)
PROFILE_FEATURES = ("form", "county", "size", "focus_areas", "first_time")
POPULATIONS = ("registry", "pool", "invited", "attending")


def _days(start: datetime | None, end: datetime | None) -> int | None:
    if start is None or end is None:
        return None
    return max(0, (to_local(end).date() - to_local(start).date()).days)


def _spread(values: list[int]) -> dict[str, Any]:
    return {
        "count": len(values),
        "median": statistics.median(values) if values else None,
        "longest": max(values) if values else None,
    }


def year_meetings(body_id: int, year: int) -> sa.Select:
    return (
        sa.select(Meeting.id)
        .join(Cycle, Cycle.id == Meeting.cycle_id)
        .where(Meeting.convening_body_id == body_id, Cycle.year == year)
    )


def _per_meeting(meeting_id: Any, ids: list[int], *aggregates: Any) -> Any:
    """A subquery of ``aggregates`` per meeting of ``ids`` (grouped by ``meeting_id``)."""
    return (
        sa.select(meeting_id, *aggregates)
        .where(meeting_id.in_(ids))
        .group_by(meeting_id)
        .subquery()
    )


def _meetings(ids: list[int]) -> list[dict[str, Any]]:
    """One row per meeting of the year that was announced (drafts were never public)."""
    first_session = _per_meeting(
        MeetingSession.meeting_id,
        ids,
        sa.func.min(MeetingSession.starts_at).label("starts_at"),
        sa.func.max(MeetingSession.ends_at).label("ends_at"),
    )
    first_pub = _per_meeting(
        MinutesPublication.meeting_id,
        ids,
        sa.func.min(MinutesPublication.published_at).label("published_at"),
    )
    published_sel = (
        sa.select(
            Selection.meeting_id,
            Selection.algorithm,
            Selection.result[("report", "min_probability")].as_float().label("min_probability"),
        )
        .where(
            Selection.meeting_id.in_(ids),
            Selection.state == SelectionState.CONFIRMED,
            Selection.report_published_at.is_not(None),
        )
        .subquery()
    )
    card_complete = sa.and_(
        *[sa.func.length(sa.func.trim(sa.func.coalesce(getattr(Meeting, f), ""))) > 0
          for f in EXPECTATION_FIELDS]
    )  # fmt: skip
    stmt = (
        sa.select(
            Meeting.id,
            Meeting.kind,
            Meeting.title,
            Meeting.title_en,
            Meeting.state,
            Meeting.announced_at,
            sa.case((card_complete, True), else_=False).label("card_complete"),
            first_session.c.starts_at,
            first_session.c.ends_at,
            first_pub.c.published_at,
            published_sel.c.algorithm,
            published_sel.c.min_probability,
        )
        .outerjoin(first_session, first_session.c.meeting_id == Meeting.id)
        .outerjoin(first_pub, first_pub.c.meeting_id == Meeting.id)
        .outerjoin(published_sel, published_sel.c.meeting_id == Meeting.id)
        .where(Meeting.id.in_(ids), Meeting.announced_at.is_not(None))
        .order_by(first_session.c.starts_at, Meeting.id)
    )
    out = []
    for r in db.session.execute(stmt):
        out.append(
            {
                "id": r.id,
                "kind": str(r.kind),
                "title": r.title,
                "title_en": r.title_en,
                "state": str(r.state),
                "held": r.state in HELD,
                "date": to_local(r.starts_at).date().isoformat() if r.starts_at else None,
                "card_complete": bool(r.card_complete),
                "minutes_published": r.published_at is not None,
                "days_to_minutes": _days(r.ends_at, r.published_at),
                "selection_method": r.algorithm,
                "lowest_probability": (
                    round(float(r.min_probability), 6) if r.min_probability is not None else None
                ),
            }
        )
    return out


def _meeting_figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    held = [r for r in rows if r["held"]]
    by_kind: dict[str, int] = {}
    for r in held:
        by_kind[r["kind"]] = by_kind.get(r["kind"], 0) + 1
    return {
        "announced": len(rows),
        "held": len(held),
        "held_by_kind": dict(sorted(by_kind.items())),
        "minutes_published": sum(1 for r in held if r["minutes_published"]),
        "days_to_minutes": _spread(
            [r["days_to_minutes"] for r in held if r["days_to_minutes"] is not None]
        ),
        "card_complete": sum(1 for r in rows if r["card_complete"]),
    }


def _sent(meeting_ids: list[int]) -> sa.Select:
    return sa.select(Invitation).where(
        Invitation.meeting_id.in_(meeting_ids), Invitation.sent_at.is_not(None)
    )


def _participation(meeting_ids: list[int]) -> dict[str, Any]:
    sent = _sent(meeting_ids).subquery()
    accepted = sent.c.state == InvitationState.ACCEPTED.value
    attended = sent.c.attended.is_(True)
    row = db.session.execute(
        sa.select(
            sa.func.count(),
            sa.func.count(sa.distinct(sent.c.organisation_id)),
            sa.func.count(sa.distinct(sent.c.meeting_id)),
            sa.func.coalesce(sa.func.sum(sa.case((accepted, 1), else_=0)), 0),
            sa.func.coalesce(sa.func.sum(sa.case((attended, 1), else_=0)), 0),
            sa.func.count(sa.distinct(sa.case((attended, sent.c.organisation_id)))),
        ).select_from(sent)
    ).one()
    return {
        "invitations": int(row[0]),
        "organisations_invited": int(row[1]),
        "meetings_with_invitations": int(row[2]),
        "accepted": int(row[3]),
        "attended": int(row[4]),
        "organisations_attended": int(row[5]),
    }


def _org_sets(body_id: int, year: int, meeting_ids: list[int]):
    invited = sa.select(Invitation.organisation_id).where(
        Invitation.meeting_id.in_(meeting_ids), Invitation.sent_at.is_not(None)
    )
    attending = invited.where(Invitation.attended.is_(True))
    earlier = sa.select(Invitation.organisation_id).where(
        Invitation.attended.is_(True),
        Invitation.meeting_id.in_(
            sa.select(Meeting.id)
            .join(Cycle, Cycle.id == Meeting.cycle_id)
            .where(Meeting.convening_body_id == body_id, Cycle.year < year)
        ),
    )
    return invited, attending, earlier


def _profiles(body_id: int, year: int, meeting_ids: list[int]) -> dict[str, Any]:
    """Counts per feature value of the registry, the pools, the invited and the attending.

    The registry is read in one grouped scan; the invited (with whether they attended and
    whether they took part in this body's earlier years) in one grouped query over their few
    ids, so the registry's size costs one scan, not one per population."""
    invited, attending, earlier = _org_sets(body_id, year, meeting_ids)
    o = Organisation
    in_registry = sa.and_(o.active.is_(True), o.merged_into_id.is_(None))
    out: dict[str, dict[str, dict[str, int]]] = {
        f: {p: {} for p in POPULATIONS} for f in PROFILE_FEATURES
    }

    def add(feature: str, population: str, value: str, n: int) -> None:
        if n:
            bucket = out[feature][population]
            bucket[value] = bucket.get(value, 0) + int(n)

    sizes = dict.fromkeys(POPULATIONS, 0)
    for form, county, size, n in db.session.execute(
        sa.select(o.form, o.county, o.size, sa.func.count())
        .where(in_registry)
        .group_by(o.form, o.county, o.size)
    ):
        for feature, value in (("form", form), ("county", county), ("size", size)):
            add(feature, "registry", value, n)
        sizes["registry"] += int(n)
    came = sa.case((o.id.in_(attending), 1), else_=0)
    before = sa.case((o.id.in_(earlier), 1), else_=0)
    for form, county, size, att, was, n in db.session.execute(
        sa.select(o.form, o.county, o.size, came, before, sa.func.count())
        .where(o.id.in_(invited))
        .group_by(o.form, o.county, o.size, came, before)
    ):
        for population, counted in (("invited", True), ("attending", bool(att))):
            if not counted:
                continue
            for feature, value in (("form", form), ("county", county), ("size", size),
                                   ("first_time", "no" if was else "yes")):  # fmt: skip
                add(feature, population, value, n)
            sizes[population] += int(n)
    ofa = organisation_focus_areas
    focus = sa.union_all(
        sa.select(sa.literal("registry").label("pop"), FocusArea.code, sa.func.count())
        .select_from(ofa)
        .join(FocusArea, FocusArea.id == ofa.c.focus_area_id)
        .join(o, o.id == ofa.c.organisation_id)
        .where(in_registry)
        .group_by(FocusArea.code),
        sa.select(sa.literal("invited").label("pop"), FocusArea.code, sa.func.count())
        .select_from(ofa)
        .join(FocusArea, FocusArea.id == ofa.c.focus_area_id)
        .where(ofa.c.organisation_id.in_(invited))
        .group_by(FocusArea.code),
        sa.select(sa.literal("attending").label("pop"), FocusArea.code, sa.func.count())
        .select_from(ofa)
        .join(FocusArea, FocusArea.id == ofa.c.focus_area_id)
        .where(ofa.c.organisation_id.in_(attending))
        .group_by(FocusArea.code),
    )
    for population, code, n in db.session.execute(focus):
        add("focus_areas", population, code, n)
    # First time with this body, for the registry: all but those who took part before.
    registry_before = db.session.execute(
        sa.select(sa.func.count()).select_from(o).where(in_registry, o.id.in_(earlier))
    ).scalar_one()
    add("first_time", "registry", "yes", sizes["registry"] - int(registry_before))
    add("first_time", "registry", "no", int(registry_before))
    # The pools, as frozen in the year's confirmed selections (each organisation once).
    seen: set[str] = set()
    for (pool,) in db.session.execute(
        sa.select(Selection.pool)
        .where(Selection.meeting_id.in_(meeting_ids), Selection.state == SelectionState.CONFIRMED)
        .order_by(Selection.id)
    ):
        for c in (pool or {}).get("candidates", []):
            if c["id"] in seen:
                continue
            seen.add(c["id"])
            for feature in PROFILE_FEATURES:
                value = c.get("features", {}).get(feature)
                for v in value if isinstance(value, list) else [value]:
                    if v is not None:
                        add(feature, "pool", v, 1)
    sizes["pool"] = len(seen)
    return {"sizes": sizes, "features": out}


def _concentration(meeting_ids: list[int], year: int, body_id: int, total: int,
                   n_meetings: int) -> dict[str, Any]:  # fmt: skip
    sent = _sent(meeting_ids).subquery()
    top = db.session.execute(
        sa.select(Organisation.id, Organisation.name, sa.func.count().label("n"))
        .select_from(sent)
        .join(Organisation, Organisation.id == sent.c.organisation_id)
        .group_by(Organisation.id, Organisation.name)
        .order_by(sa.func.count().desc(), Organisation.name, Organisation.id)
        .limit(10)
    ).all()
    every = db.session.execute(
        sa.select(Organisation.id, Organisation.name)
        .select_from(sent)
        .join(Organisation, Organisation.id == sent.c.organisation_id)
        .group_by(Organisation.id, Organisation.name)
        .having(sa.func.count(sa.distinct(sent.c.meeting_id)) == n_meetings)
        .order_by(Organisation.name, Organisation.id)
    ).all() if n_meetings > 1 else []  # fmt: skip
    # Invited by this body this year and in the year(s) just before it.
    inv_years = (
        sa.select(Invitation.organisation_id.label("org"), Cycle.year.label("year"))
        .join(Meeting, Meeting.id == Invitation.meeting_id)
        .join(Cycle, Cycle.id == Meeting.cycle_id)
        .where(
            Meeting.convening_body_id == body_id,
            Invitation.sent_at.is_not(None),
            Cycle.year.between(year - 2, year),
        )
        .subquery()
    )
    per_org = (
        sa.select(
            inv_years.c.org,
            sa.func.max(sa.case((inv_years.c.year == year - 1, 1), else_=0)).label("y1"),
            sa.func.max(sa.case((inv_years.c.year == year - 2, 1), else_=0)).label("y2"),
        )
        .group_by(inv_years.c.org)
        .having(sa.func.max(sa.case((inv_years.c.year == year, 1), else_=0)) == 1)
        .subquery()
    )
    two, three = db.session.execute(
        sa.select(
            sa.func.coalesce(sa.func.sum(per_org.c.y1), 0),
            sa.func.coalesce(sa.func.sum(sa.case(((per_org.c.y1 == 1) & (per_org.c.y2 == 1), 1),
                                                  else_=0)), 0),
        )
    ).one()  # fmt: skip
    top_seats = sum(int(r.n) for r in top)
    return {
        "top10": [{"id": r.id, "name": r.name, "invitations": int(r.n)} for r in top],
        "top10_invitations": top_seats,
        "top10_share": round(top_seats / total, 4) if total else None,
        "invited_to_every_meeting": [{"id": r.id, "name": r.name} for r in every],
        "consecutive_2_years": int(two),
        "consecutive_3_years": int(three),
    }


def _proposals(body_id: int, year: int) -> dict[str, Any]:
    cycles = sa.select(Cycle.id).where(Cycle.convening_body_id == body_id, Cycle.year == year)
    by_state = {str(s): int(n) for s, n in db.session.execute(
        sa.select(TopicProposal.state, sa.func.count())
        .where(TopicProposal.cycle_id.in_(cycles))
        .group_by(TopicProposal.state)
    )}  # fmt: skip
    answered, on_agenda = db.session.execute(
        sa.select(
            sa.func.count(TopicProposal.response_published_at),
            sa.func.count(TopicProposal.agenda_item_id),
        ).where(TopicProposal.cycle_id.in_(cycles))
    ).one()
    days = [
        d
        for closes, first in db.session.execute(
            sa.select(Cycle.call_closes_at, sa.func.min(ResponseBatch.published_at))
            .join(ResponseBatch, ResponseBatch.cycle_id == Cycle.id)
            .where(Cycle.id.in_(cycles))
            .group_by(Cycle.id, Cycle.call_closes_at)
        )
        if (d := _days(closes, first)) is not None
    ]
    submitted = sum(by_state.values())
    answerable = submitted - by_state.get(ProposalState.WITHDRAWN.value, 0)
    return {
        "submitted": submitted,
        "by_state": dict(sorted(by_state.items())),
        "answered": int(answered),
        "answered_share": round(int(answered) / answerable, 4) if answerable else None,
        "days_close_to_responses": _spread(days),
        "on_agenda": int(on_agenda),
    }


def _score_json(score: fq.Score | None) -> dict[str, Any]:
    score = score or fq.Score()
    return {"rated": score.rated, "total": score.total, "unknown": score.unknown,
            "mean": score.mean}  # fmt: skip


def _year_scores(groups: dict, respondent: Respondent, threshold: int | None):
    """Sums over the meetings; with a threshold only meetings that reach it count, so the
    year's figure never reveals a withheld meeting by difference."""
    total = fq.Group()
    for (_m, round_, who), group in groups.items():
        if round_ != FeedbackRound.MEETING or who != respondent:
            continue
        if threshold is not None and group.responses < threshold:
            continue
        total.add(group)
    return total


def _principles(meeting_ids: list[int], prev_ids: list[int], meeting_rows: list) -> dict:
    threshold = min_answers()
    now = fq.groups(meeting_ids)
    prev = fq.groups(prev_ids)
    per_meeting = []
    for r in meeting_rows:
        if not r["held"]:
            continue
        orgs = now.get((r["id"], FeedbackRound.MEETING, Respondent.ORGANISATION), fq.Group())
        body = now.get((r["id"], FeedbackRound.MEETING, Respondent.BODY), fq.Group())
        withheld = orgs.responses < threshold
        per_meeting.append(
            {
                "meeting_id": r["id"],
                "answers": orgs.responses,
                "withheld": withheld,
                "organisations": None if withheld else
                {c: _score_json(orgs.scores.get(c)) for c in MEETING_CODES},
                "self_assessments": body.responses,
                "self_assessment": {c: _score_json(body.scores.get(c)) for c in MEETING_CODES},
            }
        )  # fmt: skip
    year_orgs = _year_scores(now, Respondent.ORGANISATION, threshold)
    prev_orgs = _year_scores(prev, Respondent.ORGANISATION, threshold)
    year_body = _year_scores(now, Respondent.BODY, None)
    year = {}
    for c in MEETING_CODES:
        mean = year_orgs.scores.get(c, fq.Score()).mean if year_orgs.responses else None
        before = prev_orgs.scores.get(c, fq.Score()).mean if prev_orgs.responses else None
        year[c] = {
            "organisations": _score_json(year_orgs.scores.get(c)),
            "previous_year_mean": before,
            "change": round(mean - before, 2) if mean is not None and before is not None else None,
            "self_assessment": _score_json(year_body.scores.get(c)),
        }
    follow = fq.Group()
    for (_m, round_, who), group in now.items():
        counted = round_ == FeedbackRound.FOLLOWUP and who == Respondent.ORGANISATION
        if counted and group.responses >= threshold:
            follow.add(group)
    follow_all = sum(
        g.responses for (_m, rnd, who), g in now.items()
        if rnd == FeedbackRound.FOLLOWUP and who == Respondent.ORGANISATION
    )  # fmt: skip
    return {
        "threshold": threshold,
        "answers": sum(p["answers"] for p in per_meeting),
        "answers_counted": year_orgs.responses,
        "self_assessments": year_body.responses,
        "per_meeting": per_meeting,
        "year": year,
        "feedback_received": {
            "answers": follow_all,
            "answers_counted": follow.responses,
            "withheld": follow.responses < threshold,
            "yes": follow.choices.get(2, 0),
            "partly": follow.choices.get(1, 0),
            "no": follow.choices.get(0, 0),
            "dont_know": follow.choices.get(None, 0),
        }
        if follow.responses >= threshold
        else {"answers": follow_all, "answers_counted": 0, "withheld": True},
    }


def compute(body_id: int, year: int, *, now: datetime | None = None) -> dict[str, Any]:
    # The year's meetings (a few dozen at most) are looked up once and passed on as a list,
    # so no later query repeats the lookup.
    meeting_ids = list(db.session.scalars(year_meetings(body_id, year)))
    prev_ids = list(db.session.scalars(year_meetings(body_id, year - 1)))
    rows = _meetings(meeting_ids)
    participation = _participation(meeting_ids)
    return {
        "body_id": body_id,
        "year": year,
        "computed_at": (now or utcnow()).isoformat(),
        "meetings": _meeting_figures(rows),
        "meeting_list": rows,
        "participation": participation,
        "profiles": _profiles(body_id, year, meeting_ids),
        "concentration": _concentration(
            meeting_ids,
            year,
            body_id,
            participation["invitations"],
            participation["meetings_with_invitations"],
        ),
        "proposals": _proposals(body_id, year),
        "principles": _principles(meeting_ids, prev_ids, rows),
    }
