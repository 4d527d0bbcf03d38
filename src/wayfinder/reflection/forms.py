"""Forms for reviews, the journal and private notes; the rules live in the services."""

from __future__ import annotations

from django import forms

from wayfinder.core.forms import EditVersionMixin
from wayfinder.core.widgets import DateInput
from wayfinder.reflection.models import ReviewKind
from wayfinder.reflection.questions import BY_KEY, MOMENTS, PRACTICES, QUESTIONS, Question

PRIVATE_HINT = "Private: for your eyes only, left out of the narrative, the agenda and resume.json."


def _question_choices(empty: str) -> list[tuple[str, str]]:
    return [("", empty), *((question.key, question.text) for question in QUESTIONS)]


class ReviewStartForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of review", choices=ReviewKind.choices)
    held_on = forms.DateField(label="Date", widget=DateInput())


class MomentForm(forms.Form):
    moment = forms.ChoiceField(label="Questions for", choices=list(MOMENTS.items()))


class ReviewAnswersForm(forms.Form):
    """One answer box per coaching question; empty boxes are simply not kept."""

    is_private = forms.BooleanField(
        label="Keep these answers private", required=False, help_text=PRIVATE_HINT
    )

    def __init__(self, *args, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        answers = {
            f"answer_{question.key}": forms.CharField(
                label=question.text,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            for question in questions
        }
        # The answers first, the privacy choice last, as a person fills them in.
        self.fields = {**answers, "is_private": self.fields["is_private"]}

    def answers(self) -> list[tuple[Question, str]]:
        """The questions answered, with their answers, in the order asked."""
        return [
            (question, self.cleaned_data[f"answer_{question.key}"].strip())
            for question in self.questions
            if self.cleaned_data[f"answer_{question.key}"].strip()
        ]


class ReviewCompleteForm(EditVersionMixin, forms.Form):
    summary = forms.CharField(
        label="What did you conclude?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="A few lines you will want to read at the next review: what moved, what "
        "you will do next.",
    )


class JournalEntryForm(EditVersionMixin, forms.Form):
    question_key = forms.ChoiceField(
        label="Coaching question",
        required=False,
        choices=_question_choices("No question: a free entry"),
    )
    answer = forms.CharField(label="Your answer", widget=forms.Textarea(attrs={"rows": 6}))
    written_on = forms.DateField(label="Date", widget=DateInput())
    is_private = forms.BooleanField(label="Private", required=False, help_text=PRIVATE_HINT)

    def __init__(self, *args, keep_question: tuple[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if keep_question and keep_question[0] not in BY_KEY:
            # An answer to a question no longer in the library keeps its question.
            self.fields["question_key"].choices = [
                *self.fields["question_key"].choices,
                keep_question,
            ]

    def question_text(self) -> str:
        key = self.cleaned_data["question_key"]
        if key in BY_KEY:
            return BY_KEY[key].text
        return dict(self.fields["question_key"].choices).get(key, "") if key else ""


class JournalFilterForm(forms.Form):
    question = forms.ChoiceField(required=False, choices=_question_choices("Any question"))
    practice = forms.ChoiceField(required=False, choices=[("", "Any practice"), *PRACTICES.items()])


class PrivateNoteForm(EditVersionMixin, forms.Form):
    title = forms.CharField(max_length=200)
    body = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 8}))


class BackupPlanForm(EditVersionMixin, forms.Form):
    body = forms.CharField(
        label="Your backup plan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="The alternatives you would pursue if support here dried up: other teams, "
        "other companies, people who would take your call, what you would need to be ready.",
    )
