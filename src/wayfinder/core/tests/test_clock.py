import datetime as dt
import subprocess
import sys

import pytest
import time_machine

from wayfinder.core.clock import UnknownTimeZone, today_for, today_in


class Owner:
    def __init__(self, time_zone):
        self.time_zone = time_zone


@time_machine.travel(dt.datetime(2026, 11, 23, 23, 30, tzinfo=dt.UTC), tick=False)
def test_today_follows_the_owners_time_zone():
    assert today_for(Owner("Asia/Tokyo")) == dt.date(2026, 11, 24)
    assert today_for(Owner("America/New_York")) == dt.date(2026, 11, 23)
    assert today_in("Asia/Tokyo") == dt.date(2026, 11, 24)


@time_machine.travel(dt.datetime(2026, 11, 23, 23, 30, tzinfo=dt.UTC), tick=False)
def test_an_unknown_zone_reads_as_utc_on_pages_and_is_refused_for_capture():
    assert today_for(Owner("Mars/Olympus")) == dt.date(2026, 11, 23)
    with pytest.raises(UnknownTimeZone, match="'Mars/Olympus' is unknown"):
        today_in("Mars/Olympus")


def test_pages_and_the_command_line_read_one_clock():
    from wayfinder.cli import capture
    from wayfinder.core import web

    assert web.today_for is today_for
    assert capture.today_in is today_in


def test_the_clock_imports_no_django():
    code = (
        "import sys, wayfinder.core.clock; print(any(m.startswith('django') for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
