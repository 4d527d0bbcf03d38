"""Forms for development conversations; rules beyond field types live in the services."""

from __future__ import annotations

import datetime as dt

from django import forms

from wayfinder.conversations.models import AgreedActionOwner, ConversationStatus
from wayfinder.core.forms import EditVersionMixin
from wayfinder.core.models import Profile
from wayfinder.core.widgets import DateInput, QuickSelect
from wayfinder.network.models import Person

AGENDA_HINT = (
    "A good agenda covers your plan's progress, recent wins, blockers, what you want to ask "
    "for, and where you want your career to go."
)
PRIVATE_HINT = "Private: for your eyes only, left out of the narrative, the agenda and resume.json."


class ConversationForm(EditVersionMixin, forms.Form):
    """Plan, record or correct a conversation; `stage` picks the fields and the date rule."""

    held_on = forms.DateField(label="Date", widget=DateInput())
    supervisor = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        widget=QuickSelect,
        required=False,
        empty_label="No one named",
        help_text="Who you are meeting: your current manager unless you pick someone else "
        "from your people.",
    )
    agenda = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 5}), help_text=AGENDA_HINT
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What you talked about and what you heard.",
    )
    private_notes = forms.CharField(
        label="Private notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=PRIVATE_HINT,
    )

    def __init__(self, *args, owner: Profile, today: dt.date, stage: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.stage = stage
        self.fields["supervisor"].queryset = Person.objects.for_owner(owner).filter(is_active=True)
        if stage == ConversationStatus.PLANNED:
            del self.fields["notes"]
            del self.fields["private_notes"]

    def clean_held_on(self) -> dt.date:
        held_on = self.cleaned_data["held_on"]
        if "held_on" not in self.changed_data:
            # Correcting a conversation without moving it must not trip on its old date.
            return held_on
        if self.stage == ConversationStatus.PLANNED and held_on < self.today:
            raise forms.ValidationError(
                "That date has passed. If the conversation happened, record it instead."
            )
        if self.stage == ConversationStatus.HELD and held_on > self.today:
            raise forms.ValidationError(
                "That date is still ahead: plan the conversation now and record it afterwards."
            )
        return held_on


class AgreedActionForm(forms.Form):
    description = forms.CharField(
        label="Agreed action",
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": "e.g. Present the Q3 results to the CRO"}),
    )
    who = forms.ChoiceField(
        label="Who does it", choices=AgreedActionOwner.choices, initial=AgreedActionOwner.ME
    )
    due_on = forms.DateField(label="Due", required=False, widget=DateInput())


class ConversationFilterForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("", "All conversations"), *ConversationStatus.choices], required=False
    )
