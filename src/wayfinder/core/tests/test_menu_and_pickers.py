"""The site menu folds on a phone, pickers need no "hold Ctrl", htmx injects no style."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from wayfinder.network.tests.factories import PersonFactory
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db
SOURCE = Path(__file__).resolve().parents[2]


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_the_menu_folds_behind_a_keyboard_reachable_toggle_without_script(signed_in):
    page = signed_in.get(reverse("wins:wins")).content.decode()
    toggle = '<input type="checkbox" id="site-menu-toggle" class="menu-toggle"'
    assert toggle in page
    assert '<label for="site-menu-toggle" class="menu-button">Menu</label>' in page
    # The toggle comes before the menu it opens: the CSS reads `:checked ~ .site-menu`.
    assert page.index(toggle) < page.index('<div class="site-menu" id="site-menu">')
    assert page.index('id="site-menu"') < page.index('<nav aria-label="Main">')
    css = Path(finders.find("wayfinder/app.css")).read_text()
    assert ".menu-toggle:checked ~ .site-menu" in css
    assert ".menu-toggle:focus-visible + .menu-button" in css


def test_htmx_keeps_its_indicator_styles_in_the_stylesheet(signed_in):
    page = signed_in.get("/").content.decode()
    config = (
        """<meta name="htmx-config" content='{"includeIndicatorStyles": false,"""
        """ "attributesToSettle": ["class", "width", "height"]}'>"""
    )
    assert config in page
    css = Path(finders.find("wayfinder/app.css")).read_text()
    assert ".htmx-indicator { opacity: 0; }" in css
    assert ".htmx-request .htmx-indicator" in css


def test_the_picker_script_is_served_from_the_app(signed_in):
    page = signed_in.get("/").content.decode()
    assert '<script src="/static/wayfinder/picker.js" defer></script>' in page
    assert finders.find("wayfinder/picker.js")


def test_collaborators_are_ticked_in_a_filterable_list(signed_in, owner):
    win = WinFactory(owner=owner)
    ana = PersonFactory(owner=owner, name="Ana Ops")
    PersonFactory(owner=owner, name="Ben Co")
    win.collaborators.add(ana)
    page = signed_in.get(win.get_absolute_url()).content.decode()
    assert '<div class="picker" id="id_people" data-picker>' in page
    assert f'value="{ana.pk}" checked' in page
    assert "<legend>Choose collaborators</legend>" in page


def test_the_narrative_audience_is_a_choice_of_radio_buttons(signed_in):
    page = signed_in.get(reverse("advocacy:narratives")).content.decode()
    assert '<input type="radio" name="audience" value="committee"' in page
    assert "<legend>Who will read it?" in page


def test_no_page_or_form_asks_to_hold_ctrl():
    said = [
        path.relative_to(SOURCE)
        for path in SOURCE.rglob("*")
        if path.suffix in {".py", ".html"}
        and "tests" not in path.parts
        and "hold ctrl" in path.read_text(encoding="utf-8").lower()
    ]
    assert said == []
