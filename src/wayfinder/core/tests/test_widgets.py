import datetime as dt

from django import forms

from wayfinder.core.widgets import DateInput, FilterableCheckboxes, QuickSelect

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


def test_filterable_checkboxes_tick_every_chosen_value_escaped_without_hold_ctrl():
    widget = FilterableCheckboxes(choices=CHOICES[1:], attrs={"id": "id_people"})
    html = widget.render("people", [1, 3])
    assert '<div class="picker" id="id_people" data-picker>' in html
    assert 'name="people" value="1" checked id="id_people_0"> Ana &lt;Ops&gt;</label>' in html
    assert 'name="people" value="2" id="id_people_1"> Ben &amp; Co</label>' in html
    assert 'value="3" checked' in html and html.count("checked") == 2
    assert "<select" not in html and "multiple" not in html
    # The filter box waits for picker.js: without JavaScript the list works on its own.
    assert '<input type="search" class="picker-filter"' in html and "hidden>" in html


def test_filterable_checkboxes_work_in_a_bound_form_as_a_fieldset():
    class Pick(forms.Form):
        people = forms.MultipleChoiceField(choices=CHOICES[1:], widget=FilterableCheckboxes)

    form = Pick({"people": ["1", "2"]})
    assert form.is_valid() and form.cleaned_data["people"] == ["1", "2"]
    assert form["people"].use_fieldset
    assert str(form["people"]).count("checked") == 2


def test_quick_select_works_in_a_bound_form():
    class Pick(forms.Form):
        person = forms.ChoiceField(choices=CHOICES, widget=QuickSelect)

    form = Pick({"person": "3"})
    assert form.is_valid()
    assert '<option value="3" selected>Cy</option>' in str(form["person"])
    assert "required" in str(form["person"])
