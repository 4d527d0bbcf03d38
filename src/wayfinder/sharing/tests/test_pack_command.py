"""`wayfinder share pack`: the same file as the Sharing page's share pack."""

from __future__ import annotations

import datetime as dt

import pytest

from wayfinder.cli import main
from wayfinder.plan.tests.factories import DevelopmentActionFactory
from wayfinder.sharing import pack

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(owner):
    DevelopmentActionFactory(owner=owner, title="Present Q3 to the CRO")
    return owner


def _pack(owner, today, sections):
    share = pack.pack_share(
        owner=owner, sections=sections, valid_until=dt.date(2027, 3, 31), today=today
    )
    return pack.pack_html(share=share, today=today)


def test_the_command_writes_the_same_pack(record, today, tmp_path, capsys):
    target = tmp_path / "for-rob.html"
    status = main(
        ["share", "pack", "--sections", "plan,wins", "--until", "2027-03-31", "-o", str(target)]
    )
    assert status == 0
    assert target.read_text() == _pack(record, today, ["plan", "wins"])


def test_the_command_says_in_one_line_what_is_wrong(record, tmp_path, capsys):
    status = main(["share", "pack", "--sections", "salary", "-o", str(tmp_path / "x.html")])
    assert status == 1
    error = capsys.readouterr().err
    assert "unknown section" in error and "Traceback" not in error
    assert not (tmp_path / "x.html").exists()
