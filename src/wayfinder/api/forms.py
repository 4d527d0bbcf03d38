"""The form that makes a personal access token on Settings → API tokens."""

from __future__ import annotations

from django import forms

from wayfinder.api.scopes import PRIVATE, READ_ONLY_SECTIONS, SECTION_LABELS, SECTIONS, read, write


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100, help_text="What will use it, so you recognise it later: 'phone', 'script'."
    )
    expires_on = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        label="Last day",
        help_text="Leave empty for a token that works until you revoke it.",
    )
    private = forms.BooleanField(
        required=False,
        label="Private fields and records",
        help_text="Private notes, private journal entries: only tick this for a tool you trust "
        "as much as yourself.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for section in SECTIONS:
            choices = [("", "No access"), ("read", "Read")]
            if section not in READ_ONLY_SECTIONS:
                choices.append(("write", "Read and write"))
            self.fields[f"section_{section}"] = forms.ChoiceField(
                choices=choices, required=False, label=SECTION_LABELS[section]
            )

    def section_fields(self) -> list[forms.BoundField]:
        return [self[f"section_{section}"] for section in SECTIONS]

    def scopes(self) -> list[str]:
        chosen = []
        for section in SECTIONS:
            access = self.cleaned_data.get(f"section_{section}")
            if access == "read":
                chosen.append(read(section))
            elif access == "write":
                chosen += [read(section), write(section)]
        if self.cleaned_data.get("private"):
            chosen.append(PRIVATE)
        return chosen

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.scopes():
            raise forms.ValidationError("Give the token access to at least one section.")
        return cleaned
