"""The narrative pages: list and create, edit with versions, regenerate, export."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from wayfinder.advocacy.exports import (
    EXPORT_CSP,
    PDF_DEBIAN_PACKAGES,
    PdfUnavailable,
    export_filename,
    export_html,
    export_markdown,
    export_pdf,
    markdown_html,
    pdf_available,
)
from wayfinder.advocacy.models import Narrative, NarrativeVersion
from wayfinder.advocacy.narrative import NarrativeError
from wayfinder.advocacy.narrative_forms import NarrativeEditForm, NarrativeNewForm
from wayfinder.advocacy.narrative_selectors import (
    narrative_list,
    narrative_version,
    narrative_versions,
)
from wayfinder.advocacy.narrative_services import (
    narrative_create,
    narrative_delete,
    narrative_regenerate,
    narrative_version_save,
)
from wayfinder.core.errors import sentence
from wayfinder.core.web import owner_of, posted, render_page, today_for
from wayfinder.wins.selectors import months_before


def _narrative(request: HttpRequest, pk: int) -> Narrative:
    return get_object_or_404(Narrative.objects.for_owner(owner_of(request)), pk=pk)


def _version(narrative: Narrative, number: int | None) -> NarrativeVersion:
    try:
        return narrative_version(narrative=narrative, number=number)
    except NarrativeVersion.DoesNotExist:
        raise Http404("no such version") from None


def narratives(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    today = today_for(owner)
    form = NarrativeNewForm(
        posted(request),
        initial={"period_start": months_before(today, 12), "period_end": today},
    )
    if request.method == "POST" and form.is_valid():
        try:
            narrative = narrative_create(owner=owner, today=today, **form.cleaned_data)
        except NarrativeError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, "Your narrative is drafted from your record: make it yours.")
            return redirect("advocacy:narrative", pk=narrative.pk)
    return render_page(
        request,
        "advocacy/narratives.html",
        {"narratives": narrative_list(owner=owner), "form": form},
    )


def narrative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    narrative = _narrative(request, pk)
    latest = _version(narrative, None)
    form = NarrativeEditForm(posted(request), initial={"body": latest.body})
    if request.method == "POST" and form.is_valid():
        try:
            version = narrative_version_save(owner=owner, narrative=narrative, **form.cleaned_data)
        except NarrativeError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, f"Saved as version {version.number}.")
            return redirect("advocacy:narrative", pk=narrative.pk)
    return render_page(
        request,
        "advocacy/narrative.html",
        {
            "narrative": narrative,
            "latest": latest,
            "form": form,
            "versions": narrative_versions(narrative=narrative),
            "pdf_available": pdf_available(),
            "pdf_packages": PDF_DEBIAN_PACKAGES,
        },
    )


def narrative_version_view(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    narrative = _narrative(request, pk)
    version = _version(narrative, number)
    return render_page(
        request,
        "advocacy/narrative_version.html",
        {
            "narrative": narrative,
            "version": version,
            "html": markdown_html(version.body),
            "pdf_available": pdf_available(),
            "pdf_packages": PDF_DEBIAN_PACKAGES,
        },
    )


@require_POST
def narrative_regenerate_view(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    narrative = _narrative(request, pk)
    version = narrative_regenerate(owner=owner, narrative=narrative, today=today_for(owner))
    messages.success(
        request,
        f"Version {version.number} is assembled afresh from your record; "
        "your earlier edits are kept in the versions below.",
    )
    return redirect("advocacy:narrative", pk=narrative.pk)


def narrative_remove(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    narrative = _narrative(request, pk)
    if request.method == "POST":
        narrative_delete(owner=owner, narrative=narrative)
        messages.success(request, f"“{narrative.title}” is deleted.")
        return redirect("advocacy:narratives")
    return render_page(
        request,
        "core/confirm_delete.html",
        {
            "object": narrative,
            "what": "narrative",
            "consequence": "All its versions go with it; your wins stay as they are.",
            "cancel_url": reverse("advocacy:narrative", args=[narrative.pk]),
        },
    )


def _number(request: HttpRequest) -> int | None:
    raw = request.GET.get("v", "")
    return int(raw) if raw.isdigit() else None


def narrative_export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if kind not in {"md", "html", "pdf"}:
        raise Http404("no such export")
    narrative = _narrative(request, pk)
    version = _version(narrative, _number(request))
    if kind == "md":
        response = HttpResponse(
            export_markdown(version), content_type="text/markdown; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{export_filename(version, "md")}"'
        return response
    if kind == "html":
        response = HttpResponse(export_html(version), content_type="text/html; charset=utf-8")
        response["Content-Security-Policy"] = EXPORT_CSP
        if request.GET.get("download"):
            name = export_filename(version, "html")
            response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    try:
        pdf = export_pdf(version)
    except PdfUnavailable as error:
        # The page shows no PDF button then; an old link lands back on it with the way to
        # enable PDF, never on a bare error.
        messages.error(request, sentence(error))
        return redirect("advocacy:narrative", pk=narrative.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(version, "pdf")}"'
    return response
