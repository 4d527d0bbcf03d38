"""Form widgets shared by every app."""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class DateInput(forms.DateInput):
    """A native date picker; it only understands ISO dates, whatever the locale."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None):
        super().__init__(attrs, format="%Y-%m-%d")


class _QuickOptions:
    """Options written in Python rather than through a template each.

    A select of someone's whole network holds thousands of people; Django renders every
    option through its own template, which costs tens of milliseconds per page.
    """

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        chosen = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    option_value,
                    mark_safe(" selected") if str(option_value) in chosen else "",
                    label,
                )
                for option_value, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)


class QuickSelect(_QuickOptions, forms.Select):
    pass


class FilterableCheckboxes(forms.CheckboxSelectMultiple):
    """Several choices as a list of checkboxes with a filter box: no key to hold down.

    Without JavaScript it is a plain scrolling list of checkboxes; core/static's picker.js
    shows the filter box and hides the names that do not match what is typed. Written in
    Python like the quick selects, since a whole network can be thousands of people.
    """

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        base_id = final.pop("id", None) or f"id_{name}"
        chosen = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<li><label><input type="checkbox" name="{}" value="{}"{} id="{}_{}"> {}</label></li>',
            (
                (
                    name,
                    option_value,
                    mark_safe(" checked") if str(option_value) in chosen else "",
                    base_id,
                    index,
                    label,
                )
                for index, (option_value, label) in enumerate(self.choices)
            ),
        )
        return format_html(
            '<div class="picker" id="{}" data-picker>'
            '<input type="search" class="picker-filter" aria-label="Filter the list"'
            ' aria-controls="{}_options" placeholder="Type to filter" hidden>'
            '<ul class="picker-options" id="{}_options">{}</ul>'
            '<p class="picker-none muted" hidden>No name matches.</p>'
            "</div>",
            base_id,
            base_id,
            base_id,
            options,
        )
