import datetime as dt

from django import forms

from wayfinder.core.widgets import DateInput, QuickSelect, QuickSelectMultiple

CHOICES = [("", "Choose a person"), (1, "Ana <Ops>"), (2, "Ben & Co"), (3, "Cy")]


def test_date_input_is_iso():
    assert 'value="2026-11-23"' in DateInput().render("d", dt.date(2026, 11, 23))


def test_quick_select_writes_the_same_options_as_django_escaped():
    html = QuickSelect(choices=CHOICES, attrs={"id": "id_person"}).render("person", 2)
    assert html.startswith('<select id="id_person" name="person">')
    assert '<option value="">Choose a person</option>' in html
    assert '<option value="1">Ana &lt;Ops&gt;</option>' in html
    assert '<option value="2" selected>Ben &amp; Co</option>' in html
    assert html.count("selected") == 1


def test_quick_select_multiple_marks_every_chosen_value():
    widget = QuickSelectMultiple(choices=CHOICES[1:], attrs={"size": 6})
    html = widget.render("people", [1, 3])
    assert "multiple" in html and 'size="6"' in html and 'name="people"' in html
    assert '<option value="1" selected>' in html and '<option value="3" selected>' in html
    assert '<option value="2">' in html


def test_quick_select_works_in_a_bound_form():
    class Pick(forms.Form):
        person = forms.ChoiceField(choices=CHOICES, widget=QuickSelect)

    form = Pick({"person": "3"})
    assert form.is_valid()
    assert '<option value="3" selected>Cy</option>' in str(form["person"])
    assert "required" in str(form["person"])
