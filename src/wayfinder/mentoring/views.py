"""Mentoring programs: the list, the opt-in pages, the administrator's page, the answers."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from wayfinder.core.errors import sentence
from wayfinder.core.web import HtmxHttpRequest, owner_of, posted, render_page, today_for
from wayfinder.mentoring.forms import MenteeOptInForm, MentorOptInForm, ProgramForm
from wayfinder.mentoring.models import Match, Program, Side
from wayfinder.mentoring.projection import MENTEE_SEEN, MENTOR_SEEN, projected
from wayfinder.mentoring.selectors import (
    administered_programs,
    is_program_administrator,
    mentee_opt_in_of,
    mentee_prefill,
    mentor_opt_in_of,
    my_matches,
    my_opt_ins,
    program_list,
    program_matches,
    program_mentees,
    program_mentors,
    program_summary,
)
from wayfinder.mentoring.services import (
    MentoringError,
    match_accept,
    match_decline,
    match_forbid,
    match_pin,
    match_release,
    matching_run,
    mentee_opt_in,
    mentor_opt_in,
    opt_in_withdraw,
    program_create,
    program_publish,
)


def _program(pk: int) -> Program:
    return get_object_or_404(program_list(), pk=pk)


def _administered(request: HttpRequest, pk: int) -> Program:
    """A program the signed-in owner administers; any other is a 404."""
    return get_object_or_404(administered_programs(owner=owner_of(request)), pk=pk)


def programs(request: HtmxHttpRequest) -> HttpResponse:
    owner = owner_of(request)
    mine = my_opt_ins(owner=owner)
    administered = set(administered_programs(owner=owner).values_list("pk", flat=True))
    rows = [
        {
            "program": program,
            "mentee": mine.mentee.get(program.pk),
            "mentor": mine.mentor.get(program.pk),
            "administered": program.pk in administered,
        }
        for program in program_list()
    ]
    return render_page(request, "mentoring/programs.html", {"rows": rows})


def program_new(request: HtmxHttpRequest) -> HttpResponse:
    owner = owner_of(request)
    today = today_for(owner)
    form = ProgramForm(posted(request), initial={"starts_on": today})
    if request.method == "POST" and form.is_valid():
        try:
            program = program_create(owner=owner, **form.cleaned_data)
        except MentoringError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, f"“{program.name}” is open for opt-ins. You administer it.")
            return redirect("mentoring:manage", pk=program.pk)
    return render_page(request, "mentoring/program_form.html", {"form": form})


def program_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    program = _program(pk)
    mentee = mentee_opt_in_of(owner=owner, program=program)
    mentor = mentor_opt_in_of(owner=owner, program=program)
    pairs = []
    for match in my_matches(owner=owner, program=program):
        as_mentee = match.mentee.owner_id == owner.pk
        answered = match.mentee_accepted_at if as_mentee else match.mentor_accepted_at
        pairs.append({"match": match, "as_mentee": as_mentee, "answered": bool(answered)})
    return render_page(
        request,
        "mentoring/program.html",
        {
            "program": program,
            "mentee": mentee,
            "mentor": mentor,
            "mentee_seen": projected(mentee, MENTEE_SEEN) if mentee else None,
            "mentor_seen": projected(mentor, MENTOR_SEEN) if mentor else None,
            "pairs": pairs,
            "administers": is_program_administrator(program=program, owner=owner),
        },
    )


def _opt_in_page(request, program, form, seen, side, service, existing) -> HttpResponse:
    owner = owner_of(request)
    if request.method == "POST" and form.is_valid():
        try:
            service(owner=owner, program=program, **form.cleaned_data)
        except MentoringError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, f"You are in “{program.name}” as a {side}.")
            return redirect(program)
    return render_page(
        request,
        "mentoring/opt_in.html",
        {"program": program, "form": form, "seen": seen, "side": side, "existing": existing},
    )


def mentee_opt_in_page(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    program = _program(pk)
    existing = mentee_opt_in_of(owner=owner, program=program)
    if existing is not None:
        initial = {
            name: getattr(existing, name)
            for name in MenteeOptInForm.base_fields
            if name != "skills_wanted"
        } | {"skills_wanted": ", ".join(existing.skills_wanted)}
    else:
        prefill = mentee_prefill(owner=owner)
        initial = {
            "skills_wanted": ", ".join(prefill.skills_wanted),
            "learning_goals": prefill.learning_goals,
            "function": prefill.function,
            "level": prefill.level,
            "time_zone": prefill.time_zone,
        }
    form = MenteeOptInForm(posted(request), initial=initial)
    return _opt_in_page(request, program, form, MENTEE_SEEN, Side.MENTEE, mentee_opt_in, existing)


def mentor_opt_in_page(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    program = _program(pk)
    existing = mentor_opt_in_of(owner=owner, program=program)
    if existing is not None:
        initial = {name: getattr(existing, name) for name in MentorOptInForm.base_fields} | {
            "skills_offered": ", ".join(existing.skills_offered),
            "levels_mentored": ", ".join(str(lv) for lv in existing.levels_mentored),
        }
    else:
        prefill = mentee_prefill(owner=owner)
        initial = {
            "function": prefill.function,
            "level": prefill.level,
            "time_zone": prefill.time_zone,
        }
    form = MentorOptInForm(posted(request), initial=initial)
    return _opt_in_page(request, program, form, MENTOR_SEEN, Side.MENTOR, mentor_opt_in, existing)


@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(pk)
    side = request.POST.get("side", "")
    try:
        opt_in_withdraw(owner=owner_of(request), program=program, side=side)
    except MentoringError as error:
        messages.error(request, sentence(error))
    else:
        messages.success(request, f"You have left “{program.name}” as a {side}.")
    return redirect(program)


# --- The program administrator -----------------------------------------------------------


def manage(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The administrator's page: opt-in rows (the projection) and the pairs, nothing else."""
    program = _administered(request, pk)
    mentees = list(program_mentees(program=program))
    mentors = list(program_mentors(program=program))
    matches = list(program_matches(program=program))
    paired = {m.mentee_id for m in matches if m.is_live}
    return render_page(
        request,
        "mentoring/manage.html",
        {
            "program": program,
            "mentees": [(o, projected(o, MENTEE_SEEN)) for o in mentees],
            "mentors": [(o, projected(o, MENTOR_SEEN)) for o in mentors],
            "mentee_labels": [s.label for s in MENTEE_SEEN],
            "mentor_labels": [s.label for s in MENTOR_SEEN],
            "matches": matches,
            "unmatched": [o for o in mentees if o.pk not in paired],
            "summary": program_summary(
                program=program, mentees=mentees, mentors=mentors, matches=matches
            ),
        },
    )


def _done(request: HttpRequest, program: Program, action, success: str) -> HttpResponse:
    try:
        action()
    except MentoringError as error:
        messages.error(request, sentence(error))
    else:
        messages.success(request, success)
    return redirect("mentoring:manage", pk=program.pk)


@require_POST
def run(request: HttpRequest, pk: int) -> HttpResponse:
    program = _administered(request, pk)
    try:
        result = matching_run(program=program, by=owner_of(request))
    except MentoringError as error:
        messages.error(request, sentence(error))
    else:
        messages.success(
            request,
            f"{len(result.pairs)} pairs proposed, total fit {result.total_fit}; "
            f"{len(result.unmatched)} mentees without a mentor.",
        )
    return redirect("mentoring:manage", pk=program.pk)


@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    program = _administered(request, pk)
    return _done(
        request,
        program,
        lambda: program_publish(program=program, by=owner_of(request), now=timezone.now()),
        "Published: each mentee and mentor now sees their pair and answers it.",
    )


def _administered_match(request: HttpRequest, pk: int) -> Match:
    owner = owner_of(request)
    return get_object_or_404(
        Match.objects.filter(program__administrators=owner).select_related("program"), pk=pk
    )


def _admin_action(service, success: str):
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        match = _administered_match(request, pk)
        program = match.program
        return _done(
            request,
            program,
            lambda: service(program=program, by=owner_of(request), match=match),
            success,
        )

    return view


match_pin_view = _admin_action(match_pin, "Pinned: the pair stays through every re-run.")
match_forbid_view = _admin_action(
    match_forbid, "Forbidden: the pair is never proposed again. Run the matching to re-match."
)
match_release_view = _admin_action(match_release, "Released.")


# --- Each side's answer ------------------------------------------------------------------


def _my_match(request: HttpRequest, pk: int) -> Match:
    owner = owner_of(request)
    found = Match.objects.filter(Q(mentee__owner=owner) | Q(mentor__owner=owner))
    match = get_object_or_404(found.select_related("program"), pk=pk)
    if not match.program.is_published:
        raise Http404("not published")
    return match


@require_POST
def match_accept_view(request: HttpRequest, pk: int) -> HttpResponse:
    match = _my_match(request, pk)
    owner = owner_of(request)
    try:
        done = match_accept(owner=owner, match=match, now=timezone.now(), today=today_for(owner))
    except MentoringError as error:
        messages.error(request, sentence(error))
    else:
        if done.is_accepted:
            messages.success(request, "You are paired: each of you is now in the other's people.")
        else:
            messages.success(request, "Accepted. The pair starts once the other side accepts too.")
    return redirect(match.program)


@require_POST
def match_decline_view(request: HttpRequest, pk: int) -> HttpResponse:
    match = _my_match(request, pk)
    try:
        match_decline(owner=owner_of(request), match=match)
    except MentoringError as error:
        messages.error(request, sentence(error))
    else:
        messages.success(request, "Declined: this pair will not be proposed again.")
    return redirect(match.program)
