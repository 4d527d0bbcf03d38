"""Dates as the pages show them ("23 Nov 2026"), for sentences written in Python.

Templates write `{{ day|date:"j M Y" }}`; messages, errors and drafted text use
`date_shown`, so a person never reads an ISO date the pages would not show.
"""

from __future__ import annotations

import datetime as dt

from django.utils.formats import date_format

PAGE_DATE_FORMAT = "j M Y"


def date_shown(day: dt.date) -> str:
    """`day` as the pages show it, e.g. "3 Nov 2026"."""
    return date_format(day, PAGE_DATE_FORMAT)
