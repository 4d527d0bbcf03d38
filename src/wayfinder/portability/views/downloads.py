"""Bring your brag document in (preview first, then all at once); take your record out as
a JSON Resume."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from wayfinder.core.storable import text_problem
from wayfinder.core.web import owner_of, render_page, today_for
from wayfinder.portability.bragdoc import (
    MAX_CHARS,
    BragDocError,
    brag_doc_already_logged,
    brag_doc_import,
    brag_doc_parse,
)
from wayfinder.portability.resume import resume_build

EXAMPLE = "## 2026 Q3\n- Launched the partner programme — 14 partners signed, pipeline +30 %"


class BragDocForm(forms.Form):
    document = forms.CharField(
        label="Your brag document (Markdown)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "placeholder": EXAMPLE}),
        help_text="A heading per period ('## 2026 Q3', '## March 2026', '## 2025'), one bullet "
        "per win; the result after a dash ('—') or in nested bullets.",
    )
    upload = forms.FileField(
        label="Or upload the file",
        required=False,
        help_text="A .md or .txt file, UTF-8.",
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        upload = cleaned.get("upload")
        if upload is not None:
            if upload.size > MAX_CHARS * 4:
                raise forms.ValidationError("That file is too large to be a brag document.")
            try:
                cleaned["document"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(
                    "That file is not UTF-8 text: save it as Markdown or plain text."
                ) from None
        if not cleaned.get("document", "").strip():
            raise forms.ValidationError("Paste your brag document or choose its file.")
        problem = text_problem(cleaned["document"])
        if problem:
            raise forms.ValidationError(f"The brag document {problem}.")
        return cleaned


def brag_doc(request: HttpRequest) -> HttpResponse:
    """Paste or upload, see exactly what will be created, then confirm: nothing is written
    before the confirmation, and then every win or none."""
    owner = owner_of(request)
    today = today_for(owner)
    form = BragDocForm(request.POST or None, request.FILES or None)
    entries = None
    already: set[int] = set()
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["document"]
        try:
            entries = brag_doc_parse(text, today=today)
        except BragDocError as error:
            for problem in error.problems:
                form.add_error(None, problem)
        else:
            if request.POST.get("confirm"):
                wins = brag_doc_import(owner=owner, entries=entries)
                messages.success(request, f"{len(wins)} wins imported from your brag document.")
                return redirect("wins:wins")
            already = brag_doc_already_logged(owner=owner, entries=entries)
            # The preview's confirm form carries the pasted or uploaded text as it was read.
            form = BragDocForm(initial={"document": text})
    return render_page(
        request,
        "portability/brag_doc.html",
        {
            "form": form,
            "entries": entries,
            "already": already,
            "new_count": len(entries or []) - len(already),
            "metric_count": sum(len(e.metrics) for e in entries or [] if e.line not in already),
        },
    )


def resume_json(request: HttpRequest) -> HttpResponse:
    """resume.json to download: profile, top wins and skills in the JSON Resume schema."""
    owner = owner_of(request)
    document = resume_build(owner=owner, today=today_for(owner))
    response = HttpResponse(
        json.dumps(document, indent=2, ensure_ascii=False) + "\n",
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="resume.json"'
    return response
