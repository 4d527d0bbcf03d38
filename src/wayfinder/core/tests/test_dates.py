from __future__ import annotations

import datetime as dt

from wayfinder.core.dates import date_shown


def test_a_date_reads_as_the_pages_show_it():
    assert date_shown(dt.date(2026, 11, 3)) == "3 Nov 2026"
    assert date_shown(dt.date(2027, 1, 23)) == "23 Jan 2027"
