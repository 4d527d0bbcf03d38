"""Reviews: coaching questions for the moment, answers kept in the journal, a summary."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from wayfinder.core.attention import practices_needing_attention
from wayfinder.core.counts import count_of
from wayfinder.core.errors import sentence
from wayfinder.core.forms import StaleEdit
from wayfinder.core.thresholds import thresholds_for
from wayfinder.core.web import HtmxHttpRequest, owner_of, posted, render_page, today_for
from wayfinder.reflection.forms import (
    MomentForm,
    ReviewAnswersForm,
    ReviewCompleteForm,
    ReviewStartForm,
)
from wayfinder.reflection.models import Review, ReviewKind
from wayfinder.reflection.questions import MOMENTS, Question, order_first, questions_for
from wayfinder.reflection.selectors import last_review_on, review_due, review_list
from wayfinder.reflection.services import (
    ReflectionError,
    journal_answer,
    review_complete,
    review_delete,
    review_start,
)


def _review(request: HttpRequest, pk: int) -> Review:
    return get_object_or_404(Review.objects.for_owner(owner_of(request)), pk=pk)


def _moment(review: Review, requested: str | None) -> str:
    if requested in MOMENTS:
        return requested
    return "first_run" if review.kind == ReviewKind.FIRST_RUN else "quarterly_review"


def reviews(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    today = today_for(owner)
    found = list(review_list(owner=owner))
    last = last_review_on(owner=owner, today=today)
    due_after = thresholds_for(owner=owner).review_days
    return render_page(
        request,
        "reflection/reviews.html",
        {
            "reviews": found,
            "days_since": (today - last).days if last else None,
            "due": review_due(last_review_on=last, today=today, after_days=due_after),
            "due_after": due_after,
        },
    )


def review_new(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    form = ReviewStartForm(
        posted(request), initial={"kind": ReviewKind.QUARTERLY, "held_on": today_for(owner)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            review = review_start(owner=owner, **form.cleaned_data)
        except ReflectionError as error:
            form.add_error(None, sentence(error))
        else:
            return redirect("reflection:review", pk=review.pk)
    return render_page(request, "reflection/review_new.html", {"form": form})


def _answers_form(ordered: list[tuple[Question, bool]]) -> ReviewAnswersForm:
    form = ReviewAnswersForm(questions=[question for question, _ in ordered])
    for question, gap in ordered:
        if gap:
            form.fields[
                f"answer_{question.key}"
            ].help_text = f"Asked first: {question.needs_attention}."
    return form


def _review_page(
    request: HtmxHttpRequest,
    review: Review,
    moment: str,
    answers_form: ReviewAnswersForm | None = None,
    complete_form: ReviewCompleteForm | None = None,
) -> HttpResponse:
    entries = list(review.entries.order_by("id"))
    answered = {entry.question_key for entry in entries}
    open_questions = [q for q in questions_for(moment) if q.key not in answered]
    # The questions about the practices that need attention today come first.
    owner = owner_of(request)
    first = practices_needing_attention(owner=owner, today=today_for(owner))
    ordered = order_first(open_questions, first)
    return render_page(
        request,
        "reflection/review.html",
        {
            "review": review,
            "entries": entries,
            "moment": moment,
            "moment_form": MomentForm(initial={"moment": moment}),
            "answers_form": answers_form or _answers_form(ordered),
            "complete_form": complete_form
            or ReviewCompleteForm(initial={"summary": review.summary}, edited=review),
        },
        partial="review-questions",
    )


def review_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    review = _review(request, pk)
    moment = _moment(review, request.POST.get("moment") or request.GET.get("moment"))
    if request.method != "POST":
        return _review_page(request, review, moment)
    answered = set(review.entries.values_list("question_key", flat=True))
    questions = [q for q in questions_for(moment) if q.key not in answered]
    form = ReviewAnswersForm(request.POST, questions=questions)
    if form.is_valid():
        answers = form.answers()
        if not answers:
            form.add_error(None, "Write at least one answer; empty boxes are skipped.")
        else:
            for question, answer in answers:
                journal_answer(
                    owner=owner,
                    review=review,
                    question_key=question.key,
                    question=question.text,
                    answer=answer,
                    written_on=review.held_on,
                    is_private=form.cleaned_data["is_private"],
                )
            count = len(answers)
            messages.success(request, f"{count_of(count, 'answer')} kept in your journal.")
            return redirect(f"{review.get_absolute_url()}?moment={moment}")
    return _review_page(request, review, moment, answers_form=form)


@require_POST
def review_finish(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    review = _review(request, pk)
    form = ReviewCompleteForm(request.POST, initial={"summary": review.summary}, edited=review)
    if form.is_valid():
        try:
            with form.unchanged_since_opened():
                review_complete(owner=owner, review=review, summary=form.cleaned_data["summary"])
        except ReflectionError as error:
            form.add_error("summary", sentence(error))
        except StaleEdit as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, "Review complete. Well done for taking the time.")
            return redirect("reflection:review", pk=review.pk)
    return _review_page(request, review, _moment(review, None), complete_form=form)


def review_remove(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    review = _review(request, pk)
    if request.method == "POST":
        review_delete(owner=owner, review=review)
        messages.success(request, "Review deleted; its answers stay in your journal.")
        return redirect("reflection:reviews")
    return render_page(
        request,
        "core/confirm_delete.html",
        {
            "object": review,
            "what": "review",
            "consequence": "Its answers stay in your journal.",
            "cancel_url": review.get_absolute_url(),
        },
    )
