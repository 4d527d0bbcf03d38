"""Bringing people in from a file: upload, map a CSV's columns, check the preview, import.

The file waits in the session (stored in the database, so any app server can finish the
import) between the steps; the preview is worked out again from it at each step, and
the import is written all at once or not at all (network.people_import).
"""

from __future__ import annotations

import base64
import hashlib

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wayfinder.core.errors import sentence
from wayfinder.core.web import HtmxHttpRequest, owner_of, render_page
from wayfinder.network import people_import
from wayfinder.network.importers import ContactFileError, decode, table, vcard
from wayfinder.network.models import Person
from wayfinder.network.services import NetworkError

PENDING = "wayfinder_pending_people"
FORMAT_CHOICES = [
    ("", "Work it out from the file"),
    ("linkedin", "LinkedIn Connections.csv"),
    ("csv", "Another CSV (you choose the columns next)"),
    ("vcard", "vCard (.vcf) from Google, Apple or Outlook"),
]
FIELD_LABELS = {
    "name": "Full name",
    "first_name": "First name",
    "last_name": "Last name",
    "email": "Email",
    "url": "Profile URL",
    "organisation": "Organisation",
    "title": "Title",
    "function": "Function",
    "connected_on": "Met or connected on",
}


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Your file",
        help_text="LinkedIn's Connections.csv, a CSV of people, or a .vcf file, up to {} MB.",
    )
    file_format = forms.ChoiceField(label="What it is", choices=FORMAT_CHOICES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.help_text = str(field.help_text).format(settings.WAYFINDER_MAX_UPLOAD_MB)
        field.error_messages["required"] = "Choose the file to import."


class MappingForm(forms.Form):
    """Which column holds which field: one choice per field, "" for none."""

    def __init__(self, *args, columns: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Not in the file"), *((c, c) for c in columns)]
        for field, label in FIELD_LABELS.items():
            self.fields[field] = forms.ChoiceField(label=label, choices=choices, required=False)

    def mapping(self) -> dict[str, str]:
        return {field: column for field, column in self.cleaned_data.items() if column}


def _pending(request: HtmxHttpRequest) -> dict | None:
    pending = request.session.get(PENDING)
    if not pending or pending.get("digest") != request.POST.get("digest"):
        return None
    return pending


def _raw(pending: dict) -> bytes:
    return base64.b64decode(pending["raw"])


def _upload_page(request: HtmxHttpRequest, form: UploadForm, status: int = 200) -> HttpResponse:
    return render_page(request, "network/people_import.html", {"form": form}, status=status)


def _preview_page(request: HtmxHttpRequest, pending: dict, *, status: int = 200, error: str = ""):
    owner = owner_of(request)
    contacts = people_import.contacts_read(
        _raw(pending), file_format=pending["format"], mapping=pending.get("mapping")
    )
    preview = people_import.people_import_preview(owner=owner, contacts=contacts)
    return render_page(
        request,
        "network/people_import_preview.html",
        {
            "preview": preview,
            "entries": list(enumerate(preview.entries)),
            "digest": pending["digest"],
            "name": pending["name"],
            "error": error,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def people_import_upload(request: HtmxHttpRequest) -> HttpResponse:
    """Upload a file of people; a CSV goes on to the column mapping, the others to the preview."""
    if request.method == "GET":
        return _upload_page(request, UploadForm())
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, form, status=400)
    upload = form.cleaned_data["file"]
    raw = upload.read()
    file_format = form.cleaned_data["file_format"] or people_import.format_guess(upload.name, raw)
    try:
        decode(raw)
        columns = table.columns(raw) if file_format == "csv" else []
    except ContactFileError as error:
        form.add_error("file", sentence(error))
        return _upload_page(request, form, status=400)
    digest = hashlib.sha256(raw).hexdigest()
    pending = {
        "digest": digest,
        "raw": base64.b64encode(raw).decode(),
        "format": file_format,
        "name": upload.name,
    }
    request.session[PENDING] = pending
    if file_format == "csv":
        mapping = MappingForm(columns=columns, initial=table.guess_mapping(columns))
        return _mapping_page(request, mapping, digest)
    try:
        return _preview_page(request, pending)
    except NetworkError as error:
        del request.session[PENDING]
        form.add_error("file", sentence(error))
        return _upload_page(request, form, status=400)


def _mapping_page(request: HtmxHttpRequest, form: MappingForm, digest: str, status: int = 200):
    return render_page(
        request,
        "network/people_import_mapping.html",
        {"form": form, "digest": digest},
        status=status,
    )


def _gone(request: HtmxHttpRequest) -> HttpResponse:
    messages.error(request, "That preview is no longer the file waiting: upload it again.")
    return redirect("network:people-import")


@require_POST
def people_import_mapping(request: HtmxHttpRequest) -> HttpResponse:
    """The CSV's columns mapped to fields: on to the preview, or the mapping again."""
    pending = _pending(request)
    if pending is None:
        return _gone(request)
    columns = table.columns(_raw(pending))
    form = MappingForm(request.POST, columns=columns)
    if not form.is_valid():
        return _mapping_page(request, form, pending["digest"], status=400)
    try:
        table.check_mapping(columns, form.mapping())
        pending = pending | {"mapping": form.mapping()}
        request.session[PENDING] = pending
        return _preview_page(request, pending)
    except (ContactFileError, NetworkError) as error:
        form.add_error(None, sentence(error))
        return _mapping_page(request, form, pending["digest"], status=400)


@require_POST
def people_import_confirm(request: HtmxHttpRequest) -> HttpResponse:
    """Write the preview with the choices made for each match: all of it, or nothing."""
    owner = owner_of(request)
    pending = _pending(request)
    if pending is None:
        return _gone(request)
    try:
        contacts = people_import.contacts_read(
            _raw(pending), file_format=pending["format"], mapping=pending.get("mapping")
        )
        preview = people_import.people_import_preview(owner=owner, contacts=contacts)
        choices = {}
        for index, entry in enumerate(preview.entries):
            choice = request.POST.get(f"choice-{index}")
            if choice and choice != entry.choice:
                choices[index] = choice
        people_import.preview_choose(preview, choices)
        result = people_import.people_import_apply(owner=owner, preview=preview)
    except NetworkError as error:
        return _preview_page(request, pending, status=400, error=sentence(error))
    del request.session[PENDING]
    messages.success(
        request,
        f"Imported {result.created} new, merged {result.merged}, skipped {result.skipped}.",
    )
    return redirect("network:people-to-place")


@require_GET
def people_to_place(request: HtmxHttpRequest) -> HttpResponse:
    """The people whose level relative to you is not set yet."""
    owner = owner_of(request)
    people = people_import.people_to_place(owner=owner).order_by("name", "namesake")
    return render_page(request, "network/people_to_place.html", {"people": people})


@require_GET
def people_vcards(request: HtmxHttpRequest) -> HttpResponse:
    """Every person as a vCard 3.0 file, to open in your address book."""
    owner = owner_of(request)
    text = vcard.people_vcards(Person.objects.for_owner(owner).order_by("name", "namesake"))
    response = HttpResponse(text, content_type="text/vcard; charset=utf-8")
    name = slugify(owner.user.get_username()) or "people"
    response["Content-Disposition"] = f'attachment; filename="{name}-people.vcf"'
    return response
