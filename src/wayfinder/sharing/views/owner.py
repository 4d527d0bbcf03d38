"""The owner's Sharing page: every share, a new one previewed before it is saved, each
share's access log, and the share pack when no viewer can reach this instance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wayfinder.advocacy.narrative_selectors import narrative_versions_of_owner
from wayfinder.core.dates import date_shown
from wayfinder.core.errors import sentence
from wayfinder.core.models import Profile
from wayfinder.core.web import HtmxHttpRequest, owner_of, paginate, posted, render_page, today_for
from wayfinder.core.widgets import DateInput, QuickSelect
from wayfinder.network.selectors import people_list
from wayfinder.sharing import pack
from wayfinder.sharing.invitations import invitation_deliver
from wayfinder.sharing.models import SectionKey, Share
from wayfinder.sharing.sections import NEVER_SHARED, SECTIONS, TEMPLATES
from wayfinder.sharing.selectors import share_accesses, shares_for_owner
from wayfinder.sharing.services import (
    ShareError,
    share_create,
    share_extend,
    share_revoke,
    share_update_sections,
)

# How long a new share lasts unless the owner says otherwise: a quarter, one review cycle.
DEFAULT_DAYS = 90
TEMPLATE_LABELS = {
    "supervisor": "Supervisor",
    "mentor": "Mentor",
    "sponsor": "Sponsor",
    "coach": "Coach",
}


def never_shared() -> str:
    """What no share shows, as one phrase: "a, b, c and d"."""
    return ", ".join(NEVER_SHARED[:-1]) + " and " + NEVER_SHARED[-1]


class SectionsField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Sections they see")
        kwargs.setdefault(
            "help_text", f"Only these parts of your record. Never shown: {never_shared()}."
        )
        super().__init__(choices=SectionKey.choices, **kwargs)
        self.error_messages["required"] = "Tick at least one section to share."


class ShareForm(forms.Form):
    person = forms.ModelChoiceField(
        queryset=None,
        label="Who",
        help_text="Someone from your people.",
        widget=QuickSelect,
    )
    email = forms.EmailField(
        required=False,
        label="Their email",
        help_text="Leave empty to use the one on their page.",
    )
    sections = SectionsField()
    period_start = forms.DateField(
        required=False,
        label="Items from",
        widget=DateInput(),
        help_text="Optional: only dated items from this day on.",
    )
    period_end = forms.DateField(
        required=False,
        label="Items until",
        widget=DateInput(),
        help_text="Optional: only dated items up to this day.",
    )
    expires_on = forms.DateField(
        label="Until", widget=DateInput(), help_text="The share closes after this day."
    )
    allow_comments = forms.BooleanField(required=False, label="They may comment on your items")
    show_collaborators = forms.BooleanField(
        required=False, label="Show the names of the people you worked with on your wins"
    )
    narrative_versions = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label="Narratives they read",
        help_text="With the Advocacy section: the versions of your narratives they see.",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, owner: Profile, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        versions = self.fields["narrative_versions"]
        versions.queryset = narrative_versions_of_owner(owner=owner)
        versions.label_from_instance = lambda v: f"{v.narrative.title}, version {v.number}"
        if not versions.queryset.exists():
            del self.fields["narrative_versions"]
        people = self.fields["person"]
        people.queryset = people_list(owner=owner, today=today)
        people.empty_label = "Choose someone"
        people.error_messages["required"] = "Choose who you share with."
        people.error_messages["invalid_choice"] = "Choose someone from your people."
        self.fields["expires_on"].error_messages["required"] = "Say until when they see it."

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The period ends before it starts.")
        expires_on = data.get("expires_on")
        if expires_on and expires_on < self.today:
            self.add_error("expires_on", "Pick today or a later day.")
        person = data.get("person")
        if person is not None and not data.get("email"):
            if person.email:
                data["email"] = person.email
            else:
                self.add_error("email", f"{person.name} has no email on their page: write it here.")
        return data


class ExtendForm(forms.Form):
    expires_on = forms.DateField(label="New end date", widget=DateInput())


class SectionsForm(forms.Form):
    sections = SectionsField()
    allow_comments = ShareForm.base_fields["allow_comments"]
    show_collaborators = ShareForm.base_fields["show_collaborators"]


class PackForm(forms.Form):
    person = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="For",
        help_text="Optional: the conversations section holds your conversations with them.",
        widget=QuickSelect,
    )
    sections = SectionsField(help_text="Only these parts of your record go into the file.")
    period_start = forms.DateField(required=False, label="Items from", widget=DateInput())
    period_end = forms.DateField(required=False, label="Items until", widget=DateInput())
    valid_until = forms.DateField(
        label="Valid until", widget=DateInput(), help_text="Printed on the file."
    )
    show_collaborators = ShareForm.base_fields["show_collaborators"]
    file_format = forms.ChoiceField(
        label="File",
        choices=[("html", "One HTML page"), ("pdf", "PDF")],
        initial="html",
        widget=forms.RadioSelect,
    )

    def __init__(
        self, *args: Any, owner: Profile, today: dt.date, pdf: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        people = self.fields["person"]
        people.queryset = people_list(owner=owner, today=today)
        people.empty_label = "Anyone"
        people.error_messages["invalid_choice"] = "Choose someone from your people."
        if not pdf:
            del self.fields["file_format"]


@dataclass(frozen=True)
class ShareRow:
    share: Share
    state: str


def _reachable() -> bool:
    """A viewer can reach this instance only at the address it says it is served on."""
    return bool(settings.WAYFINDER_BASE_URL)


def _share_of(owner: Profile, share_id: int) -> Share:
    share = shares_for_owner(owner).filter(pk=share_id).first()
    if share is None:
        raise Http404("No such share.")
    return share


@require_GET
def sharing(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    today = today_for(owner)
    return render_page(
        request,
        "sharing/owner/sharing.html",
        {
            "rows": [
                ShareRow(share=share, state=share.state_on(today))
                for share in shares_for_owner(owner)
            ],
            "reachable": _reachable(),
            "never_shared": never_shared(),
        },
    )


def _new_initial(request: HttpRequest, today: dt.date) -> dict[str, Any]:
    initial: dict[str, Any] = {"expires_on": today + dt.timedelta(days=DEFAULT_DAYS)}
    chosen = request.GET.get("template", "")
    if chosen in TEMPLATES:
        initial["sections"] = list(TEMPLATES[chosen])
    if request.GET.get("person", "").isdigit():
        initial["person"] = int(request.GET["person"])
    return initial


@require_http_methods(["GET", "POST"])
def share_new(request: HtmxHttpRequest) -> HttpResponse:
    owner = owner_of(request)
    today = today_for(owner)
    form = ShareForm(
        posted(request), owner=owner, today=today, initial=_new_initial(request, today)
    )
    context: dict[str, Any] = {
        "form": form,
        "templates": TEMPLATE_LABELS.items(),
        "chosen_template": request.GET.get("template", ""),
        "sections": SECTIONS.values(),
        "reachable": _reachable(),
    }
    if request.method != "POST" or not _reachable() or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render_page(request, "sharing/owner/share_new.html", context, status=status)
    data = form.cleaned_data
    fields = {
        "person": data["person"],
        "email": data["email"],
        "sections": data["sections"],
        "expires_on": data["expires_on"],
        "period_start": data["period_start"],
        "period_end": data["period_end"],
        "allow_comments": data["allow_comments"],
        "show_collaborators": data["show_collaborators"],
        "narrative_versions": list(data.get("narrative_versions") or []),
    }
    if "share" not in request.POST:
        draft = pack.draft_share(owner=owner, **fields)
        context["preview"] = pack.viewer_pages(share=draft, today=today)
        context["draft"] = draft
        return render_page(request, "sharing/owner/share_new.html", context)
    try:
        share, token = share_create(owner=owner, today=today, **fields)
    except ShareError as error:
        form.add_error(None, sentence(error))
        return render_page(request, "sharing/owner/share_new.html", context, status=400)
    sent = invitation_deliver(share=share, token=token, base_url=settings.WAYFINDER_BASE_URL)
    return render_page(
        request,
        "sharing/owner/share_created.html",
        {
            "share": share,
            "link": sent.link,
            "emailed": sent.emailed,
            "queued": sent.queued,
            "today": today,
        },
    )


def _detail(
    request: HttpRequest, share: Share, today: dt.date, status: int = 200, **bound: forms.Form
) -> HttpResponse:
    owner = owner_of(request)
    context = {
        "share": share,
        "state": share.state_on(today),
        "log": paginate(request, share_accesses(owner=owner, share=share)),
        "extend_form": ExtendForm(initial={"expires_on": share.expires_on}),
        "sections_form": SectionsForm(
            initial={
                "sections": share.sections,
                "allow_comments": share.allow_comments,
                "show_collaborators": share.show_collaborators,
            }
        ),
        **bound,
    }
    return render_page(request, "sharing/owner/share_detail.html", context, status=status)


@require_GET
def share_detail(request: HttpRequest, share_id: int) -> HttpResponse:
    owner = owner_of(request)
    return _detail(request, _share_of(owner, share_id), today_for(owner))


@require_POST
def share_revoke_view(request: HttpRequest, share_id: int) -> HttpResponse:
    owner = owner_of(request)
    share = _share_of(owner, share_id)
    try:
        share_revoke(owner=owner, share=share)
    except ShareError as error:
        messages.error(request, sentence(error))
    else:
        messages.success(request, f"{share.person.name} no longer sees your record.")
    return redirect("sharing:share", share_id=share.pk)


@require_POST
def share_extend_view(request: HttpRequest, share_id: int) -> HttpResponse:
    owner = owner_of(request)
    today = today_for(owner)
    share = _share_of(owner, share_id)
    form = ExtendForm(request.POST)
    if not form.is_valid():
        return _detail(request, share, today, 400, extend_form=form)
    try:
        share_extend(
            owner=owner, share=share, expires_on=form.cleaned_data["expires_on"], today=today
        )
    except ShareError as error:
        form.add_error("expires_on", sentence(error))
        return _detail(request, share, today, 400, extend_form=form)
    messages.success(request, f"Shared until {date_shown(form.cleaned_data['expires_on'])}.")
    return redirect("sharing:share", share_id=share.pk)


@require_POST
def share_sections_view(request: HttpRequest, share_id: int) -> HttpResponse:
    owner = owner_of(request)
    today = today_for(owner)
    share = _share_of(owner, share_id)
    form = SectionsForm(request.POST)
    if not form.is_valid():
        return _detail(request, share, today, 400, sections_form=form)
    try:
        share_update_sections(
            owner=owner,
            share=share,
            sections=form.cleaned_data["sections"],
            allow_comments=form.cleaned_data["allow_comments"],
            show_collaborators=form.cleaned_data["show_collaborators"],
        )
    except ShareError as error:
        form.add_error("sections", sentence(error))
        return _detail(request, share, today, 400, sections_form=form)
    messages.success(request, "What they see is changed.")
    return redirect("sharing:share", share_id=share.pk)


@require_http_methods(["GET", "POST"])
def share_pack_view(request: HtmxHttpRequest) -> HttpResponse:
    owner = owner_of(request)
    today = today_for(owner)
    pdf = pack.pdf_available()
    form = PackForm(
        posted(request),
        owner=owner,
        today=today,
        pdf=pdf,
        initial={"valid_until": today + dt.timedelta(days=DEFAULT_DAYS)},
    )
    context = {"form": form, "pdf": pdf, "reachable": _reachable()}
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render_page(request, "sharing/owner/pack_form.html", context, status=status)
    data = form.cleaned_data
    try:
        draft = pack.pack_share(
            owner=owner,
            sections=data["sections"],
            valid_until=data["valid_until"],
            today=today,
            period_start=data["period_start"],
            period_end=data["period_end"],
            person=data["person"],
            show_collaborators=data["show_collaborators"],
        )
    except pack.PackError as error:
        form.add_error(None, sentence(error))
        return render_page(request, "sharing/owner/pack_form.html", context, status=400)
    filename = pack.pack_filename(owner=owner, today=today)
    if data.get("file_format") == "pdf":
        response = HttpResponse(
            pack.pack_pdf(share=draft, today=today), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
        return response
    response = HttpResponse(
        pack.pack_html(share=draft, today=today), content_type="text/html; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.html"'
    response["Content-Security-Policy"] = pack.PACK_CSP
    return response
