"""The coaching questions library, by the moment they fit."""

from __future__ import annotations

from django.http import HttpResponse

from wayfinder.core.web import HtmxHttpRequest, render_page
from wayfinder.reflection.questions import MOMENTS, QUESTIONS, questions_for


def questions(request: HtmxHttpRequest) -> HttpResponse:
    moment = request.GET.get("moment", "")
    if moment not in MOMENTS:
        moment = ""
    return render_page(
        request,
        "reflection/questions.html",
        {
            "questions": questions_for(moment) if moment else list(QUESTIONS),
            "moment": moment,
            "moments": MOMENTS.items(),
        },
        partial="question-list",
    )
