"""The dashboard: the health of each practice, this week's list, and the charts."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from wayfinder.core.models import Profile
from wayfinder.core.versions import data_version_of
from wayfinder.core.web import owner_of, render_page, today_for
from wayfinder.guidance import charts
from wayfinder.guidance.activity import activity
from wayfinder.guidance.questions import questions_for_gaps
from wayfinder.guidance.report import report_for
from wayfinder.network.selectors import network_coverage
from wayfinder.onboarding.services import SKIPPED, onboarding_next_step


def dashboard(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    next_step = None if owner.onboarded_at else onboarding_next_step(owner=owner)
    if next_step and not request.session.get(SKIPPED):
        return redirect(f"onboarding:{next_step}")
    today = today_for(owner)
    # Ten years of records take a while to assess; the result only changes with the data
    # (every write moves the data version on) or the day. One entry per owner, stamped
    # with both: a write replaces it rather than leaving the old body behind, so a shared
    # cache holds one dashboard per owner, not one per write.
    key, stamp = f"dashboard:{owner.pk}", (data_version_of(owner=owner), today.isoformat())
    held = cache.get(key)
    if isinstance(held, tuple) and len(held) == 2 and held[0] == stamp:
        body = held[1]
    else:
        body = render_to_string("guidance/dashboard.html#dashboard-body", _body(owner, today))
        cache.set(key, (stamp, body), timeout=BODY_CACHE_SECONDS)
    return render_page(
        request,
        "guidance/dashboard.html",
        {"owner": owner, "today": today, "setup_step": next_step, "body": mark_safe(body)},
    )


BODY_CACHE_SECONDS = 24 * 60 * 60


def _body(owner: Profile, today: dt.date) -> dict[str, object]:
    """Everything the dashboard shows about the owner's practice on `today`."""
    report = report_for(owner=owner, today=today)
    indicators = report.indicators
    months, series = activity(owner=owner, today=today)
    coverage = network_coverage(owner=owner, today=today)
    matrix = next(i.basis for i in indicators if i.key == "visibility")
    return {
        "owner": owner,
        "indicators": indicators,
        "nudges": report.nudges,
        "healthy_count": report.healthy_count,
        "week": report.week,
        "questions": questions_for_gaps(indicators),
        "health_chart": charts.health_chart(indicators),
        "activity_series": series,
        "activity_rows": list(
            zip(months, zip(*(s.counts for s in series), strict=True), strict=True)
        ),
        "activity_chart": charts.activity_chart(months, series),
        "coverage": coverage,
        "coverage_chart": charts.coverage_chart(coverage, owner.function),
        "matrix": matrix,
        "visibility_chart": charts.visibility_chart(matrix) if matrix.rows else None,
    }
