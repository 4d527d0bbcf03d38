"""`{% item_sections "goal" goal %}`: what apps above add to an item's own page
(core/item_page.py), rendered in place."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from wayfinder.core.item_page import item_sections as _item_sections
from wayfinder.core.web import owner_of

register = template.Library()


@register.simple_tag(takes_context=True)
def item_sections(context: template.Context, kind: str, item: Any) -> SafeString:
    request = context["request"]
    parts = [
        render_to_string(
            section["template"], {"section": section["values"], "item": item}, request=request
        )
        for section in _item_sections(owner=owner_of(request), kind=kind, item=item)
    ]
    return mark_safe("".join(parts))  # each part is a template's autoescaped output
