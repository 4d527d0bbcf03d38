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
    brag_doc_done,
    brag_doc_import,
    brag_doc_parse,
)
from wayfinder.portability.resume import resume_build
from wayfinder.wins.models import Win

EXAMPLE = "## 2026 Q3\n- [Sep 4, 2026] Launched the partner programme — 14 partners signed"


class BragDocForm(forms.Form):
    document = forms.CharField(
        label="Your brag document (Markdown)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "placeholder": EXAMPLE}),
        help_text="Paste it as it is: headings for periods ('## 2026 Q3', 'FY25 Q3', '2025 brag "
        "document'), a bullet or a '###' heading per win, dates like '[Nov 30, 2024]'. Goals, "
        "plans and courses are offered as goals and actions; prose becomes details.",
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


def _refused(text: str, problems: list[str]) -> BragDocForm:
    """The form again with the document's text in the box (an uploaded file's too)."""
    form = BragDocForm({"document": text})
    form.is_valid()
    for problem in problems:
        form.add_error(None, problem)
    return form


def brag_doc(request: HttpRequest) -> HttpResponse:
    """Paste or upload, see exactly what will be created, then confirm: nothing is written
    before the confirmation, and then every win and every ticked offer, or none."""
    owner = owner_of(request)
    today = today_for(owner)
    form = BragDocForm(request.POST or None, request.FILES or None)
    document = None
    already: dict[int, Win] = {}
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["document"]
        try:
            document = brag_doc_parse(text, today=today)
            if request.POST.get("confirm"):
                chosen = request.POST.getlist("offer")
                if not all(line.isdigit() for line in chosen):
                    raise BragDocError(["choose the goals and actions to add by their line"])
                done = brag_doc_import(
                    owner=owner,
                    document=document,
                    offers={int(line) for line in chosen},
                    today=today,
                )
                messages.success(request, brag_doc_done(done))
                return redirect("wins:wins")
        except BragDocError as error:
            form, document = _refused(text, error.problems), None
        else:
            already = brag_doc_already_logged(owner=owner, entries=document.wins)
            # The preview's confirm form carries the pasted or uploaded text as it was read.
            form = BragDocForm(initial={"document": text})
    wins = document.wins if document else []
    return render_page(
        request,
        "portability/brag_doc.html",
        {
            "form": form,
            "document": document,
            "rows": [(entry, already.get(entry.line)) for entry in wins],
            "already_count": len(already),
            "new_count": len(wins) - len(already),
            "metric_count": sum(len(e.metrics) for e in wins if e.line not in already),
            "chosen": set(request.POST.getlist("offer")),
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
