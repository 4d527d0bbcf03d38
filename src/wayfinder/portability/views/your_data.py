"""Your data: take out the full export (and, on SQLite, a backup of the database); bring an
export in, checked as `wayfinder import` checks it, previewed, then imported all at once."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError, connection
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from wayfinder.core.web import owner_of, render_page, today_for
from wayfinder.environment import data_dir
from wayfinder.portability.backup import sqlite_backup
from wayfinder.portability.exporter import ExportError, export_text, owner_export
from wayfinder.portability.importer import owner_import
from wayfinder.portability.selectors import backup_unavailable, domain_data_exists
from wayfinder.portability.validation import (
    ImportRefused,
    ValidImport,
    beyond_limits,
    import_parse,
    import_validate,
)

# The file waiting for confirmation, kept in the session (stored in the database, so any
# app server can finish the import) until it is imported or replaced.
PENDING = "wayfinder_pending_import"
HAS_DATA = (
    "You already have data here, and an import never merges into it: it only fills an "
    "account with nothing in it yet. To bring this file into a fresh Wayfinder, run "
    "`wayfinder import FILE` there, or `wayfinder import --owner NEW_USERNAME FILE` for a "
    "new owner on this instance."
)


class ImportForm(forms.Form):
    export = forms.FileField(
        label="Your export file",
        help_text="A .json file written by Wayfinder's export, up to {} MB.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["export"]
        field.help_text = str(field.help_text).format(settings.WAYFINDER_MAX_UPLOAD_MB)
        field.error_messages["required"] = "Choose the export file to import."


def _page(
    request: HttpRequest, form: ImportForm, status: int = 200, error: str = ""
) -> HttpResponse:
    owner = owner_of(request)
    return render_page(
        request,
        "portability/your_data.html",
        {
            "form": form,
            "has_data": domain_data_exists(owner=owner),
            "backup_unavailable": backup_unavailable(owner=owner),
            "import_error": error,
        },
        status=status,
    )


@require_GET
def your_data(request: HttpRequest) -> HttpResponse:
    return _page(request, ImportForm())


@require_GET
def export_download(request: HttpRequest) -> HttpResponse:
    """Everything the owner recorded, private notes included: their own full backup."""
    owner = owner_of(request)
    try:
        text = export_text(owner_export(owner=owner))
    except ExportError as error:
        messages.error(request, f"Your export could not be made: {error}.")
        return redirect("portability:data")
    name = f"wayfinder-{owner.user.get_username()}-{today_for(owner):%Y%m%d}.json"
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def backup_download(request: HttpRequest) -> HttpResponse:
    """The SQLite database copied through SQLite's backup API: one consistent snapshot."""
    owner = owner_of(request)
    refusal = backup_unavailable(owner=owner)
    if refusal is not None:
        messages.error(request, refusal)
        return redirect("portability:data")
    name = f"wayfinder-{today_for(owner):%Y%m%d}.sqlite3"
    folder = Path(tempfile.mkdtemp(dir=data_dir(), prefix=".download-"))
    try:
        target = folder / name
        sqlite_backup(Path(connection.settings_dict["NAME"]), target)
        copy = target.open("rb")
    except (OSError, DatabaseError) as error:
        messages.error(request, f"The backup could not be made ({error}). Nothing was changed.")
        return redirect("portability:data")
    finally:
        # The open file stays readable until it is sent; nothing is left on disk.
        shutil.rmtree(folder, ignore_errors=True)
    return FileResponse(
        copy, as_attachment=True, filename=name, content_type="application/vnd.sqlite3"
    )


def _read(raw: bytes) -> Any:
    """The file's JSON, or ImportRefused; a hostile file meeting one of Python's own limits
    is refused as the CLI refuses it."""
    try:
        return import_parse(raw)
    except ImportRefused:
        raise
    except (RecursionError, ValueError, OverflowError) as error:
        raise ImportRefused(beyond_limits(error)) from None


def _checked(raw: bytes) -> ValidImport:
    """The whole file checked as the importer checks it, or ImportRefused saying why not."""
    data = _read(raw)
    try:
        return import_validate(data)
    except ImportRefused:
        raise
    except (RecursionError, ValueError, OverflowError) as error:
        raise ImportRefused(beyond_limits(error)) from None


def _refusal(error: ImportRefused) -> str:
    return f"This file cannot be imported: {error}. Nothing was changed."


@require_POST
def import_upload(request: HttpRequest) -> HttpResponse:
    """Check the whole file and show what it holds; nothing is written before the confirm."""
    owner = owner_of(request)
    form = ImportForm(request.POST, request.FILES)
    if domain_data_exists(owner=owner):
        form.add_error(None, HAS_DATA)
        return _page(request, form, status=400)
    if not form.is_valid():
        return _page(request, form, status=400)
    raw = form.cleaned_data["export"].read()
    try:
        valid = _checked(raw)
    except ImportRefused as error:
        form.add_error("export", _refusal(error))
        return _page(request, form, status=400)
    text = raw.decode("utf-8-sig")  # import_parse accepted it as UTF-8
    digest = hashlib.sha256(raw).hexdigest()
    request.session[PENDING] = {"digest": digest, "text": text}
    counts = [(key.replace("_", " "), len(rows)) for key, rows in valid.rows.items()]
    return render_page(
        request,
        "portability/import_preview.html",
        {
            "counts": [(label, count) for label, count in counts if count],
            "total": sum(count for _, count in counts),
            "digest": digest,
            "name": form.cleaned_data["export"].name,
            "username": owner.user.get_username(),
        },
    )


@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Import the previewed file in one transaction: all of it, or nothing."""
    owner = owner_of(request)
    pending = request.session.get(PENDING)
    if not pending or pending.get("digest") != request.POST.get("digest"):
        messages.error(
            request, "That preview is no longer the file waiting to be imported: upload it again."
        )
        return redirect("portability:data")
    try:
        data = _read(pending["text"].encode())
        result = owner_import(data=data, username=owner.user.get_username())
    except ImportRefused as error:
        del request.session[PENDING]
        # The page says so itself when the owner has data meanwhile.
        message = "" if domain_data_exists(owner=owner) else _refusal(error)
        return _page(request, ImportForm(), status=400, error=message)
    del request.session[PENDING]
    total = sum(count for _, count in result.counts)
    messages.success(request, f"Imported {total} records from your export.")
    return redirect("portability:data")
